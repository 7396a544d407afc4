"""A Drieluik still to come (seen as the trafficking chain director on 2026-12-07: next week's
Drieluik offered "Bespreking en besluit vastleggen" on every signal of its agenda, and the
service recorded a decision of a meeting that had not been held). As the ketenkamer
(`Ketenkamer.planned`): its agenda as it stands, the invited, and no discussion or decision
before its day; from its day on it counts as held."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from trafficking import services


def plan(cast, days_from_today):
    held_on = timezone.localdate() + timedelta(days=days_from_today)
    return services.plan_meeting(
        held_on=held_on,
        location="ZVHD, Assen",
        attendees=[cast.mensenhandel],
        other_attendees="",
        planned_by=cast.mensenhandel,
    )


def test_the_service_records_no_decision_before_the_meetings_day(cast, signal):
    meeting = plan(cast, 7)
    assert meeting.planned
    with pytest.raises(ValidationError, match="is nog niet geweest"):
        services.record_decision(
            item=meeting.items.get(),
            discussion="",
            decision="politie",
            decided_on=timezone.localdate(),
            decided_by=cast.mensenhandel,
        )
    assert not meeting.items.get().decision


def test_a_meeting_to_come_shows_its_agenda_and_the_invited_but_no_decision_link(
    cast, client_for, signal
):
    meeting = plan(cast, 7)
    item = meeting.items.get()
    client = client_for(cast.mensenhandel)
    page = client.get(reverse("trafficking:meeting_detail", args=[meeting.pk])).content.decode()
    assert signal.reference in page
    assert "Uitgenodigd" in page and "Aanwezig" not in page
    assert "vanaf die dag vast" in page
    assert reverse("trafficking:decision", args=[item.pk]) not in page

    # An old link or a bookmark to the form: back to the meeting, told why.
    response = client.get(reverse("trafficking:decision", args=[item.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "trafficking:meeting_detail", args=[meeting.pk]
    )
    assert "is nog niet geweest" in response.content.decode()
    response = client.post(
        reverse("trafficking:decision", args=[item.pk]),
        {"decision": "politie", "decided_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert not item.decision

    listing = client.get(reverse("trafficking:meeting_list")).content.decode()
    assert "Gepland" in listing


def test_on_its_day_the_meeting_counts_as_held(cast, client_for, signal):
    meeting = plan(cast, 0)
    assert not meeting.planned
    item = meeting.items.get()
    client = client_for(cast.mensenhandel)
    page = client.get(reverse("trafficking:meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("trafficking:decision", args=[item.pk]) in page
    assert "Aanwezig" in page and "vanaf die dag vast" not in page
    response = client.post(
        reverse("trafficking:decision", args=[item.pk]),
        {"decision": "politie", "decided_on": timezone.localdate().isoformat(), "responsible": "x"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.decision == "politie"
    assert "Gehouden" in client.get(reverse("trafficking:meeting_list")).content.decode()
