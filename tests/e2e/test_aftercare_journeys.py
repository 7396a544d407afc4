"""Aftercare in the browser: a notification from intake to a release with all five basic
conditions arranged, and an escalation to process direction that the director can follow."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from aftercare.models import AftercareRecord, Status
from tests.aftercare.factories import make_record, participate, valid_bsn

pytestmark = pytest.mark.django_db(transaction=True)

CONDITIONS = [
    "Geldig identiteitsbewijs",
    "Huisvesting na ontslag",
    "Inkomen uit werk of uitkering, of dagbesteding",
    "Inzicht in en aanpak van schulden",
    "Zorg, zorgverzekering en continuïteit van zorg",
]


@pytest.fixture
def aftercare_cast(cast):
    year = timezone.localdate().year
    participate(cast.assen, year - 1, year)
    return cast


def test_a_notification_goes_from_intake_to_a_release_with_every_condition_arranged(
    aftercare_cast, page, as_user, shot, axe_findings
):
    cast = aftercare_cast
    today = timezone.localdate()
    as_user(page, cast.nazorg)
    page.goto("/nazorg/melding/")
    bsn = valid_bsn()
    page.get_by_label("Soort melding").select_option(label="Begin detentie")
    page.get_by_label("Voornamen").fill("Ricardo")
    page.get_by_label("Achternaam").fill("Hilbrands")
    page.get_by_label("Geboortedatum").fill("1991-08-14")
    page.get_by_label("BSN").fill("123456789")  # fails the elfproef first
    page.get_by_label("Gemeente van inschrijving").select_option(label="Assen")
    page.get_by_label("Inrichting").fill("PI Veenhuizen, locatie Norgerhaven")
    page.get_by_label("Begin detentie").fill((today - timedelta(days=10)).isoformat())
    page.get_by_label("Verwachte datum van ontslag").fill((today + timedelta(days=12)).isoformat())
    page.get_by_role("button", name="Melding opslaan").click()
    expect(page.get_by_text("elfproef").first).to_be_visible()
    assert page.get_by_label("Achternaam").input_value() == "Hilbrands"  # nothing lost
    shot(page, "aftercare-intake-invalid-bsn")
    page.get_by_label("BSN").fill(bsn)
    page.get_by_role("button", name="Melding opslaan").click()
    page.wait_for_url("**/nazorg/*/")
    record = AftercareRecord.objects.get(bsn=bsn)
    assert "Er is nog geen toestemming vastgelegd" in page.content()
    shot(page, "aftercare-record-new")

    page.get_by_role("link", name="Toestemming").click()
    page.get_by_label("Gegeven").check()
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/nazorg/{record.pk}/")
    assert "Er is nog geen toestemming" not in page.content()

    for label in CONDITIONS:
        page.get_by_role("link", name=label).click()
        page.get_by_label("Status").select_option(label="Geregeld")
        page.get_by_label("Verantwoordelijke partij").fill("Gemeente Assen")
        page.get_by_label("Acties").fill("Geregeld met de casemanager in de PI.")
        page.get_by_role("button", name="Opslaan").click()
        page.wait_for_url(f"**/nazorg/{record.pk}/")
    assert "Nog 0 basisvoorwaarden niet geregeld." in page.content()
    shot(page, "aftercare-record-all-arranged")
    assert axe_findings(page) == []

    page.get_by_role("link", name="Ontslag vastleggen").click()
    page.get_by_label("Werkelijke datum van ontslag").fill(today.isoformat())
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/nazorg/{record.pk}/")
    record.refresh_from_db()
    assert record.actual_release == today
    assert set(record.release_snapshot.values()) == {"geregeld"}

    page.goto("/nazorg/cijfers/")
    assert "Alle vijf geregeld" in page.content()
    shot(page, "aftercare-figures")
    assert axe_findings(page) == []


def test_an_escalation_registers_a_case_that_the_director_can_follow_back(
    aftercare_cast, page, as_user, shot, axe_findings
):
    cast = aftercare_cast
    record = make_record(municipality=cast.assen, by=cast.nazorg, days_to_release=9)
    make_record(municipality=cast.assen, by=cast.nazorg, days_to_release=2, last_name="Brink")
    as_user(page, cast.nazorg)
    page.goto("/")
    assert "Nazorg: ontslag binnen 14 dagen" in page.content()
    shot(page, "aftercare-start-coordinator")
    page.goto("/nazorg/")
    assert record.number in page.content()
    shot(page, "aftercare-list")
    assert axe_findings(page) == []
    page.goto("/nazorg/ontslagen/")
    shot(page, "aftercare-releases")
    assert axe_findings(page) == []
    page.goto(f"/nazorg/{record.pk}/")
    page.get_by_role("link", name="Opschalen naar procesregie").click()
    page.get_by_label("Waarom opschalen naar procesregie?").fill(
        "Geen woning na ontslag, dreigt terug te vallen in gebruik; eerdere nazorg liep vast."
    )
    page.get_by_label("Wat moet procesregie bereiken?").fill("Eén plan rond wonen en zorg.")
    page.get_by_label("Problematische huisvesting").check()
    shot(page, "aftercare-escalate-form")
    page.get_by_role("button", name="Opschalen").click()
    page.wait_for_url(f"**/nazorg/{record.pk}/")
    record.refresh_from_db()
    assert record.status == Status.ESCALATED and record.case is not None
    assert record.case.number in page.content()
    shot(page, "aftercare-record-escalated")

    # The director opens the new registration and follows its origin back to the link page.
    page.context.clear_cookies()
    as_user(page, cast.regisseur)
    page.goto(f"/casussen/{record.case.pk}/")
    page.get_by_role("link", name=record.number).first.click()
    page.wait_for_url(f"**/nazorg/{record.pk}/koppeling/")
    assert record.last_name not in page.content()
    shot(page, "aftercare-link-for-director")

    # The municipality sees a summary of its resident, not the file.
    page.context.clear_cookies()
    as_user(page, cast.gemeente)
    page.goto("/nazorg/mijn-gemeente/")
    page.get_by_role("link", name=record.number).click()
    expect(page.get_by_text("Samenvatting voor de gemeente").first).to_be_visible()
    assert record.bsn not in page.content()
    shot(page, "aftercare-summary-municipality")
    assert axe_findings(page) == []
