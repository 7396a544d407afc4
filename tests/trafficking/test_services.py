"""The flow: signal -> Drieluik -> decision -> follow-up -> closed; the tables of transitions."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.trafficking.factories import make_signal
from trafficking import services
from trafficking.models import FollowUpStatus, Signal, SignalStatus

pytestmark = pytest.mark.django_db


def test_a_new_meeting_puts_every_signal_waiting_for_a_decision_on_its_agenda(cast, signal):
    closed = make_signal(by=cast.mensenhandel, organisation=cast.vnn, received_on=date(2025, 2, 1))
    services.start_follow_up(
        signal=closed, kind="geen", decided_on=date(2025, 2, 3), started_by=cast.mensenhandel
    )
    later = make_signal(by=cast.mensenhandel, organisation=cast.vnn, received_on=date(2025, 4, 1))
    meeting = services.plan_meeting(
        held_on=date(2025, 3, 10),
        location="",
        attendees=[],
        other_attendees="",
        planned_by=cast.mensenhandel,
    )
    assert [i.signal for i in meeting.items.all()] == [signal]
    assert services.add_open_signals_to_agenda(meeting=meeting, added_by=cast.mensenhandel) == 0
    assert later.status == SignalStatus.REGISTERED


def test_a_decision_starts_the_follow_up_and_closing_it_closes_the_signal(cast, signal, meeting):
    item = meeting.items.get()
    follow_up = services.record_decision(
        item=item,
        discussion="Politie start onderzoek.",
        decision="politie",
        decided_on=date(2025, 3, 10),
        responsible="Team AVIM",
        decided_by=cast.mensenhandel,
    )
    signal.refresh_from_db()
    assert (follow_up.kind, follow_up.status, follow_up.agenda_item) == ("politie", "gestart", item)
    assert signal.status == SignalStatus.FOLLOW_UP
    services.change_follow_up_status(
        follow_up=follow_up, status=FollowUpStatus.RUNNING, on=None, changed_by=cast.mensenhandel
    )
    services.change_follow_up_status(
        follow_up=follow_up,
        status=FollowUpStatus.CLOSED,
        on=date(2025, 5, 1),
        changed_by=cast.mensenhandel,
    )
    signal.refresh_from_db()
    assert (signal.status, signal.closed_on) == (SignalStatus.CLOSED, date(2025, 5, 1))
    assert signal.history.first().history_user == cast.mensenhandel


def test_process_direction_is_a_follow_up_of_its_own_kind(cast, signal, meeting):
    follow_up = services.record_decision(
        item=meeting.items.get(),
        discussion="",
        decision="procesregie",
        decided_on=date(2025, 3, 10),
        decided_by=cast.mensenhandel,
    )
    assert follow_up.get_kind_display() == "procesregie door ZVHD"


def test_process_direction_registers_the_person_in_the_cases_app_linked_both_ways(
    cast, signal, meeting
):
    follow_up = services.record_decision(
        item=meeting.items.get(),
        discussion="",
        decision="procesregie",
        decided_on=date(2025, 3, 10),
        decided_by=cast.mensenhandel,
    )
    case = follow_up.case
    assert case.status == "aangemeld"
    assert (case.person.first_name, case.person.last_name) == ("Anna", "Jansen")
    assert case.municipality == cast.assen
    assert list(case.problem_areas.values_list("code", flat=True)) == ["mensenhandel"]
    assert case.origin == f"Signaal mensenhandel {signal.reference}"
    assert case.origin_url == f"/mensenhandel/signalen/{signal.pk}/"
    assert case.trafficking_follow_up == follow_up


def test_process_direction_needs_a_known_person(cast):
    from django.core.exceptions import ValidationError

    from tests.trafficking.factories import make_signal

    unknown = make_signal(
        by=cast.mensenhandel, organisation=cast.ggz, municipality=None, birth_date=None
    )
    with pytest.raises(ValidationError, match="geboortedatum, gemeente"):
        services.start_follow_up(
            signal=unknown,
            kind="procesregie",
            decided_on=date(2025, 3, 10),
            started_by=cast.mensenhandel,
        )
    assert not unknown.follow_ups.exists()


def test_rescheduling_keeps_the_signal_for_the_next_drieluik(cast, signal, meeting):
    assert (
        services.record_decision(
            item=meeting.items.get(),
            discussion="Meer informatie nodig.",
            decision="opnieuw",
            decided_on=date(2025, 3, 10),
            decided_by=cast.mensenhandel,
        )
        is None
    )
    assert Signal.objects.get().status == SignalStatus.DISCUSSED
    next_one = services.plan_meeting(
        held_on=date(2025, 4, 7),
        location="",
        attendees=[],
        other_attendees="",
        planned_by=cast.mensenhandel,
    )
    assert next_one.items.get().signal == signal


def test_no_indications_closes_the_signal_at_once(cast, signal, meeting):
    follow_up = services.record_decision(
        item=meeting.items.get(),
        discussion="Geen aanwijzingen.",
        decision="geen",
        decided_on=date(2025, 3, 10),
        decided_by=cast.mensenhandel,
    )
    assert follow_up.status == FollowUpStatus.CLOSED
    assert Signal.objects.get().status == SignalStatus.CLOSED


def test_a_decision_is_taken_once(cast, signal, meeting):
    item = meeting.items.get()
    kwargs = {"discussion": "", "decided_on": date(2025, 3, 10), "decided_by": cast.mensenhandel}
    services.record_decision(item=item, decision="politie", **kwargs)
    with pytest.raises(ValidationError, match="al besloten"):
        services.record_decision(item=item, decision="geen", **kwargs)


def test_a_closed_follow_up_cannot_move(cast, signal):
    follow_up = services.start_follow_up(
        signal=signal, kind="geen", decided_on=date(2025, 3, 2), started_by=cast.mensenhandel
    )
    with pytest.raises(ValidationError, match="kan niet naar"):
        services.change_follow_up_status(
            follow_up=follow_up, status="lopend", on=None, changed_by=cast.mensenhandel
        )


def test_a_closed_signal_can_be_reopened_and_not_followed_up_before(cast, signal):
    services.start_follow_up(
        signal=signal, kind="geen", decided_on=date(2025, 3, 2), started_by=cast.mensenhandel
    )
    with pytest.raises(ValidationError, match="afgesloten"):
        services.start_follow_up(
            signal=signal, kind="politie", decided_on=date(2025, 3, 3), started_by=cast.mensenhandel
        )
    services.reopen_signal(signal=signal, reopened_by=cast.mensenhandel)
    assert (signal.status, signal.closed_on) == (SignalStatus.REGISTERED, None)


def test_references_are_numbered_per_year(cast):
    a = make_signal(by=cast.mensenhandel, organisation=cast.ggz, received_on=date(2024, 12, 30))
    b = make_signal(by=cast.mensenhandel, organisation=cast.ggz, received_on=date(2025, 1, 2))
    c = make_signal(by=cast.mensenhandel, organisation=cast.ggz, received_on=date(2025, 1, 3))
    assert [a.reference, b.reference, c.reference] == ["MH-2024-001", "MH-2025-001", "MH-2025-002"]
