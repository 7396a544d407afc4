"""Pages of the reports app: the permission matrix as data, exports, snapshots and PDFs."""

import csv
import io
import subprocess
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports import services
from reports.exports import neutralise, table_csv, tables_xlsx
from reports.models import DocumentKind, JobStatus, ReportDocument, YearSnapshot
from reports.tables import FigureTable
from reports.views import default_year
from tests import matrix
from tests.reports.factories import make_case
from tests.reports.test_live_figures import REFRESH_ROWS

YEAR = 2024
OK, FORBIDDEN, MISSING = 200, 403, 404


@pytest.fixture
def year_data(cast):
    for i in range(3):
        make_case(
            registered_by=cast.regisseur,
            municipality=cast.assen,
            started=date(YEAR, 3, 1 + i),
            problem_areas=["huisvesting"],
        )
    make_case(
        registered_by=cast.regisseur,
        municipality=cast.emmen,
        started=date(YEAR, 4, 1),
        home=cast.emmen,
    )


@pytest.fixture
def now(django_capture_on_commit_callbacks):
    """Run what a service enqueues at commit (the Celery task, eager in tests) right away."""

    def run(fn, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return run


@pytest.fixture
def factsheet_assen(cast, now):
    document = now(
        services.request_document,
        kind=DocumentKind.FACTSHEET,
        year=YEAR,
        requested_by=cast.manager,
        municipality=cast.assen,
    )
    document.refresh_from_db()
    return document


PAGES = {
    "dashboard": lambda c: reverse("reports:dashboard") + f"?jaar={YEAR}",
    "export_csv": lambda c: reverse("reports:export_csv", args=[YEAR, "basiscijfers"]),
    "export_xlsx": lambda c: reverse("reports:export_xlsx", args=[YEAR]),
    "annual_report": lambda c: reverse("reports:annual_report", args=[YEAR]),
    "thematic": lambda c: reverse("reports:thematic"),
    "factsheets": lambda c: reverse("reports:factsheets"),
}

# role -> the pages they may open; every other page is a 403.
MATRIX = {
    "manager": {
        "dashboard",
        "export_csv",
        "export_xlsx",
        "annual_report",
        "thematic",
        "factsheets",
    },
    "gemeente": {"dashboard", "export_csv", "export_xlsx", "factsheets"},
    "gemeente_other": {"dashboard", "export_csv", "export_xlsx", "factsheets"},
    "ondersteuner": {"thematic"},
    "regisseur": set(),
    "begeleider": set(),
    "nazorg": set(),
    "mensenhandel": set(),
    "liaison_politie": set(),
    "partner": set(),
    "financien": set(),
    "beheerder": set(),
    "privacy": set(),
    "nobody": set(),
}


# The same, as rows of the shared matrix (tests/matrix.py).
PAGE_ARGS = {
    "dashboard": ([], {"jaar": YEAR}),
    "export_csv": ([YEAR, "basiscijfers"], None),
    "export_xlsx": ([YEAR], None),
    "annual_report": ([YEAR], None),
    "thematic": ([], None),
    "factsheets": ([], None),
}
ROWS = [
    matrix.Row(
        f"reports:{page}",
        None,
        {role: OK if page in MATRIX[role] else FORBIDDEN for role in MATRIX},
        args=PAGE_ARGS[page][0],
        data=PAGE_ARGS[page][1],
    )
    for page in PAGES
]


def people(cast, names):
    return {name: getattr(cast, name) for name in names}


def test_the_rows_ask_for_the_pages_of_the_matrix(cast):
    for row in ROWS:
        page = row.url_name.removeprefix("reports:")
        url = row.url({}) + (f"?jaar={YEAR}" if row.data else "")
        assert url == PAGES[page](cast)


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_the_permission_matrix_of_the_report_pages(row, cast, client, year_data):
    matrix.check(row, client=client, people=people(cast, MATRIX))


# (role, document) -> status of its download: the factsheet of Assen is Assen's only.
DOWNLOADS = [
    ("manager", OK),
    ("gemeente", OK),
    ("gemeente_other", MISSING),
    ("regisseur", MISSING),
    ("partner", MISSING),
    ("nobody", MISSING),
]


DOWNLOAD_ROWS = [matrix.Row("reports:document_download", "factsheet", dict(DOWNLOADS))]


@pytest.mark.parametrize("row", DOWNLOAD_ROWS, ids=matrix.ids(DOWNLOAD_ROWS))
def test_a_factsheet_downloads_only_for_management_and_its_own_municipality(
    row, cast, client, factsheet_assen
):
    people_ = people(cast, row.expected)
    matrix.check(row, client=client, people=people_, records={"factsheet": factsheet_assen})


def test_every_report_page_is_in_the_matrix_or_said_where_it_is_tested():
    matrix.assert_covers(
        "reports",
        ROWS + DOWNLOAD_ROWS + REFRESH_ROWS,
        # Used by management in the tests below, but no test yet of who else may not.
        untested=[
            "reports:document_request",
            "reports:document_status",
            "reports:snapshot",
            "reports:snapshot_publish",
            "reports:texts",
            "reports:thematic_delete",
        ],
    )


def test_a_municipal_contact_sees_only_their_municipality_with_small_counts_masked(
    cast, client_for, year_data
):
    response = client_for(cast.gemeente).get(PAGES["dashboard"](cast))
    body = response.content.decode()
    assert "Cijfers Assen" in body
    assert "&lt;5" in body  # 3 cases with housing problems in Assen
    assert response.context["current"]["active_direction"]["total"] == 3
    assert "partners" in {t.slug for t in response.context["tables"]}
    assert "kosten" not in {t.slug for t in response.context["tables"]}


def test_management_sees_three_years_side_by_side_with_charts(cast, client_for, year_data):
    response = client_for(cast.manager).get(PAGES["dashboard"](cast))
    basics = response.context["tables"][0]
    assert basics.headers == ["", "2024", "2023", "2022"]
    assert response.content.decode().count("data:image/svg+xml;base64,") >= 5


def test_a_bad_year_is_a_dutch_message_and_not_an_error(cast, client_for):
    response = client_for(cast.manager).get(reverse("reports:dashboard") + "?jaar=twintig")
    assert response.status_code == 200
    form = response.context["year_form"]
    assert form.errors == {"jaar": ["Geef een jaartal, bijvoorbeeld 2024."]}
    text = response.content.decode()
    assert "Geef een jaartal, bijvoorbeeld 2024." in text
    assert '<select name="jaar"' in text  # the year is chosen from a list (issue 23)
    assert response.context["year"] == default_year()


# The dashboard's query count (it reads stored figures, issue 24) is pinned in
# tests/reports/test_live_figures.py, with the stale, missing and fresh paths.


def test_exports_neutralise_formula_injection(cast):
    evil = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rx", "Gewoon"]
    table = FigureTable("t", "Titel", "def", ["Label", "n"], [[v, -5] for v in evil])
    rows = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig")), delimiter=";"))
    labels = [row[0] for row in rows[2:9]]
    assert all(not label.startswith(("=", "+", "-", "@", "\t", "\r")) for label in labels)
    assert labels[-1] == "Gewoon"
    sheet = load_workbook(io.BytesIO(tables_xlsx([table], title="=cmd"))).active
    cells = [sheet.cell(row=r, column=1).value for r in range(4, 11)]
    assert all(not str(c).startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert sheet.cell(row=4, column=2).value == -5  # numbers stay numbers
    assert sheet["A1"].value == "'=cmd"
    assert neutralise(None) == ""


def test_a_published_snapshot_stays_the_same_after_the_cases_change(cast, year_data, now):
    snapshot = now(services.request_snapshot, year=YEAR, requested_by=cast.manager)
    snapshot.refresh_from_db()
    assert snapshot.status == JobStatus.DONE
    services.publish_snapshot(snapshot=snapshot, published_by=cast.manager)
    before = snapshot.data
    make_case(registered_by=cast.regisseur, municipality=cast.assen, started=date(YEAR, 6, 1))
    from cases.models import Case

    Case._base_manager.filter(started_on__year=YEAR).first().delete()  # retention destroyed one
    from reports.tasks import freeze_year

    assert freeze_year(snapshot.pk) == "skipped"  # running the task again changes nothing
    snapshot.refresh_from_db()
    assert snapshot.data == before
    assert snapshot.data["active_direction"]["total"] == 4
    again = now(services.request_snapshot, year=YEAR, requested_by=cast.manager)
    again.refresh_from_db()
    assert again.version == 2
    assert again.data["active_direction"]["total"] == 4  # one added, one destroyed
    services.publish_snapshot(snapshot=again, published_by=cast.manager)
    assert list(YearSnapshot.objects.filter(published=True)) == [again]


def test_management_publishes_a_snapshot_through_the_page(
    cast, client_for, year_data, django_capture_on_commit_callbacks
):
    client = client_for(cast.manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:snapshot", args=[YEAR]), {"reason": "eerste versie"})
    snapshot = YearSnapshot.objects.get(year=YEAR)
    response = client.post(reverse("reports:snapshot_publish", args=[snapshot.pk]))
    assert response.status_code == 302
    snapshot.refresh_from_db()
    assert snapshot.published
    dashboard = client.get(PAGES["dashboard"](cast))
    assert "gepubliceerde cijfers (versie 1)" in dashboard.content.decode()


def test_texts_are_saved_per_year_and_section(cast, client_for):
    client = client_for(cast.manager)
    response = client.post(
        reverse("reports:texts", args=[YEAR]),
        {"voorwoord": "Een bijzonder jaar.", "voorwoord_ondertekening": "K. Voorzitter"},
    )
    assert response.status_code == 302
    page = client.get(reverse("reports:annual_report", args=[YEAR]))
    assert "Een bijzonder jaar." in page.content.decode()


def test_thematic_counts_sum_per_region_and_bad_input_keeps_what_was_typed(cast, client_for):
    client = client_for(cast.ondersteuner)
    url = reverse("reports:thematic")
    for region, n in (("noord", 10), ("noord", 14), ("zuidwest", 34)):
        client.post(url, {"table": "veelplegers", "year": YEAR, "region": region, "count": n})
    response = client.get(url + f"?jaar={YEAR}")
    assert response.context["totals"]["veelplegers"]["Noord"] == 24
    assert response.context["totals"]["veelplegers"]["Drenthe"] == 58
    bad = client.post(url, {"table": "lpco", "year": YEAR, "count": 3, "meeting_on": "2023-02-01"})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "Kies de gemeente." in body and "Kies de afdoening." in body
    assert 'value="3"' in body


def test_the_annual_report_pdf_holds_the_figures_and_every_chart(cast, year_data, tmp_path, now):
    services.save_report_text(
        year=YEAR, section="voorwoord", text="Dank aan allen.", saved_by=cast.manager
    )
    document = now(
        services.request_document,
        kind=DocumentKind.ANNUAL_REPORT,
        year=YEAR,
        requested_by=cast.manager,
    )
    document.refresh_from_db()
    assert document.status == JobStatus.DONE, document.error
    path = tmp_path / "report.pdf"
    path.write_bytes(document.file.read())
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Jaarverslag" in text and "Dank aan allen." in text
    assert "Voorlopige cijfers" in text  # no snapshot yet
    assert "4 (waarvan 0 PGA)" in text
    assert "Definitie:" in text
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True)
    from reports.documents import annual_report_context

    context = annual_report_context(document, lambda p, s: None)
    charts = sum(1 for ch in context["chapters"] for t in ch["tables"] if t.chart)
    assert charts >= 6
    # SVG charts are drawn as vector graphics, not images: their labels are text in the PDF.
    assert "Meegenomen naar volgend jaar" in text
    assert images.returncode == 0


def test_a_document_task_run_twice_does_not_render_again(cast, factsheet_assen):
    from reports.tasks import render_document

    assert factsheet_assen.status == JobStatus.DONE
    assert render_document(factsheet_assen.pk) == "skipped"
    assert ReportDocument.objects.count() == 1
