"""Release reminders with frozen time, at the boundaries: exactly 14 and exactly 3 days."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from aftercare import services
from aftercare.models import ConditionStatus, Reminder
from aftercare.tasks import send_release_reminders
from tests.aftercare.factories import make_record

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def freeze(monkeypatch):
    """Stop the clock at a moment in Amsterdam (django.utils.timezone.now is what we read)."""

    def at(day, hour=7):
        moment = datetime(day.year, day.month, day.day, hour, 0, tzinfo=AMSTERDAM)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return at


def arrange_all(record, by):
    for condition in record.conditions.all():
        services.update_condition(
            condition=condition,
            status=ConditionStatus.ARRANGED,
            actions="",
            responsible="",
            due_on=None,
            arranged_on=None,
            updated_by=by,
        )


@pytest.mark.parametrize(
    ("days_left", "stage"),
    [(15, None), (14, 14), (13, 14), (4, 14), (3, 3), (1, 3), (0, 3), (-1, None)],
)
def test_the_reminder_stage_follows_the_days_left(world, freeze, days_left, stage):
    release = timezone.localdate() + timedelta(days=40)
    record = make_record(municipality=world.assen, by=world.nazorg, days_to_release=40)
    assert record.expected_release == release
    freeze(release - timedelta(days=days_left))
    sent = send_release_reminders()
    assert sent == (1 if stage else 0)
    assert list(Reminder.objects.values_list("stage", flat=True)) == ([stage] if stage else [])


def test_exactly_14_then_exactly_3_days_before_gives_two_reminders_and_never_twice(world, freeze):
    record = make_record(municipality=world.assen, by=world.nazorg, days_to_release=40)
    release = record.expected_release
    for days_left in range(20, -2, -1):
        freeze(release - timedelta(days=days_left))
        send_release_reminders()
        send_release_reminders()  # a second run the same day (or a retried task) sends nothing
    assert sorted(Reminder.objects.values_list("stage", flat=True)) == [3, 14]
    assert len(mail.outbox) == 2
    first, second = mail.outbox
    assert "over 14 dagen" in first.subject and "over 3 dagen" in second.subject
    assert first.to == [world.nazorg.email]
    # Tasks and mails carry no personal data: the number, not the name or BSN.
    assert record.number in first.body
    assert record.last_name not in first.body + first.subject and record.bsn not in first.body


def test_no_reminder_when_every_basic_condition_is_arranged(world, freeze):
    record = make_record(municipality=world.assen, by=world.nazorg, days_to_release=40)
    arrange_all(record, world.nazorg)
    freeze(record.expected_release - timedelta(days=14))
    assert send_release_reminders() == 0


def test_a_moved_release_date_starts_the_reminders_again(world, freeze):
    record = make_record(municipality=world.assen, by=world.nazorg, days_to_release=40)
    freeze(record.expected_release - timedelta(days=14))
    assert send_release_reminders() == 1
    record.expected_release += timedelta(days=7)
    record.save()
    freeze(record.expected_release - timedelta(days=14))
    assert send_release_reminders() == 1
    assert Reminder.objects.count() == 2


def test_no_reminder_after_the_release_is_registered_or_the_record_is_closed(world, freeze):
    released = make_record(municipality=world.assen, by=world.nazorg, days_to_release=0)
    services.register_release(
        record=released, released_on=timezone.localdate(), registered_by=world.nazorg
    )
    closed = make_record(municipality=world.assen, by=world.nazorg, days_to_release=3)
    services.close_record(record=closed, reason="verhuisd", note="", closed_by=world.nazorg)
    assert send_release_reminders() == 0


def test_without_a_coordinator_every_aftercare_coordinator_is_told(world, freeze):
    record = make_record(municipality=world.assen, by=None, days_to_release=14)
    assert record.coordinator is None
    assert send_release_reminders() == 1
    assert mail.outbox[0].to == [world.nazorg.email]


def test_the_reminder_task_is_on_the_beat_schedule():
    from django.conf import settings

    tasks = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "aftercare.tasks.send_release_reminders" in tasks


def test_the_report_chapter_counts_with_aggregates_and_is_json_ready(cast):
    import json

    from aftercare.figures import figures_for, for_report

    year = timezone.localdate().year
    chapter = for_report(year)
    json.dumps(chapter)  # a year snapshot stores it as JSON
    page = figures_for(year)
    assert chapter["total"] == page.notifications
    assert chapter["all_arranged_at_release"] == page.all_arranged_at_release
    assert [t["slug"] for t in chapter["tables"]] == ["nazorg", "nazorg-basisvoorwaarden"]
