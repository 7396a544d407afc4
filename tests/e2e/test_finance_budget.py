"""Browser journeys of the finance officer and a municipal contact."""

import io
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from finance import demo
from finance.models import FinanceYear
from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def finance_world(cast):
    demo.seed(stdout=io.StringIO(), rng=None)
    return cast


def pdf_to_png(pdf: bytes, name: str) -> Path:
    """The PDF and its first page as a picture in test-artifacts/screenshots/: pdftoppm must
    read it (a check, so made without SCREENSHOTS=1 too)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(ARTIFACTS / name)],
        check=True,
    )
    return path


def test_the_finance_officer_edits_a_budget_line_and_makes_contribution_letters(
    finance_world, page, as_user, shot, axe_findings
):
    cast = finance_world
    # Next year's budget: the concept finance is working on (the years up to this one are
    # adopted). From the finance overview, as the officer goes there.
    concept = FinanceYear.objects.get(status="concept", year__gt=2024).year
    as_user(page, cast.financien)
    page.goto("/financien/")
    page.get_by_role("link", name=f"Begroting {concept}").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith(f"Begroting {concept}")
    shot(page, "finance-year-concept")
    assert axe_findings(page) == []

    page.get_by_role("link", name="Kosten huisvesting").click()
    page.get_by_label("Primaire begroting").fill("-1")
    page.get_by_role("button", name="Regel opslaan").click()
    # The error summary links to the field, which shows the message next to it.
    expect(page.get_by_role("link", name="Primaire begroting: Een negatief bedrag")).to_be_visible()
    shot(page, "finance-line-error")
    page.get_by_label("Primaire begroting").fill("70.000")
    page.get_by_role("button", name="Regel opslaan").click()
    page.wait_for_url(f"**/financien/{concept}/#begroting")
    expect(page.get_by_text("De regel is opgeslagen.")).to_be_visible()
    row = page.get_by_role("row", name="Kosten huisvesting")
    assert "€\u00a070.000" in row.inner_text()

    page.goto(f"/financien/{concept}/bijdragen/")
    shot(page, "finance-contributions-concept")
    assert axe_findings(page) == []
    page.get_by_role("button", name="Brieven maken").click()
    page.wait_for_url("**/bijdragen/#documenten")
    links = page.get_by_role("link", name="download PDF")
    links.first.wait_for()
    assert links.count() == 12
    shot(page, "finance-letters-made")
    with page.expect_download() as download:
        links.first.click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    pdf_to_png(pdf, "finance-letter")


def test_a_municipal_contact_sees_and_downloads_only_their_own_letter(
    finance_world, page, as_user, shot, axe_findings, client
):
    from django.db import transaction

    from finance import services

    cast = finance_world
    with transaction.atomic():
        services.request_letters(
            year=FinanceYear.objects.get(year=2024),
            requested_by=cast.financien,
            municipalities=[cast.assen, cast.emmen],
        )
        services.request_document(
            year=FinanceYear.objects.get(year=2025), kind="begroting", requested_by=cast.financien
        )
        services.request_document(
            year=FinanceYear.objects.get(year=2024), kind="bijdragen", requested_by=cast.financien
        )
    as_user(page, cast.gemeente)
    page.goto("/")
    shot(page, "finance-start-gemeente")
    page.get_by_role("link", name="Bijdrage en brieven").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bijdrage van de gemeente Assen")
    assert page.get_by_role("link", name="download PDF").count() == 1
    shot(page, "finance-my-contribution")
    assert axe_findings(page) == []
    assert "Emmen" not in page.locator("main").inner_text()

    # The other PDFs, to look at.
    from finance.models import FinanceDocument

    for document in FinanceDocument.objects.exclude(municipality=cast.emmen):
        pdf_to_png(document.file.read(), f"finance-{document.kind}-{document.year.year}")
