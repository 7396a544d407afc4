"""The load scenario: a real morning of every role against gunicorn + PostgreSQL + Redis + a worker.

    make loadtest                       100 users, 10 minutes (issue 24's measurement)
    make loadtest BENCH_ARGS="load --users 30 --minutes 5"   issue 11's morning
    make loadtest BENCH_ARGS="load --users 10 --minutes 1"   a short smoke run

Everything stays on loopback: gunicorn binds 127.0.0.1, locust's host is 127.0.0.1, Redis and
PostgreSQL are the local servers (Redis: our own database number, LOAD_REDIS_URL). The run is
bounded in time (locust's --run-time) and stops by itself. The scenario is
tests/bench/locust_morning.py; results per page (requests, req/s, p50, p95, failures) are
printed as a table and go into BENCHMARKS.md by hand, with the command.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import redis

from tests.bench.server import (
    BASE,
    PY,
    bench_env,
    default_database_url,
    gunicorn,
    load_average,
    manage,
)

PREPARE = """
import json
from aftercare.models import AftercareRecord
from advice.models import AdviceRecord
from cases.models import Case, LifeDomain, Status
from django.utils import timezone
from django.conf import settings
from django.test import Client
from trafficking.models import Signal
from zvhd.network.models import User
ACCOUNTS = ("regisseur", "ondersteuner", "begeleider", "nazorg", "mensenhandel", "manager",
            "liaison.politie", "liaison.om", "partner", "gemeente.assen", "financien",
            "beheerder", "privacy")
sessions = {}
for name in ACCOUNTS:
    c = Client(); c.force_login(User.objects.get(username=name))
    sessions[name] = c.cookies[settings.SESSION_COOKIE_NAME].value
def visible(model, name, action="view", limit=60):
    return list(model.objects.visible_to(User.objects.get(username=name), action)
                .order_by("-pk").values_list("pk", flat=True)[:limit])
ids = {
    # The director's own running case files: those whose plan the director may open and write
    # (a closed case is read-only: a write there is refused with 409, as it should be).
    "director_cases": sorted(
        set(visible(Case, "regisseur", "details")) & set(visible(Case, "regisseur", "change"))
        & set(Case.objects.filter(status__in=(Status.ACTIEF, Status.OPGESCHAALD))
              .values_list("pk", flat=True))
    ),
    "liaison_cases": visible(Case, "liaison.politie"),
    "om_cases": visible(Case, "liaison.om"),
    "guide_cases": visible(Case, "begeleider", "details"),
    "partner_cases": visible(Case, "partner", "details"),
    "aftercare_records": visible(AftercareRecord, "nazorg"),
    "signals": visible(Signal, "mensenhandel"),
    "advice": visible(AdviceRecord, "ondersteuner"),
    "life_domain": LifeDomain.choices[0][0],
    # The jaarverslag of the year just ended, as management makes it in the morning.
    "report_year": timezone.localdate().year - 1,
    "year": timezone.localdate().year,
}
print(json.dumps({"sessions": sessions, "ids": ids}))
"""


@contextmanager
def celery_worker(env: dict):
    process = subprocess.Popen(
        [PY, "-m", "celery", "-A", "zvhd", "worker", "--pool=solo", "--loglevel=warning",
         "--without-mingle", "--without-gossip"],
        cwd=BASE, env=env,
    )  # fmt: skip
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def parse_stats(path: Path) -> list[dict]:
    with path.open() as handle:
        return list(csv.DictReader(handle))


def print_cpu_by_view(folder: Path, top: int = 25) -> None:
    """The web workers' CPU by view (tests/bench/gunicorn_cpu.conf.py): where the morning's
    cores went, the first thing to look at before changing anything (issue 24)."""
    totals: dict[str, list] = {}
    for path in folder.glob("cpu-*.json"):
        for view, (count, spent) in json.loads(path.read_text()).items():
            entry = totals.setdefault(view, [0, 0.0])
            entry[0] += count
            entry[1] += spent
    everything = sum(spent for _, spent in totals.values())
    if not everything:
        return
    requests = sum(count for count, _ in totals.values())
    print(
        f"\nCPU per view (web workers only): {everything / 1000:.0f} s for {requests} requests, "
        f"{everything / requests:.1f} ms a request"
    )
    print(f"{'view':<44} {'req':>6} {'share':>6} {'ms/req':>7}")
    for view, (count, spent) in sorted(totals.items(), key=lambda item: -item[1][1])[:top]:
        print(f"{view[:44]:<44} {count:>6} {100 * spent / everything:>5.1f}% {spent / count:>7.1f}")


def run(argv: list[str]) -> None:
    users = int(argv[argv.index("--users") + 1]) if "--users" in argv else 100
    minutes = float(argv[argv.index("--minutes") + 1]) if "--minutes" in argv else 10
    web_workers = int(os.environ.get("LOAD_WEB_WORKERS", "3"))
    redis_url = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/6")
    env = bench_env(
        # Made anew each run: the morning writes (journal entries, goals, the access log), and
        # a run on the database of the runs before it read more and was slower.
        default_database_url("zvhd_load", fresh=True),
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        CELERY_RESULT_BACKEND=redis_url,
        MEDIA_ROOT=tempfile.mkdtemp(prefix="zvhd-load-media-"),
    )
    print(f"database: {env['DATABASE_URL'].split('@')[-1]}, redis: {redis_url}")
    # Seeding runs its tasks eagerly: its mails must not queue up ahead of the morning.
    eager = {**env, "CELERY_BROKER_URL": "", "CELERY_RESULT_BACKEND": ""}
    manage(eager, "migrate", "--noinput")
    manage(eager, "seed_demo")
    # What autovacuum does on a server after a seed; this machine's (CI's) server runs with
    # autovacuum off, and a table never analyzed is planned from default guesses: the access
    # log search estimated 74 of 140,000 rows and sorted them all (51 ms a page, issue 24).
    manage(
        eager, "shell", "--no-imports", "-c",
        "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
    )  # fmt: skip
    prepared = json.loads(manage(eager, "shell", "--no-imports", "-c", PREPARE).splitlines()[-1])
    # Only our own Redis database, only Celery's queue key: what an earlier run left behind.
    redis.Redis.from_url(redis_url).delete("celery")
    out = Path(tempfile.mkdtemp(prefix="zvhd-load-"))
    locust_env = {
        **env,
        "LOAD_SESSIONS": json.dumps(prepared["sessions"]),
        "LOAD_IDS": json.dumps(prepared["ids"]),
    }
    cpu_dir = out / "cpu"
    cpu_dir.mkdir()
    with (
        celery_worker(env),
        gunicorn(
            {**env, "GUNICORN_CPU_DIR": str(cpu_dir)},
            workers=web_workers,
            access_log=str(out / "access.log"),
            config="tests/bench/gunicorn_cpu.conf.py",
        ) as port,
    ):
        load_before = load_average()
        started = time.monotonic()
        subprocess.run(
            [PY, "-m", "locust", "-f", str(BASE / "tests/bench/locust_morning.py"),
             "--headless", "--users", str(users), "--spawn-rate", "5",
             "--run-time", f"{int(minutes * 60)}s", "--stop-timeout", "10",
             "--host", f"http://127.0.0.1:{port}", "--csv", str(out / "morning"),
             "--only-summary", "--loglevel", "WARNING"],
            cwd=BASE, env=locust_env, check=False, timeout=minutes * 60 + 120,
        )  # fmt: skip
        elapsed = time.monotonic() - started
        load_after = load_average()
    rows = parse_stats(out / "morning_stats.csv")
    print(f"\n{users} users, {elapsed:.0f} s, gunicorn workers: {web_workers}, 1 Celery worker")
    print(f"load average before {load_before}, after {load_after}")
    print(f"{'page':<44} {'req':>6} {'req/s':>7} {'p50':>6} {'p95':>6} {'max':>6} {'fail':>5}")
    for r in rows:
        print(
            f"{r['Name'][:44]:<44} {r['Request Count']:>6} {float(r['Requests/s']):>7.1f} "
            f"{r['50%']:>6} {r['95%']:>6} {float(r['Max Response Time']):>6.0f} "
            f"{r['Failure Count']:>5}"
        )
    print_cpu_by_view(cpu_dir)
    failures = out / "morning_failures.csv"
    if failures.exists() and failures.read_text().count("\n") > 1:
        print("\nfailures:\n" + failures.read_text())
    done = manage(
        env, "shell", "--no-imports", "-c",
        "from reports.models import ReportDocument as D; "
        "print(list(D.objects.values_list('kind', 'status', 'requested_at', 'finished_at')"
        ".order_by('-pk')[:3]))",
    )  # fmt: skip
    print(f"latest report documents (the jaarverslag of the morning): {done.strip()}")
