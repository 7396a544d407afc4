"""Browser journey: the functioneel beheerder logs in with the second factor, adds a problem
area and retires a closing reason in Beheer → Keuzelijsten; a partner's registration form then
offers the new problem area at once."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import click_menu_item

pytestmark = pytest.mark.django_db(transaction=True)


def test_beheerder_keeps_a_lookup_list_and_the_form_follows(
    cast, page, login, as_user, shot, axe_findings
):
    login(page, cast.beheerder)
    click_menu_item(page, "Keuzelijsten")
    page.get_by_role("heading", name="Probleemgebieden").wait_for()
    assert axe_findings(page) == []
    section = page.get_by_role("region", name="Probleemgebieden")
    section.get_by_role("link", name="Term toevoegen").click()
    page.get_by_label("Code").fill("dakloosheid")
    page.get_by_label("Omschrijving").fill("Dakloosheid")
    page.get_by_label("Volgorde").fill("5")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De term Dakloosheid is opgeslagen.").wait_for()

    # A bad code is refused at the field, and what was typed stays.
    page.get_by_role("region", name="Probleemgebieden").get_by_role(
        "link", name="Term toevoegen"
    ).click()
    page.get_by_label("Code").fill("met spatie")
    page.get_by_label("Omschrijving").fill("Eenzaamheid")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".utrecht-form-field-errors, .errorlist").first).to_be_visible()
    assert page.get_by_label("Omschrijving").input_value() == "Eenzaamheid"
    assert "geldige" in page.locator(".utrecht-form-field-errors, .errorlist").first.inner_text()
    page.go_back()
    page.go_back()

    page.goto("/beheer/keuzelijsten/")
    reasons = page.get_by_role("region", name="Redenen van afsluiten")
    reasons.get_by_role("link", name="Overleden").click()
    page.get_by_label("Actief").uncheck()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("is opgeslagen").wait_for()
    row = page.get_by_role("region", name="Redenen van afsluiten").get_by_role(
        "row", name="Overleden"
    )
    assert "inactief" in row.inner_text()
    shot(page, "beheer-keuzelijsten")

    page.goto("/beheer/gemeenten/")
    assert "69.000" in page.get_by_role("row", name="Assen").inner_text()
    shot(page, "beheer-gemeenten")

    as_user(page, cast.partner)
    page.goto("/casussen/aanmelden/")
    boxes = page.get_by_role("group", name="Probleemgebieden")
    labels = boxes.get_by_role("checkbox").evaluate_all(
        "els => els.map(e => e.labels[0].innerText.trim())"
    )
    assert labels[0] == "Dakloosheid"
