"""The aftercare services: intake, bad input, the work on a record, escalation, closing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from aftercare import services
from aftercare.models import (
    BASIC_CONDITIONS,
    ClosingReason,
    ConditionKind,
    ConditionStatus,
    Consent,
    NotificationKind,
    Participation,
    RecordEvent,
    Source,
    Status,
)
from tests.aftercare.factories import make_record, participate, valid_bsn

pytestmark = pytest.mark.django_db


def notification_data(world, **overrides):
    today = timezone.localdate()
    data = {
        "kind": NotificationKind.START,
        "first_names": "Kees",
        "last_name": "Bakker",
        "birth_date": date(1985, 1, 2),
        "bsn": valid_bsn(),
        "municipality": world.assen,
        "institution": "PI Veenhuizen",
        "detention_start": today - timedelta(days=5),
        "expected_release": today + timedelta(days=20),
        "source": "DJI",
        "received_by": world.nazorg,
    }
    data.update(overrides)
    return data


def test_a_notification_opens_a_record_with_the_five_basic_conditions(world):
    notification = services.receive_notification(**notification_data(world))
    record = notification.record
    assert record.status == Status.OPEN
    assert record.coordinator == world.nazorg
    assert sorted(c.kind for c in record.conditions.all()) == sorted(BASIC_CONDITIONS)
    assert all(c.status == ConditionStatus.NOT_ARRANGED for c in record.conditions.all())
    assert RecordEvent.objects.filter(record=record, to_status=Status.OPEN).exists()
    assert record.history.count() == 1


def test_a_resident_of_a_non_participating_municipality_is_refused_with_whom_to_forward_to(world):
    with pytest.raises(ValidationError) as error:
        services.receive_notification(**notification_data(world, municipality=world.emmen))
    message = error.value.message_dict["municipality"][0]
    assert "Emmen neemt in" in message
    assert "nazorgcoördinator van de gemeente Emmen" in message
    assert "Assen" in message  # who does participate


def test_a_year_without_its_own_list_follows_the_last_earlier_year(world):
    year = timezone.localdate().year
    Participation.objects.filter(year=year).delete()
    participate(world.emmen, year - 3)
    assert list(Participation.objects.municipalities_in(year)) == [world.assen]
    assert list(Participation.objects.municipalities_in(year - 2)) == [world.emmen]
    assert not Participation.objects.municipalities_in(year - 10).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"bsn": "123456789"}, "bsn", "elfproef"),
        ({"bsn": "12345"}, "bsn", "negen cijfers"),
        (
            {"expected_release": timezone.localdate() - timedelta(days=30)},
            "expected_release",
            "voor het begin van de detentie",
        ),
    ],
)
def test_bad_input_is_refused_next_to_its_field(world, overrides, field, text):
    with pytest.raises(ValidationError) as error:
        services.receive_notification(**notification_data(world, **overrides))
    assert text in " ".join(error.value.message_dict[field])


def test_a_duplicate_notification_for_the_same_detention_is_refused_and_nothing_is_added(world):
    data = notification_data(world)
    first = services.receive_notification(**data)
    with pytest.raises(ValidationError) as error:
        services.receive_notification(**data)
    assert first.record.number in error.value.message_dict["kind"][0]
    assert first.record.notifications.count() == 1


def test_an_end_of_detention_notification_joins_the_record_and_moves_the_release(world):
    data = notification_data(world)
    record = services.receive_notification(**data).record
    later = data["expected_release"] + timedelta(days=10)
    services.receive_notification(
        **{**data, "kind": NotificationKind.END, "expected_release": later}
    )
    record.refresh_from_db()
    assert record.expected_release == later
    assert record.notifications.count() == 2


def test_the_api_can_send_a_notification_without_a_user(world):
    notification = services.receive_notification(
        **notification_data(world, received_by=None), via_api=True
    )
    assert notification.via_api and notification.record.coordinator is None


def test_without_consent_only_dji_information_can_be_recorded(record, world):
    services.add_enrichment(
        record=record, source=Source.DJI, text="PI-rapport", added_by=world.nazorg
    )
    with pytest.raises(ValidationError) as error:
        services.add_enrichment(
            record=record, source=Source.RECLASSERING, text="Advies", added_by=world.nazorg
        )
    assert "Zonder toestemming" in error.value.message_dict["source"][0]
    services.record_consent(
        record=record,
        consent=Consent.GIVEN,
        consent_on=timezone.localdate(),
        recorded_by=world.nazorg,
    )
    services.add_enrichment(
        record=record, source=Source.RECLASSERING, text="Advies", added_by=world.nazorg
    )
    assert record.enrichments.count() == 2


def test_consent_needs_a_date_that_is_not_in_the_future(record, world):
    with pytest.raises(ValidationError) as error:
        services.record_consent(
            record=record, consent=Consent.GIVEN, consent_on=None, recorded_by=world.nazorg
        )
    assert "consent_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.record_consent(
            record=record,
            consent=Consent.GIVEN,
            consent_on=timezone.localdate() + timedelta(days=1),
            recorded_by=world.nazorg,
        )


def test_guidance_needs_consent_and_ends_with_a_warm_handover(record, world):
    with pytest.raises(ValidationError):
        services.start_guidance(
            record=record,
            guide=world.begeleider,
            started_on=timezone.localdate(),
            started_by=world.nazorg,
        )
    services.record_consent(
        record=record,
        consent=Consent.GIVEN,
        consent_on=timezone.localdate(),
        recorded_by=world.nazorg,
    )
    services.start_guidance(
        record=record,
        guide=world.begeleider,
        started_on=timezone.localdate(),
        started_by=world.nazorg,
    )
    assert record.status == Status.GUIDANCE
    services.end_guidance(
        record=record,
        ended_on=timezone.localdate(),
        handed_over_to="Wijkteam Assen-Oost",
        handover_note="Eerste afspraak staat.",
        ended_by=world.nazorg,
    )
    record.refresh_from_db()
    assert record.status == Status.OPEN
    assert record.handed_over_to == "Wijkteam Assen-Oost"


def test_an_arranged_condition_gets_todays_date_and_the_release_keeps_a_snapshot(record, world):
    for condition in record.conditions.all():
        services.update_condition(
            condition=condition,
            status=ConditionStatus.ARRANGED,
            actions="Geregeld",
            responsible="Gemeente Assen",
            due_on=None,
            arranged_on=None,
            updated_by=world.nazorg,
        )
    assert all(c.arranged_on == timezone.localdate() for c in record.conditions.all())
    services.register_release(
        record=record, released_on=timezone.localdate(), registered_by=world.nazorg
    )
    assert set(record.release_snapshot.values()) == {ConditionStatus.ARRANGED}


def test_an_extra_condition_is_added_once(record, world):
    services.add_extra_condition(record=record, kind=ConditionKind.NETWORK, added_by=world.nazorg)
    with pytest.raises(ValidationError):
        services.add_extra_condition(
            record=record, kind=ConditionKind.NETWORK, added_by=world.nazorg
        )
    with pytest.raises(ValidationError):
        services.add_extra_condition(record=record, kind=ConditionKind.ID, added_by=world.nazorg)


def test_escalation_makes_a_registration_in_cases_linked_both_ways(escalated, world):
    case = escalated.case
    assert escalated.status == Status.ESCALATED
    assert case.status == "aangemeld"
    assert case.person.bsn == escalated.bsn
    assert case.topic == "ex_gedetineerden"
    assert escalated.number in case.origin
    assert case.origin_url == f"/nazorg/{escalated.pk}/koppeling/"
    assert list(case.aftercare_records.all()) == [escalated]


def test_an_escalated_record_cannot_be_escalated_again(escalated, world):
    with pytest.raises(ValidationError):
        services.escalate(
            record=escalated,
            reason="Nog eens",
            desired_outcome="",
            problem_areas=[],
            escalated_by=world.nazorg,
        )


def test_closing_needs_an_explanation_for_other_and_then_freezes_the_record(record, world):
    with pytest.raises(ValidationError):
        services.close_record(
            record=record, reason=ClosingReason.OTHER, note=" ", closed_by=world.nazorg
        )
    services.close_record(
        record=record, reason=ClosingReason.CONDITIONS_ARRANGED, note="", closed_by=world.nazorg
    )
    assert record.status == Status.CLOSED and record.closed_on == timezone.localdate()
    with pytest.raises(ValidationError):
        services.add_contact_moment(
            record=record,
            on=timezone.localdate(),
            with_whom="gedetineerde",
            help_offered="x",
            accepted="ja",
            notes="",
            by=world.nazorg,
        )
    with pytest.raises(ValidationError):
        services.close_record(
            record=record, reason=ClosingReason.DIED, note="", closed_by=world.nazorg
        )


def test_set_participation_keeps_management_changes_in_history(world):
    services.set_participation(
        year=2030, municipalities=[world.assen, world.emmen], changed_by=world.manager
    )
    services.set_participation(year=2030, municipalities=[world.emmen], changed_by=world.manager)
    assert list(Participation.objects.municipalities_in(2030)) == [world.emmen]
    assert Participation.history.filter(history_user=world.manager).count() == 3


def test_a_record_made_in_a_test_helper_is_an_assen_record(record, world):
    assert record.municipality == world.assen
    assert make_record(municipality=world.assen, by=world.nazorg, last_name="Smit").pk != record.pk
