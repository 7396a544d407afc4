from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases import services
from cases.models import Case, Decision, Status, Transition
from tests.cases.factories import make_case, person_data

pytestmark = pytest.mark.django_db


def test_a_registration_gets_a_number_of_its_year_and_starts_as_aangemeld(cast):
    case = make_case(registered_by=cast.partner, municipality=cast.assen)
    year = timezone.localdate().year
    assert case.number == f"{year}-0001"
    assert case.status == Status.AANGEMELD
    assert make_case(registered_by=cast.partner, municipality=cast.assen).number == f"{year}-0002"


def test_every_transition_records_who_when_and_why(cast):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    steps = list(case.transitions.values_list("from_status", "to_status"))
    assert steps == [("", "aangemeld"), ("aangemeld", "in_triage"), ("in_triage", "actief")]
    assert all(t.by_id and t.at for t in case.transitions.all())


def test_it_refuses_a_transition_the_table_does_not_allow(cast):
    case = make_case(registered_by=cast.partner, municipality=cast.assen)
    with pytest.raises(services.TransitionNotAllowed):
        services.close_case(case=case, closed_by=cast.regisseur, reason="doel_bereikt")
    assert Case.objects.get(pk=case.pk).status == Status.AANGEMELD


def test_a_direction_decision_needs_the_criteria(cast):
    case = make_case(registered_by=cast.partner, municipality=cast.assen, status=Status.IN_TRIAGE)
    with pytest.raises(ValidationError) as error:
        services.decide_triage(
            case=case,
            decided_by=cast.regisseur,
            decision=Decision.MAATWERK,
            criteria=None,
            director=cast.regisseur,
        )
    assert "criteria" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.decide_triage(
            case=case,
            decided_by=cast.regisseur,
            decision=Decision.PGA,
            criteria=services.Criteria(True, True, False, True, False),
            director=cast.regisseur,
        )


def test_criterion_five_alone_qualifies(cast):
    case = make_case(registered_by=cast.partner, municipality=cast.assen, status=Status.IN_TRIAGE)
    services.decide_triage(
        case=case,
        decided_by=cast.regisseur,
        decision=Decision.PGA,
        criteria=services.Criteria(local_safety=True),
        director=cast.regisseur,
    )
    case.refresh_from_db()
    assert (case.status, case.kind, case.director) == (Status.ACTIEF, "pga", cast.regisseur)


def test_not_taken_up_needs_a_reason_and_a_referral(cast):
    case = make_case(registered_by=cast.partner, municipality=cast.assen, status=Status.IN_TRIAGE)
    with pytest.raises(ValidationError) as error:
        services.decide_triage(
            case=case,
            decided_by=cast.regisseur,
            decision=Decision.NIET_OPGEPAKT,
            criteria=services.Criteria(),
        )
    assert {"reason", "referred_to"} <= set(error.value.message_dict)


def test_a_case_cannot_close_before_it_started(cast):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    with pytest.raises(ValidationError) as error:
        services.close_case(
            case=case,
            closed_by=cast.regisseur,
            reason="doel_bereikt",
            closed_on=case.started_on - timedelta(days=1),
        )
    assert "closed_on" in error.value.message_dict


def test_a_birth_date_in_the_future_and_a_bad_bsn_are_refused(cast):
    with pytest.raises(ValidationError) as error:
        make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            person=person_data(
                cast.assen, birth_date=date.today() + timedelta(days=2), bsn="123456789"
            ),
        )
    assert {"birth_date", "bsn"} <= set(error.value.message_dict)
    assert not Case.objects.exists()


def test_closing_reopening_and_handing_over(cast):
    from tests.factories import OrganisationFactory

    zvh = OrganisationFactory(name="ZVH Groningen", kind="zvh")
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    with pytest.raises(ValidationError):
        services.close_case(case=case, closed_by=cast.regisseur, reason="verhuisd")
    services.close_case(case=case, closed_by=cast.regisseur, reason="verhuisd", handed_over_to=zvh)
    assert (case.status, case.handed_over_to) == (Status.AFGESLOTEN, zvh)
    services.reopen_case(case=case, reopened_by=cast.regisseur, reason="terug in Drenthe")
    case.refresh_from_db()
    assert case.status == Status.ACTIEF and case.closed_on is None
    assert Transition.objects.filter(case=case, to_status="actief").count() == 2


def test_two_people_saving_the_same_plan_keeps_both_versions(cast):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    plan = services.save_plan(
        case=case, saved_by=cast.regisseur, summary="v1", review_on=None, expected_version=None
    )
    services.save_plan(
        case=case,
        saved_by=cast.manager,
        summary="manager",
        review_on=None,
        expected_version=plan.version,
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.save_plan(
            case=case,
            saved_by=cast.regisseur,
            summary="regisseur",
            review_on=None,
            expected_version=plan.version,
        )
    assert conflict.value.current.summary == "manager"
    assert conflict.value.copy.data["summary"] == "regisseur"
    case.plan.refresh_from_db()
    assert case.plan.summary == "manager"


def test_a_meeting_creates_its_actions(cast):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    meeting = services.record_meeting(
        case=case,
        recorded_by=cast.regisseur,
        date=timezone.localdate(),
        notes="n",
        actions=[
            {
                "description": "Huisbezoek",
                "owner_organisation": cast.ggz,
                "due_on": timezone.localdate(),
            }
        ],
    )
    assert meeting.actions.get().description == "Huisbezoek"


def test_escalation_and_its_outcome_move_the_case(cast):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.OPGESCHAALD,
        director=cast.regisseur,
    )
    assert case.status == Status.OPGESCHAALD
    services.resolve_escalation(
        escalation=case.escalations.get(), resolved_by=cast.regisseur, outcome="bed geregeld"
    )
    case.refresh_from_db()
    assert case.status == Status.ACTIEF


def test_known_persons_are_found_by_bsn_or_by_name_and_birth_date(cast):
    first = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(cast.assen, last_name="Bakker", bsn="111222333"),
    )
    assert list(services.find_known_cases(bsn="111222333")) == [first]
    assert list(services.find_known_cases(last_name="bakker", birth_date=date(1990, 1, 1))) == [
        first
    ]


def test_notifications_are_sent_once(cast, mailoutbox, django_capture_on_commit_callbacks):
    from cases import tasks

    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(registered_by=cast.partner, municipality=cast.assen)
    sent = len(mailoutbox)
    assert sent >= 1
    assert tasks.notify_new_registration(case.pk) is False
    assert len(mailoutbox) == sent


def test_due_actions_are_reminded_once(cast, mailoutbox):
    from cases import tasks

    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    cast.regisseur.email = "r@zvhd.test"
    cast.regisseur.save()
    services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="x",
        owner_organisation=cast.ggz,
        due_on=timezone.localdate(),
    )
    assert tasks.send_action_reminders() == 1
    assert tasks.send_action_reminders() == 0


def test_team_membership_is_a_guardian_object_permission_that_leaves_with_the_member(cast):
    from cases.models import CaseUserObjectPermission, TeamMember

    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    assert not Case.objects.visible_to(cast.partner_other).filter(pk=case.pk).exists()
    member = services.add_team_member(
        case=case, user=cast.partner_other, task="Verslavingszorg", added_by=cast.regisseur
    )
    assert cast.partner_other.has_perm("cases.view_case", case)
    assert CaseUserObjectPermission.objects.filter(content_object=case).count() >= 1
    assert Case.objects.visible_to(cast.partner_other, "details").filter(pk=case.pk).exists()
    services.remove_team_member(member=member, removed_by=cast.regisseur)
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    assert not Case.objects.visible_to(cast.partner_other).filter(pk=case.pk).exists()


def test_a_triage_decision_is_dated_on_its_ketenkamer_not_the_day_it_is_recorded(cast):
    """Minutes are often typed in days after the ketenkamer; the decision (and the lead times
    that count to it) still belongs to the day it was taken."""
    case = make_case(registered_by=cast.partner, municipality=cast.assen, status=Status.IN_TRIAGE)
    Case.objects.filter(pk=case.pk).update(registered_at=timezone.now() - timedelta(days=20))
    case.refresh_from_db()
    held = timezone.localdate() - timedelta(days=6)
    ketenkamer = services.plan_ketenkamer(date=held, planned_by=cast.ondersteuner)
    decision = services.decide_triage(
        case=case,
        decided_by=cast.regisseur,
        decision=Decision.ADVIES,
        criteria=services.Criteria(True, False, False, False, False),
        ketenkamer=ketenkamer,
    )
    assert decision.decided_on == held
    case.refresh_from_db()
    assert case.triaged_on == held
