"""A casustafel stalking meeting in a real browser: the chair prepares the agenda, records
attendance and a decision with an action, and the action's owner finds it."""

import pytest
from playwright.sync_api import expect

from cases.models import Status
from tests.cases.factories import make_case
from tests.tables.factories import make_table

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_casustafel_stalking_meeting_creates_an_action_its_owner_sees(
    cast, page, as_user, shot, axe_findings
):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
    )
    hidden = make_case(
        registered_by=cast.partner_other,
        municipality=cast.emmen,
        status=Status.ACTIEF,
        director=cast.regisseur_other,
    )
    make_table(
        chair=cast.regisseur,
        members=[cast.partner],
        organisations=[cast.politie],
        name="Casustafel stalking Noord",
    )
    as_user(page, cast.regisseur)
    page.goto("/tafels/")
    shot(page, "tables-list-chair")
    assert axe_findings(page) == []
    page.get_by_role("link", name="Casustafel stalking Noord").click()

    # A meeting date outside 1900-2100: the message at the field; then a good one.
    page.get_by_label("Datum").fill("2101-03-01")
    page.get_by_role("button", name="Overleg plannen").click()
    expect(
        page.get_by_text("Vul een datum in tussen 1 januari 1900 en 31 december 2100.").first
    ).to_be_visible()
    page.get_by_label("Datum").fill("2026-03-02")
    page.get_by_role("button", name="Overleg plannen").click()
    page.wait_for_url("**/tafels/overleg/*/")

    # The agenda: a case the chair may not see is refused with the number kept.
    page.get_by_label("Wat komt er op de agenda").select_option(label="Casus")
    page.get_by_label("Casusnummer").fill(hidden.number)
    page.get_by_role("button", name="Op de agenda zetten").click()
    expect(page.get_by_text("Deze casus kunt u niet aan de tafel voorleggen").first).to_be_visible()
    assert page.get_by_label("Casusnummer").input_value() == hidden.number
    shot(page, "tables-agenda-refused")
    page.get_by_label("Casusnummer").fill(case.number)
    page.get_by_role("button", name="Op de agenda zetten").click()
    page.get_by_label("Wat komt er op de agenda").select_option(label="Persoon")
    page.get_by_label("Omschrijving persoon of huishouden").fill("M.K. (Assen), ex-partner")
    page.get_by_role("button", name="Op de agenda zetten").click()
    heading = f"1. Casus: {case.number} — {case.person}"
    expect(page.get_by_role("heading", name=heading)).to_be_visible()

    # Attendance.
    page.get_by_role("checkbox", name="Partner").check()
    page.get_by_label("Overige aanwezigen").fill("Veilig Thuis Drenthe")
    page.get_by_role("button", name="Overleg opslaan").click()
    expect(page.get_by_text("Het overleg is opgeslagen.").first).to_be_visible()

    # A decision with an action; first empty and due before the meeting: nothing lost.
    page.get_by_role("link", name="Besluit vastleggen agendapunt 1").click()
    page.get_by_label("Actie die hieruit volgt").fill("Stopgesprek voeren met betrokkene")
    page.get_by_label("Eigenaar van de actie").select_option(value=str(cast.partner.pk))
    page.get_by_label("Uiterlijk").fill("2026-03-01")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Vul het besluit in.").first).to_be_visible()
    expect(
        page.get_by_text("De actie kan niet vóór het overleg van 02-03-2026 af moeten zijn.").first
    ).to_be_visible()
    assert page.get_by_label("Actie die hieruit volgt").input_value() == (
        "Stopgesprek voeren met betrokkene"
    )
    shot(page, "tables-decision-errors")
    page.get_by_label("Besluit", exact=True).fill("GGZ voert een stopgesprek; politie volgt.")
    page.get_by_label("Uiterlijk").fill("2026-03-16")
    page.get_by_role("button", name="Besluit opslaan").click()
    page.wait_for_url("**/tafels/overleg/*/**")
    expect(page.get_by_text("Stopgesprek voeren met betrokkene").first).to_be_visible()
    shot(page, "tables-meeting-chair")
    assert axe_findings(page) == []

    # The owner of the action sees it among their actions and reports progress.
    page.context.clear_cookies()
    as_user(page, cast.partner)
    page.goto("/tafels/acties/")
    expect(
        page.get_by_role("cell", name="Stopgesprek voeren met betrokkene", exact=True)
    ).to_be_visible()
    page.get_by_label("Status van Stopgesprek voeren met betrokkene").select_option(label="Bezig")
    page.get_by_role("button", name="Opslaan Stopgesprek voeren met betrokkene").click()
    expect(page.get_by_text("De status van de actie is bijgewerkt.").first).to_be_visible()
    shot(page, "tables-my-actions-owner")
    assert axe_findings(page) == []

    # The municipal contact of Assen is no member: no table at all.
    page.context.clear_cookies()
    as_user(page, cast.gemeente)
    page.goto("/tafels/")
    expect(page.get_by_text("U neemt aan geen enkele tafel deel.").first).to_be_visible()


def test_a_liaison_finds_the_ketenkamer_as_a_table_and_opens_its_meeting(
    cast, page, as_user, shot, axe_findings
):
    """The ketenkamer is one table of the engine: a liaison sits at it through the police,
    finds it under Tafels with its members, and opens a ketenkamer from it; the chair removes
    the police, and the liaison's door closes."""
    from datetime import date

    from cases import services as case_services
    from tables.models import KETENKAMER, Table

    held = case_services.plan_ketenkamer(date=date(2026, 3, 5), planned_by=cast.ondersteuner)
    as_user(page, cast.liaison_politie)
    page.goto("/tafels/")
    page.get_by_role("region", name="Tafels").get_by_role(
        "link", name="Ketenkamer", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Ketenkamer", level=1)).to_be_visible()
    expect(page.get_by_text("Politie").first).to_be_visible()
    shot(page, "tables-ketenkamer-table-liaison")
    assert axe_findings(page) == []
    page.get_by_role("link", name="donderdag 5 maart 2026").click()
    page.wait_for_url(f"**/casussen/ketenkamer/{held.pk}/")
    expect(page.get_by_role("heading", name="Besluitenlijst (PDF)")).to_be_visible()
    # A liaison reads the ketenkamer; making its decision list is for who prepares it.
    assert page.get_by_role("button", name="Besluitenlijst maken").count() == 0
    shot(page, "tables-ketenkamer-meeting-liaison")

    table = Table.objects.get(kind__code=KETENKAMER)
    table.member_organisations.remove(cast.politie)
    page.goto("/casussen/ketenkamer/")
    expect(page.get_by_text("U zit niet aan de ketenkamer").first).to_be_visible()
    shot(page, "tables-ketenkamer-no-seat")
    assert axe_findings(page) == []
