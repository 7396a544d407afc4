"""The figures dashboard and its exports at 1,000,000 cases, cold (issue 24 "Fast everywhere").

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/zvhd_bench_fig \
    BENCH_REDIS_URL=redis://127.0.0.1:6379/15 \
      .venv/bin/python -m tests.bench.bench_dashboard [--cases 1000000] [--year 2024]
          [--requests 20] [--repeat 3]
    make bench BENCH_ARGS="dashboard"

The reports bench's database (`zvhd_bench_fig`; seeded by bench_cases' COPY when empty,
5-6 minutes for a million cases). Measures, in-process with Django's test client (DEBUG off,
sessions and cache in Redis as in production):

- the worker's refresh of one year (`services.refresh_live_figures`: the province and the 12
  municipalities in one grouped pass, stored), cold (cache cleared, a new connection): best
  and median wall time and its queries. It fills the store for the three years shown first;
  on code before issue 24 (no `LiveFigures`) there is no store and this part is skipped;
- the dashboard of `year` (three years side by side), the CSV of the basic figures and the
  XLSX of all tables, as management and as the municipal contact of Assen: every request
  cold, Django's cache cleared and the charts forgotten before it (so the charts are drawn
  and the session read again each time); p50, p95 and the queries of one request.
Prints the load average before and after: the machine is shared.
"""

from __future__ import annotations

import os
import statistics
import time

from tests.bench import bench_cases
from tests.bench.server import load_average

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/zvhd_bench_fig"


def _cold() -> None:
    from django.core.cache import cache

    from tests.bench.bench_reports import _forget_charts

    cache.clear()
    _forget_charts()


def _measure(client, url: str, requests: int) -> dict:
    _cold()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    _cold()
    queries = _queries(lambda: client.get(url))
    times = []
    for _ in range(requests):
        _cold()
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[max(0, round(len(times) * 0.95) - 1)],
        "n": len(times),
        "queries": queries,
    }


def _queries(fn, slowest: int = 0) -> int:
    """The statements `fn()` sends (a wrapper on the connection: DEBUG is off here); prints
    the `slowest` of them."""
    from django.db import connection

    sent = []

    def count(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sent.append(((time.perf_counter() - start) * 1000, " ".join(sql.split())))

    with connection.execute_wrapper(count):
        fn()
    if slowest:
        total = sum(ms for ms, _sql in sent)
        print(f"one run, {len(sent)} queries ({total:.0f} ms in queries), the slowest:")
        for ms, sql in sorted(sent, reverse=True)[:slowest]:
            print(f"  {ms:7.0f} ms  {sql[:100]}")
    return len(sent)


def _refresh(year: int, repeat: int) -> None:
    from django.db import connection

    from reports import services

    walls = []
    for _ in range(repeat):
        _cold()
        connection.close()
        connection.ensure_connection()
        start = time.perf_counter()
        services.refresh_live_figures(year=year)
        walls.append((time.perf_counter() - start) * 1000)
    _cold()
    queries = _queries(lambda: services.refresh_live_figures(year=year), slowest=8)
    print(
        f"| refresh of {year} (province + 12 municipalities, stored), cold "
        f"| {min(walls):.0f} | {statistics.median(walls):.0f} | {queries} |"
    )


def run(argv: list[str]) -> None:
    os.environ.setdefault("BENCH_DATABASE_URL", DEFAULT_DB)
    url = os.environ["BENCH_DATABASE_URL"]
    bench_cases._ensure_database(url)
    bench_cases._setup()
    total = int(argv[argv.index("--cases") + 1]) if "--cases" in argv else 1_000_000
    year = int(argv[argv.index("--year") + 1]) if "--year" in argv else 2024
    requests = int(argv[argv.index("--requests") + 1]) if "--requests" in argv else 20
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
    bench_cases.seed(total)

    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    import reports.models
    from cases.models import Case
    from zvhd.network.models import User

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    stored = hasattr(reports.models, "LiveFigures")
    published = reports.models.YearSnapshot._base_manager.filter(
        year__in=[year, year - 1, year - 2], published=True
    ).count()
    print(
        f"cases: {Case._base_manager.count():,}; year {year} (+2 before; {published} of them "
        f"published); stored figures: {'yes' if stored else 'no (code before issue 24)'}"
    )
    print(f"load average before: {load_average()}")
    if stored:
        print("| what | best ms | median ms | queries |")
        print("|---|---:|---:|---:|")
        for y in (year - 1, year - 2):
            from reports import services

            services.refresh_live_figures(year=y)
        _refresh(year, repeat)
    rows = []
    for username in ("manager", "gemeente.assen"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        slow = 1 if stored else 4  # code before issue 24 computes three years per request
        for label, page, n in (
            ("dashboard", f"/rapportages/?jaar={year}", requests),
            ("CSV basiscijfers", f"/rapportages/{year}/export/basiscijfers.csv", requests),
            ("XLSX", f"/rapportages/{year}/export.xlsx", requests),
        ):
            result = _measure(client, page, max(3, n // slow))
            rows.append((username, label, result))
            print(f"  {username} {label}: {result}", flush=True)
    print(f"load average after: {load_average()}")
    print()
    print("| user | page | requests | p50 ms | p95 ms | queries |")
    print("|---|---|---:|---:|---:|---:|")
    for username, label, r in rows:
        print(
            f"| {username} | {label} | {r['n']} | {r['p50']:.0f} | {r['p95']:.0f} "
            f"| {r['queries']} |"
        )


if __name__ == "__main__":
    import sys

    run(sys.argv[1:])
