"""Issue 20 parts 1-2 in the browser: a liaison enriches a case with a legal basis (first
without one: refused, nothing lost), the director records a risk assessment (first with a
score outside the scale) and a safety flag, the flag shows in the case list, and the privacy
officer finds the exchange in the register."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from cases.models import Status
from risk.models import Assessment, SafetyFlag
from tests.cases.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)


def test_risk_and_legal_basis_journey(cast, page, as_user, shot, axe_findings):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        invited=[cast.politie],
    )

    # 1. The police liaison enriches: without a basis the form refuses and keeps the text.
    as_user(page, cast.liaison_politie)
    page.goto(f"/casussen/{case.pk}/verrijken/")
    page.get_by_label("Wat weet uw organisatie?").fill("Twee meldingen van bedreiging in 2026.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Kies de grondslag waaronder u deze gegevens verstrekt.").first.wait_for()
    assert "Twee meldingen van bedreiging" in page.content()
    shot(page, "risk-01-enrichment-without-basis")
    page.get_by_label("Grondslag van de verstrekking").select_option("wpg")
    page.get_by_label("Doel van de verstrekking").fill("Veiligheid van medewerkers bij huisbezoek")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Uw informatie is toegevoegd").wait_for()
    assert "Wpg — politiegegevens" in page.content()

    # 2. The director records an assessment: a score outside the scale first.
    as_user(page, cast.regisseur)
    page.goto(f"/casussen/{case.pk}/")
    page.get_by_role("link", name="Risico en veiligheid").first.click()
    page.get_by_role("link", name="Risicotaxatie vastleggen").click()
    expect(page.get_by_text("geen gevalideerd instrument").first).to_be_visible()
    today = date.today()
    page.get_by_label("Datum van de taxatie").fill(today.isoformat())
    for label, value in (
        ("Geweld en agressie", "5"),
        ("Middelengebruik", "1"),
        ("Psychisch functioneren", "2"),
        ("Wonen en financiën", "1"),
        ("Sociaal netwerk", "0"),
        ("Justitiële voorgeschiedenis", "2"),
    ):
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Totaalniveau").select_option("hoog")
    page.get_by_label("Volgende herbeoordeling").fill((today + timedelta(days=42)).isoformat())
    page.get_by_role("button", name="Taxatie opslaan").click()
    page.get_by_text("De score moet tussen 0 en 3 liggen.").first.wait_for()
    assert page.get_by_label("Middelengebruik", exact=True).input_value() == "1"
    shot(page, "risk-02-score-outside-scale")
    page.get_by_label("Geweld en agressie", exact=True).fill("3")
    page.get_by_role("button", name="Taxatie opslaan").click()
    page.get_by_text("De risicotaxatie is vastgelegd.").wait_for()
    assert Assessment.objects.get(case=case).level == "hoog"

    # 3. ... and a safety flag on the person.
    page.get_by_role("link", name="Veiligheidssignaal plaatsen").click()
    page.get_by_label("Signaal").select_option(label="Niet alleen op huisbezoek")
    page.get_by_label("De betrokkene (bij al diens casussen)").check()
    page.get_by_label("Toelichting").fill("Dreigde bij het laatste bezoek.")
    page.get_by_role("button", name="Signaal plaatsen").click()
    page.get_by_text("Het veiligheidssignaal is geplaatst.").wait_for()
    assert SafetyFlag.objects.get(case=case).person_id == case.person_id
    shot(page, "risk-03-risk-tab")
    assert axe_findings(page) == []

    # 4. The flag shows in the case list, and at the top of the case file.
    page.goto("/casussen/mijn/")
    row = page.locator("tr", has_text=case.number)
    assert "Niet alleen op huisbezoek" in row.inner_text()
    shot(page, "risk-04-case-list-flag")
    page.goto(f"/casussen/{case.pk}/")
    page.get_by_text("Veiligheidssignalen").first.wait_for()
    shot(page, "risk-05-case-file-flag")

    # 5. The municipal contact sees the case's summary in the list, not the flag.
    as_user(page, cast.gemeente)
    page.goto("/casussen/")
    assert case.number in page.content() and "Niet alleen op huisbezoek" not in page.content()

    # 6. The privacy officer lists the exchange per partner and basis.
    as_user(page, cast.privacy)
    page.goto("/casussen/uitwisselingen/")
    page.locator("#id_basis").select_option("wpg")
    page.get_by_role("button", name="Filteren").click()
    expect(page).to_have_url(re.compile("basis=wpg"))
    table = page.locator("table").nth(1)
    expect(table).to_contain_text(case.number)
    assert "Veiligheid van medewerkers bij huisbezoek" in table.inner_text()
    assert "Twee meldingen" not in page.content()  # the purpose, never the content
    shot(page, "risk-06-exchanges")
    assert axe_findings(page) == []
