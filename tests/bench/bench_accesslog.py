"""The access log at 50 million rows: the privacy officer's search and access review, the purge.

    python -m tests.bench.bench_accesslog [--rows 50000000] [--cases 100000] [--requests 30]
    make bench BENCH_ARGS="accesslog --rows 50000000"
    # --explain prints each search's query plan; --fill-only stops after seeding

Seeds its own database (`zvhd_bench_alog`, or BENCH_DATABASE_URL; 14 GB at 50 million rows
with its indexes, ~23 minutes on the shared 2-core machine: check `df -h` first, and
`DROP DATABASE zvhd_bench_alog` when done; a second run reuses the months it finds): the
demo's people, the cases benchmark's synthetic cases and 39 synthetic process directors
(tests/bench/bench_cases.py), 260 more synthetic users, then the access log month by month
straight in SQL (`INSERT ... SELECT` over `generate_series`), five years and one month up to
now. Each month is filled as a table of its own and then attached as the month's partition
(PostgreSQL builds its indexes then): filling a table without indexes and indexing it once is
much faster than indexing row by row. The month tables are UNLOGGED (no WAL: the load writes
~20 GB less); reads behave the same, and the purge's measured time leaves out its WAL.

What the rows look like (one row per record shown or opened, as log_access writes them):
- 84 % "in een lijst getoond", 12.5 % viewed, 3 % changed, 0.45 % exported, 0.05 % deleted;
  2 % of the views refused (0.25 % of all rows);
- cases 62 %, persons 12 %, advice 10 %, aftercare 8 %, trafficking signals 3 %, case-file
  documents 5 %; a user opens mostly the records of a small working set (a director: the cases
  she directs), the rest anywhere;
- 300 users, activity skewed (the busiest reads ~2 % of all rows, ~1 million); 96 % of the
  rows in office hours on weekdays;
- a month holds ~830,000 rows, growing over the years (0.8x to 1.2x).

Then it measures, in-process with Django's test client as the privacy officer (DEBUG off,
sessions in Redis, N requests each after 3 warm-up requests): the access-log search by user,
by record (kind and id, id alone, case number), by period, by action and by outcome, each
newest first with the next page, and the access review over 30, 92 and 365 days (the longest
it allows) and 30 days a year back; p50/p95 and the number of queries. Before measuring, the
review's days are summarized as the worker does them (all five years on the first run, timed);
`--review-from-log` also times the review's two parts straight from the log, as the page
read them before (`--log-requests N`, default 5). Then a list page's access-log write (25 rows into
this month's table) and the purge (rolled back afterwards): the first run, a day, and the
month past the term dropped. Prints the load average before and after. `--only=<text>` and
`--skip=<text>` pick searches by their label.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

from tests.bench.server import load_average

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/zvhd_bench_alog"
USERS = 300
MONTHS = 61  # five years and the month before: the purge has something to remove
# (content type "app.model", share of rows, URL prefix of its pages)
KINDS = [
    ("cases.case", 0.62, "/casussen/"),
    ("persons.person", 0.12, "/personen/"),
    ("advice.advicerecord", 0.10, "/advies/"),
    ("aftercare.aftercarerecord", 0.08, "/nazorg/"),
    ("trafficking.signal", 0.03, "/mensenhandel/signalen/"),
    ("casefile.document", 0.05, "/casussen/dossier/"),
]
OTHER_RECORDS = 20_000  # ids of the kinds other than cases run 1..this


def _arg(argv, name, default):
    return int(argv[argv.index(name) + 1]) if name in argv else default


def _setup():
    os.environ["BENCH_DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    from tests.bench import bench_cases

    bench_cases._setup()


# ---------------------------------------------------------------------------------------------
# Seeding


def _users() -> None:
    """300 users in all: the demo's and the cases bench's, then synthetic partners."""
    from zvhd.network.models import Organisation, Role, User

    have = User.objects.count()
    if have >= USERS:
        return
    organisations = list(Organisation.objects.order_by("pk"))
    roles = [
        Role.PARTNERPROFESSIONAL,
        Role.LIAISON,
        Role.PROCESONDERSTEUNER,
        Role.TRAJECTBEGELEIDER,
    ]
    rng = random.Random(7)
    from zvhd.network.services import save_user

    for n in range(1, USERS - have + 1):
        user = User(
            username=f"bench.gebruiker.{n:03d}",
            first_name="Gebruiker",
            last_name=f"Bench {n:03d}",
            organisation=rng.choice(organisations),
        )
        save_user(user=user, roles=[rng.choice(roles)], changed_by=None)


def _user_table(cursor) -> None:
    """`bench_users`: each user once with an index by activity (0 reads most) and the values
    the log copies; `bench_ws`: the cases each directs (their working set)."""
    from zvhd.network.models import User

    users = list(
        User.objects.select_related("organisation").prefetch_related("groups").order_by("pk")
    )
    rng = random.Random(11)
    rng.shuffle(users)
    # The demo's director first: the busiest reader, as in the cases benchmark.
    users.sort(key=lambda u: u.username != "regisseur")
    cursor.execute("DROP TABLE IF EXISTS bench_users, bench_ws")
    cursor.execute(
        "CREATE TABLE bench_users (idx int PRIMARY KEY, user_id bigint, username text,"
        " organisation text, roles text, ws_count int DEFAULT 0)"
    )
    rows = [
        (
            i,
            u.pk,
            u.username,
            str(u.organisation or ""),
            ", ".join(sorted(g.name for g in u.groups.all())),
        )
        for i, u in enumerate(users[:USERS])
    ]
    cursor.executemany(
        "INSERT INTO bench_users (idx, user_id, username, organisation, roles)"
        " VALUES (%s, %s, %s, %s, %s)",
        rows,
    )
    cursor.execute(
        """CREATE TABLE bench_ws AS
           SELECT u.idx, row_number() OVER (PARTITION BY u.idx ORDER BY c.id DESC) AS n,
                  c.id AS case_id
           FROM bench_users u JOIN cases_case c ON c.director_id = u.user_id"""
    )
    cursor.execute("DELETE FROM bench_ws WHERE n > 60")
    cursor.execute("CREATE INDEX ON bench_ws (idx, n)")
    cursor.execute(
        "UPDATE bench_users u SET ws_count = w.c FROM"
        " (SELECT idx, count(*) AS c FROM bench_ws GROUP BY idx) w WHERE w.idx = u.idx"
    )
    cursor.execute("ANALYZE bench_users")
    cursor.execute("ANALYZE bench_ws")


FILL_MONTH = """
INSERT INTO {table} (at, user_id, username, organisation, roles, content_type_id, object_id,
                     action, allowed, path, ip_address, description)
SELECT * FROM (
SELECT at, user_id, username, organisation, roles, ct, object_id, action, allowed, path, ip,
       '' AS description
FROM (
  SELECT (b.local_day + b.local_time) AT TIME ZONE 'Europe/Amsterdam' AS at,
         u.user_id, u.username, u.organisation, u.roles,
         (%(cts)s::int[])[b.slot] AS ct,
         o.object_id,
         b.action,
         NOT (b.action = 'view' AND b.r_allowed < 0.02) AS allowed,
         CASE WHEN b.action = 'list' THEN (%(prefixes)s::text[])[b.slot]
              ELSE (%(prefixes)s::text[])[b.slot] || o.object_id || '/' END AS path,
         ('10.' || (16 + u.idx %% 8) || '.' || (u.idx %% 250) || '.' || (1 + u.idx %% 200))::inet
           AS ip
  FROM (
    SELECT random() AS r_user, random() AS r_obj, random() AS r_ws, random() AS r_allowed,
           CASE WHEN s < 0.62 THEN 1 WHEN s < 0.74 THEN 2 WHEN s < 0.84 THEN 3
                WHEN s < 0.92 THEN 4 WHEN s < 0.95 THEN 5 ELSE 6 END AS slot,
           CASE WHEN a < 0.84 THEN 'list' WHEN a < 0.965 THEN 'view'
                WHEN a < 0.995 THEN 'change' WHEN a < 0.9995 THEN 'export'
                ELSE 'delete' END AS action,
           -- weekdays: a weekend day moves to a day of that week in 85 of 100 cases
           CASE WHEN extract(isodow FROM d) >= 6 AND w < 0.85
                THEN d - (extract(isodow FROM d)::int - 1) + floor(w / 0.85 * 5)::int
                ELSE d END AS local_day,
           CASE WHEN h < 0.96 THEN interval '7 hours 30 minutes' + t * interval '11 hours'
                ELSE t * interval '24 hours' END AS local_time
    FROM (
      SELECT random() AS s, random() AS a, random() AS w, random() AS h, random() AS t,
             (%(first_day)s::date + floor(random() * %(days)s)::int) AS d
      FROM generate_series(1, %(rows)s)
    ) base
  ) b
  JOIN bench_users u
    ON u.idx = least(floor(%(users)s * power(b.r_user, 1.5))::int, %(users)s - 1)
  CROSS JOIN LATERAL (
    SELECT CASE
      WHEN b.slot = 1 AND b.r_ws < 0.8 AND u.ws_count > 0
      THEN (SELECT w.case_id FROM bench_ws w
            WHERE w.idx = u.idx AND w.n = 1 + floor(b.r_obj * u.ws_count)::int)::text
      WHEN b.r_ws < 0.8
      THEN (1 + (u.idx * 7919 + %(quarter)s * 104729 + floor(b.r_obj * 40)::int)
                %% (%(sizes)s::int[])[b.slot])::text
      ELSE (1 + floor(b.r_obj * (%(sizes)s::int[])[b.slot]))::text
    END AS object_id
  ) o
) x
WHERE at >= %(lo)s AND at < %(hi)s
-- Generated with some to spare (rows moved off a weekend may leave the month): a random
-- `limit` of them, exactly the month's share, go in, in order of time as a log is written.
ORDER BY random() LIMIT %(limit)s
) month ORDER BY at
"""


def _months(now: datetime) -> list[datetime]:
    first = datetime(now.year, now.month, 1, tzinfo=UTC)
    months = []
    for back in range(MONTHS - 1, -1, -1):
        year, month = first.year, first.month - back
        while month < 1:
            year, month = year - 1, month + 12
        months.append(datetime(year, month, 1, tzinfo=UTC))
    return months


def _next_month(month: datetime) -> datetime:
    return (month + timedelta(days=32)).replace(day=1)


def fill(total: int) -> None:
    """The access log, month by month, each month a partition attached after its fill."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    months = _months(now)
    # Rows per month: growing 0.8x -> 1.2x over the period; the month now running only to now.
    weights = [0.8 + 0.4 * i / (len(months) - 1) for i in range(len(months))]
    span_now = (now - months[-1]) / (_next_month(months[-1]) - months[-1])
    weights[-1] *= span_now
    scale = total / sum(weights)
    from cases.models import Case

    case_count = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 1
    cts, sizes, prefixes = [], [], []
    for label, _share, prefix in KINDS:
        app_label, model = label.split(".")
        cts.append(ContentType.objects.get_by_natural_key(app_label, model).pk)
        sizes.append(case_count if label == "cases.case" else OTHER_RECORDS)
        prefixes.append(prefix)
    with connection.cursor() as cursor:
        _user_table(cursor)
        cursor.execute("SET work_mem = '256MB'")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for month, weight in zip(months, weights, strict=True):
            table = f"privacy_accesslog_p{month:%Y_%m}"
            hi = _next_month(month)
            end = min(hi, now)
            rows = int(weight * scale)
            # Local days from the day before the month (UTC and Amsterdam differ at midnight).
            days = (end - month).days + 2
            params = {
                "rows": int(rows * 1.1 * days / max((end - month).days + 0.01, 1)) + 100,
                "limit": rows,
                "first_day": (month - timedelta(days=1)).date(),
                "days": days,
                "quarter": month.year * 4 + (month.month - 1) // 3,
                "users": USERS,
                "cts": cts,
                "sizes": sizes,
                "prefixes": prefixes,
                "lo": month,
                "hi": end,
            }
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
            if cursor.fetchone()[0]:
                # There from an earlier run: topped up to its share (the month now running
                # grows with the clock; an older bench filled ~2 % short).
                cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
                short = rows - int(cursor.fetchone()[0])
                if short > rows // 100:
                    cursor.execute(FILL_MONTH.format(table=table), {**params, "limit": short})
                    cursor.execute(f"VACUUM ANALYZE {table}")
                    print(f"  {table}: {short:,} rows added", flush=True)
                continue
            start = time.perf_counter()
            cursor.execute(
                f"CREATE UNLOGGED TABLE {table}_fill (LIKE privacy_accesslog INCLUDING DEFAULTS)"
            )
            cursor.execute(FILL_MONTH.format(table=f"{table}_fill"), params)
            filled = time.perf_counter() - start
            cursor.execute(f"ALTER TABLE {table}_fill RENAME TO {table}")
            cursor.execute(
                f"ALTER TABLE privacy_accesslog ATTACH PARTITION {table}"
                " FOR VALUES FROM (%s) TO (%s)",
                [month, hi],
            )
            cursor.execute(f"VACUUM ANALYZE {table}")
            cursor.execute(f"SELECT count(*) FROM {table}")
            print(
                f"  {table}: {cursor.fetchone()[0]:,} rows, filled {filled:.0f} s, "
                f"indexed and vacuumed {time.perf_counter() - start - filled:.0f} s",
                flush=True,
            )
        # The parent's own statistics (autovacuum analyses partitions, never their parent).
        cursor.execute("ANALYZE privacy_accesslog")


def seed(argv) -> None:
    from django.db import connection

    from tests.bench import bench_cases

    bench_cases._ensure_database(os.environ["DATABASE_URL"])
    bench_cases.seed(_arg(argv, "--cases", 100_000))
    _users()
    start = time.perf_counter()
    fill(_arg(argv, "--rows", 50_000_000))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sum(c.reltuples)::bigint, pg_size_pretty(sum(pg_total_relation_size(c.oid)))"
            " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " WHERE i.inhparent = 'privacy_accesslog'::regclass"
        )
        rows, size = cursor.fetchone()
    took = time.perf_counter() - start
    print(f"seed: access log ~{rows:,} rows, {size} with indexes ({took:.0f} s)")


# ---------------------------------------------------------------------------------------------
# Measuring


def measure(client, url: str, requests: int, *, explain: bool = False) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)  # read now: the next request empties Django's log
    if explain:
        slowest = max(ctx.captured_queries, key=lambda q: float(q["time"]))
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
            print(f"\n-- {url} ({slowest['time']} s)")
            print("\n".join(row[0] for row in cursor.fetchall()))
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[max(int(len(times) * 0.95) - 1, 0)],
        "max": times[-1],
        "queries": queries,
        "response": response,
    }


def _scalar(sql: str, params=()):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _pages() -> list[tuple[str, str]]:
    """(label, URL) of each search and review measured, with real values from the log."""
    from urllib.parse import urlencode

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from cases.models import Case

    today = timezone.localdate()
    year_ago = today - timedelta(days=365)
    month_ago = today - timedelta(days=30)
    busiest = _scalar("SELECT username FROM bench_users WHERE idx = 0")[0]
    light = _scalar("SELECT username FROM bench_users WHERE idx = %s", [USERS - 1])[0]
    case_type = ContentType.objects.get_for_model(Case).pk
    # A case its director opens often: one of the busiest reader's working set.
    case_id = _scalar("SELECT case_id FROM bench_ws WHERE idx = 0 AND n = 1")[0]
    number = Case.objects.filter(pk=case_id).values_list("number", flat=True).first()
    old_at, old_id = _scalar(
        "SELECT at, id FROM privacy_accesslog WHERE at < %s ORDER BY at DESC, id DESC LIMIT 1",
        [timezone.now() - timedelta(days=365)],
    )
    marker = f"{(old_at - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)}.{old_id}"
    log = "/privacy/toegangslog/"
    review = "/privacy/toegangscontrole/"

    def q(**params):
        return f"{log}?{urlencode(params)}" if params else log

    def period(start, end):
        return {"date_from": start.isoformat(), "date_to": end.isoformat()}

    def reviewed(start, end):
        return f"{review}?{urlencode({**period(start, end), 'threshold': 20})}"

    return [
        ("alles, nieuwste eerst", q()),
        ("alles, pagina 2", None),  # the next link of the page before
        ("alles, een jaar terug (keyset)", q(voor=marker)),
        ("gebruiker: de drukste, voluit", q(username=busiest)),
        ("gebruiker: de drukste, pagina 2", None),
        ("gebruiker: een van de stilste", q(username=light)),
        ("gebruiker: deel van een naam (39 regisseurs)", q(username="bench.regisseur")),
        ("gebruiker: één letter ('e', bijna iedereen)", q(username="e")),
        ("gebruiker: niemand", q(username="bestaat.niet")),
        (
            "gebruiker + een maand een jaar terug",
            q(username=busiest, **period(year_ago, year_ago + timedelta(days=30))),
        ),
        ("gebruiker + geëxporteerd", q(username=busiest, action="export")),
        ("gebruiker + verwijderd", q(username=busiest, action="delete")),
        ("record: soort + id", q(content_type=case_type, object_id=case_id)),
        ("record: id zonder soort", q(object_id=case_id)),
        ("record: casusnummer", q(object_id=number)),
        ("record + een maand", q(object_id=number, **period(month_ago, today))),
        ("periode: één dag een jaar terug", q(**period(year_ago, year_ago))),
        ("periode: een maand een jaar terug", q(**period(year_ago, year_ago + timedelta(days=30)))),
        ("periode: pagina 2", None),
        ("handeling: bekeken", q(action="view")),
        ("handeling: geëxporteerd", q(action="export")),
        ("handeling: verwijderd", q(action="delete")),
        ("handeling: verwijderd, pagina 2", None),
        ("handeling: verwijderd + een maand", q(action="delete", **period(month_ago, today))),
        ("uitkomst: geweigerd", q(allowed="0")),
        ("geweigerd + gebruiker", q(allowed="0", username=busiest)),
        ("toegangscontrole: 30 dagen (standaard)", review),
        (
            "toegangscontrole: 92 dagen",
            reviewed(today - timedelta(days=91), today),
        ),
        (
            "toegangscontrole: 365 dagen (het langste)",
            reviewed(today - timedelta(days=364), today),
        ),
        (
            "toegangscontrole: 30 dagen een jaar terug (alles samengevat)",
            reviewed(year_ago - timedelta(days=29), year_ago),
        ),
    ]


def summarize() -> None:
    """The access review's days (zvhd/privacy/review_days.py): every closed day not done yet,
    as the worker's hourly task does them (the first run: all five years)."""
    try:
        from zvhd.privacy.review_days import days_to_do, summarize_day
    except ImportError:  # a branch without them
        return
    days = days_to_do()
    if not days:
        return
    print(f"summarizing {len(days)} days for the access review ...", flush=True)
    times = []
    for day in days:
        start = time.perf_counter()
        summarize_day(day)
        times.append((time.perf_counter() - start) * 1000)
    from django.db import connection

    from zvhd.privacy.models import AccessDayRecord, AccessDaySummary

    with connection.cursor() as cursor:  # as summarize_days does after a long catch-up
        cursor.execute(
            "ANALYZE privacy_accessdayrecord, privacy_accessdaysummary, privacy_accessdaycount"
        )

    rows = _scalar(
        "SELECT pg_size_pretty(pg_total_relation_size('privacy_accessdayrecord')"
        " + pg_total_relation_size('privacy_accessdaysummary'))"
    )[0]
    print(
        f"summarized {len(days)} days in {sum(times) / 1000:.0f} s (per day p50"
        f" {statistics.median(sorted(times)):.0f} ms, max {max(times):.0f} ms):"
        f" {AccessDayRecord.objects.count():,} day records,"
        f" {AccessDaySummary.objects.count():,} reader days, {rows} with indexes",
        flush=True,
    )


def measure_review_from_log(requests: int) -> list[tuple[str, dict]]:
    """The review's two parts straight from the log (`uninvolved_readers`,
    `out_of_hours_readers`: what the page ran before its days were summarized), timed the
    same way as the pages, for 30 and 365 days."""
    from django.utils import timezone

    from zvhd.privacy import review

    if not hasattr(review, "review_readers"):
        return []
    today = timezone.localdate()
    results = []
    for days in (30, 365):
        bounds = review.period_bounds(today - timedelta(days=days - 1), today)
        times = []
        for n in range(requests + 1):
            start = time.perf_counter()
            with review.review_session():
                review.uninvolved_readers(*bounds, 20)
                review.out_of_hours_readers(*bounds)
            if n:  # the first warms up
                times.append((time.perf_counter() - start) * 1000)
        times.sort()
        results.append(
            (
                f"{days} dagen uit het log",
                {
                    "p50": statistics.median(times),
                    "p95": times[max(int(len(times) * 0.95) - 1, 0)],
                    "max": times[-1],
                },
            )
        )
    return results


def measure_purge() -> list[tuple[str, float, int]]:
    """The daily purge at full size, rolled back afterwards (the bench data stays as it is):
    first catching up to the day before the cutoff, then the day itself, then a month."""
    from django.db import transaction

    from zvhd.privacy.models import AccessLog
    from zvhd.privacy.partitions import months
    from zvhd.privacy.tasks import retention_cutoff

    class Rollback(Exception):
        pass

    cutoff = retention_cutoff()
    oldest_end = months()[0][2]
    results = []
    try:
        with transaction.atomic():
            for label, moment in (
                ("the first purge (up to the day before the cutoff)", cutoff - timedelta(days=1)),
                ("the daily purge: one day", cutoff),
                (
                    "a month later: the oldest month dropped, days deleted",
                    oldest_end + timedelta(days=5),
                ),
            ):
                start = time.perf_counter()
                removed = AccessLog.objects.purge_before(moment)
                results.append((label, (time.perf_counter() - start) * 1000, removed))
            raise Rollback
    except Rollback:
        pass
    return results


def measure_write(requests: int) -> dict:
    """The list page's access-log write at full size: 25 rows into this month's table."""
    from django.test import RequestFactory

    from cases.models import Case
    from zvhd.network.models import User
    from zvhd.privacy.services import log_records_access

    request = RequestFactory().get("/casussen/")
    request.user = User.objects.get(username="regisseur")
    ids = list(Case.objects.order_by("-pk").values_list("pk", flat=True)[:25])
    for _ in range(5):
        log_records_access(request=request, model=Case, object_ids=ids, action="list")
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        log_records_access(request=request, model=Case, object_ids=ids, action="list")
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1]}


def run(argv: list[str]) -> None:
    _setup()
    print(f"load average before: {load_average()}")
    seed(argv)
    print(f"load average after seeding: {load_average()}")
    if "--fill-only" in argv:
        return
    summarize()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    from zvhd.network.models import User

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    requests = _arg(argv, "--requests", 30)
    wanted = [a for a in argv if a.startswith("--only=")]
    client = Client()
    client.force_login(User.objects.get(username="privacy"))
    print(f"\nload average before measuring: {load_average()}")
    results, previous = [], None
    for label, url in _pages():
        if wanted and not any(w.removeprefix("--only=") in label for w in wanted):
            continue
        if url is None:  # the next page of the search before
            if previous is None:
                continue
            page = previous["response"].context["page"]
            url = f"/privacy/toegangslog/?{page.next_query}"
        if any(a.startswith("--skip=") and a.removeprefix("--skip=") in label for a in argv):
            continue
        previous = measure(client, url, requests, explain="--explain" in argv)
        results.append((label, previous))
        print(f"  {label}: p95 {previous['p95']:.1f} ms", flush=True)
    print(f"load average after measuring: {load_average()}\n")
    print(f"| search ({requests} requests each) | p50 ms | p95 ms | max ms | queries |")
    print("|---|---:|---:|---:|---:|")
    for label, r in results:
        print(f"| {label} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | {r['queries']} |")
    if "--review-from-log" in argv:
        print(f"\nload average before the review from the log: {load_average()}")
        for label, r in measure_review_from_log(_arg(argv, "--log-requests", 5)):
            print(f"| {label} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | |")
        print(f"load average after: {load_average()}")
    if wanted:
        return
    write = measure_write(200)
    print(
        f"\nlist page's access-log write (25 rows): p50 {write['p50']:.1f} ms, "
        f"p95 {write['p95']:.1f} ms"
    )
    print("\n| purge (rolled back after) | ms | rows |")
    print("|---|---:|---:|")
    for label, ms, removed in measure_purge():
        print(f"| {label} | {ms:,.0f} | {removed:,} |")
    print(f"\nload average at the end: {load_average()}")


if __name__ == "__main__":
    run(sys.argv[1:])
