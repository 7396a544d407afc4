"""Browser journey: the functioneel beheerder opens Import, reads which columns an advice file
has, downloads the header to start from, fills in a row as a Dutch spreadsheet program saves it
(`;`, the date as 3-2-2020), uploads it, sees the check and imports after confirming."""

import pytest
from playwright.sync_api import expect

from advice.models import AdviceRecord, Topic
from tests.e2e.conftest import click_menu_item

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_beheerder_starts_from_the_header_and_imports_advice_records(
    cast, page, login, shot, axe_findings, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    Topic.objects.get_or_create(code="multiproblematiek", defaults={"label": "Multi"})
    login(page, cast.beheerder)
    click_menu_item(page, "Import")
    page.get_by_text("Adviesvragen: 6 kolommen").click()
    columns = page.get_by_role("table", name="Kolommen voor adviesvragen")
    expect(columns.get_by_role("row", name="requesting_organisation")).to_contain_text("ja")
    expect(columns.get_by_role("row", name="municipality")).to_contain_text("provinciebreed")
    assert "README" not in page.content()
    shot(page, "import-01-columns")
    assert axe_findings(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Kopregel voor adviesvragen downloaden (CSV)").click()
    assert download.value.suggested_filename == "import-advice-kopregel.csv"
    header = download.value.path().read_text(encoding="utf-8")
    filled = tmp_path / "adviesvragen.csv"
    filled.write_text(header + "OUD-7;3-2-2020;advies;Politie;Assen;multiproblematiek\r\n")

    page.get_by_label("Wat importeert u?").select_option(label="Adviesvragen")
    page.get_by_label("Bestand").set_input_files(filled)
    page.get_by_role("button", name="Uploaden en controleren").click()
    page.get_by_role("button", name="Bevestigen en importeren").click()
    expect(page.get_by_role("heading", name="Geïmporteerd")).to_be_visible()
    shot(page, "import-02-done")
    record = AdviceRecord.objects.get()
    assert record.date.isoformat() == "2020-02-03"
