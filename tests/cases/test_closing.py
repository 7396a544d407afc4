"""Closing safely (issue 19 part 4): the checklist of what is still open, the conscious
close with a reason, the manager's approval (four eyes) when the organisation asks for it,
and a closed case that is read-only for everyone but the reopening path."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases import services, tasks
from cases.models import (
    Action,
    ActionStatus,
    Case,
    CaseMeeting,
    CaseSettings,
    Closing,
    ClosingStatus,
    Goal,
    Kind,
    Status,
    TeamMember,
    Transition,
)
from tests import matrix
from tests.cases.factories import exchange, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(cast):
    return make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        invited=[cast.politie],
    )


def approval_on(changed_by):
    services.save_case_settings(changed_by=changed_by, closing_needs_approval=True)


def open_work(case, cast):
    due = timezone.localdate() + timedelta(days=2)
    action = services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="Behandelplan opstellen",
        owner_organisation=cast.partner.organisation,
        owner=cast.partner,
        due_on=due,
    )
    goal = services.add_goal(
        case=case, added_by=cast.regisseur, life_domain="wonen", description="Vaste woonplek"
    )
    escalation = services.escalate_case(
        case=case,
        escalated_by=cast.regisseur,
        level="management",
        reason="stagnatie",
        escalated_to="MT GGZ",
    )
    services.update_case_people(
        case=Case.objects.get(pk=case.pk),
        changed_by=cast.regisseur,
        expected_version=Case.objects.get(pk=case.pk).version,
        director=cast.regisseur,
        support=None,
        guide=None,
        review_on=timezone.localdate() + timedelta(days=1),
    )
    return action, goal, escalation


# ---------------------------------------------------------------------------------------------
# The checklist


def test_the_closing_page_lists_every_open_point(cast, client_for, case):
    open_work(case, cast)
    page = client_for(cast.regisseur).get(reverse("cases:close", args=[case.pk]))
    text = page.content.decode()
    assert "Behandelplan opstellen" in text
    assert "Vaste woonplek" in text
    assert "MT GGZ" in text
    assert "Evaluatiedatum gepland" in text
    assert [i.kind for i in page.context["open_items"]] == [
        "actie",
        "doel",
        "opschaling",
        "evaluatie",
    ]


def test_closing_with_open_points_needs_a_reason_and_nothing_typed_is_lost(cast, client_for, case):
    open_work(case, cast)
    url = reverse("cases:close", args=[case.pk])
    page = client_for(cast.regisseur).post(
        url, {"reason": "reguliere_zorg", "closed_on": timezone.localdate(), "note": "MIJN NOTITIE"}
    )
    assert page.status_code == 200
    assert "Er staan nog 4 punten open" in page.content.decode()
    assert "MIJN NOTITIE" in page.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.OPGESCHAALD


def test_a_conscious_close_keeps_the_open_points_and_the_reason_in_the_history(
    cast, client_for, case
):
    open_work(case, cast)
    response = client_for(cast.regisseur).post(
        reverse("cases:close", args=[case.pk]),
        {
            "reason": "reguliere_zorg",
            "closed_on": timezone.localdate().isoformat(),
            "open_items_reason": "GGZ neemt het over",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.AFGESLOTEN
    assert case.review_on is None  # no review ahead of a closed case
    closing = Closing.objects.get(case=case)
    assert closing.status == ClosingStatus.CLOSED
    assert len(closing.open_items) == 4 and closing.open_items_reason == "GGZ neemt het over"
    last = Transition.objects.filter(case=case).last()
    assert "GGZ neemt het over" in last.reason and "4 open punt" in last.reason
    history = client_for(cast.regisseur).get(reverse("cases:case_history", args=[case.pk]))
    assert "GGZ neemt het over" in history.content.decode()


def test_a_case_with_nothing_open_closes_without_a_reason_for_open_points(cast, case):
    closing = services.request_closing(
        case=case, requested_by=cast.regisseur, reason="doel_bereikt"
    )
    assert closing.open_items == [] and Case.objects.get(pk=case.pk).status == Status.AFGESLOTEN


def test_the_reason_for_closing_with_open_points_is_bounded(cast, client_for, case):
    open_work(case, cast)
    page = client_for(cast.regisseur).post(
        reverse("cases:close", args=[case.pk]),
        {"reason": "overig", "closed_on": timezone.localdate(), "open_items_reason": "x" * 5001},
    )
    assert page.status_code == 200
    assert Case.objects.get(pk=case.pk).status != Status.AFGESLOTEN


# ---------------------------------------------------------------------------------------------
# Approval (four eyes)


def test_with_the_setting_a_maatwerk_case_is_proposed_not_closed(cast, client_for, case):
    approval_on(cast.beheerder)
    response = client_for(cast.regisseur).post(
        reverse("cases:close", args=[case.pk]),
        {"reason": "doel_bereikt", "closed_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.ACTIEF
    closing = Closing.objects.get(case=case)
    assert closing.status == ClosingStatus.PROPOSED
    # A second proposal waits for the first.
    with pytest.raises(ValidationError):
        services.request_closing(case=case, requested_by=cast.regisseur, reason="doel_bereikt")


def test_a_pga_case_closes_without_approval(cast):
    approval_on(cast.beheerder)
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    Case.objects.filter(pk=case.pk).update(kind=Kind.PGA)
    case.refresh_from_db()
    closing = services.request_closing(
        case=case, requested_by=cast.regisseur, reason="doel_bereikt"
    )
    assert closing.status == ClosingStatus.CLOSED


def test_the_manager_approves_and_the_case_closes_on_the_proposed_day(cast, client_for, case):
    approval_on(cast.beheerder)
    closing = services.request_closing(
        case=case, requested_by=cast.regisseur, reason="doel_bereikt", note="Stabiel"
    )
    detail = client_for(cast.manager).get(reverse("cases:case_detail", args=[case.pk]))
    assert reverse("cases:closing_decide", args=[closing.pk]) in detail.content.decode()
    response = client_for(cast.manager).post(
        reverse("cases:closing_decide", args=[closing.pk]), {"decision": "goedkeuren"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    closing.refresh_from_db()
    assert case.status == Status.AFGESLOTEN and closing.status == ClosingStatus.APPROVED
    assert closing.decided_by == cast.manager
    assert "Goedgekeurd door" in Transition.objects.filter(case=case).last().reason


def test_the_proposer_may_not_approve_their_own_proposal(cast, case):
    approval_on(cast.beheerder)
    closing = services.request_closing(case=case, requested_by=cast.manager, reason="doel_bereikt")
    with pytest.raises(ValidationError, match="vier-ogenprincipe"):
        services.approve_closing(closing=closing, approved_by=cast.manager)
    assert Case.objects.get(pk=case.pk).status == Status.ACTIEF


def test_a_refusal_needs_a_reason_and_leaves_the_case_open(cast, client_for, case):
    approval_on(cast.beheerder)
    closing = services.request_closing(
        case=case, requested_by=cast.regisseur, reason="doel_bereikt"
    )
    url = reverse("cases:closing_decide", args=[closing.pk])
    page = client_for(cast.manager).post(url, {"decision": "afwijzen", "note": ""})
    assert page.status_code == 200 and "Geef aan waarom" in page.content.decode()
    client_for(cast.manager).post(url, {"decision": "afwijzen", "note": "Eerst de woning"})
    closing.refresh_from_db()
    assert closing.status == ClosingStatus.REFUSED
    assert Case.objects.get(pk=case.pk).status == Status.ACTIEF
    # Decided: the page no longer offers the form.
    assert client_for(cast.manager).get(url).status_code == 302


def test_the_closing_notifies_through_the_hook(cast, case, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "_notify", lambda kind, **kw: calls.append(kind))
    approval_on(cast.beheerder)
    closing = services.request_closing(
        case=case, requested_by=cast.regisseur, reason="doel_bereikt"
    )
    services.approve_closing(closing=closing, approved_by=cast.manager)
    assert calls == ["closing_proposed", "closing_approved"]


def test_the_setting_is_the_beheerders_and_keeps_its_history(cast, client_for):
    url = reverse("cases:settings")
    page = client_for(cast.beheerder).get(url)
    assert page.status_code == 200
    version = page.context["form"].initial["version"]
    response = client_for(cast.beheerder).post(
        url, {"closing_needs_approval": "on", "version": version}
    )
    assert response.status_code == 302
    assert CaseSettings.current().closing_needs_approval is True
    assert CaseSettings.history.filter(history_user=cast.beheerder).exists()
    # A stale save is refused, nothing overwritten.
    stale = client_for(cast.beheerder).post(url, {"version": version})
    assert stale.status_code == 200
    assert CaseSettings.current().closing_needs_approval is True


# ---------------------------------------------------------------------------------------------
# Permission rows: the approval page (per proposal) and the settings page (no case)

SETTINGS = dict.fromkeys(matrix.CAST_USERS, 403) | {"beheerder": 200}
DECIDE = dict.fromkeys(matrix.CAST_USERS, 404) | {
    "manager": 200,  # not the proposer
    "regisseur": 403,  # directs the case, proposed it, is no manager
    "partner": 403,  # on the team: reads the file, decides nothing
    "liaison_politie": 403,  # organisation involved: reads the file
}
ROWS = [
    matrix.Row("cases:settings", None, SETTINGS),
    matrix.Row("cases:closing_decide", "proposal", DECIDE),
]


@pytest.fixture
def records(cast, case):
    approval_on(cast.beheerder)
    proposal = services.request_closing(
        case=case, requested_by=cast.regisseur, reason="doel_bereikt"
    )
    return {"proposal": proposal}


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_each_role_gets_exactly_its_closing_pages(cast, client, records, row):
    matrix.check(row, client=client, people=matrix.people_of(cast), records=records)


# ---------------------------------------------------------------------------------------------
# A closed case is read-only


def closed_case(cast):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
    )
    action = services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="Behandelplan opstellen",
        owner_organisation=cast.partner.organisation,
        owner=cast.partner,
        due_on=timezone.localdate() + timedelta(days=1),
    )
    escalation = services.escalate_case(
        case=case, escalated_by=cast.regisseur, level="management", reason="r", escalated_to="MT"
    )
    services.request_closing(
        case=case, requested_by=cast.regisseur, reason="overig", open_items_reason="Bewust"
    )
    return Case.objects.get(pk=case.pk), action, escalation


# Every write URL of one case (pk in the URL) and of its children, with a valid body: each
# must be refused on a closed case. `reopen` is the one way back and is tested apart.
def write_urls(case, action, escalation, cast):
    today = timezone.localdate().isoformat()
    return {
        "cases:plan_edit": (case.pk, {"summary": "Nieuw", "version": 0}),
        "cases:goal_create": (case.pk, {"life_domain": "wonen", "description": "Nieuw doel"}),
        "cases:action_create": (
            case.pk,
            {"description": "Nieuwe actie", "owner_organisation": cast.politie.pk, "due_on": today},
        ),
        "cases:meeting_create": (case.pk, {"date": today, "notes": "Verslag"}),
        "cases:team_add": (case.pk, {"user": cast.partner_other.pk, "task": ""}),
        "cases:case_people": (case.pk, {"director": cast.regisseur.pk, "version": case.version}),
        "cases:escalate": (case.pk, {"level": "management", "escalated_to": "MT", "reason": "r"}),
        "cases:close": (case.pk, {"reason": "overig", "closed_on": today}),
        "cases:link_group": (case.pk, {"group": ""}),
        "cases:enrich": (case.pk, {"text": "Nieuw", "shared_with": "team"}),
        "cases:screen": (case.pk, {"notes": "x", "complete": "ja"}),
        "cases:triage": (case.pk, {"decision": "advies"}),
        "cases:withdraw": (case.pk, {"reason": "x"}),
        "cases:action_status": (action.pk, {"status": ActionStatus.DONE}),
        "cases:resolve_escalation": (escalation.pk, {"outcome": "Klaar"}),
    }


WALKED = {
    "cases:plan_edit",
    "cases:goal_create",
    "cases:action_create",
    "cases:meeting_create",
    "cases:team_add",
    "cases:case_people",
    "cases:escalate",
    "cases:close",
    "cases:link_group",
    "cases:enrich",
    "cases:screen",
    "cases:triage",
    "cases:withdraw",
    "cases:action_status",
    "cases:resolve_escalation",
}
# Form views on a case that a closed case still answers, and why.
NOT_A_WRITE_ON_A_CLOSED_CASE = {
    "cases:reopen": "the one way back into a closed case",
    "cases:closing_decide": "a proposal exists only on an open case; decided ones redirect",
}


def _case_form_views() -> set[str]:
    from django.urls import get_resolver

    from cases import views

    _prefix, sub = get_resolver().namespace_dict["cases"]
    return {
        f"cases:{pattern.name}"
        for pattern in sub.url_patterns
        if issubclass(
            getattr(pattern.callback, "view_class", object),
            (views.CaseFormView, views.ChildActionView),
        )
    }


def test_every_write_url_of_a_case_is_walked_on_a_closed_case():
    """A new form view on a case must join WALKED (and so be refused on a closed case)."""
    assert _case_form_views() - set(NOT_A_WRITE_ON_A_CLOSED_CASE) == WALKED


def test_no_write_on_a_closed_case_goes_through_for_anyone(cast, client_for):
    case, action, escalation = closed_case(cast)
    before = {
        "actions": Action.objects.filter(case=case).count(),
        "goals": Goal.objects.filter(case=case).count(),
        "meetings": CaseMeeting.objects.filter(case=case).count(),
        "team": TeamMember.objects.filter(case=case).count(),
        "transitions": Transition.objects.filter(case=case).count(),
        "version": case.version,
    }
    client = client_for(cast.manager)  # the widest rights of all
    urls = write_urls(case, action, escalation, cast)
    assert set(urls) == WALKED
    for name, (pk, data) in urls.items():
        url = reverse(name, args=[pk])
        response = client.post(url, data)
        assert response.status_code in (403, 409), (name, response.status_code)
        if response.status_code == 409:
            assert "Deze casus is afgesloten" in response.content.decode(), name
        get = client.get(url)
        assert get.status_code in (302, 403), (name, get.status_code)
    case.refresh_from_db()
    assert case.status == Status.AFGESLOTEN
    assert Action.objects.get(pk=action.pk).status == ActionStatus.OPEN
    assert before == {
        "actions": Action.objects.filter(case=case).count(),
        "goals": Goal.objects.filter(case=case).count(),
        "meetings": CaseMeeting.objects.filter(case=case).count(),
        "team": TeamMember.objects.filter(case=case).count(),
        "transitions": Transition.objects.filter(case=case).count(),
        "version": case.version,
    }


def test_a_partner_finds_the_actions_of_a_closed_case_read_only(cast, client_for):
    case, action, _escalation = closed_case(cast)
    partner = client_for(cast.partner)
    plan = partner.get(reverse("cases:case_plan", args=[case.pk])).content.decode()
    assert "Behandelplan opstellen" in plan
    assert reverse("cases:action_status", args=[action.pk]) not in plan
    response = partner.post(
        reverse("cases:action_status", args=[action.pk]), {"status": ActionStatus.DONE}
    )
    assert response.status_code == 409
    assert "Deze casus is afgesloten en kan niet meer worden gewijzigd" in response.content.decode()
    assert Action.objects.get(pk=action.pk).status == ActionStatus.OPEN


def test_the_services_refuse_writes_on_a_closed_case(cast):
    case, action, escalation = closed_case(cast)
    with pytest.raises(services.CaseClosed):
        services.set_action_status(action=action, changed_by=cast.partner, status="gereed")
    with pytest.raises(services.CaseClosed):
        services.add_goal(case=case, added_by=cast.regisseur, life_domain="wonen", description="x")
    with pytest.raises(services.CaseClosed):
        services.resolve_escalation(escalation=escalation, resolved_by=cast.regisseur, outcome="x")
    with pytest.raises(services.CaseClosed):
        services.add_enrichment(
            **exchange(), case=case, added_by=cast.liaison_politie, text="x", shared_with="team"
        )


def test_reopening_is_the_way_back(cast, client_for):
    case, action, _escalation = closed_case(cast)
    response = client_for(cast.regisseur).post(
        reverse("cases:reopen", args=[case.pk]), {"reason": "Nieuwe zorgen"}
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.ACTIEF
    services.set_action_status(action=action, changed_by=cast.partner, status="gereed")


def test_a_closed_case_reminds_nobody(cast, mailoutbox):
    case, action, _escalation = closed_case(cast)
    Case.objects.filter(pk=case.pk).update(review_on=timezone.localdate())
    assert tasks.send_action_reminders() == 0
    assert tasks.send_review_reminders() == 0
    assert mailoutbox == []


def test_destruction_blanks_the_closings_free_text(cast):
    from cases import privacy

    case, _action, _escalation = closed_case(cast)
    privacy.anonymise([case.pk], reason="test")
    closing = Closing.objects.get(case=case)
    assert closing.open_items == [] and closing.open_items_reason == "" and closing.note == ""
    assert not Closing.history.filter(case_id=case.pk, open_items_reason="Bewust").exists()
