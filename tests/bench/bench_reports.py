"""Reports at scale: all figures of one year over 1,000,000 cases, and the jaarverslag PDF.

    python -m tests.bench.bench_reports [--cases 1000000] [--year 2024] [--repeat 5]
    make bench BENCH_ARGS="reports --cases 1000000"

Seeds with the cases benchmark's own COPY seeding (tests.bench.bench_cases.seed, same
database), then measures in one run:
- `reports.figures.year_figures(year)` (every figure of the year, all apps), best and median;
- one hand-written SQL query per figure group (the scalar counts, and each breakdown) doing the
  same work, as the floor the ORM version is compared with (goal: within 3x);
- the jaarverslag PDF (render only, as the Celery task does it): time and peak memory (RSS
  growth of the process and Python's traced peak).
"""

from __future__ import annotations

import resource
import statistics
import time
import tracemalloc

from tests.bench import bench_cases

HAND_SQL = {
    "scalar counts": """
        SELECT
          COUNT(*) FILTER (WHERE dir AND reg),
          COUNT(*) FILTER (WHERE dir AND reg AND c.kind = 'pga'),
          COUNT(*) FILTER (WHERE act), COUNT(*) FILTER (WHERE act AND c.kind = 'pga'),
          COUNT(*) FILTER (WHERE act AND c.started_on < %(first)s),
          COUNT(*) FILTER (WHERE dir AND c.started_on BETWEEN %(first)s AND %(last)s),
          COUNT(*) FILTER (WHERE dir AND c.closed_on BETWEEN %(first)s AND %(last)s),
          COUNT(*) FILTER (WHERE reg AND c.status = 'niet_opgepakt'),
          COUNT(*) FILTER (WHERE act AND age < 18),
          COUNT(*) FILTER (WHERE act AND age BETWEEN 18 AND 23),
          COUNT(*) FILTER (WHERE act AND age BETWEEN 24 AND 40),
          COUNT(*) FILTER (WHERE act AND age BETWEEN 41 AND 65),
          COUNT(*) FILTER (WHERE act AND age > 65),
          COUNT(*) FILTER (WHERE act AND c.municipality_id <> p.municipality_id),
          COUNT(*) FILTER (WHERE act AND EXISTS (SELECT 1 FROM cases_caseproblemarea a
                                                 WHERE a.case_id = c.id AND a.code = 'huisvesting'))
        FROM (
          SELECT c.*, (c.kind IN ('maatwerk', 'pga') AND c.started_on IS NOT NULL) AS dir,
                 (c.registered_at >= %(start)s AND c.registered_at < %(next)s) AS reg,
                 (c.kind IN ('maatwerk', 'pga') AND c.started_on <= %(last)s
                  AND (c.closed_on IS NULL OR c.closed_on >= %(first)s)) AS act
          FROM cases_case c
          WHERE (c.registered_at >= %(start)s AND c.registered_at < %(next)s)
             OR (c.kind IN ('maatwerk', 'pga') AND c.started_on <= %(last)s
                 AND (c.closed_on IS NULL OR c.closed_on >= %(first)s))
        ) c JOIN cases_person p ON p.id = c.person_id,
        LATERAL (SELECT date_part('year', age(
            (c.registered_at AT TIME ZONE 'Europe/Amsterdam')::date, p.birth_date)) AS age) a
    """,
    "by partner": """
        SELECT o.kind, o.figure_category, c.municipal_domain, COUNT(*)
        FROM cases_case c JOIN network_organisation o ON o.id = c.registering_organisation_id
        WHERE c.kind IN ('maatwerk', 'pga') AND c.started_on IS NOT NULL
          AND c.registered_at >= %(start)s AND c.registered_at < %(next)s
        GROUP BY 1, 2, 3
    """,
    "by municipality": """
        SELECT m.name, COUNT(*) FROM cases_case c
        JOIN cases_person p ON p.id = c.person_id JOIN network_municipality m
          ON m.id = p.municipality_id
        WHERE c.kind IN ('maatwerk', 'pga') AND c.started_on <= %(last)s
          AND (c.closed_on IS NULL OR c.closed_on >= %(first)s)
        GROUP BY 1
    """,
    "topics, gender": """
        SELECT c.topic, p.gender, COUNT(*) FROM cases_case c JOIN cases_person p
          ON p.id = c.person_id
        WHERE c.kind IN ('maatwerk', 'pga') AND c.started_on <= %(last)s
          AND (c.closed_on IS NULL OR c.closed_on >= %(first)s)
        GROUP BY GROUPING SETS ((1), (2))
    """,
    "problem areas": """
        SELECT a.code, COUNT(*) FROM cases_caseproblemarea a JOIN cases_case c ON c.id = a.case_id
        WHERE c.kind IN ('maatwerk', 'pga') AND c.started_on <= %(last)s
          AND (c.closed_on IS NULL OR c.closed_on >= %(first)s)
        GROUP BY 1
    """,
}


def _timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def run(argv: list[str]) -> None:
    import os

    url = os.environ.get("BENCH_DATABASE_URL", bench_cases.DEFAULT_DB)
    bench_cases._ensure_database(url)
    bench_cases._setup()
    total = int(argv[argv.index("--cases") + 1]) if "--cases" in argv else 1_000_000
    year = int(argv[argv.index("--year") + 1]) if "--year" in argv else 2024
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    bench_cases.seed(total)

    from django.db import connection

    from reports.figures import Year

    y = Year(year)
    params = {
        "start": y.start_moment,
        "next": y.next_start_moment,
        "first": y.first_day,
        "last": y.last_day,
    }
    with connection.cursor() as c:
        c.execute("SELECT COUNT(*) FROM cases_case")
        cases = c.fetchone()[0]
    print(f"cases: {cases:,}; year {year}")

    if "--pdf-only" not in argv:
        _figures(year, repeat, params)
    _pdf(year)


def _figures(year, repeat, params):
    from django.db import connection

    from reports.figures import year_figures

    year_figures(year)  # warm up
    orm_best, orm_median = _timed(lambda: year_figures(year), repeat)

    def hand():
        with connection.cursor() as c:
            for sql in HAND_SQL.values():
                c.execute(sql, params)
                c.fetchall()

    sql_best, sql_median = _timed(hand, repeat)
    print("| what | best ms | median ms |")
    print("|---|---:|---:|")
    print(f"| year_figures({year}) (all figures, ORM) | {orm_best:.0f} | {orm_median:.0f} |")
    print(
        f"| hand-written SQL, one query per group ({len(HAND_SQL)}) | {sql_best:.0f} | "
        f"{sql_median:.0f} |"
    )
    print(f"ratio ORM / SQL (best): {orm_best / sql_best:.2f}")


def _rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _pdf(year):
    """As in production: the three years are frozen first, the task renders from snapshots."""
    from reports.documents import render
    from reports.figures import snapshot_figures
    from reports.models import DocumentKind, JobStatus, ReportDocument, YearSnapshot
    from zvhd.network.models import User

    manager = User.objects.get(username="manager")
    for y in (year, year - 1, year - 2):
        if not YearSnapshot._base_manager.filter(year=y, published=True).exists():
            YearSnapshot._base_manager.create(
                year=y,
                version=1,
                status=JobStatus.DONE,
                data=snapshot_figures(y),
                created_by=manager,
                published=True,
            )
    snapshot = YearSnapshot._base_manager.get(year=year, published=True)
    document = ReportDocument(
        kind=DocumentKind.ANNUAL_REPORT, year=year, snapshot=snapshot, requested_by=manager
    )
    render(document)  # warm up (fonts, matplotlib)
    rss_before = _rss_mib()
    tracemalloc.start()
    start = time.perf_counter()
    pdf = render(document)
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = _rss_mib()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"jaarverslag PDF from snapshots: {elapsed:.2f} s, {len(pdf) / 1024:.0f} KiB, Python "
        f"peak {peak / 1024 / 1024:.0f} MiB, RSS {rss_before:.0f} -> {rss_after:.0f} MiB "
        f"(process max {max_rss:.0f} MiB)"
    )


if __name__ == "__main__":
    import sys

    run(sys.argv[1:])
