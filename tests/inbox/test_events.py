"""Each event of issue 19 part 5 reaches the right people, and nobody else."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases import services, tasks
from cases.models import Decision, Status
from inbox import kinds
from inbox.models import Notification
from tests.cases.factories import exchange, make_case

pytestmark = pytest.mark.django_db


def told(kind, case=None):
    rows = Notification.objects.filter(kind=kind)
    if case is not None:
        rows = rows.filter(case=case)
    return sorted(rows.values_list("recipient__username", flat=True))


@pytest.fixture
def case(cast):
    return make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        decided_by=cast.manager,
    )


def test_a_professional_added_to_the_team_is_told_and_only_once(cast, case):
    services.add_team_member(case=case, user=cast.partner, task="GGZ", added_by=cast.regisseur)
    services.add_team_member(case=case, user=cast.partner, task="GGZ", added_by=cast.regisseur)
    assert told(kinds.TEAM_ADDED, case) == ["partner"]
    n = Notification.objects.get(kind=kinds.TEAM_ADDED)
    assert n.actor == cast.regisseur


def test_an_action_for_a_person_goes_to_that_person(cast, case):
    services.add_team_member(case=case, user=cast.partner, task="", added_by=cast.regisseur)
    services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="Huisbezoek",
        owner_organisation=cast.ggz,
        owner=cast.partner,
        due_on=timezone.localdate() + timedelta(days=10),
    )
    assert told(kinds.ACTION_ASSIGNED, case) == ["partner"]


def test_an_action_for_an_organisation_goes_to_its_people_on_the_case_only(cast, case):
    # GGZ Drenthe has `partner` on the team; GGZ's people elsewhere, the municipal contact of
    # Assen (who sees the case's summary) and VNN's partner are not told.
    services.add_team_member(case=case, user=cast.partner, task="", added_by=cast.regisseur)
    services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="Behandeling",
        owner_organisation=cast.ggz,
        due_on=timezone.localdate() + timedelta(days=10),
    )
    assert told(kinds.ACTION_ASSIGNED, case) == ["partner"]
    services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="Melding gemeente",
        owner_organisation=cast.gemeente_assen,
        due_on=timezone.localdate() + timedelta(days=10),
    )
    assert "gemeente" not in told(kinds.ACTION_ASSIGNED)


def test_an_action_falling_due_reminds_the_director_and_the_owner_once(cast, case):
    services.add_team_member(case=case, user=cast.partner, task="", added_by=cast.regisseur)
    services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="Huisbezoek",
        owner_organisation=cast.ggz,
        owner=cast.partner,
        due_on=timezone.localdate() + timedelta(days=1),
    )
    assert tasks.send_action_reminders() == 1
    assert tasks.send_action_reminders() == 0
    assert told(kinds.ACTION_DUE, case) == ["partner", "regisseur"]


def test_a_new_enrichment_tells_the_director_support_and_guide(cast, case):
    services.update_case_people(
        case=case,
        changed_by=cast.manager,
        expected_version=case.version,
        director=cast.regisseur,
        support=cast.ondersteuner,
        guide=cast.begeleider,
        review_on=None,
    )
    case.refresh_from_db()
    services.add_enrichment(
        **exchange(),
        case=case,
        added_by=cast.liaison_politie,
        text="Bekend bij politie",
        shared_with="zvhd",
    )
    assert told(kinds.ENRICHMENT_ADDED, case) == ["begeleider", "ondersteuner", "regisseur"]


def test_the_author_of_an_enrichment_is_not_told_of_their_own_work(cast, case):
    services.add_enrichment(
        **exchange(), case=case, added_by=cast.regisseur, text="Eigen notitie", shared_with="zvhd"
    )
    assert told(kinds.ENRICHMENT_ADDED, case) == []


def test_a_triage_decision_tells_the_registering_professional(cast):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.IN_TRIAGE,
        decided_by=cast.regisseur,
    )
    services.decide_triage(
        case=case,
        decided_by=cast.regisseur,
        decision=Decision.ADVIES,
        criteria=services.Criteria(),
    )
    assert told(kinds.TRIAGE_DECISION, case) == ["partner"]


def test_an_escalation_tells_the_managers_and_nobody_else(cast, case):
    services.escalate_case(
        case=case,
        escalated_by=cast.regisseur,
        level="management",
        reason="stagnatie",
        escalated_to="MT",
    )
    assert told(kinds.ESCALATION, case) == ["manager"]


def test_an_overdue_registration_tells_process_support_once(cast):
    case = make_case(registered_by=cast.partner, municipality=cast.assen)
    from cases.models import Case

    Case.objects.filter(pk=case.pk).update(registered_at=timezone.now() - timedelta(days=14))
    fresh = make_case(registered_by=cast.partner, municipality=cast.assen)
    assert tasks.notify_overdue_triage() == 1
    assert tasks.notify_overdue_triage() == 0
    assert told(kinds.TRIAGE_OVERDUE, case) == ["ondersteuner"]
    assert told(kinds.TRIAGE_OVERDUE, fresh) == []


def test_the_municipal_contact_is_told_of_nothing_in_a_case_journey(cast, case):
    services.add_team_member(case=case, user=cast.partner, task="", added_by=cast.regisseur)
    services.add_enrichment(
        **exchange(), case=case, added_by=cast.liaison_politie, text="x", shared_with="team"
    )
    services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="y",
        owner_organisation=cast.gemeente_assen,
        due_on=timezone.localdate(),
    )
    services.escalate_case(
        case=case, escalated_by=cast.regisseur, level="management", reason="r", escalated_to="M"
    )
    tasks.send_action_reminders()
    assert not Notification.objects.filter(recipient=cast.gemeente).exists()


def test_a_rolled_back_action_leaves_no_notification(cast, case):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.add_team_member(case=case, user=cast.partner, task="", added_by=cast.regisseur)
        raise RuntimeError
    assert told(kinds.TEAM_ADDED, case) == []


def test_notify_names_every_kind_the_neighbouring_parts_need():
    assert {
        kinds.JOURNAL_ENTRY,
        kinds.DOCUMENT_ADDED,
        kinds.ESCALATION,
        kinds.CLOSING_APPROVAL,
    } <= set(kinds.SPECS)


def test_nothing_is_told_while_muted(cast, case):
    from inbox.services import muted, notify

    with muted():
        assert notify(kinds.ESCALATION, [cast.manager], case=case) == []
        services.add_team_member(case=case, user=cast.partner, task="", added_by=cast.regisseur)
    assert told(kinds.TEAM_ADDED, case) == []
    assert notify(kinds.ESCALATION, [cast.manager], case=case)


def test_a_journal_entry_tells_the_case_people_who_may_read_it(
    cast, django_capture_on_commit_callbacks
):
    from tests.casefile.factories import entry, own_case

    case = own_case(cast)
    with django_capture_on_commit_callbacks(execute=True):
        entry(case, cast.begeleider, audience="team")
    # The guide wrote it; the director and the team partner are told, nobody else.
    assert told(kinds.JOURNAL_ENTRY, case) == sorted([cast.regisseur.username, "partner"])
    with django_capture_on_commit_callbacks(execute=True):
        entry(case, cast.begeleider, audience="bureau", text="Alleen voor het bureau.")
    # Bureau only: the partner is not told of what they may not read.
    assert told(kinds.JOURNAL_ENTRY, case).count("partner") == 1


def test_a_document_tells_the_case_people_who_may_read_it(
    cast, django_capture_on_commit_callbacks, settings, tmp_path
):
    from tests.casefile.factories import document, own_case

    settings.DOCUMENTS_ROOT = tmp_path
    case = own_case(cast)
    with django_capture_on_commit_callbacks(execute=True):
        document(case, cast.partner, audience="bureau")
    assert told(kinds.DOCUMENT_ADDED, case) == sorted(
        [cast.regisseur.username, cast.begeleider.username]
    )
