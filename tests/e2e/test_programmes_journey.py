"""Browser journey: the director tags a case with a programme (a wrong out date first, then
right), and the manager's figures page shows the case under that programme."""

import pytest
from django.utils import timezone

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
    assert page.get_by_text("Deze casus is (nog) in geen enkel programma.").is_visible()

    page.get_by_label("Programma", exact=True).select_option(label="Levensloopaanpak")
    page.get_by_label("In programma vanaf", exact=True).fill(start.isoformat())
    page.get_by_role("textbox", name="Uit programma op").fill(
        start.replace(year=start.year - 1).isoformat()
    )
    page.get_by_role("button", name="Programma toevoegen").click()
    assert page.get_by_text("De einddatum ligt vóór de begindatum.").first.is_visible()
    assert page.get_by_label("In programma vanaf", exact=True).input_value() == start.isoformat()
    shot(page, "programmes-case-tab-error")

    page.get_by_role("textbox", name="Uit programma op").fill("")
    page.get_by_role("button", name="Programma toevoegen").click()
    assert page.get_by_text("Het programma is toegevoegd.").is_visible()
    row = page.get_by_role("row", name="Levensloopaanpak")
    assert row.get_by_text(start.strftime("%d-%m-%Y")).is_visible()
    shot(page, "programmes-case-tab")
    assert axe_findings(page) == []

    as_user(page, cast.manager)
    page.goto(f"/rapportages/?jaar={start.year}")
    table = page.locator("section[aria-labelledby='t-programmas']")
    levensloop = table.get_by_role("row", name="Levensloopaanpak")
    assert levensloop.get_by_role("cell").last.inner_text().strip() == "1"  # actief
    shot(page, "programmes-dashboard")
    assert axe_findings(page) == []
