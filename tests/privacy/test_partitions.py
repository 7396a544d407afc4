"""The access log's monthly partitions: made ahead by a daily task, dropped by the purge."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection

from tests.privacy.helpers import log_at
from zvhd.privacy import partitions, tasks
from zvhd.privacy.models import AccessLog


def _table_of(row) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM privacy_accesslog WHERE id = %s", [row.pk]
        )
        return cursor.fetchone()[0]


def _tables() -> set[str]:
    return {name for name, _start, _end in partitions.months()}


@pytest.mark.django_db
def test_the_task_makes_this_month_and_the_next_two_once(monkeypatch):
    monkeypatch.setattr(tasks.timezone, "now", lambda: datetime(2031, 11, 20, 9, 0, tzinfo=UTC))

    made = tasks.maintain_access_log_partitions.apply().get()

    expected = [
        "privacy_accesslog_p2031_11",
        "privacy_accesslog_p2031_12",
        "privacy_accesslog_p2032_01",
    ]
    assert made == expected
    assert set(expected) <= _tables()
    assert tasks.maintain_access_log_partitions.apply().get() == []


@pytest.mark.django_db
def test_rows_written_before_their_month_had_a_table_move_into_it():
    moment = datetime(2031, 3, 15, 12, 0, tzinfo=UTC)
    early = log_at(moment)
    assert _table_of(early) == "privacy_accesslog_default"

    assert partitions.ensure_month(date(2031, 3, 1))

    assert _table_of(early) == "privacy_accesslog_p2031_03"
    assert AccessLog.objects.filter(pk=early.pk, at=moment).exists()
    later = log_at(moment + timedelta(days=1))
    assert _table_of(later) == "privacy_accesslog_p2031_03"
    assert not partitions.ensure_month(date(2031, 3, 31))


@pytest.mark.django_db
def test_the_purge_drops_whole_months_and_deletes_the_days_before_the_cutoff():
    for month in (date(2020, 1, 1), date(2020, 2, 1)):
        partitions.ensure_month(month)
    january = [log_at(datetime(2020, 1, day, 12, tzinfo=UTC)) for day in (1, 31)]
    before = log_at(datetime(2020, 2, 9, 12, tzinfo=UTC))
    kept = log_at(datetime(2020, 2, 10, 12, tzinfo=UTC))
    in_default = log_at(datetime(2019, 6, 1, 12, tzinfo=UTC))  # a month without a table
    with connection.cursor() as cursor:
        # The test's rows are not committed: their foreign-key checks would still be pending
        # (the task runs in a transaction of its own).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    removed = AccessLog.objects.purge_before(datetime(2020, 2, 10, 0, 0, tzinfo=UTC))

    assert removed == 4
    assert "privacy_accesslog_p2020_01" not in _tables()
    assert "privacy_accesslog_p2020_02" in _tables()
    remaining = set(AccessLog.objects.values_list("pk", flat=True))
    assert kept.pk in remaining
    assert not {row.pk for row in [*january, before, in_default]} & remaining


def test_the_partition_task_is_in_the_beat_schedule_and_registered():
    from zvhd.celery import app

    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "zvhd.privacy.tasks.maintain_access_log_partitions" in entries
    app.loader.import_default_modules()
    assert "zvhd.privacy.tasks.maintain_access_log_partitions" in app.tasks
