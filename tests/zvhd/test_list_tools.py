"""The lists' own tools on every list and register (issue 23): saved filters per user (the
house's `zvhd.lists`), one export (`zvhd.exports`) with one cap and one logging policy, and the
access log and review that show an export as one event while naming every record in it.

The permission rows of the saved-filter pages are here (the `lists` namespace); each list's
export has its row in its own app's matrix, next to the list it exports.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from advice.models import AdviceOutcome
from aftercare import services as aftercare_services
from aftercare.models import AftercareRecord, ClosingReason
from tests import matrix
from tests.advice.factories import AdviceRecordFactory
from tests.aftercare.factories import make_record, participate
from tests.cast import CAST_USERS
from tests.trafficking.factories import make_signal
from trafficking import services as trafficking_services
from trafficking.models import Signal
from zvhd import exports
from zvhd.lists.models import SavedFilter
from zvhd.privacy.models import AccessAction, AccessLog

pytestmark = pytest.mark.django_db

HEADER_ROWS = 5  # title, filters, order, made by and when, a blank row

# Who may open each list with saved filters (its page's own matrix says the same).
ADVICE_READERS = {
    "regisseur",
    "regisseur_other",
    "ondersteuner",
    "begeleider",
    "nazorg",
    "mensenhandel",
    "manager",
    "gemeente",
    "gemeente_other",
}
LISTS = {
    "cases:my_cases": set(CAST_USERS),  # a scoped list: everyone has one (maybe empty)
    "advice:list": ADVICE_READERS,
    "aftercare:record_list": {"nazorg"},
    "trafficking:signal_list": {"mensenhandel", "manager"},
}
OWNER_ONLY = {name: 302 if name == "regisseur" else 404 for name in CAST_USERS}

ROWS = [
    *(
        # Keeping a filter of a list one may not open is refused (403, logged); `record`
        # only names the row.
        matrix.Row(
            "lists:saved_filter_save",
            list_name,
            {name: 302 if name in readers else 403 for name in CAST_USERS},
            method="post",
            data={"list_name": list_name, "name": "Lopend", "query": "status=lopend"},
            args=[],
        )
        for list_name, readers in LISTS.items()
    ),
    # Another user's saved filter does not exist for them: 404, never 403.
    matrix.Row("lists:saved_filter_open", "saved", OWNER_ONLY),
    # The owner is asked first: the others then ask for a filter that is gone (404 as well).
    matrix.Row("lists:saved_filter_delete", "saved", OWNER_ONLY, method="post"),
]


@pytest.fixture
def records(cast):
    saved = SavedFilter.objects.create(
        owner=cast.regisseur, list_name="advice:list", name="Open", query="outcome=open"
    )
    return {"saved": saved}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.id}-{r.record}" for r in ROWS])
def test_the_saved_filter_pages_follow_the_matrix(cast, client, records, row):
    matrix.check(row, client=client, people=matrix.people_of(cast), records=records)


def test_every_saved_filter_page_is_in_the_matrix():
    matrix.assert_covers("lists", ROWS)


# ---------------------------------------------------------------------------------------------
# The registers' worlds


@pytest.fixture
def aftercare_world(cast):
    from aftercare.models import Participation

    Participation.objects.all().delete()
    year = timezone.localdate().year
    participate(cast.assen, year - 1, year)
    closed = make_record(
        municipality=cast.assen, by=cast.nazorg, days_to_release=-200, last_name="Dicht"
    )
    aftercare_services.close_record(
        record=closed, reason=ClosingReason.values[0], note="klaar", closed_by=cast.nazorg
    )
    running = [
        make_record(
            municipality=cast.assen, by=cast.nazorg, days_to_release=10 + n, last_name=f"Open{n}"
        )
        for n in range(3)
    ]
    return closed, running


@pytest.fixture
def advice_world(cast):
    def advice(municipality, outcome, days_ago):
        return AdviceRecordFactory(
            organisation=cast.politie,
            municipality=municipality,
            outcome=outcome,
            answered_by=cast.ondersteuner,
            date=timezone.localdate() - timedelta(days=days_ago),
        )

    return {
        "answered_new": advice(cast.assen, AdviceOutcome.ANSWERED, 1),
        "open_old": advice(cast.assen, AdviceOutcome.OPEN, 40),
        "emmen_open": advice(cast.emmen, AdviceOutcome.OPEN, 5),
    }


@pytest.fixture
def signals(cast):
    old_open = make_signal(
        by=cast.mensenhandel, organisation=cast.politie, received_on=date(2025, 1, 5)
    )
    new_closed = make_signal(
        by=cast.mensenhandel,
        organisation=cast.politie,
        received_on=date(2025, 6, 1),
        bsn="123456782",
        last_name="Popescu",
    )
    trafficking_services._move(new_closed, "afgesloten", cast.mensenhandel)
    return old_open, new_closed


def sheet_of(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return rows[:HEADER_ROWS], rows[HEADER_ROWS], rows[HEADER_ROWS + 1 :], sheet


def export_rows(batch=None):
    rows = AccessLog.objects.filter(action=AccessAction.EXPORT)
    return rows.filter(batch=batch) if batch else rows


# ---------------------------------------------------------------------------------------------
# Saved filters on the registers


@pytest.mark.parametrize(
    ("list_name", "who", "query", "kept"),
    [
        ("advice:list", "ondersteuner", {"outcome": "open", "q": "woonoverlast"}, "outcome=open"),
        (
            "aftercare:record_list",
            "nazorg",
            {"status": "afgesloten", "q": "Jansen", "page": "1", "sort": "-name"},
            "status=afgesloten&sort=-name",
        ),
        ("trafficking:signal_list", "mensenhandel", {"q": "Popescu", "year": "2025"}, "year=2025"),
    ],
)
def test_a_register_keeps_its_filters_and_sort_but_never_the_search_term_or_the_page(
    cast, client_for, list_name, who, query, kept
):
    client = client_for(getattr(cast, who))
    page = client.get(reverse(list_name), query)
    tools = page.context["list_tools"]
    assert tools.saved_query == kept
    assert "De zoekterm wordt niet bewaard" in page.content.decode()
    # What the browser sends is the page's own query, but a forged one is cleaned the same.
    sent = "&".join(f"{k}={v}" for k, v in query.items())
    response = client.post(
        reverse("lists:saved_filter_save"),
        {"list_name": list_name, "name": "Mijn filter", "query": sent},
    )
    assert response.status_code == 302
    saved = SavedFilter.objects.get(owner=getattr(cast, who))
    assert (saved.list_name, saved.query) == (list_name, kept)
    assert response["Location"] == f"{reverse(list_name)}?{kept}"
    listed = client.get(reverse(list_name)).context["list_tools"].saved
    assert [s.name for s in listed] == ["Mijn filter"]
    opened = client.get(reverse("lists:saved_filter_open", args=[saved.pk]))
    assert opened["Location"] == f"{reverse(list_name)}?{kept}"
    # Another list of the same user does not show it.
    assert client_for(cast.manager).get(reverse("advice:list")).context["list_tools"].saved == []


def test_opening_a_saved_advice_filter_shows_the_filtered_list(cast, client_for, advice_world):
    client = client_for(cast.ondersteuner)
    client.post(
        reverse("lists:saved_filter_save"),
        {"list_name": "advice:list", "name": "Open vragen", "query": "outcome=open"},
    )
    saved = SavedFilter.objects.get(owner=cast.ondersteuner)
    page = client.get(reverse("lists:saved_filter_open", args=[saved.pk]), follow=True)
    shown = {row.record.pk for row in page.context["table"].page.object_list}
    assert shown == {advice_world["open_old"].pk, advice_world["emmen_open"].pk}
    assert "Open vragen" in page.content.decode()


# ---------------------------------------------------------------------------------------------
# Bad input on the saved filters


def save(client, name, query="status=lopend", list_name="advice:list"):
    return client.post(
        reverse("lists:saved_filter_save"), {"list_name": list_name, "name": name, "query": query}
    )


def test_a_name_of_ten_thousand_characters_is_refused_at_the_field_with_the_name_kept(
    cast, client_for
):
    client = client_for(cast.ondersteuner)
    response = save(client, "Lang" * 2500, query="outcome=open")
    assert response.status_code == 302
    assert response["Location"] == reverse("advice:list") + "?outcome=open#saved-filter-name"
    assert not SavedFilter.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Een naam heeft hoogstens 60 tekens." in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="saved-filter-error"' in page
    assert f'value="{("Lang" * 15)}"' in page  # what was typed, as far as a name may go
    # Shown once: the next visit has a clean form.
    assert "Een naam heeft hoogstens" not in client.get(reverse("advice:list")).content.decode()


def test_the_twenty_first_filter_is_refused_over_all_lists_together(cast, client_for):
    client = client_for(cast.manager)
    for n in range(10):
        save(client, f"Advies {n}", list_name="advice:list")
        save(client, f"Signalen {n}", query="year=2025", list_name="trafficking:signal_list")
    assert SavedFilter.objects.filter(owner=cast.manager).count() == 20
    response = save(client, "Nog een", query="year=2024", list_name="trafficking:signal_list")
    assert SavedFilter.objects.filter(owner=cast.manager).count() == 20
    page = client.get(response["Location"]).content.decode()
    assert "U heeft al 20 bewaarde filters, het maximum. Verwijder er eerst een." in page
    assert 'value="Nog een"' in page
    # The same name again replaces its filters: no new one, so no refusal.
    save(client, "Advies 3", query="outcome=beantwoord", list_name="advice:list")
    assert SavedFilter.objects.get(owner=cast.manager, name="Advies 3").query == (
        "outcome=beantwoord"
    )


@pytest.mark.parametrize(
    "list_name",
    [
        "privacy:access_log",
        "advice:detail",
        "nergens:niets",
        "x" * 10_000,
        "",
        "advice:list_export",
    ],
)
def test_a_forged_list_name_keeps_nothing(cast, client_for, list_name):
    response = save(client_for(cast.manager), "Ergens", list_name=list_name)
    assert response.status_code == 404
    assert not SavedFilter.objects.exists()


def test_a_forged_filter_querystring_is_cleaned_bounded_and_harmless(cast, client_for):
    client = client_for(cast.nazorg)
    forged = "q=Jansen&page=9&voor=3&export=1&status=<script>alert(1)</script>&sort=onbekend"
    save(client, "Vreemd", query=forged, list_name="aftercare:record_list")
    saved = SavedFilter.objects.get(owner=cast.nazorg)
    assert saved.query == "status=%3Cscript%3Ealert%281%29%3C%2Fscript%3E&sort=onbekend"
    page = client.get(reverse("lists:saved_filter_open", args=[saved.pk]), follow=True)
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.content.decode()
    # A query string longer than a saved filter holds: refused with a message, nothing kept.
    response = save(
        client, "Te lang", query="status=open&" * 1000, list_name="aftercare:record_list"
    )
    assert (
        "Deze filters zijn te lang om te bewaren"
        in client.get(response["Location"]).content.decode()
    )
    assert SavedFilter.objects.filter(owner=cast.nazorg).count() == 1


def test_another_users_filter_is_neither_listed_nor_opened_nor_deleted(cast, client_for):
    save(client_for(cast.ondersteuner), "Van de ondersteuner")
    saved = SavedFilter.objects.get(owner=cast.ondersteuner)
    other = client_for(cast.regisseur)
    assert other.get(reverse("lists:saved_filter_open", args=[saved.pk])).status_code == 404
    assert other.post(reverse("lists:saved_filter_delete", args=[saved.pk])).status_code == 404
    assert other.get(reverse("advice:list")).context["list_tools"].saved == []
    assert SavedFilter.objects.filter(pk=saved.pk).exists()


# ---------------------------------------------------------------------------------------------
# The one export


def test_every_export_names_its_list_filters_order_and_moment(cast, client_for, aftercare_world):
    closed, running = aftercare_world
    response = client_for(cast.nazorg).get(
        reverse("aftercare:record_list_export"), {"status": "open", "q": "Open"}
    )
    top, headers, rows, sheet = sheet_of(response)
    assert top[0][0] == "Nazorgdossiers"
    assert top[1][0] == "Filters: Zoeken: Open; Status: In behandeling"
    assert top[2][0] == (
        "Volgorde: lopende dossiers eerst, het eerstvolgende ontslag bovenaan; afgesloten "
        "dossiers daarna, het laatste ontslag eerst"
    )
    made = top[3][0]
    assert made.startswith(f"Gemaakt op {timezone.localdate().day} ")
    assert made.endswith("; 3 nazorgdossiers.") and "om " in made
    assert headers[:2] == ["Dossier", "Naam"]
    assert [row[1] for row in rows] == [r.full_name for r in running]
    # Dates are dates and counts are numbers, shown the Dutch way by the spreadsheet.
    first = HEADER_ROWS + 2
    assert sheet.cell(first, 5).number_format == "dd-mm-yyyy"
    assert sheet.cell(first, 6).number_format == "#,##0"


def test_an_export_follows_the_readers_sort(cast, client_for, aftercare_world):
    closed, running = aftercare_world
    response = client_for(cast.nazorg).get(
        reverse("aftercare:record_list_export"), {"sort": "-name"}
    )
    top, _headers, rows, _ = sheet_of(response)
    assert top[2][0] == "Volgorde: gesorteerd op naam (aflopend)"
    names = [row[1] for row in rows]
    assert names == sorted(names, key=lambda n: n.split()[-1], reverse=True)


def test_the_export_logs_each_record_once_as_one_export_without_the_search_term(
    cast, client_for, aftercare_world
):
    closed, running = aftercare_world
    client_for(cast.nazorg).get(
        reverse("aftercare:record_list_export"), {"status": "open", "q": "Open"}
    )
    rows = list(export_rows().order_by("pk"))
    assert len({row.batch for row in rows}) == 1
    assert rows[0].object_id == ""  # the export itself
    assert [row.object_id for row in rows[1:]] == [str(r.pk) for r in running]
    assert {row.description for row in rows} == {
        "Nazorgdossiers; filters: Zoeken: ingevuld; Status: In behandeling"
    }
    assert {row.path for row in rows} == {
        reverse("aftercare:record_list_export") + "?status=open&q=Open"
    }
    assert {row.content_type.model_class() for row in rows} == {AftercareRecord}


def test_the_export_log_is_written_while_the_workbook_is_and_no_file_leaves_without_it(
    cast, client_for, aftercare_world, monkeypatch
):
    """Issue 24: the log's INSERT goes to the database before the workbook is written and is
    waited for after it (psycopg's pipeline). If it fails, the reader gets an error, never
    the file."""
    from django.db import DatabaseError, connection

    from zvhd.privacy import services as privacy_services

    written, made = [], []
    real_log, real_workbook = privacy_services.log_export, exports.workbook

    def log_export(**kwargs):
        written.append(connection.connection.pgconn.pipeline_status)
        return real_log(**kwargs)

    def workbook(export, **kwargs):
        made.append(connection.connection.pgconn.pipeline_status)
        return real_workbook(export, **kwargs)

    monkeypatch.setattr(privacy_services, "log_export", log_export)
    monkeypatch.setattr(exports, "workbook", workbook)
    client = client_for(cast.nazorg)
    url = reverse("aftercare:record_list_export")
    assert client.get(url).status_code == 200
    assert written and made and all(written + made)  # both inside the pipeline
    assert export_rows().exists()

    def broken_workbook(export, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(exports, "workbook", broken_workbook)
    before = export_rows().count()
    client.raise_request_exception = True
    with pytest.raises(RuntimeError):
        client.get(url)
    assert export_rows().count() == before  # no file left: its log rows were taken back
    monkeypatch.setattr(exports, "workbook", workbook)

    def broken_log(**kwargs):
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO privacy_accesslog (id) VALUES (NULL)")

    monkeypatch.setattr(privacy_services, "log_export", broken_log)
    with pytest.raises(DatabaseError):
        client.get(url)


def test_the_trafficking_export_of_the_manager_holds_no_identity(cast, client_for, signals):
    _, headers, rows, _ = sheet_of(
        client_for(cast.manager).get(reverse("trafficking:signal_list_export"))
    )
    assert "Persoon" not in headers
    text = repr(rows)
    assert "Jansen" not in text and "Popescu" not in text
    director = client_for(cast.mensenhandel).get(reverse("trafficking:signal_list_export"))
    _, headers, rows, _ = sheet_of(director)
    assert "Persoon" in headers
    assert [row[0] for row in rows] == [s.reference for s in signals]  # open first
    assert export_rows().exclude(object_id="").count() == 2 * Signal.objects.count()


def test_a_municipal_contact_exports_only_the_advice_of_their_municipality(
    cast, client_for, advice_world
):
    _, headers, rows, sheet = sheet_of(client_for(cast.gemeente).get(reverse("advice:list_export")))
    assert headers[0] == "Datum"
    mine = [advice_world["open_old"], advice_world["answered_new"]]  # open first
    assert [row[0].date() for row in rows] == [a.date for a in mine]
    assert sheet.cell(HEADER_ROWS + 2, 1).number_format == "dd-mm-yyyy"
    logged = set(export_rows().exclude(object_id="").values_list("object_id", flat=True))
    assert logged == {str(a.pk) for a in mine}


@pytest.mark.parametrize(
    ("url", "who", "noun"),
    [
        ("aftercare:record_list_export", "nazorg", "nazorgdossiers"),
        ("advice:list_export", "ondersteuner", "adviesvragen"),
        ("trafficking:signal_list_export", "mensenhandel", "signalen"),
        ("cases:case_list_export", "manager", "casussen"),
    ],
)
def test_an_export_over_the_cap_is_refused_with_what_to_do(
    cast, client_for, aftercare_world, advice_world, signals, monkeypatch, url, who, noun
):
    from tests.cases.factories import make_case

    make_case(registered_by=cast.partner, municipality=cast.assen)
    make_case(registered_by=cast.partner, municipality=cast.assen)
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 1)
    client = client_for(getattr(cast, who))
    response = client.get(reverse(url), {"sort": "-x"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0].endswith("?sort=-x")
    page = response.content.decode()
    assert f"Deze lijst telt meer dan 1 {noun}; een export neemt er hoogstens 1 mee." in page
    assert not export_rows().exists()


@pytest.mark.parametrize(
    ("url", "who", "query"),
    [
        ("aftercare:record_list_export", "nazorg", {"status": "bestaat-niet"}),
        ("aftercare:record_list_export", "nazorg", {"municipality": "x" * 5000}),
        ("advice:list_export", "ondersteuner", {"date_from": "31-31-2025", "sort": "question"}),
        ("trafficking:signal_list_export", "manager", {"sort": "person", "year": "abc"}),
    ],
)
def test_a_forged_export_querystring_gives_a_file_not_an_error(
    cast, client_for, aftercare_world, advice_world, signals, url, who, query
):
    _, headers, rows, _ = sheet_of(client_for(getattr(cast, who)).get(reverse(url), query))
    assert headers  # invalid filters give the list FilterView shows: empty, never everything
    assert rows == []


EXPORTS = [
    ("aftercare:record_list_export", "nazorg"),
    ("advice:list_export", "manager"),
    ("trafficking:signal_list_export", "mensenhandel"),
    ("trafficking:signal_list_export", "manager"),
]


@pytest.mark.parametrize(("url", "who"), EXPORTS)
def test_an_export_reads_a_fixed_number_of_queries_whatever_its_rows(
    cast, client_for, django_assert_max_num_queries, url, who
):
    participate(cast.assen, timezone.localdate().year)
    client = client_for(getattr(cast, who))

    def add(n):
        for i in range(n):
            make_record(municipality=cast.assen, by=cast.nazorg, last_name=f"R{i}")
            AdviceRecordFactory(
                organisation=cast.politie, municipality=cast.assen, answered_by=cast.ondersteuner
            )
            make_signal(
                by=cast.mensenhandel,
                organisation=cast.politie,
                municipality=cast.assen,
                bsn="",
                last_name=f"S{i}",
            )

    add(2)
    client.get(reverse(url))  # warm the content-type cache, as a running server has it
    # The session, the user and roles, the cap's COUNT, the rows, the access-log INSERT, and
    # what the app's table reads beside the rows (a prefetch of the signals' forms).
    with django_assert_max_num_queries(8) as few:
        sheet_of(client.get(reverse(url)))
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        sheet_of(client.get(reverse(url)))


# ---------------------------------------------------------------------------------------------
# The access log and the review show an export as one event


def test_the_access_log_shows_an_export_as_one_line_and_its_records_one_click_further(
    cast, client_for, aftercare_world
):
    closed, running = aftercare_world
    client_for(cast.nazorg).get(reverse("aftercare:record_list_export"))
    batch = export_rows().first().batch
    officer = client_for(cast.privacy)
    page = officer.get(reverse("privacy:access_log"), {"action": "export"})
    lines = list(page.context["object_list"])
    assert len(lines) == 1
    html = page.content.decode()
    assert "Export: 4 nazorgdossiers" in html
    assert "Nazorgdossiers; filters: geen" in html
    assert f"?export={batch}" in html
    # One click further: the export and every record in it.
    detail = officer.get(reverse("privacy:access_log"), {"export": str(batch)})
    # The export itself, then its records in the order of the file (running ones first).
    assert [row.object_id for row in detail.context["object_list"]] == [
        "",
        *(str(r.pk) for r in running),
        str(closed.pk),
    ]
    assert "exporteerde 4 records" in detail.content.decode()
    assert closed.number in detail.content.decode()
    # A forged export key is an empty answer with a message, never an error page.
    forged = officer.get(reverse("privacy:access_log"), {"export": "x" * 5000})
    assert forged.status_code == 200 and list(forged.context["object_list"]) == []
    forged = officer.get(reverse("privacy:access_log"), {"export": "niet-een-export"})
    assert "Deze export bestaat niet." in forged.content.decode()
    # Looking for one record (by its number: an internal id needs its kind, issue 24) finds
    # its export row, not the export's line.
    one = officer.get(reverse("privacy:access_log"), {"object_id": running[0].number})
    assert [row.action for row in one.context["object_list"]] == [AccessAction.EXPORT]


def test_the_review_counts_an_export_once_and_says_how_many_records_left(
    cast, client_for, aftercare_world, signals
):
    from django.db.models.query import QuerySet

    from zvhd.privacy.review import out_of_hours_readers, period_bounds, uninvolved_readers

    client_for(cast.regisseur).get(reverse("cases:case_list_export"))  # nothing in it
    client_for(cast.nazorg).get(reverse("aftercare:record_list_export"))
    client_for(cast.manager).get(reverse("trafficking:signal_list_export"))
    today = timezone.localdate()
    start, end = period_bounds(today - timedelta(days=1), today + timedelta(days=1))
    # The nazorg export moved into the night (past the log's append-only guard, as a test
    # may): it counts once, however many records it held.
    night = timezone.localtime().replace(hour=2)
    QuerySet.update(AccessLog.objects.filter(username="nazorg"), at=night)
    readers = {row["username"]: row for row in out_of_hours_readers(start, end)}
    assert (readers["nazorg"]["reads"], readers["nazorg"]["exports"]) == (1, 1)
    assert readers["nazorg"]["records"] == 4
    # The manager is involved in no signal: both exported signals count, from one export.
    rows = {row["username"]: row for row in uninvolved_readers(start, end, threshold=1)}
    assert (rows["manager"]["records"], rows["manager"]["exported"]) == (2, 2)
    assert rows["manager"]["exports"] == 1
    assert "regisseur" not in rows  # an empty export opened no record
    # What the page shows (today from the log, summarized days as well) is the same.
    from zvhd.privacy.review import review_readers

    assert review_readers(today - timedelta(days=1), today + timedelta(days=1), 1) == (
        uninvolved_readers(start, end, threshold=1),
        out_of_hours_readers(start, end),
    )


def test_the_file_takes_any_title_and_any_text_as_text():
    """A spreadsheet refuses some sheet names and cannot hold every text: a title with a
    colon, a text with control characters or of 40,000 characters is still a file."""
    from cases.models import Case
    from zvhd.exports import Export, sheet_name, workbook

    assert sheet_name("Casussen: [mijn] teams / 2026?") == "Casussen   mijn  teams   2026"
    assert sheet_name("'''") == "Export"
    export = Export(
        title="Casussen: een titel van meer dan eenendertig tekens",
        noun="casussen",
        file_stem="casussen",
        headers=["A", "B", "C"],
        rows=[["=HYPERLINK(1)", "x" * 40_000, "regel\x01een"]],
        model=Case,
        object_ids=[1],
        order="nieuwste eerst",
    )
    sheet = load_workbook(io.BytesIO(workbook(export, user="tester"))).active
    formula, long, control = (cell.value for cell in sheet[HEADER_ROWS + 2][:3])
    assert formula == "'=HYPERLINK(1)" and sheet[HEADER_ROWS + 2][0].data_type == "s"
    assert len(long) == 32_767
    assert control.startswith("regel")
