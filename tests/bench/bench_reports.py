"""Reports at scale: all figures of one year over 1,000,000 cases, and the jaarverslag PDF.

    python -m tests.bench.bench_reports [--cases 1000000] [--year 2024] [--repeat 5]
    make bench BENCH_ARGS="reports --cases 1000000"

Seeds with the cases benchmark's own COPY seeding (tests.bench.bench_cases.seed, same
database), runs VACUUM (ANALYZE) on the case tables (what autovacuum does after a bulk load:
planner statistics and the visibility map), then measures in one run:
- `reports.figures.year_figures(year)` (every figure of the year, all apps), best and median;
- one hand-written SQL query per figure group (the scalar counts, the partner breakdown, the
  active cases by topic / gender / home municipality, the problem areas) doing the same work,
  as the floor the ORM version is compared with (goal: within 3x). It runs with the same
  session settings as the ORM (`SET LOCAL jit = off`, see reports.figures._figures_session),
  and its counts are checked against the ORM's, so both do the same work;
- the jaarverslag PDF (render only, as the Celery task does it): "cold" (the chart cache
  empty, as the first render of a snapshot in a fresh worker) and "warm" (the charts cached,
  as any later render), wall time and CPU time of the process (on a shared machine the CPU
  time is what a quiet machine's wall time would be), and peak memory (RSS growth of the
  process, its maximum RSS, and Python's traced peak).
Prints the load average before and after, since the machine is shared.
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
          COUNT(*) FILTER (WHERE act AND c.cross_municipal IS TRUE),
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
    "topics, gender, municipality": """
        SELECT c.topic, p.gender, m.name, COUNT(*) FROM cases_case c
        JOIN cases_person p ON p.id = c.person_id
        LEFT JOIN network_municipality m ON m.id = p.municipality_id
        WHERE c.kind IN ('maatwerk', 'pga') AND c.started_on <= %(last)s
          AND (c.closed_on IS NULL OR c.closed_on >= %(first)s)
        GROUP BY GROUPING SETS ((1), (2), (3))
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


def _load() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def run(argv: list[str]) -> None:
    import os

    url = os.environ.get("BENCH_DATABASE_URL", bench_cases.DEFAULT_DB)
    bench_cases._ensure_database(url)
    bench_cases._setup()
    total = int(argv[argv.index("--cases") + 1]) if "--cases" in argv else 1_000_000
    year = int(argv[argv.index("--year") + 1]) if "--year" in argv else 2024
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    bench_cases.seed(total)
    _seed_programmes()

    from django.db import connection

    from reports.figures import Year

    start = time.perf_counter()
    with connection.cursor() as c:
        # What autovacuum does after a bulk load; COPY leaves no statistics or visibility map.
        c.execute(
            "VACUUM (ANALYZE) cases_case, cases_person, cases_caseproblemarea, "
            "programmes_caseprogramme"
        )
    print(f"VACUUM (ANALYZE) of the case tables: {time.perf_counter() - start:.1f} s")

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
    print(f"cases: {cases:,}; year {year}; load average before: {_load()}")

    if "--pdf-only" not in argv:
        _figures(year, repeat, params)
    _pdf(year)
    print(f"load average after: {_load()}")


def _seed_programmes() -> None:
    """Programme periods for one in five direction cases (issue 20), one SQL statement: the
    cases benchmark's COPY seeding knows nothing of programmes. Also marks one in four cases
    cross-municipal (the recorded flag, which COPY leaves empty)."""
    from django.db import connection

    with connection.cursor() as c:
        start = time.perf_counter()
        c.execute("SELECT EXISTS (SELECT 1 FROM cases_case WHERE cross_municipal IS NOT NULL)")
        if not c.fetchone()[0]:
            c.execute("UPDATE cases_case SET cross_municipal = (id % 4 = 0)")
        c.execute("SELECT EXISTS (SELECT 1 FROM programmes_caseprogramme)")
        if c.fetchone()[0]:
            return
        c.execute("SELECT array_agg(id ORDER BY id) FROM programmes_programme")
        programmes = c.fetchone()[0]
        c.execute(
            """
            INSERT INTO programmes_caseprogramme
                (version, case_id, programme_id, started_on, ended_on, added_by_id, added_at)
            SELECT 1, c.id, (%(programmes)s::bigint[])[1 + c.id %% cardinality(%(programmes)s)],
                   c.started_on, CASE WHEN c.id %% 3 = 0 THEN c.started_on + 90 END,
                   c.registered_by_id, now()
            FROM cases_case c
            WHERE c.started_on IS NOT NULL AND c.id %% 5 = 0
            """,
            {"programmes": programmes},
        )
        periods = c.rowcount
    print(f"programme periods: {periods:,} in {time.perf_counter() - start:.1f} s")


def _hand_sql(params) -> dict:
    """Every hand-written query once, in one transaction with the ORM's session settings."""
    from django.db import connection, transaction

    results = {}
    with transaction.atomic(), connection.cursor() as c:
        c.execute("SET LOCAL jit = off")
        for name, sql in HAND_SQL.items():
            c.execute(sql, params)
            results[name] = c.fetchall()
    return results


def _check_same_counts(data: dict, hand: dict) -> None:
    """The hand SQL must count what the ORM counts, or the ratio means nothing."""
    scalar = hand["scalar counts"][0]
    ages = data["age_classes_count"]
    orm = [
        data["registered_direction"]["total"],
        data["registered_direction"]["pga"],
        data["active_direction"]["total"],
        data["active_direction"]["pga"],
        data["carried_in"],
        data["inflow"],
        data["closed"],
        data["not_taken_up"],
        ages["<18"],
        ages["18-23"],
        ages["24-40"],
        ages["41-65"],
        ages[">65"],
        data["cross_municipal"],
        data["problematic_housing"],
    ]
    assert list(scalar) == orm, (list(scalar), orm)
    by_municipality = {
        name: n
        for topic, gender, name, n in hand["topics, gender, municipality"]
        if topic is None and gender is None and name is not None
    }
    assert by_municipality == {
        name: row["direction"] for name, row in data["by_municipality"].items() if row["direction"]
    }
    genders = sum(n for _t, gender, _m, n in hand["topics, gender, municipality"] if gender)
    assert genders == sum(data["gender"].values()) == data["active_direction"]["total"]
    partners = sum(n for *_key, n in hand["by partner"])
    assert partners == sum(data["registered_by_partner"].values())
    areas = dict(hand["problem areas"])
    assert sum(areas.values()) == sum(data["problem_areas"].values())
    print("hand SQL counts = ORM counts: checked (scalar, municipality, gender, partner, areas)")


def _figures(year, repeat, params):
    from reports.figures import year_figures

    data = year_figures(year)  # warm up
    _check_same_counts(data, _hand_sql(params))
    orm_best, orm_median = _timed(lambda: year_figures(year), repeat)
    from cases.leadtimes import lead_times
    from programmes.figures import for_year as programme_figures

    lead_best, lead_median = _timed(lambda: lead_times(year), repeat)
    prog_best, prog_median = _timed(lambda: programme_figures(year), repeat)
    sql_best, sql_median = _timed(lambda: _hand_sql(params), repeat)
    print("| what | best ms | median ms |")
    print("|---|---:|---:|")
    print(f"| year_figures({year}) (all figures, ORM) | {orm_best:.0f} | {orm_median:.0f} |")
    print(f"| of which: lead times (1 query) | {lead_best:.0f} | {lead_median:.0f} |")
    print(f"| of which: programmes (4 queries) | {prog_best:.0f} | {prog_median:.0f} |")
    print(
        f"| hand-written SQL, one query per group ({len(HAND_SQL)}) | {sql_best:.0f} | "
        f"{sql_median:.0f} |"
    )
    print(f"ratio ORM / SQL (best): {orm_best / sql_best:.2f}")


def _status_mib(field: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _rss_mib() -> float:
    return _status_mib("VmRSS")


def _reset_peak_rss() -> bool:
    """Linux: writing 5 to clear_refs resets the process's peak RSS (VmHWM), so the peak
    after a render is the render's own, not the seeding's or the figures' before it."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _forget_charts() -> None:
    """Make the next render draw its charts again, without clearing a shared cache: charts
    are cached by their numbers and `CHART_STYLE`, so a new style value means new keys."""
    from reports import charts

    charts._local.clear()
    charts.CHART_STYLE = f"{charts.CHART_STYLE}-bench-{time.time_ns()}"


def _measure_render(label, document) -> None:
    """Time without tracemalloc (it slows Python down 2-3x), memory in a render of its own."""
    from reports.documents import render

    start, cpu = time.perf_counter(), time.process_time()
    pdf = render(document)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"jaarverslag PDF from snapshots, {label}: {elapsed:.2f} s wall, {cpu:.2f} s CPU, "
        f"{len(pdf) / 1024:.0f} KiB"
    )


def _measure_memory(document) -> None:
    from reports.documents import render

    _forget_charts()  # the charts drawn again: the heavier render
    rss_before = _rss_mib()
    reset = _reset_peak_rss()
    tracemalloc.start()
    render(document)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = _rss_mib()
    peak_rss = _status_mib("VmHWM") if reset else float("nan")
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"jaarverslag PDF memory (a cold render): peak RSS during the render {peak_rss:.0f} MiB "
        f"(RSS {rss_before:.0f} -> {rss_after:.0f} MiB), Python peak {peak / 1024 / 1024:.0f} "
        f"MiB; process max since start {max_rss:.0f} MiB (includes any seeding and the figures)"
    )


def _pdf(year):
    """As in production: the three years are frozen first, the task renders from snapshots."""
    from reports.documents import render
    from reports.figures import snapshot_figures
    from reports.models import DocumentKind, JobStatus, ReportDocument, YearSnapshot
    from zvhd.network.models import User

    manager = User.objects.get(username="manager")
    for y in (year, year - 1, year - 2):
        if not YearSnapshot._base_manager.filter(year=y, published=True).exists():
            start = time.perf_counter()
            YearSnapshot._base_manager.create(
                year=y,
                version=1,
                status=JobStatus.DONE,
                data=snapshot_figures(y),
                created_by=manager,
                published=True,
            )
            print(
                f"snapshot {y} frozen (all figures + 12 factsheets): "
                f"{time.perf_counter() - start:.1f} s"
            )
    snapshot = YearSnapshot._base_manager.get(year=year, published=True)
    document = ReportDocument(
        kind=DocumentKind.ANNUAL_REPORT, year=year, snapshot=snapshot, requested_by=manager
    )
    render(document)  # warm up: imports, fonts
    for _ in range(2):
        _forget_charts()
        _measure_render("cold (charts drawn)", document)
    for _ in range(2):
        _measure_render("warm (charts cached)", document)
    _measure_memory(document)


if __name__ == "__main__":
    import sys

    run(sys.argv[1:])
