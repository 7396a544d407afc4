"""Browser journey: the director tags a case with a programme (a wrong out date first, then
right), and the manager's figures page shows the case under that programme."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Status
from tests.cases.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_director_tags_a_case_and_the_dashboard_counts_it(
    cast, page, as_user, shot, axe_findings
):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    start = case.started_on or timezone.localdate()
    as_user(page, cast.regisseur)
    page.goto(f"/casussen/{case.pk}/")
    page.get_by_role("link", name="Programma's").click()
    expect(page.get_by_text("Deze casus is (nog) in geen enkel programma.")).to_be_visible()

    page.get_by_label("Programma", exact=True).select_option(label="Levensloopaanpak")
    page.get_by_label("In programma vanaf", exact=True).fill(start.isoformat())
    page.get_by_role("textbox", name="Uit programma op").fill(
        start.replace(year=start.year - 1).isoformat()
    )
    page.get_by_role("button", name="Programma toevoegen").click()
    page.get_by_text("De einddatum ligt vóór de begindatum.").first.wait_for()
    assert page.get_by_label("In programma vanaf", exact=True).input_value() == start.isoformat()
    shot(page, "programmes-case-tab-error")

    page.get_by_role("textbox", name="Uit programma op").fill("")
    page.get_by_role("button", name="Programma toevoegen").click()
    page.get_by_text("Het programma is toegevoegd.").wait_for()
    row = page.get_by_role("row", name="Levensloopaanpak")
    row.get_by_role("cell", name=start.strftime("%d-%m-%Y"), exact=True).wait_for()
    shot(page, "programmes-case-tab")
    assert axe_findings(page) == []

    as_user(page, cast.manager)
    # Three years of figures and charts: allow for a loaded machine.
    page.goto(f"/rapportages/?jaar={start.year}", timeout=180_000)
    table = page.locator("section[aria-labelledby='t-programmas']")
    levensloop = table.get_by_role("row", name="Levensloopaanpak")
    assert levensloop.get_by_role("cell").last.inner_text().strip() == "1"  # actief
    shot(page, "programmes-dashboard")
    assert axe_findings(page) == []
