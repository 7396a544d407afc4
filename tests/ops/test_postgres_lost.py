"""Failure drill: PostgreSQL drops every connection (as in a restart) and the app recovers.

gunicorn serves the drills' own seeded database with persistent connections (CONN_MAX_AGE),
as in production. We end the server processes of that database only, with
pg_terminate_backend, which is what a restart of PostgreSQL does to its clients, and ask for a
page again. Django's CONN_HEALTH_CHECKS notices the dead connection and opens a new one: the
very first request after the loss succeeds, without restarting gunicorn.
"""

import http.client

import pytest

from tests.bench.server import bench_env, gunicorn, session_cookie
from tests.databases import psql

pytestmark = pytest.mark.postgres_drill


def get(port: int, path: str, cookie: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def backends(drill: dict) -> set[str]:
    out = psql(
        drill["db"],
        f"select pid from pg_stat_activity where datname = '{drill['name']}' "
        "and pid <> pg_backend_pid();",
    )
    return set(out.split())


def terminate_backends(drill: dict) -> None:
    psql(
        drill["db"],
        "select pg_terminate_backend(pid) from pg_stat_activity "
        f"where datname = '{drill['name']}' and pid <> pg_backend_pid();",
    )


def test_pages_work_again_at_once_after_postgres_dropped_every_connection(
    seeded_drill_database,
):
    drill = seeded_drill_database
    env = bench_env(drill["url"], DATABASE_CONN_MAX_AGE="600", REDIS_URL="")
    cookie = session_cookie(env, "regisseur")
    with gunicorn(env, workers=1) as port:
        assert get(port, "/", cookie) == 200
        before = backends(drill)
        assert before, "gunicorn keeps its connection open between requests"

        terminate_backends(drill)
        assert backends(drill) == set()

        # No restart of gunicorn: the next requests are served on a fresh connection.
        assert [get(port, "/", cookie) for _ in range(3)] == [200, 200, 200]
        assert get(port, "/healthz", cookie) == 200
        after = backends(drill)
        assert after and not (after & before)
