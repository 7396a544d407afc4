"""A procesregisseur works with the case list (issue 23, registers and lists): open work first,
sorts by a column, saves the filters under a name, opens them again from another list's
state, and takes the list away as a spreadsheet. Every step is Dutch without raw codes, passes
the accessibility scan and is saved as a screenshot."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from cases.models import Case, Status
from tests.cases.factories import make_case
from tests.e2e.walk import clipped_selects, telltales
from zvhd.lists.models import SavedFilter
from zvhd.privacy.models import AccessAction, AccessLog

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cases(cast):
    made = []
    for status in (Status.ACTIEF, Status.AFGESLOTEN, Status.ACTIEF, Status.AFGESLOTEN):
        made.append(
            make_case(
                registered_by=cast.partner,
                municipality=cast.assen,
                status=status,
                director=cast.regisseur,
            )
        )
    Case.objects.filter(pk=made[0].pk).update(review_on=timezone.localdate() + timedelta(days=9))
    Case.objects.filter(pk=made[2].pk).update(review_on=timezone.localdate() + timedelta(days=2))
    return made


def numbers(page) -> list[str]:
    return page.locator("tbody tr td:first-child a").all_inner_texts()


def clean(page, axe_findings, own_name):
    problems = [t for t in telltales(page) if t != own_name] + axe_findings(page)
    assert problems == []


def test_a_director_sorts_saves_reopens_and_exports_the_case_list(
    cast, cases, page, as_user, shot, axe_findings
):
    page.set_viewport_size({"width": 1366, "height": 900})
    as_user(page, cast.regisseur)
    own = f"code: {cast.regisseur.username!r}"
    page.goto("/casussen/mijn/")
    # Open work first: both running cases before both closed ones, newest first.
    assert numbers(page) == [cases[i].number for i in (2, 0, 3, 1)]
    assert page.get_by_text("open casussen eerst, daarna de nieuwste eerst").count() == 1
    shot(page, "case-lists-1-open-first")
    clean(page, axe_findings, own)

    # Sort by the next review: the soonest first, then cases without one.
    page.get_by_role("link", name="Evaluatie").click()
    page.wait_for_url("**sort=evaluatie**")
    assert numbers(page)[:2] == [cases[2].number, cases[0].number]
    header = page.locator("th[aria-sort]")
    assert header.count() == 1 and header.get_attribute("aria-sort") == "ascending"
    # Only running cases, still sorted.
    page.get_by_label("Status").select_option("lopend")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**status=lopend**")
    assert numbers(page) == [cases[2].number, cases[0].number]
    shot(page, "case-lists-2-sorted-filtered")
    clean(page, axe_findings, own)

    # Save the filters under a name.
    page.get_by_label("Huidige filters bewaren als").fill("Lopend, evaluatie eerst")
    page.get_by_role("button", name="Bewaren").click()
    page.get_by_text("Het filter ‘Lopend, evaluatie eerst’ is bewaard.").wait_for()
    saved = SavedFilter.objects.get(owner=cast.regisseur)
    assert saved.query == "sort=evaluatie&status=lopend"
    shot(page, "case-lists-3-saved")

    # Later: the plain list, then the saved filter again.
    page.goto("/casussen/mijn/")
    assert len(numbers(page)) == 4
    page.get_by_role("link", name="Lopend, evaluatie eerst").click()
    page.wait_for_url("**status=lopend**")
    assert numbers(page) == [cases[2].number, cases[0].number]
    assert page.locator("th[aria-sort]").get_attribute("aria-sort") == "ascending"
    shot(page, "case-lists-4-reopened")
    clean(page, axe_findings, own)

    # Take it away: the same two cases in the same order; the access log holds the export
    # (one row without a record) and each case in it, all naming the list's address.
    with page.expect_download() as download:
        page.get_by_role("link", name="Deze lijst exporteren (Excel)").click()
    file = download.value
    assert file.suggested_filename.startswith("mijn-casussen-")
    sheet = load_workbook(io.BytesIO(open(file.path(), "rb").read())).active  # noqa: SIM115
    values = [row for row in sheet.iter_rows(values_only=True) if row and row[0]]
    assert [row[0] for row in values[-2:]] == [cases[2].number, cases[0].number]
    exports = AccessLog.objects.filter(action=AccessAction.EXPORT, user=cast.regisseur)
    assert {row.path.split("?")[1] for row in exports} == {"sort=evaluatie&status=lopend"}
    assert sorted(exports.values_list("object_id", flat=True)) == sorted(
        ["", str(cases[2].pk), str(cases[0].pk)]
    )


# The longest option of each list filter, chosen (issue 23: the case list's status read
# "Lopend (alle niet a...", and "Afgeschaald/afgesloten" or "Alle soorten gegevens" were cut too).
LONG_CHOICES = [
    ("regisseur", "/casussen/?status=afgesloten&kind=maatwerk&evaluatie=binnenkort"),
    ("regisseur", "/casussen/?acties=verlopen"),
    ("regisseur", "/casussen/?status=lopend"),
    ("regisseur", "/advies/vragen/?kind=informatieknooppunt&outcome=doorverwezen"),
    ("privacy", "/privacy/toegangslog/?action=list"),
]


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_a_filter_shows_its_chosen_option_whole_on_a_laptop_and_a_phone(
    cast, cases, page, as_user, shot, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    for step, (username, address) in enumerate(LONG_CHOICES, 1):
        page.context.clear_cookies()
        as_user(page, getattr(cast, username))
        page.goto(address)
        expect(page.locator("form.zvhd-filter")).to_be_visible()
        assert clipped_selects(page) == [], address
        # The wider select makes its row wrap; the page never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, address
        shot(page, f"case-lists-filters-{width}-{step}")


def test_the_case_list_fits_a_laptop_with_a_long_flag_and_an_overdue_evaluation(
    cast, cases, page, as_user, shot
):
    """At 1280 px the last column (Veiligheid) went behind a sideways scroll when a case had
    a long safety flag ("Besmettingsgevaar"); a running case past its evaluation date says
    so ("Verlopen")."""
    from tests.risk.factories import make_flag

    escalated = make_case(  # the widest status badge
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.OPGESCHAALD,
        director=cast.regisseur,
    )
    assert escalated.status == Status.OPGESCHAALD
    make_flag(case=cases[0], by=cast.regisseur, name="Besmettingsgevaar")
    make_flag(case=cases[2], by=cast.regisseur, name="Gevaar voor medewerkers")
    Case.objects.filter(pk=cases[0].pk).update(review_on=timezone.localdate() - timedelta(days=3))
    page.set_viewport_size({"width": 1280, "height": 900})
    as_user(page, cast.regisseur)
    page.goto("/casussen/mijn/?status=lopend")
    table = page.locator(".zvhd-table-container").first
    expect(table.get_by_text("Besmettingsgevaar")).to_be_visible()
    assert table.evaluate("c => c.scrollWidth <= c.clientWidth"), "the table scrolls sideways"
    row = page.get_by_role("row").filter(has_text=cases[0].number)
    expect(row.get_by_text("Verlopen")).to_be_visible()
    assert (
        page.get_by_role("row").filter(has_text=cases[2].number).get_by_text("Verlopen").count()
        == 0
    )
    shot(page, "case-lists-fits-1280")
