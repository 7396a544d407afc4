"""The case file in the browser: the guide logs a home visit, probation uploads a report for
the bureau only, the director sees both, the GGZ partner on the team sees the visit only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casefile.demo import tiny_pdf
from cases import services as case_services
from tests.casefile.factories import own_case
from tests.factories import OrganisationFactory, UserFactory
from zvhd.network.models import OrganisationKind, Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_journal_and_documents_in_the_browser(
    cast, page, as_user, shot, axe_findings, settings, tmp_path
):
    settings.DOCUMENTS_ROOT = tmp_path / "documenten"
    settings.CLAMAV_SOCKET = settings.CLAMAV_HOST = ""
    case = own_case(cast)
    probation = OrganisationFactory(
        name="Reclassering Nederland", kind=OrganisationKind.RECLASSERING
    )
    reclassering = UserFactory(
        username="reclassering",
        first_name="Rik",
        last_name="Reclassering",
        organisation=probation,
        roles=[Role.PARTNERPROFESSIONAL],
    )
    case_services.add_team_member(
        case=case, user=reclassering, task="toezicht", added_by=cast.regisseur
    )

    # 1. The guide logs a home visit for the team.
    as_user(page, cast.begeleider)
    page.goto(f"/casussen/{case.pk}/")
    page.get_by_role("link", name="Logboek").click()
    shot(page, "casefile-01-journal-empty")
    page.get_by_role("link", name="Logboekregel toevoegen").click()
    page.get_by_label("Soort").select_option(label="Huisbezoek")
    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Datum").fill(yesterday.isoformat())
    page.get_by_label("Tijd").fill("10:15")
    page.get_by_label("Verslag").fill(
        "Huisbezoek: betrokkene thuis, woning op orde, afspraak wijkteam."
    )
    page.get_by_label("Het hele casusteam").check()
    shot(page, "casefile-02-journal-form")
    assert not axe_findings(page)
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_text("De logboekregel is vastgelegd").wait_for()
    shot(page, "casefile-03-journal")
    assert not axe_findings(page)

    # 2. Probation uploads a risk report for the bureau only; first a wrong file.
    as_user(page, reclassering)
    page.goto(f"/casussen/{case.pk}/documenten/")
    page.get_by_role("link", name="Document toevoegen").click()
    page.get_by_label("Soort document").select_option(label="Rapport")
    page.get_by_label("Titel").fill("Adviesrapport reclassering")
    page.get_by_label("Alleen het ZVHD-bureau").check()
    wrong = tmp_path / "rapport.pdf"
    wrong.write_bytes(b"MZ\x90\x00" + b"\x00" * 300)
    page.get_by_label("Bestand").set_input_files(str(wrong))
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Dit soort bestand wordt niet aangenomen").first.wait_for()
    assert page.get_by_label("Titel").input_value() == "Adviesrapport reclassering"
    shot(page, "casefile-04-document-refused")
    good = tmp_path / "adviesrapport.pdf"
    good.write_bytes(tiny_pdf("Adviesrapport reclassering"))
    page.get_by_label("Bestand").set_input_files(str(good))
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Het document is toegevoegd").wait_for()
    shot(page, "casefile-05-documents-author")

    # 3. The director sees both.
    as_user(page, cast.regisseur)
    page.goto(f"/casussen/{case.pk}/logboek/")
    page.get_by_text("woning op orde").first.wait_for()
    page.goto(f"/casussen/{case.pk}/documenten/")
    page.get_by_role("cell", name="Adviesrapport reclassering", exact=True).wait_for()
    assert "Niet gescand" in page.content()
    shot(page, "casefile-06-documents-director")
    assert not axe_findings(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden").first.click()
    assert download.value.suggested_filename == "adviesrapport.pdf"

    # 4. The GGZ partner on the team: the visit yes, the bureau-only report no.
    as_user(page, cast.partner)
    page.goto(f"/casussen/{case.pk}/logboek/")
    page.get_by_text("woning op orde").first.wait_for()
    page.goto(f"/casussen/{case.pk}/documenten/")
    assert "Adviesrapport reclassering" not in page.content()
    shot(page, "casefile-07-documents-partner")
