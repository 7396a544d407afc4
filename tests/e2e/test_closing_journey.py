"""Closing a case safely in the browser (issue 19 parts 3-4): the director reads the
timeline, closes through the checklist, the manager approves (four eyes), and the partner
finds the actions read-only."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cases import services
from cases.models import Action, ActionStatus, Case, Status
from tests.cases.factories import exchange, make_case

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_director_closes_the_manager_approves_the_partner_reads(
    cast, page, as_user, shot, axe_findings
):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        invited=[cast.politie],
    )
    services.add_enrichment(
        **exchange(),
        case=case,
        added_by=cast.liaison_politie,
        text="Drie meldingen van overlast in 2025.",
        shared_with="team",
    )
    services.add_goal(
        case=case, added_by=cast.regisseur, life_domain="wonen", description="Vaste woonplek"
    )
    action = services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="Behandelplan opstellen",
        owner_organisation=cast.partner.organisation,
        owner=cast.partner,
        due_on=timezone.localdate() + timedelta(days=7),
    )
    services.record_meeting(
        case=case,
        recorded_by=cast.regisseur,
        date=timezone.localdate(),
        decisions="GGZ stelt een behandelplan op.",
    )

    # The functioneel beheerder asks for the manager's approval of closing maatwerk cases.
    as_user(page, cast.beheerder)
    page.goto("/casussen/instellingen/")
    page.get_by_label("Afsluiten van een maatwerkcasus vraagt goedkeuring").check()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De instellingen zijn opgeslagen").wait_for()
    shot(page, "closing-01-settings")

    # The director reads the timeline, then filters it to the actions.
    as_user(page, cast.regisseur)
    page.goto(f"/casussen/{case.pk}/tijdlijn/")
    page.get_by_text("Verrijking door").first.wait_for()
    assert "Besluit: procesregie" in page.content()
    shot(page, "closing-02-timeline")
    assert axe_findings(page) == []
    page.get_by_label("Actie", exact=True).check()
    page.get_by_role("button", name="Filteren").click()
    page.get_by_text("Actie afgesproken voor").wait_for()
    assert "Verrijking door" not in page.content()

    # The closing page lists what is open; closing without a reason for it is refused.
    page.goto(f"/casussen/{case.pk}/afsluiten/")
    assert "Behandelplan opstellen" in page.content() and "Vaste woonplek" in page.content()
    page.get_by_label("Reden van afsluiten").select_option("reguliere_zorg")
    page.get_by_label(re.compile("^Toelichting")).fill("Overgedragen aan de wijk-GGZ.")
    page.get_by_role("button", name="Afsluiten voorstellen aan de manager").click()
    page.get_by_text("Er staan nog 2 punten open").first.wait_for()
    assert page.get_by_label(re.compile("^Toelichting")).input_value() == (
        "Overgedragen aan de wijk-GGZ."
    )
    shot(page, "closing-03-checklist-refused")
    page.get_by_label("Waarom sluit u de casus af").fill("De wijk-GGZ neemt beide punten over.")
    page.get_by_role("button", name="Afsluiten voorstellen aan de manager").click()
    page.get_by_text("Het afsluiten is voorgesteld").wait_for()
    shot(page, "closing-04-proposed")
    assert Case.objects.get(pk=case.pk).status == Status.ACTIEF

    # The manager finds it on the start page and approves it.
    as_user(page, cast.manager)
    page.goto("/")
    shot(page, "closing-05-manager-start")
    page.get_by_role("link", name=case.number).click()
    page.get_by_text("De wijk-GGZ neemt beide punten over.").wait_for()
    shot(page, "closing-06-decide")
    assert axe_findings(page) == []
    page.get_by_label("Goedkeuren en afsluiten").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Het afsluiten is goedgekeurd").wait_for()
    assert Case.objects.get(pk=case.pk).status == Status.AFGESLOTEN

    # The partner finds the actions read-only: no link to change the status, and the status
    # page itself sends them back with the reason.
    as_user(page, cast.partner)
    page.goto(f"/casussen/{case.pk}/plan/")
    page.get_by_text("Behandelplan opstellen").wait_for()
    assert page.get_by_role("link", name="Open").count() == 0
    shot(page, "closing-07-partner-plan-read-only")
    page.goto(f"/casussen/acties/{action.pk}/status/")
    page.get_by_text("Deze casus is afgesloten en kan niet meer worden gewijzigd").wait_for()
    shot(page, "closing-08-partner-refused")
    page.goto(f"/casussen/{case.pk}/tijdlijn/")
    page.get_by_text("Afsluiten goedgekeurd").wait_for()
    shot(page, "closing-09-partner-timeline")
    assert Action.objects.get(pk=action.pk).status == ActionStatus.OPEN
