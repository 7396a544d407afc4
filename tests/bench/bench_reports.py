"""Reports at scale: all figures of one year over 1,000,000 cases, and the jaarverslag PDF.

    python -m tests.bench.bench_reports [--cases 1000000] [--year 2024] [--repeat 5]
        [--figures-only | --pdf-only | --snapshot-only]
    make bench BENCH_ARGS="reports --cases 1000000"

Seeds with the cases benchmark's own COPY seeding (tests.bench.bench_cases.seed, same
database: cases with their lead-time dates and recorded cross-municipal flag, and programme
periods for one in five direction cases), runs VACUUM (ANALYZE) on the case tables (what
autovacuum does after a bulk load: planner statistics and the visibility map), then measures
in one run:
- `reports.figures.year_figures(year)` (every figure of the year, all apps, lead times and
  programmes included) cold: Django's cache cleared and a new database connection before each
  run; best and median wall time, the process's CPU time, and each query's time in one run;
  and once more with PostgreSQL's parallel workers off, the database backend's CPU time (read
  from /proc): what one quiet core needs, whatever the load of a shared machine;
- one hand-written SQL query per figure group (the scalar counts, the partner breakdown, the
  active cases by topic / gender / home municipality, the problem areas) doing the same work,
  as the floor the ORM version is compared with (goal: within 3x). It runs with the same
  session settings as the ORM (`SET LOCAL jit = off`, see zvhd.figures.session),
  and its counts are checked against the ORM's, so both do the same work;
- the jaarverslag PDF (render only, as the Celery task does it): "cold" (the chart cache
  empty, as the first render of a snapshot in a fresh worker) and "warm" (the charts cached,
  as any later render), wall time and CPU time of the process (on a shared machine the CPU
  time is what a quiet machine's wall time would be; the time the process waited for a CPU
  is printed too), and peak memory (RSS growth of the
  process, its maximum RSS, and Python's traced peak);
- freezing a year's snapshot (`reports.figures.snapshot_figures`: the year's figures and its
  12 municipal factsheets, what the snapshot task stores) cold, as `year_figures` above: best
  and median wall time, the query count and the slowest queries of one run.
Prints the load average before and after, since the machine is shared.
"""

from __future__ import annotations

import os
import resource
import statistics
import time
import tracemalloc
from contextlib import nullcontext

from tests.bench import bench_cases
from tests.bench.server import load_average

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


def run(argv: list[str]) -> None:
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
    print(f"cases: {cases:,}; year {year}; load average before: {load_average()}")

    only = [flag for flag in ("--figures-only", "--pdf-only", "--snapshot-only") if flag in argv]
    if not only or "--figures-only" in only:
        _figures(year, repeat, params)
    if not only or "--snapshot-only" in only:
        _snapshot(year, repeat)
    if not only or "--pdf-only" in only:
        _pdf(year)
    print(f"load average after: {load_average()}")


def _seed_programmes() -> None:
    """For a bench database seeded before the cases benchmark's COPY wrote them (issue 20):
    programme periods for one in five direction cases, one SQL statement, and the recorded
    cross-municipal flag for one in four cases (an UPDATE of every row: slow, and it doubles
    the table until a VACUUM FULL; seed a new database instead where you can)."""
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


def _cold_year_figures(year, *, queries=None, serial=False) -> tuple[float, float, float]:
    """One cold run of `year_figures`: (wall ms, process CPU ms, backend CPU ms or nan)."""
    from django.core.cache import cache
    from django.db import connection

    from reports.figures import year_figures

    cache.clear()
    connection.close()  # a new connection: no statement or type caches of an earlier run
    connection.ensure_connection()
    backend = None
    if serial:
        with connection.cursor() as c:
            c.execute("SET max_parallel_workers_per_gather = 0")
            c.execute("SELECT pg_backend_pid()")
            backend = _backend_cpu_ms(c.fetchone()[0])

    def record(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(((time.perf_counter() - start) * 1000, " ".join(sql.split())))

    start, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(record) if queries is not None else nullcontext():
        year_figures(year)
    wall, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
    backend_ms = float("nan")
    if serial:
        with connection.cursor() as c:
            c.execute("SELECT pg_backend_pid()")
            backend_ms = _backend_cpu_ms(c.fetchone()[0]) - backend
        connection.close()  # the next run gets the parallel workers back
    return wall, cpu, backend_ms


def _backend_cpu_ms(pid: int) -> float:
    """User + system CPU time of a PostgreSQL backend process on this machine (Linux)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _figures(year, repeat, params):
    from reports.figures import year_figures

    data = year_figures(year)  # warm up
    _check_same_counts(data, _hand_sql(params))
    runs = [_cold_year_figures(year) for _ in range(repeat)]
    walls = [wall for wall, _cpu, _b in runs]
    cpus = [cpu for _wall, cpu, _b in runs]
    queries: list = []
    _cold_year_figures(year, queries=queries)
    serial = [_cold_year_figures(year, serial=True) for _ in range(repeat)]
    sql_best, sql_median = _timed(lambda: _hand_sql(params), repeat)
    print("| what | best ms | median ms |")
    print("|---|---:|---:|")
    print(
        f"| year_figures({year}) cold: all figures, lead times and programmes included "
        f"| {min(walls):.0f} | {statistics.median(walls):.0f} |"
    )
    print(f"| of which Python (process CPU) | {min(cpus):.0f} | {statistics.median(cpus):.0f} |")
    backend = [b for _w, _c, b in serial]
    print(
        f"| the same with parallel workers off: database backend CPU | {min(backend):.0f} | "
        f"{statistics.median(backend):.0f} |"
    )
    print(
        f"| hand-written SQL, one query per group ({len(HAND_SQL)}) | {sql_best:.0f} | "
        f"{sql_median:.0f} |"
    )
    print(f"ratio ORM / SQL (best): {min(walls) / sql_best:.2f}")
    print(f"one cold run, {len(queries)} queries, the slowest:")
    for ms, sql in sorted(queries, reverse=True)[:6]:
        print(f"  {ms:7.0f} ms  {sql[:110]}")


def _cold_snapshot(year, *, queries=None) -> tuple[float, float]:
    """One cold `snapshot_figures(year)` (not stored): (wall ms, process CPU ms)."""
    from django.core.cache import cache
    from django.db import connection

    from reports.figures import snapshot_figures

    cache.clear()
    connection.close()
    connection.ensure_connection()

    def record(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(((time.perf_counter() - start) * 1000, " ".join(sql.split())))

    start, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(record) if queries is not None else nullcontext():
        snapshot_figures(year)
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def _snapshot(year, repeat):
    """Freezing a year's snapshot: the year's figures and its 12 factsheets, cold."""
    runs = [_cold_snapshot(year) for _ in range(repeat)]
    walls = [wall for wall, _cpu in runs]
    queries: list = []
    _cold_snapshot(year, queries=queries)
    print("| what | best ms | median ms |")
    print("|---|---:|---:|")
    print(
        f"| snapshot_figures({year}) cold: the year's figures and 12 factsheets "
        f"| {min(walls):.0f} | {statistics.median(walls):.0f} |"
    )
    cpus = [cpu for _wall, cpu in runs]
    print(f"| of which Python (process CPU) | {min(cpus):.0f} | {statistics.median(cpus):.0f} |")
    total = sum(ms for ms, _sql in queries)
    print(f"one cold run, {len(queries)} queries ({total:.0f} ms in queries), the slowest:")
    for ms, sql in sorted(queries, reverse=True)[:8]:
        print(f"  {ms:7.0f} ms  {sql[:110]}")


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


def _waited_for_cpu_s() -> float:
    """Linux: the seconds this process has been runnable but waiting for a CPU (the run queue,
    /proc/self/schedstat): on a shared machine, the part of the wall time that is the load."""
    try:
        with open("/proc/self/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except OSError:
        return float("nan")


def _measure_render(label, document) -> None:
    """Time without tracemalloc (it slows Python down 2-3x), memory in a render of its own."""
    from reports.documents import render

    start, cpu, waited = time.perf_counter(), time.process_time(), _waited_for_cpu_s()
    pdf = render(document)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    waited = _waited_for_cpu_s() - waited
    print(
        f"jaarverslag PDF from snapshots, {label}: {elapsed:.2f} s wall, {cpu:.2f} s CPU, "
        f"{waited:.2f} s waiting for a CPU, {len(pdf) / 1024:.0f} KiB"
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
