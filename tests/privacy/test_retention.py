"""The access log is kept five years and then purged by a daily Celery task."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from tests.privacy.helpers import log_at
from zvhd.privacy import tasks
from zvhd.privacy.models import AccessLog

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.django_db
def test_purge_removes_only_rows_older_than_five_years(monkeypatch):
    now = datetime(2026, 11, 23, 10, 0, tzinfo=AMS)
    boundary = datetime(2021, 11, 23, 10, 0, tzinfo=AMS)
    day_before = log_at(boundary - timedelta(days=1))
    on_boundary = log_at(boundary)
    day_after = log_at(boundary + timedelta(days=1))
    recent = log_at(now - timedelta(hours=1))
    monkeypatch.setattr(tasks.timezone, "now", lambda: now)

    removed = tasks.purge_access_log.apply().get()

    assert removed == 1
    remaining = set(AccessLog.objects.values_list("pk", flat=True))
    assert remaining == {on_boundary.pk, day_after.pk, recent.pk}
    assert day_before.pk not in remaining


def test_cutoff_is_five_calendar_years_and_handles_leap_day():
    moment = datetime(2028, 2, 29, 12, 0, tzinfo=AMS)
    assert tasks.retention_cutoff(moment) == datetime(2023, 2, 28, 12, 0, tzinfo=AMS)
    assert tasks.retention_cutoff(datetime(2026, 3, 1, tzinfo=AMS)) == datetime(
        2021, 3, 1, tzinfo=AMS
    )


@pytest.mark.django_db
def test_append_only_still_holds_outside_the_purge():
    row = log_at(timezone.now())
    with pytest.raises(TypeError):
        AccessLog.objects.all().delete()
    with pytest.raises(TypeError):
        row.delete()
    with pytest.raises(TypeError):
        AccessLog.objects.update(username="x")
    assert AccessLog.objects.filter(pk=row.pk).exists()


def test_purge_is_in_the_beat_schedule_and_registered():
    from zvhd.celery import app

    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "zvhd.privacy.tasks.purge_access_log" in entries
    app.loader.import_default_modules()
    assert "zvhd.privacy.tasks.purge_access_log" in app.tasks
