"""The case list against the bare page: throughput, and what the access-log write costs of it.

    python -m tests.bench.bench_listlog [--cases 100000] [--rounds 300] [--seconds 20]
    make bench BENCH_ARGS="listlog --cases 100000"

Uses the cases benchmark's database (`zvhd_bench_cases`, or BENCH_DATABASE_URL; seeded by
tests/bench/bench_cases.py's COPY when it has fewer cases) and Redis for sessions and cache
(BENCH_REDIS_URL, default database 9), as production does. Three measurements:

1. In one process, one request after the other, bare page and case list alternating (so a
   change in the machine's load hits both alike): mean wall time and CPU time per page, and
   the time spent inside the access-log write (`log_records_access`: building the 25 rows,
   the INSERT and its commit). Throughput of one worker is 1 / mean time. Beside it the
   floor: the bare page plus the time of the only two statements a list cannot do without
   (its page of rows and the access log's INSERT), measured inside the list; the best
   share of the bare page any list could reach, however lean its Python.
2. The same with the session's commits asynchronous (`SET synchronous_commit = off` on the
   connection): what a list page would gain if the access log's commit did not wait for the
   disk. A measurement only; the log keeps its synchronous commit (README, "Toegangslog").
3. Through gunicorn (3 workers) with 4 concurrent clients, for `--seconds` per page and
   commit mode: requests per second, the list's share of the bare page's. Concurrent commits
   share their disk flush (PostgreSQL's group commit), and a worker waiting for the disk
   leaves the CPU to the others, so this is the throughput the goal speaks of.

Prints the load average before and after each part: on a shared machine, a number without it
means little.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

from tests.bench.server import load_average


def _arg(argv, name, default):
    return int(argv[argv.index(name) + 1]) if name in argv else default


def in_process(rounds: int, *, asynchronous: bool) -> dict:
    from django.db import connection
    from django.test import Client

    import zvhd.privacy.services as services
    from zvhd.network.models import User

    spent = [0.0]
    statements = {"page": 0.0, "log": 0.0, "other": 0.0}
    original = services.log_records_access

    def classified(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements[_statement_kind(sql)] += time.perf_counter() - start

    def timed(**kwargs):
        start = time.perf_counter()
        original(**kwargs)
        spent[0] += time.perf_counter() - start

    services.log_records_access = timed
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute(f"SET synchronous_commit = {'off' if asynchronous else 'on'}")
        client = Client()
        client.force_login(User.objects.get(username="regisseur"))
        for _ in range(10):
            client.get("/_bench/bare")
            client.get("/casussen/")
        spent[0] = 0.0
        wall = {"bare": [], "list": []}
        cpu = {"bare": [], "list": []}
        for _ in range(rounds):
            for name, url in (("bare", "/_bench/bare"), ("list", "/casussen/")):
                start, start_cpu = time.perf_counter(), time.process_time()
                if name == "list":
                    with connection.execute_wrapper(classified):
                        assert client.get(url).status_code == 200
                else:
                    assert client.get(url).status_code == 200
                wall[name].append((time.perf_counter() - start) * 1000)
                cpu[name].append((time.process_time() - start_cpu) * 1000)
    finally:
        services.log_records_access = original
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = on")
    return {
        "bare": statistics.mean(wall["bare"]),
        "list": statistics.mean(wall["list"]),
        "bare_p50": statistics.median(wall["bare"]),
        "list_p50": statistics.median(wall["list"]),
        "bare_cpu": statistics.mean(cpu["bare"]),
        "list_cpu": statistics.mean(cpu["list"]),
        "log": spent[0] / rounds * 1000,
        **{f"sql_{kind}": seconds / rounds * 1000 for kind, seconds in statements.items()},
    }


def _statement_kind(sql: str) -> str:
    """The two statements no list can do without: its page of rows and the access log's
    INSERT of them; everything else (the user, the capped count, the saved filters) is
    "other"."""
    if sql.startswith('INSERT INTO "privacy_accesslog"'):
        return "log"
    if sql.startswith('SELECT "cases_case"."id" AS "pk"'):
        return "page"
    return "other"


def through_gunicorn(seconds: float) -> list[tuple[str, dict]]:
    from tests.bench.server import bench_env, gunicorn, load, session_cookie

    rows = []
    for mode, options in (("synchronous", ""), ("asynchronous", "-c synchronous_commit=off")):
        env = bench_env(
            os.environ["DATABASE_URL"],
            REDIS_URL=os.environ["REDIS_URL"],
            ALLOWED_HOSTS="127.0.0.1,localhost",
            PGOPTIONS=options,
        )
        cookie = session_cookie(env, "regisseur")
        with gunicorn(env, workers=3) as port:
            for path in ("/_bench/bare", "/casussen/", "/_bench/bare", "/casussen/"):
                result = load(
                    port, path, cookie, requests=100_000, concurrency=4, max_seconds=seconds
                )
                rows.append((f"{path} ({mode} commit)", result))
    return rows


def run(argv: list[str]) -> None:
    from tests.bench import bench_cases

    bench_cases._setup()
    bench_cases._ensure_database(os.environ["DATABASE_URL"])
    bench_cases.seed(_arg(argv, "--cases", 100_000))
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    rounds = _arg(argv, "--rounds", 300)

    print(f"\n1-2. in one process, {rounds} rounds of bare page + case list (regisseur)")
    print(f"load average before: {load_average()}")
    results = [
        ("synchronous commit (as built)", in_process(rounds, asynchronous=False)),
        ("asynchronous commit (measured only)", in_process(rounds, asynchronous=True)),
        ("synchronous commit, again", in_process(rounds, asynchronous=False)),
    ]
    print(f"load average after: {load_average()}\n")
    print(
        "| commit | bare ms (mean / p50) | list ms (mean / p50) | list/bare throughput "
        "| access-log write ms | CPU bare / list ms |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for label, r in results:
        print(
            f"| {label} | {r['bare']:.1f} / {r['bare_p50']:.1f} | {r['list']:.1f} / "
            f"{r['list_p50']:.1f} | {r['bare'] / r['list']:.0%} | {r['log']:.1f} "
            f"({r['log'] / r['list']:.0%} of the list) | {r['bare_cpu']:.1f} / "
            f"{r['list_cpu']:.1f} |"
        )
    print(
        "\nThe floor: the bare page plus only the two statements every list page needs (its"
        "\npage of rows and the access log's INSERT, as measured inside the list), no ORM,"
        "\nno template, no filters. No list can do better than this share of the bare page:\n"
    )
    print(
        "| commit | page rows ms | access-log INSERT ms | other statements ms "
        "| bare + page + INSERT ms | floor: best possible list/bare |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for label, r in results:
        floor = r["bare"] + r["sql_page"] + r["sql_log"]
        print(
            f"| {label} | {r['sql_page']:.2f} | {r['sql_log']:.2f} | {r['sql_other']:.2f} "
            f"| {floor:.2f} | {r['bare'] / floor:.0%} |"
        )
    if "--no-gunicorn" in argv:
        return
    seconds = _arg(argv, "--seconds", 20)
    print(f"\n3. gunicorn, 3 workers, 4 concurrent clients, {seconds} s per page and mode")
    print(f"load average before: {load_average()}")
    rows = through_gunicorn(seconds)
    print(f"load average after: {load_average()}\n")
    print("| page | requests | req/s | p50 ms | p95 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, r in rows:
        print(
            f"| {label} | {r['requests']} | {r['rps']:.1f} | {r['p50_ms']:.1f} | "
            f"{r['p95_ms']:.1f} | {r['errors']} |"
        )
    for mode in ("synchronous", "asynchronous"):
        bare = [r["rps"] for label, r in rows if label == f"/_bench/bare ({mode} commit)"]
        lists = [r["rps"] for label, r in rows if label == f"/casussen/ ({mode} commit)"]
        print(f"{mode}: list/bare throughput {statistics.mean(lists) / statistics.mean(bare):.0%}")


if __name__ == "__main__":
    run(sys.argv[1:])
