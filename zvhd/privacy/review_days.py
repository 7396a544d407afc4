"""The access review's days: each closed day of the log summarized once, today read live.

The review (zvhd/privacy/review.py) counts per reader over a period: (a) the *distinct*
records opened without involvement, per kind, how many of them were exported and in how many
exports, the first and last such read; (b) the reads outside office hours (an export once),
of which at the weekend and exports, the distinct records, the first and last. Read from the
log that is every opened read of the period (150,000 a month at 50 million rows) grouped and
checked for involvement on every page load. Here each closed day is done once, by the worker
(`tasks.summarize_access_review_days`, hourly: it does the days not done yet, so a missed
night is caught up):

- `AccessDaySummary`, a row per day and reader: the counts that add up over days (an export
  is one moment, so one day: its count adds up too);
- `AccessDayRecord`, a row per day, reader and record opened without involvement or outside
  office hours. Distinct records do not add up over days, so each row carries the earlier day
  (at most `LOOKBACK_DAYS` back) on which the same reader last had the same record in the same
  part: a period counts the rows whose earlier day lies before the period — each record
  exactly once, with no sort of the period's rows;
- `AccessDayCount`, those rows counted per day, reader and kind for every start a period can
  have (an array indexed by the distance from the period's first day): the review sums one
  element per row, a few hundred rows a day instead of a few thousand;
- `AccessReviewDay`, the days done.

A day of the period that is not done (yesterday in the hour after midnight, or any day the
worker missed) is read from the log as before, for that day only; its records count when no
done day of the period has them already. Today is done up to a moment (`until`: the task's
run less `TODAY_MARGIN`) each hour, and only the log after that moment is read live: a busy
day (a list of 1,600 cases exported 25 times is 40,000 reads) no longer makes every review of
it slower until the night (issue 24). The night's run makes the whole day again. So the review
is complete up to the moment it is shown, and equal to a count over the log
(tests/privacy/test_review_days.py).

Involvement is judged when the day is done (that night), no longer again at every review: a
reader taken off a case's team afterwards no longer turns her reads of that case while she was
in it into uninvolved ones, and a destroyed record stays judged as it was.

The days hold the same personal data as the log (who opened which record on which day); they
are removed with it after the term (`purge_before`).
"""

from __future__ import annotations

import operator
from datetime import date, datetime, time, timedelta
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Value
from django.db.models.functions import ExtractIsoWeekDay, TruncDate
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone

from zvhd.privacy.models import (
    OFFICE_TZ,
    AccessDayCount,
    AccessDayRecord,
    AccessDaySummary,
    AccessLog,
    AccessReviewDay,
    opened_read,
    out_of_office_hours,
)

# How far back a record's earlier day is looked up: the longest period the review allows
# must not be longer (a row whose earlier day lies further back counts as new in any period).
LOOKBACK_DAYS = 366
# One summarizing at a time (the hourly task, a catch-up started by hand).
LOCK_KEY = 24_0001
# Today is made up to this long before the task's run: a read is logged with the moment of
# its request, and a row written a little later (a request still running, an export being
# written) must not fall before a moment already made. A row later still is counted the
# night after, when the whole day is made again.
TODAY_MARGIN = timedelta(minutes=5)

RECORDS = AccessDayRecord._meta.db_table
SUMMARY = AccessDaySummary._meta.db_table
COUNTS = AccessDayCount._meta.db_table
KEY = ("user_id", "username", "organisation")


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment, OFFICE_TZ).date()


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """[start of `first`, start of the day after `last`) in Amsterdam time."""
    return (
        datetime.combine(first, time.min, tzinfo=OFFICE_TZ),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=OFFICE_TZ),
    )


# ---------------------------------------------------------------------------------------------
# The log's reads of some days, per reader, record and export, with the involvement checked


def _runs(days: list[date]) -> list[tuple[datetime, datetime]]:
    """The days (ascending) as [start, end) moments of each run of consecutive days."""
    runs: list[list[date]] = []
    for day in days:
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return [day_bounds(first, last) for first, last in runs]


def _marks(windows: list[tuple[datetime, datetime]]):
    """SQL and parameters: the opened reads in the [start, end) windows grouped per day,
    reader (id, name, organisation), record and export batch, with

    - `a`: read as a reviewed kind by a reader without an exempt role, and not involved in the
      record (the kind's own definition, `zvhd.apps_contract.ReviewedRecord`), `a_first`,
      `a_last` the first and last such read;
    - `late_n`, `late_weekend_n`: reads outside office hours, of which at the weekend, and
      `late_first`, `late_last`.

    Read from the covering index `privacy_log_opened` alone; the involvement is one NOT
    EXISTS per reader-record pair, as the review did it."""
    from zvhd.apps_contract import reviewed_records
    from zvhd.privacy.review import _record_pk

    kinds = reviewed_records()
    types = ContentType.objects.get_for_models(*(kind.model for kind in kinds))
    candidates = []
    for kind in kinds:
        candidate = Q(content_type=types[kind.model])
        for role in sorted(kind.exempt_roles):
            candidate &= ~Q(roles__contains=str(role))
        candidates.append(candidate)
    within = reduce(operator.or_, (Q(at__gte=start, at__lt=end) for start, end in windows))
    reads = (
        AccessLog.objects.filter(opened_read(), within)
        .annotate(
            day=TruncDate("at", tzinfo=OFFICE_TZ),
            cand=(
                ExpressionWrapper(reduce(operator.or_, candidates), output_field=BooleanField())
                if candidates
                else Value(False)
            ),
            late=ExpressionWrapper(out_of_office_hours(), output_field=BooleanField()),
            weekend=ExpressionWrapper(
                Q(GreaterThanOrEqual(ExtractIsoWeekDay("at", tzinfo=OFFICE_TZ), 6)),
                output_field=BooleanField(),
            ),
        )
        .values(
            "day",
            "user_id",
            "username",
            "organisation",
            "content_type_id",
            "object_id",
            "batch",
            "at",
            "cand",
            "late",
            "weekend",
        )
        .order_by()
    )
    reads_sql, params = reads.query.sql_with_params()
    table = connection.ops.quote_name(AccessLog._meta.db_table)
    # Per kind the NOT EXISTS of its contract as the ORM writes it for a log row; the rows
    # below carry the log's column names under the log's table name.
    checks, check_params = [], []
    for kind in kinds:
        involved = (
            kind.model._default_manager.filter(pk=OuterRef("record_pk"))
            .filter(kind.involved(OuterRef("user_id")))
            .values("pk")
        )
        check = AccessLog.objects.annotate(record_pk=_record_pk()).filter(~Exists(involved))
        where, where_params = check.query.get_compiler(connection=connection).compile(
            check.query.where
        )
        checks.append(f" WHEN {table}.content_type_id = %s THEN ({where})")
        check_params += [types[kind.model].pk, *where_params]
    # The involvement is asked once per reader and record, not once per export of it: a list
    # of 1,600 cases exported 25 times in a day was 40,000 checks for 1,600 answers (issue 24).
    sql = (
        "WITH g AS (SELECT day, user_id, username, organisation, content_type_id, object_id,"  # noqa: S608
        " batch, bool_or(cand) AS cand,"
        " min(at) FILTER (WHERE cand) AS a_first, max(at) FILTER (WHERE cand) AS a_last,"
        " count(*) FILTER (WHERE late) AS late_n,"
        " count(*) FILTER (WHERE late AND weekend) AS late_weekend_n,"
        " min(at) FILTER (WHERE late) AS late_first, max(at) FILTER (WHERE late) AS late_last"
        f" FROM ({reads_sql}) AS r GROUP BY 1, 2, 3, 4, 5, 6, 7),"
        f" checked AS (SELECT user_id, content_type_id, object_id, CASE{''.join(checks)}"
        f" ELSE false END AS uninvolved FROM (SELECT DISTINCT user_id, content_type_id,"
        f" object_id FROM g WHERE cand) AS {table})"
        " SELECT g.*, g.cand AND coalesce(checked.uninvolved, false) AS a"
        " FROM g LEFT JOIN checked USING (user_id, content_type_id, object_id)"
    )
    return sql, (*params, *check_params)


# The day's counts that add up, per reader, from the marks `mk`.
_ADDING = """
    count(DISTINCT batch) FILTER (WHERE a) AS exports,
    min(a_first) FILTER (WHERE a) AS first,
    max(a_last) FILTER (WHERE a) AS last,
    coalesce(sum(late_n) FILTER (WHERE batch IS NULL), 0)
      + count(DISTINCT batch) FILTER (WHERE late_n > 0) AS late_reads,
    coalesce(sum(late_weekend_n) FILTER (WHERE batch IS NULL), 0)
      + count(DISTINCT batch) FILTER (WHERE late_weekend_n > 0) AS late_weekend,
    count(DISTINCT batch) FILTER (WHERE late_n > 0) AS late_exports,
    min(late_first) AS late_first,
    max(late_last) AS late_last
"""


# ---------------------------------------------------------------------------------------------
# The worker: a day summarized (again), the days not done yet


def _earlier(flag: str, alias: str) -> str:
    """The last earlier day (within the look-back) on which the reader of row `alias` had its
    record (its kind and number: case 5 and aftercare record 5 are two records) with `flag`.
    Equality on the chain index's columns and a range on its last one."""
    return (
        f"(SELECT max(p.day) FROM {RECORDS} p WHERE p.user_id = {alias}.user_id"  # noqa: S608
        f" AND p.object_id = {alias}.object_id AND p.content_type_id = {alias}.content_type_id"
        f" AND p.username = {alias}.username AND p.organisation = {alias}.organisation"
        f" AND p.{flag} AND p.day < {alias}.day AND p.day > {alias}.day - {LOOKBACK_DAYS})"
    )


def _prevs(alias: str) -> list[str]:
    return [
        f"CASE WHEN {alias}.{flag} THEN {_earlier(flag, alias)} END"
        for flag in ("uninvolved", "exported", "late")
    ]


def _chains(where: str) -> str:
    """UPDATE of the earlier days of the rows `where` (on alias s), returning their days."""
    uninvolved, exported, late = _prevs("s")
    return (
        f"UPDATE {RECORDS} s SET prev_uninvolved = {uninvolved},"  # noqa: S608
        f" prev_exported = {exported}, prev_late = {late} WHERE {where} RETURNING s.day"
    )


def _suffix(gaps: str) -> str:
    """From the array of a group's gaps (days since the earlier day; NULL: none within the
    look-back), the array whose k-th element counts the gaps >= k (NULL always counts); its
    last element is the count of NULLs, which is the count for any larger k."""
    return (
        f"CASE WHEN {gaps} IS NOT NULL THEN (SELECT array_agg((SELECT count(*) FROM"  # noqa: S608
        f" unnest({gaps}) x WHERE x IS NULL OR x >= k) ORDER BY k) FROM generate_series(1,"
        f" coalesce((SELECT max(x) FROM unnest({gaps}) x), 0) + 1) k) END"
    )


def _count_days(cursor, days) -> None:
    """(Re)make `AccessDayCount` of `days` from their records: per reader and kind, for each
    distance k from the period's first day, how many records count (their earlier day lies
    more than k - 1 days before)."""
    cursor.execute(f"DELETE FROM {COUNTS} WHERE day = ANY(%s)", [list(days)])  # noqa: S608
    cursor.execute(
        f"""
        INSERT INTO {COUNTS} (day, user_id, username, organisation, content_type_id,
            uninvolved, exported, late)
        SELECT day, user_id, username, organisation, content_type_id,
               {_suffix("gu")}, {_suffix("ge")}, {_suffix("gl")}
        FROM (
            SELECT day, user_id, username, organisation, content_type_id,
                   array_agg(day - prev_uninvolved) FILTER (WHERE uninvolved) AS gu,
                   array_agg(day - prev_exported) FILTER (WHERE exported) AS ge,
                   array_agg(day - prev_late) FILTER (WHERE late) AS gl
            FROM {RECORDS} WHERE day = ANY(%s) GROUP BY 1, 2, 3, 4, 5
        ) g
        """,  # noqa: S608
        [list(days)],
    )


def summarize_day(day: date, until: datetime | None = None) -> int:
    """Make `day`'s rows from the log (up to `until` when given: today so far), replacing any
    there were (so a second run changes nothing); returns the number of records. Rows of
    later days that point back to this day are put right when its records changed."""
    start, end = day_bounds(day, day)
    marks, params = _marks([(start, min(until, end) if until else end)])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(
            f"SELECT array_agg(user_id), array_agg(content_type_id), array_agg(object_id)"  # noqa: S608
            f" FROM {RECORDS} WHERE day = %s",
            [day],
        )
        old_users, old_types, old_objects = cursor.fetchone()
        cursor.execute(f"DELETE FROM {RECORDS} WHERE day = %s", [day])  # noqa: S608
        cursor.execute(f"DELETE FROM {SUMMARY} WHERE day = %s", [day])  # noqa: S608
        cursor.execute(
            f"""
            WITH mk AS MATERIALIZED ({marks}),
            rec AS (
                SELECT day, user_id, username, organisation, content_type_id, object_id,
                       bool_or(a) AS uninvolved, bool_or(a AND batch IS NOT NULL) AS exported,
                       bool_or(late_n > 0) AS late
                FROM mk GROUP BY 1, 2, 3, 4, 5, 6
            ),
            records AS (
                INSERT INTO {RECORDS} (day, user_id, username, organisation, content_type_id,
                    object_id, uninvolved, exported, late, prev_uninvolved, prev_exported,
                    prev_late)
                SELECT h.*, {", ".join(_prevs("h"))}
                FROM rec h WHERE uninvolved OR late
                RETURNING 1
            ),
            readers AS (
                INSERT INTO {SUMMARY} (day, user_id, username, organisation, exports, first,
                    last, late_reads, late_weekend, late_exports, late_first, late_last)
                SELECT day, user_id, username, organisation, {_ADDING}
                FROM mk GROUP BY 1, 2, 3, 4 HAVING bool_or(a) OR bool_or(late_n > 0)
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM readers)
            """,  # noqa: S608 (our own tables; the ORM's SQL with its values as parameters)
            params,
        )
        records, _readers = cursor.fetchone()
        counted = {day}
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM {RECORDS} WHERE day > %s AND day < %s)",  # noqa: S608
            [day, day + timedelta(days=LOOKBACK_DAYS)],
        )
        if cursor.fetchone()[0]:
            # Done again, or out of order: the later rows of the records it had or has now.
            later = (
                "s.day > %s AND s.day < %s"  # noqa: S608
                " AND (s.user_id, s.object_id, s.content_type_id) IN ("
                " SELECT unnest(%s::int[]), unnest(%s::text[]), unnest(%s::int[])"
                f" UNION SELECT user_id, object_id, content_type_id FROM {RECORDS}"
                " WHERE day = %s)"
            )
            cursor.execute(
                _chains(later),
                [
                    day,
                    day + timedelta(days=LOOKBACK_DAYS),
                    old_users or [],
                    old_objects or [],
                    old_types or [],
                    day,
                ],
            )
            counted |= {row[0] for row in cursor.fetchall()}
        _count_days(cursor, counted)
        AccessReviewDay.objects.update_or_create(
            day=day, defaults={"made_at": timezone.now(), "records": records, "until": until}
        )
    return records


def first_day_kept() -> date:
    """The first day whose log is wholly within the term (the day of the cutoff is partly
    purged: it is read from the log, never summarized)."""
    from zvhd.privacy.tasks import retention_cutoff

    return local_day(retention_cutoff()) + timedelta(days=1)


def days_to_do(today: date | None = None) -> list[date]:
    """The closed days within the term that have log rows and are not done, oldest first."""
    today = today or timezone.localdate()
    oldest = AccessLog.objects.order_by("at").values_list("at", flat=True).first()
    if oldest is None:
        return []
    first = max(first_day_kept(), local_day(oldest))
    done = set(
        AccessReviewDay.objects.filter(
            day__gte=first, day__lt=today, until__isnull=True
        ).values_list("day", flat=True)
    )
    return [
        first + timedelta(days=n)
        for n in range((today - first).days)
        if first + timedelta(days=n) not in done
    ]


def summarize_today(now: datetime | None = None) -> datetime | None:
    """Make today up to `TODAY_MARGIN` before `now` (the hourly task); returns that moment, or
    None in the first minutes after midnight (yesterday is the night's to finish)."""
    now = now or timezone.now()
    until = (now - TODAY_MARGIN).replace(second=0, microsecond=0)
    day = local_day(now)
    if local_day(until) != day or day < first_day_kept():
        return None
    summarize_day(day, until=until)
    return until


def summarize_days(today: date | None = None) -> list[date]:
    """Every closed day not done yet, oldest first, each in its own transaction (a catch-up
    that stops halfway keeps what it did); returns the days done."""
    days = days_to_do(today)
    for day in days:
        summarize_day(day)
    if len(days) > 31:
        # A catch-up of many days (the first run: five years) before autovacuum has looked
        # at the tables: without statistics the purge and the review plan sequential scans.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {RECORDS}, {SUMMARY}, {COUNTS}")
    return days


def purge_before(moment: datetime) -> int:
    """Remove the days whose log the purge removes (all of the cutoff's day: it is read from
    what is left of the log); returns the number of day records removed. Earlier days that
    rows still point to are gone: those rows count as new in any period."""
    last = local_day(moment)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        # The rows removed, and the later rows of the same readers and records whose earlier
        # day was one of them (found through the chain index, not by reading a year of rows).
        cursor.execute(
            f"""
            WITH gone AS (
                DELETE FROM {RECORDS} WHERE day <= %(last)s
                RETURNING user_id, object_id, content_type_id
            ),
            pointing AS (
                UPDATE {RECORDS} s SET
                    prev_uninvolved = CASE WHEN s.prev_uninvolved > %(last)s
                        THEN s.prev_uninvolved END,
                    prev_exported = CASE WHEN s.prev_exported > %(last)s THEN s.prev_exported END,
                    prev_late = CASE WHEN s.prev_late > %(last)s THEN s.prev_late END
                FROM (SELECT DISTINCT user_id, object_id, content_type_id FROM gone) g
                WHERE s.user_id = g.user_id AND s.object_id = g.object_id
                  AND s.content_type_id = g.content_type_id
                  AND s.day > %(last)s AND s.day < %(until)s
                  AND (s.prev_uninvolved <= %(last)s OR s.prev_exported <= %(last)s
                       OR s.prev_late <= %(last)s)
                RETURNING s.day
            )
            SELECT (SELECT count(*) FROM gone), (SELECT array_agg(DISTINCT day) FROM pointing)
            """,  # noqa: S608
            {"last": last, "until": last + timedelta(days=LOOKBACK_DAYS)},
        )
        removed, counted = cursor.fetchone()
        cursor.execute(f"DELETE FROM {SUMMARY} WHERE day <= %s", [last])  # noqa: S608
        cursor.execute(f"DELETE FROM {COUNTS} WHERE day <= %s", [last])  # noqa: S608
        AccessReviewDay.objects.filter(day__lte=last).delete()
        if counted:
            _count_days(cursor, counted)
    return removed


# ---------------------------------------------------------------------------------------------
# The review: a period from the days done and the log


def period_counts(first: date, last: date) -> tuple[dict, dict, dict]:
    """The review's counts of [first, last] per reader key (user id, name, organisation):

    - `records`: {(key, content type id): (records, exported records)} of part (a);
    - `late_records`: {key: distinct records} of part (b);
    - `adding`: {key: dict of the `_ADDING` columns}.

    Four queries whatever the period: the days done, their records, their readers, and the
    days not done from the log (left out when there are none)."""
    done = dict(
        AccessReviewDay.objects.filter(day__gte=first, day__lte=last).values_list("day", "until")
    )
    records: dict = {}
    late_records: dict = {}
    adding: dict = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT user_id, username, organisation, content_type_id,
                   sum(uninvolved[least(day - %(first)s + 1, cardinality(uninvolved))]),
                   sum(exported[least(day - %(first)s + 1, cardinality(exported))]),
                   sum(late[least(day - %(first)s + 1, cardinality(late))])
            FROM {COUNTS} WHERE day >= %(first)s AND day <= %(last)s
            GROUP BY 1, 2, 3, 4
            """,  # noqa: S608
            {"first": first, "last": last},
        )
        for user_id, username, organisation, type_id, uninvolved, exported, late in cursor:
            _add_records(
                records,
                late_records,
                (user_id, username, organisation),
                type_id,
                int(uninvolved or 0),
                int(exported or 0),
                int(late or 0),
            )
        cursor.execute(
            f"""
            SELECT user_id, username, organisation, sum(exports), min(first), max(last),
                   sum(late_reads), sum(late_weekend), sum(late_exports), min(late_first),
                   max(late_last)
            FROM {SUMMARY} WHERE day >= %(first)s AND day <= %(last)s
            GROUP BY 1, 2, 3
            """,  # noqa: S608
            {"first": first, "last": last},
        )
        for row in cursor:
            _add_adding(adding, tuple(row[:3]), row[3:])
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        days = [day for day in days if day <= timezone.localdate()]
        # The days not done, whole; a day done so far (today), from where it was done.
        windows = _runs([day for day in days if day not in done])
        windows += [
            (done[day], day_bounds(day, day)[1]) for day in days if done.get(day) is not None
        ]
        if windows:
            _live(cursor, first, last, windows, records, late_records, adding)
    return records, late_records, adding


def _add_records(records, late_records, key, type_id, uninvolved, exported, late):
    if uninvolved or exported:
        have = records.get((key, type_id), (0, 0))
        records[(key, type_id)] = (have[0] + uninvolved, have[1] + exported)
    if late:
        late_records[key] = late_records.get(key, 0) + late


ADDING_COLUMNS = (
    "exports",
    "first",
    "last",
    "late_reads",
    "late_weekend",
    "late_exports",
    "late_first",
    "late_last",
)


def _add_adding(adding, key, values):
    new = dict(zip(ADDING_COLUMNS, values, strict=True))
    have = adding.get(key)
    if have is None:
        adding[key] = {name: (value if value is not None else None) for name, value in new.items()}
        for name in ("exports", "late_reads", "late_weekend", "late_exports"):
            adding[key][name] = int(adding[key][name] or 0)
        return
    for name in ("exports", "late_reads", "late_weekend", "late_exports"):
        have[name] += int(new[name] or 0)
    for name, pick in (("first", min), ("last", max), ("late_first", min), ("late_last", max)):
        values_ = [v for v in (have[name], new[name]) if v is not None]
        have[name] = pick(values_) if values_ else None


def _live(cursor, first, last, windows, records, late_records, adding):
    """The [start, end) moments of the period not done, from the log: their counts that add
    up, and their records that no done day of the period has."""
    marks, params = _marks(windows)

    def seen(flag: str) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {RECORDS} s WHERE s.user_id = k.user_id"  # noqa: S608
            " AND s.object_id = k.object_id AND s.content_type_id = k.content_type_id"
            " AND s.username = k.username"
            f" AND s.organisation = k.organisation AND s.{flag}"
            " AND s.day >= %s AND s.day <= %s)"
        )

    cursor.execute(
        f"""
        WITH mk AS MATERIALIZED ({marks}),
        rec AS (
            SELECT user_id, username, organisation, content_type_id, object_id,
                   bool_or(a) AS uninvolved, bool_or(a AND batch IS NOT NULL) AS exported
            FROM mk GROUP BY 1, 2, 3, 4, 5 HAVING bool_or(a)
        ),
        late AS (
            SELECT DISTINCT user_id, username, organisation, content_type_id, object_id
            FROM mk WHERE late_n > 0
        )
        SELECT 'r', user_id, username, organisation, content_type_id,
               count(*) FILTER (WHERE uninvolved AND NOT {seen("uninvolved")}),
               count(*) FILTER (WHERE exported AND NOT {seen("exported")}),
               NULL::bigint, NULL::timestamptz, NULL::timestamptz, NULL::bigint,
               NULL::bigint, NULL::bigint, NULL::timestamptz, NULL::timestamptz
        FROM rec k GROUP BY 2, 3, 4, 5
        UNION ALL
        SELECT 'l', user_id, username, organisation, NULL,
               count(*) FILTER (WHERE NOT {seen("late")}), NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM late k GROUP BY 2, 3, 4
        UNION ALL
        SELECT 'u', user_id, username, organisation, NULL, NULL, NULL, {_ADDING}
        FROM mk GROUP BY 2, 3, 4 HAVING bool_or(a) OR bool_or(late_n > 0)
        """,  # noqa: S608 (our own tables; the ORM's SQL with its values as parameters)
        (*params, first, last, first, last, first, last),
    )
    for tag, user_id, username, organisation, type_id, one, two, *rest in cursor.fetchall():
        key = (user_id, username, organisation)
        if tag == "r":
            _add_records(records, late_records, key, type_id, one, two, 0)
        elif tag == "l":
            _add_records(records, late_records, key, None, 0, 0, one)
        else:
            _add_adding(adding, key, rest)
