"""The privacy officer registers an inzageverzoek, fixes a wrong BSN and gets the PDF."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.aftercare.factories import valid_bsn
from tests.cases.factories import make_case, person_data
from zvhd.privacy.models import SubjectAccessRequest

pytestmark = pytest.mark.django_db(transaction=True)


def test_privacy_officer_handles_a_subject_access_request(
    cast, page, as_user, shot, axe_findings, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    bsn = valid_bsn()
    make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        person=person_data(
            cast.assen, last_name="Bakkerveld", birth_date=date(1988, 3, 14), bsn=bsn
        ),
    )
    as_user(page, cast.privacy)
    page.goto("/")
    page.get_by_role("link", name="Inzageverzoeken").first.click()
    page.get_by_role("link", name="Nieuw inzageverzoek").click()

    page.get_by_label("Verzoeker").fill("Brief van betrokkene")
    page.get_by_label("BSN").fill("123456789")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Dit is geen geldig BSN").first).to_be_visible()
    assert page.get_by_label("Verzoeker").input_value() == "Brief van betrokkene"
    shot(page, "privacy-access-request-error")
    assert axe_findings(page) == []

    page.get_by_label("BSN").fill(bsn)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het inzageverzoek is geregistreerd.")).to_be_visible()
    # The button posts a form: reload only once that navigation is done (a reload during it
    # races the browser, "Not attached to an active page").
    with page.expect_navigation():
        page.get_by_role("button", name="Inzage-PDF maken").click()
    page.reload()
    expect(page.get_by_text(".pdf downloaden")).to_be_visible()
    shot(page, "privacy-access-request-done")
    assert axe_findings(page) == []
    assert SubjectAccessRequest.objects.get().handled_on is not None

    page.get_by_role("link", name="Alle inzageverzoeken").click()
    # is_visible() does not wait: under load the list had not replaced the page yet.
    expect(page.get_by_role("cell", name="Afgehandeld").first).to_be_visible()
    shot(page, "privacy-access-requests")
