"""Retention in the browser: the privacy officer freezes a record, reviews the destruction
list and excludes one record; the manager (a second person) approves; the certificate follows."""

import re
import subprocess
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.privacy.retention_data import FIRST, LAST, make_expired_person
from zvhd.privacy import services
from zvhd.privacy.defaults import ensure_default_terms
from zvhd.privacy.models import DestructionList, DestructionStatus

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_people_review_and_approve_a_destruction_list(
    cast, page, as_user, shot, axe_findings, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    ensure_default_terms()  # an earlier browser test's flush removed the migration's rows
    person = make_expired_person(cast)
    destruction_list = services.propose_destruction(today=date(2026, 12, 3))

    # The privacy officer: the terms, a bad term, then a freeze of the signal.
    as_user(page, cast.privacy)
    page.goto("/")
    page.get_by_role("link", name="Bewaartermijnen").first.click()
    expect(page.get_by_role("heading", name="Bewaartermijnen", level=1)).to_be_visible()
    shot(page, "retention-terms")
    assert axe_findings(page) == []
    page.get_by_role("link", name="Wijzigen (Nazorgdossier)").click()
    page.get_by_label("Bewaartermijn in jaren").fill("0")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Kies een termijn van ten minste 1 jaar.").first).to_be_visible()
    shot(page, "retention-term-error")
    assert axe_findings(page) == []
    page.get_by_role("link", name="Annuleren").click()

    page.get_by_label("Nummer van het record").fill(person["signal"].reference)
    page.get_by_role("button", name="Opzoeken").click()
    page.get_by_role("button", name="Bevriezen").click()
    expect(page.get_by_text("Geef de reden van de bevriezing.").first).to_be_visible()
    page.get_by_label("Reden van de bevriezing").fill("Lopende strafzaak")
    page.get_by_role("button", name="Bevriezen").click()
    expect(page.get_by_text("Het record is bevroren")).to_be_visible()
    shot(page, "retention-record")
    assert axe_findings(page) == []
    content = page.content()
    assert LAST not in content and FIRST not in content

    # The list: exclude the aftercare record, then finish the review.
    page.get_by_role("link", name="Vernietiging").first.click()
    page.get_by_role("link", name=f"Lijst {destruction_list.pk}").click()
    aftercare = person["record"].number
    # The frozen signal is kept by its hold: its state, no exclude link.
    signal = person["signal"].reference
    expect(page.get_by_role("link", name=f"Uitzonderen ({signal})")).to_have_count(0)
    expect(page.get_by_text("Niet nodig: bevroren")).to_have_count(1)
    page.get_by_role("link", name=f"Uitzonderen ({aftercare})").click()
    page.get_by_role("button", name="Uitzonderen").click()
    expect(
        page.get_by_text("Geef de reden waarom dit record niet wordt vernietigd.").first
    ).to_be_visible()
    page.get_by_label("Reden om niet te vernietigen").fill("Nieuwe detentie gemeld")
    page.get_by_role("button", name="Uitzonderen").click()
    expect(page.get_by_text(f"{aftercare} wordt niet vernietigd.")).to_be_visible()
    shot(page, "destruction-list-proposed")
    assert axe_findings(page) == []
    page.get_by_role("button", name="Beoordeling afronden").click()
    expect(page.get_by_text("Een tweede persoon").first).to_be_visible()
    assert page.get_by_role("button", name="Goedkeuren en vernietigen").count() == 0

    # The manager approves: the destruction and the certificate run as tasks.
    page.context.clear_cookies()
    as_user(page, cast.manager)
    page.goto("/")
    page.get_by_role("link", name="Vernietiging").first.click()
    page.get_by_role("link", name=f"Lijst {destruction_list.pk}").click()
    expect(page.get_by_role("button", name="Goedkeuren en vernietigen")).to_be_visible()
    shot(page, "destruction-list-reviewed")
    assert axe_findings(page) == []
    page.get_by_role("button", name="Goedkeuren en vernietigen").click()
    expect(page.get_by_text("De lijst is goedgekeurd.")).to_be_visible()
    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name=f"verklaring-vernietiging-{destruction_list.pk}.pdf").click()
    shot(page, "destruction-list-executed")
    assert axe_findings(page) == []
    pdf = tmp_path / "verklaring.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert person["case"].number in text and LAST not in text and person["bsn"] not in text

    page.get_by_role("link", name="Alle vernietigingslijsten").click()
    expect(page).to_have_url(re.compile(r"/vernietiging/$"))
    shot(page, "destruction-lists")
    assert axe_findings(page) == []

    destruction_list.refresh_from_db()
    assert destruction_list.status == DestructionStatus.EXECUTED
    assert destruction_list.reviewed_by == cast.privacy
    assert destruction_list.approved_by == cast.manager
    destroyed = set(
        destruction_list.items.filter(destroyed_at__isnull=False).values_list("number", flat=True)
    )
    assert destroyed == {person["case"].number, person["registration"].number}
    assert DestructionList.objects.count() == 1
