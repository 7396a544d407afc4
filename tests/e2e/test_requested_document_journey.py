"""A document asked of a partner, in the browser (issue 19 part 4): the director asks GGZ for
a report on the documents tab and sees it on the closing page; the GGZ partner finds the
request in the inbox and uploads against it; the police, on the case too, do not see it; the
closing page no longer lists it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casefile.demo import tiny_pdf
from tests.casefile.factories import own_case
from tests.e2e.walk import telltales

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_requested_document_from_request_to_closing(
    cast, page, as_user, shot, axe_findings, settings, tmp_path
):
    settings.DOCUMENTS_ROOT = tmp_path / "documenten"
    settings.CLAMAV_SOCKET = settings.CLAMAV_HOST = ""
    case = own_case(cast)
    due = timezone.localdate() + timedelta(days=10)

    # 1. The director asks GGZ for a report.
    as_user(page, cast.regisseur)
    page.goto(f"/casussen/{case.pk}/documenten/")
    page.get_by_role("link", name="Document opvragen").click()
    page.get_by_label("Welk document").fill("Adviesrapport GGZ")
    page.get_by_label("Soort document").select_option(label="Rapport")
    page.get_by_label("Opgevraagd bij").select_option(label=str(cast.ggz))
    page.get_by_label("Uiterlijk ontvangen op").fill(due.isoformat())
    shot(page, "requested-01-form")
    assert not axe_findings(page)
    page.get_by_role("button", name="Verzoek vastleggen").click()
    page.get_by_text("Het verzoek is vastgelegd").wait_for()
    page.get_by_role("cell", name="Nog niet ontvangen").wait_for()
    assert due.strftime("%d-%m-%Y") in page.content()
    shot(page, "requested-02-documents-director")
    assert not axe_findings(page)
    assert not telltales(page)

    # 2. The closing page lists it as an open point.
    page.goto(f"/casussen/{case.pk}/afsluiten/")
    page.get_by_text("Document nog niet ontvangen").wait_for()
    assert "Adviesrapport GGZ (opgevraagd bij" in page.content()
    shot(page, "requested-03-closing-open")
    assert not telltales(page)

    # 3. The police, on the case as well, do not see the request.
    as_user(page, cast.liaison_politie)
    page.goto(f"/casussen/{case.pk}/documenten/")
    assert "Adviesrapport GGZ" not in page.content()

    # 4. GGZ's partner finds it in the inbox and uploads against it.
    as_user(page, cast.partner)
    page.goto("/meldingen/")
    page.get_by_role("link", name="heeft een document bij uw organisatie opgevraagd").wait_for()
    shot(page, "requested-04-inbox-partner")
    assert not telltales(page)
    page.get_by_role("link", name="heeft een document bij uw organisatie opgevraagd").click()
    page.get_by_role("heading", name="Opgevraagde documenten").wait_for()
    page.get_by_role("link", name="Document toevoegen Adviesrapport GGZ").click()
    page.get_by_text("Opgevraagd: Adviesrapport GGZ").wait_for()
    report = tmp_path / "advies.pdf"
    report.write_bytes(tiny_pdf("Adviesrapport GGZ"))
    page.get_by_label("Bestand").set_input_files(str(report))
    shot(page, "requested-05-upload-form")
    assert not axe_findings(page)
    assert not telltales(page)
    page.get_by_role("button", name="Document toevoegen").click()
    page.get_by_text("het verzoek staat als ontvangen").wait_for()
    shot(page, "requested-06-received-partner")

    # 5. The director: received, on the timeline, and the closing page is clear.
    as_user(page, cast.regisseur)
    page.goto(f"/casussen/{case.pk}/tijdlijn/?soort=opgevraagd")
    page.get_by_text("Opgevraagd document ontvangen: Adviesrapport GGZ").wait_for()
    shot(page, "requested-07-timeline")
    assert not telltales(page)
    page.goto(f"/casussen/{case.pk}/afsluiten/")
    page.get_by_text("Er staat niets meer open").wait_for()
    assert "Document nog niet ontvangen" not in page.content()
    shot(page, "requested-08-closing-clear")
