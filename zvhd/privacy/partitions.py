"""The access log's monthly partitions: made ahead of time, dropped after the retention term.

`privacy_accesslog` is partitioned by month of `at` (UTC months; migration 0009 says why).
A row whose month has no table lands in the DEFAULT partition, so an insert never fails;
`ensure_month` makes the month's table and moves such rows into it. The daily beat task
(`tasks.maintain_access_log_partitions`) makes this month and the next two, so in normal
operation the default partition stays empty.

The purge (`purge_before`) drops every month that lies wholly before the cutoff (a
`DROP TABLE`: no dead rows, nothing for vacuum) and deletes what is left before the cutoff
in the oldest month and in the default partition (a day's rows: a cheap DELETE in one
month's table).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.db import connection, transaction

PARENT = "privacy_accesslog"
DEFAULT = "privacy_accesslog_default"
# A DROP TABLE of a partition takes a brief exclusive lock on the parent; behind a long query
# it would hold up every access-log insert (every list page) while it waits. It waits this
# long at most and is tried again the next day.
LOCK_TIMEOUT = "2s"


def month_start(day: date) -> datetime:
    return datetime(day.year, day.month, 1, tzinfo=UTC)


def next_month(start: datetime) -> datetime:
    return (
        start.replace(year=start.year + 1, month=1)
        if start.month == 12
        else start.replace(month=start.month + 1)
    )


def table_name(start: datetime) -> str:
    return f"{PARENT}_p{start.year:04d}_{start.month:02d}"


def months() -> list[tuple[str, datetime, datetime]]:
    """The monthly partitions there are: (table, from, to), oldest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = %s::regclass AND c.relname <> %s
            """,
            [PARENT, DEFAULT],
        )
        found = []
        for name, bound in cursor.fetchall():
            # "FOR VALUES FROM ('2026-12-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')"
            low, high = (part.split("'")[1] for part in bound.split(" TO "))
            found.append((name, _timestamp(low), _timestamp(high)))
    return sorted(found, key=lambda row: row[1])


def _timestamp(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def ensure_month(day: date) -> bool:
    """Make the partition of `day`'s month if there is none; True when it was made.

    Rows of that month already in the default partition (written while the month had no
    table) move into it, in one transaction with the default partition locked against
    inserts for that moment."""
    start = month_start(day)
    end = next_month(start)
    name = table_name(start)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
        if cursor.fetchone()[0]:
            return False
        cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
        cursor.execute(f"LOCK TABLE {DEFAULT} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"CREATE TABLE {name} (LIKE {PARENT} INCLUDING DEFAULTS)")
        cursor.execute(
            f"""
            WITH moved AS (
                DELETE FROM {DEFAULT} WHERE at >= %s AND at < %s RETURNING *
            )
            INSERT INTO {name} SELECT * FROM moved
            """,  # noqa: S608 (table names of our own making, values as parameters)
            [start, end],
        )
        # Attaching checks the table against its bounds and builds the parent's indexes on
        # it; for a month made ahead of time both are instant.
        cursor.execute(
            f"ALTER TABLE {PARENT} ATTACH PARTITION {name} FOR VALUES FROM (%s) TO (%s)",
            [start, end],
        )
    return True


def ensure_partitions(today: date, *, ahead: int = 2) -> list[str]:
    """This month's partition and the next `ahead` months'; returns the tables made."""
    made = []
    start = month_start(today)
    for _ in range(ahead + 1):
        if ensure_month(start.date()):
            made.append(table_name(start))
        start = next_month(start)
    return made


def purge_before(moment: datetime) -> int:
    """Remove every row with `at` before `moment`; returns how many.

    Whole months before `moment` are dropped; the rest is one DELETE, which PostgreSQL
    prunes to the partitions that can hold such rows (the oldest month and the default)."""
    removed = 0
    for name, _start, end in months():
        if end > moment:
            break
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
            cursor.execute(f"SELECT count(*) FROM {name}")  # noqa: S608 (a partition's name)
            count = cursor.fetchone()[0]
            cursor.execute(f"DROP TABLE {name}")
        removed += count
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PARENT} WHERE at < %s", [moment])  # noqa: S608
        removed += cursor.rowcount
    return removed
