"""The aftercare coordinator works with her register (issue 23, registers and lists): running
files first with a total, sorts by name, filters, keeps the filters under a name (the search
term is not kept), is refused a filter over the limit at the field, opens the saved filter
again and takes the list away as a spreadsheet; the privacy officer then finds that export as
one line in the access log and its files one click further. Every step is Dutch without raw
codes, passes the accessibility scan and is saved as a screenshot."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from aftercare import services as aftercare_services
from aftercare.models import ClosingReason, Participation
from tests.aftercare.factories import make_record, participate
from tests.e2e.walk import telltales
from zvhd.lists.models import SAVED_FILTERS_PER_USER, SavedFilter
from zvhd.privacy.models import AccessAction, AccessLog

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def records(cast):
    Participation.objects.all().delete()
    year = timezone.localdate().year
    participate(cast.assen, year - 1, year)
    closed = make_record(
        municipality=cast.assen, by=cast.nazorg, days_to_release=-200, last_name="Dekker"
    )
    aftercare_services.close_record(
        record=closed, reason=ClosingReason.values[0], note="klaar", closed_by=cast.nazorg
    )
    running = [
        make_record(municipality=cast.assen, by=cast.nazorg, days_to_release=days, last_name=name)
        for days, name in ((12, "Visser"), (30, "Bakker"), (45, "Smit"))
    ]
    return closed, running


def names(page) -> list[str]:
    return page.locator("tbody tr td:nth-child(2)").all_inner_texts()


def clean(page, axe_findings, *own):
    problems = [t for t in telltales(page) if t not in own] + axe_findings(page)
    assert problems == []


def test_a_coordinator_saves_a_filter_exports_and_the_privacy_officer_sees_the_export(
    cast, records, page, as_user, shot, axe_findings
):
    closed, running = records
    page.set_viewport_size({"width": 1366, "height": 900})
    as_user(page, cast.nazorg)
    own = f"code: {cast.nazorg.username!r}"
    page.goto("/nazorg/")
    # Running files first (by expected release), the closed one last; the total above.
    assert names(page) == [r.full_name for r in running] + [closed.full_name]
    page.get_by_text("4 nazorgdossiers, lopende dossiers eerst").wait_for()
    shot(page, "register-tools-1-open-first")
    clean(page, axe_findings, own)

    # Sort by name; the caption and aria-sort say so.
    page.get_by_role("link", name="Naam").click()
    page.wait_for_url("**sort=name**")
    assert page.locator("th[aria-sort]").get_attribute("aria-sort") == "ascending"
    page.get_by_text("gesorteerd op naam (oplopend)").wait_for()
    # Only files in progress, and a search term.
    page.get_by_label("Status").select_option("open")
    page.get_by_label("Zoeken").fill("a")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**status=open**")
    in_progress = sorted((r for r in running if "a" in r.full_name), key=lambda r: r.last_name)
    assert names(page) == [r.full_name for r in in_progress]
    page.get_by_text("De zoekterm wordt niet bewaard").wait_for()
    shot(page, "register-tools-2-sorted-filtered")
    clean(page, axe_findings, own)

    # Keep the filters under a name: status and sort, not the search term.
    page.get_by_label("Huidige filters bewaren als").fill("In behandeling op naam")
    page.get_by_role("button", name="Bewaren").click()
    page.get_by_text("Het filter ‘In behandeling op naam’ is bewaard.").wait_for()
    saved = SavedFilter.objects.get(owner=cast.nazorg)
    assert saved.query == "sort=name&status=open"
    shot(page, "register-tools-3-saved")

    # The limit is over all lists together: the next one is refused at the field, name kept.
    SavedFilter.objects.bulk_create(
        SavedFilter(owner=cast.nazorg, list_name="cases:my_cases", name=f"Casussen {n}")
        for n in range(SAVED_FILTERS_PER_USER - 1)
    )
    page.get_by_label("Huidige filters bewaren als").fill("Nog een")
    page.get_by_role("button", name="Bewaren").click()
    error = page.locator("#saved-filter-error")
    error.wait_for()
    assert "U heeft al 20 bewaarde filters, het maximum." in error.inner_text()
    field = page.get_by_label("Huidige filters bewaren als")
    assert field.input_value() == "Nog een"
    assert field.get_attribute("aria-invalid") == "true"
    shot(page, "register-tools-4-refused-at-the-field")
    clean(page, axe_findings, own)

    # Later: the plain register, then the saved filter again.
    page.goto("/nazorg/")
    assert len(names(page)) == 4
    page.get_by_role("link", name="In behandeling op naam").click()
    page.wait_for_url("**status=open**")
    assert names(page) == sorted((r.full_name for r in running), key=lambda n: n.split()[-1])
    assert page.locator("th[aria-sort]").get_attribute("aria-sort") == "ascending"
    shot(page, "register-tools-5-reopened")

    # Take it away: the same files in the same order, the filters and the order named.
    with page.expect_download() as download:
        page.get_by_role("link", name="Deze lijst exporteren (Excel)").click()
    file = download.value
    assert file.suggested_filename.startswith("nazorgdossiers-")
    sheet = load_workbook(io.BytesIO(open(file.path(), "rb").read())).active  # noqa: SIM115
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Filters: Status: In behandeling"
    assert rows[2][0] == "Volgorde: gesorteerd op naam (oplopend)"
    assert [row[1] for row in rows[6:]] == names(page)
    exported = AccessLog.objects.filter(action=AccessAction.EXPORT, user=cast.nazorg)
    assert exported.exclude(object_id="").count() == 3

    # The privacy officer: one line for the export, its files one click further.
    page.context.clear_cookies()
    as_user(page, cast.privacy)
    page.goto("/privacy/toegangslog/?action=export")
    line = page.get_by_role("link", name="Export: 3 nazorgdossiers")
    line.wait_for()
    page.get_by_text("Nazorgdossiers; filters: Status: In behandeling").wait_for()
    shot(page, "register-tools-6-access-log-export-line")
    clean(page, axe_findings, f"code: {cast.privacy.username!r}", own)
    line.click()
    page.wait_for_url("**export=**")
    page.get_by_text("exporteerde 3 records").wait_for()
    for record in running:
        page.get_by_text(record.number).first.wait_for()
    shot(page, "register-tools-7-access-log-export-records")
    clean(page, axe_findings, f"code: {cast.privacy.username!r}", own)
