"""The case lists as people work with them (issue 23, registers and lists): open work first,
sortable columns, the triage list's own filters, saved filters per user, and an export of
exactly the list."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cases.models import Case, Status
from cases.views import lists
from tests.cases.factories import make_case
from zvhd import exports
from zvhd.lists.models import SavedFilter
from zvhd.privacy.models import AccessAction, AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(cast):
    """Six cases of Assen, directed by `regisseur`: old open ones, newer closed ones."""
    made = {}
    for name, status in [
        ("open_old", Status.ACTIEF),
        ("triage", Status.IN_TRIAGE),
        ("closed_1", Status.AFGESLOTEN),
        ("open_new", Status.OPGESCHAALD),
        ("closed_2", Status.AFGESLOTEN),
        ("registered", Status.AANGEMELD),
    ]:
        made[name] = make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=status,
            director=cast.regisseur,
            decided_by=cast.regisseur,
        )
    today = timezone.localdate()
    for name, days in (("open_old", 30), ("open_new", 3)):
        Case.objects.filter(pk=made[name].pk).update(review_on=today + timedelta(days=days))
    return made


def numbers(response) -> list[str]:
    return [row.number for row in response.context["table"].rows]


def walk_all(client, url, params=None) -> list[str]:
    """Every page of a list, following its "next" links."""
    seen, query = [], None
    while True:
        response = client.get(url + (f"?{query}" if query else ""), None if query else params)
        assert response.status_code == 200
        seen += numbers(response)
        query = response.context["next_query"]
        if not query:
            return seen


def test_open_cases_come_before_closed_ones_newest_first_across_pages(
    cast, client_for, mixed, monkeypatch
):
    monkeypatch.setattr(lists, "PAGE_SIZE", 2)
    seen = walk_all(client_for(cast.regisseur), reverse("cases:case_list"))
    order = ["registered", "open_new", "triage", "open_old", "closed_2", "closed_1"]
    assert seen == [mixed[name].number for name in order]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("nummer", ["open_old", "triage", "closed_1", "open_new", "closed_2", "registered"]),
        ("-nummer", ["registered", "closed_2", "open_new", "closed_1", "triage", "open_old"]),
        ("status", ["registered", "triage", "open_old", "open_new", "closed_1", "closed_2"]),
        ("-status", ["closed_2", "closed_1", "open_new", "open_old", "triage", "registered"]),
        ("aangemeld", ["open_old", "triage", "closed_1", "open_new", "closed_2", "registered"]),
        # The next review: soonest first; cases without one after every dated one, both ways.
        ("evaluatie", ["open_new", "open_old", "triage", "closed_1", "closed_2", "registered"]),
        ("-evaluatie", ["open_old", "open_new", "registered", "closed_2", "closed_1", "triage"]),
    ],
)
def test_each_sortable_column_sorts_the_whole_list_page_by_page(
    cast, client_for, mixed, monkeypatch, sort, expected
):
    monkeypatch.setattr(lists, "PAGE_SIZE", 2)
    seen = walk_all(client_for(cast.regisseur), reverse("cases:case_list"), {"sort": sort})
    assert seen == [mixed[name].number for name in expected]


def test_the_sorted_column_says_so_and_the_others_offer_sorting(cast, client_for, mixed):
    response = client_for(cast.regisseur).get(reverse("cases:my_cases"), {"sort": "-aangemeld"})
    headers = {h.label: h for h in response.context["table"].headers}
    assert headers["Aangemeld"].aria_sort == "descending"
    assert headers["Aangemeld"].href.endswith("sort=aangemeld")
    assert headers["Nummer"].aria_sort is None and "sort=nummer" in headers["Nummer"].href
    assert headers["Gemeente"].href is None  # not a column people sort
    html = response.content.decode()
    assert 'aria-sort="descending"' in html and html.count("aria-sort=") == 1
    assert "gesorteerd op aanmelddatum (aflopend)" in html


@pytest.mark.parametrize(
    ("url", "sort"),
    [
        ("cases:my_cases", "topic"),
        ("cases:my_cases", "-person__last_name"),
        ("cases:my_cases", "--nummer"),
        ("cases:my_cases", "id); DROP TABLE cases_case; --"),
        # The triage list shows no review date: it cannot be sorted by one either.
        ("cases:triage_queue", "evaluatie"),
        ("cases:triage_queue", "-evaluatie"),
    ],
)
def test_an_unknown_sort_key_is_ignored_quietly(cast, client_for, mixed, url, sort):
    client = client_for(cast.regisseur)
    plain_response = client.get(reverse(url))
    plain = numbers(plain_response)
    response = client.get(reverse(url), {"sort": sort})
    assert response.status_code == 200
    assert numbers(response) == plain
    # The list's own order is marked as it was (the triage list's: oldest registration first).
    marked = re.findall(r'aria-sort="[a-z]+"', response.content.decode())
    assert marked == re.findall(r'aria-sort="[a-z]+"', plain_response.content.decode())
    assert marked == (['aria-sort="ascending"'] if url == "cases:triage_queue" else [])


def test_a_page_marker_of_a_case_outside_the_list_starts_at_the_first_page(cast, client_for, mixed):
    other = make_case(registered_by=cast.partner_other, municipality=cast.emmen)
    client = client_for(cast.gemeente)
    first = numbers(client.get(reverse("cases:case_list"), {"sort": "status"}))
    response = client.get(reverse("cases:case_list"), {"sort": "status", "voor": other.pk})
    assert numbers(response) == first


def test_the_triage_list_offers_only_the_filters_that_apply_to_it(cast, client_for):
    client = client_for(cast.ondersteuner)
    triage = client.get(reverse("cases:triage_queue")).context["filter"]
    assert set(triage.form.fields) == {
        "q",
        "status",
        "municipality",
        "topic",
        "registered_from",
        "registered_to",
    }
    assert [value for value, _ in triage.form.fields["status"].choices if value] == [
        "aangemeld",
        "in_triage",
    ]
    everything = client.get(reverse("cases:case_list")).context["filter"]
    assert {"kind", "director", "evaluatie", "acties"} <= set(everything.form.fields)


# Saved filters ----------------------------------------------------------------------------


def save(client, name, query, list_name="cases:my_cases"):
    return client.post(
        reverse("lists:saved_filter_save"), {"list_name": list_name, "name": name, "query": query}
    )


def test_a_user_saves_the_current_filters_and_opens_them_again(cast, client_for, mixed):
    client = client_for(cast.regisseur)
    page = client.get(reverse("cases:my_cases"), {"status": "lopend", "sort": "-aangemeld"})
    assert page.context["list_tools"].saved_query == "status=lopend&sort=-aangemeld"
    response = save(client, "  Lopend,   nieuwste  ", page.context["list_tools"].saved_query)
    assert response.status_code == 302
    saved = SavedFilter.objects.get(owner=cast.regisseur)
    assert saved.name == "Lopend, nieuwste"
    listed = client.get(reverse("cases:my_cases")).context["list_tools"].saved
    assert [s.name for s in listed] == ["Lopend, nieuwste"]
    opened = client.get(reverse("lists:saved_filter_open", args=[saved.pk]), follow=True)
    assert opened.redirect_chain[-1][0] == reverse("cases:my_cases") + "?" + saved.query
    assert "Lopend, nieuwste" in opened.content.decode()
    assert mixed["closed_1"].number not in numbers(opened)
    # The same name again replaces what it holds; another list keeps its own filters.
    save(client, "Lopend, nieuwste", "status=actief")
    save(client, "Lopend, nieuwste", "status=in_triage", list_name="cases:triage_queue")
    assert SavedFilter.objects.filter(owner=cast.regisseur).count() == 2
    saved.refresh_from_db()
    assert saved.query == "status=actief"


def test_a_search_term_is_never_saved(cast, client_for):
    client = client_for(cast.regisseur)
    page = client.get(reverse("cases:my_cases"), {"q": "Jansen", "kind": "pga", "voor": "12"})
    assert page.context["list_tools"].saved_query == "kind=pga"
    assert "De zoekterm wordt niet bewaard" in page.content.decode()
    save(client, "Met zoekterm", "q=Jansen&kind=pga&voor=12")
    assert SavedFilter.objects.get(owner=cast.regisseur).query == "kind=pga"


def test_saved_filters_are_bounded_in_number_and_name(cast, client_for):
    client = client_for(cast.regisseur)
    for n in range(20):
        save(client, f"Filter {n}", "status=actief")
    response = save(client, "Nog een", "status=actief", list_name="cases:case_list")
    assert SavedFilter.objects.filter(owner=cast.regisseur).count() == 20
    # The refusal is shown at the name field of the list it came from, the name kept.
    page = client.get(response["Location"]).content.decode()
    assert "U heeft al 20 bewaarde filters, het maximum. Verwijder er eerst een." in page
    assert 'value="Nog een"' in page
    for name, query, list_name in [
        ("x" * 61, "", "cases:my_cases"),
        ("", "", "cases:my_cases"),
        ("Lang", "status=actief&" * 100, "cases:my_cases"),
    ]:
        assert save(client, name, query, list_name).status_code == 302
    # A page that is no list with saved filters is not one to keep filters of.
    assert save(client, "Ergens", "", "privacy:access_log").status_code == 404
    assert not SavedFilter.objects.filter(owner=cast.regisseur, name__in=["Ergens", "Lang"])


def test_another_users_saved_filter_is_not_found_and_not_listed(cast, client_for):
    client = client_for(cast.regisseur)
    save(client, "Van de regisseur", "status=actief")
    saved = SavedFilter.objects.get(owner=cast.regisseur)
    other = client_for(cast.regisseur_other)
    assert other.get(reverse("lists:saved_filter_open", args=[saved.pk])).status_code == 404
    delete = reverse("lists:saved_filter_delete", args=[saved.pk])
    assert other.post(delete).status_code == 404
    assert other.get(reverse("cases:my_cases")).context["list_tools"].saved == []
    assert SavedFilter.objects.filter(pk=saved.pk).exists()
    assert client_for(cast.regisseur).post(delete).status_code == 302
    assert not SavedFilter.objects.filter(pk=saved.pk).exists()


# The export ---------------------------------------------------------------------------------


def exported(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = rows.index(next(r for r in rows if r and r[0] == "Nummer"))
    return rows[: header + 1], rows[header + 1 :], sheet


def test_the_export_is_the_list_as_filtered_and_sorted(cast, client_for, mixed):
    client = client_for(cast.regisseur)
    query = {"status": "lopend", "sort": "-aangemeld"}
    page = client.get(reverse("cases:my_cases"), query)
    assert page.context["list_tools"].export_url == reverse("cases:my_cases_export") + (
        "?status=lopend&sort=-aangemeld"
    )
    top, rows, sheet = exported(client.get(reverse("cases:my_cases_export"), query))
    assert [row[0] for row in rows] == numbers(page)
    # The list's columns, then what other apps show beside a case (the safety flags).
    assert top[-1][:8] == [
        "Nummer",
        "Betrokkene",
        "Status",
        "Soort",
        "Gemeente",
        "Regisseur",
        "Aangemeld",
        "Evaluatie",
    ]
    assert top[1][0] == "Filters: Status: Alle lopende"
    first = next(r for r in rows if r[0] == mixed["open_new"].number)
    assert first[2] == "Opgeschaald" and first[4] == "Assen"
    assert first[7].date() == timezone.localdate() + timedelta(days=3)
    dates = list(sheet.iter_rows(min_row=len(top) + 1, max_col=8, min_col=7))
    assert {cell.number_format for row in dates for cell in row if cell.value} == {"dd-mm-yyyy"}


def test_a_municipal_contact_exports_only_what_their_list_shows(cast, client_for, mixed):
    emmen = make_case(registered_by=cast.partner_other, municipality=cast.emmen)
    client = client_for(cast.gemeente)
    shown = numbers(client.get(reverse("cases:case_list")))
    _, rows, _ = exported(client.get(reverse("cases:case_list_export")))
    assert [row[0] for row in rows] == shown
    assert emmen.number not in shown
    assert {row[1] for row in rows} == {"afgeschermd"}  # no names at summary level
    # Another municipality's contact: none of Assen's.
    _, rows, _ = exported(client_for(cast.gemeente_other).get(reverse("cases:case_list_export")))
    assert {row[0] for row in rows} == {emmen.number}


@pytest.mark.parametrize("url", ["cases:case_list", "cases:case_list_export"])
def test_a_reader_who_sees_no_names_never_has_them_read(cast, client_for, mixed, url):
    """Data minimisation, and 2,400 person lookups fewer in a municipality's largest export
    (issue 24): the municipal contact's rows are read without the person register."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person_table = f'"{Case._meta.get_field("person").related_model._meta.db_table}"'
    with CaptureQueriesContext(connection) as contact:
        assert client_for(cast.gemeente).get(reverse(url)).status_code == 200
    rows_queries = [q["sql"] for q in contact if 'FROM "cases_case"' in q["sql"]]
    assert rows_queries and not any(person_table in sql for sql in rows_queries)
    # A director, who sees the names of their own cases, has them read with the rows.
    with CaptureQueriesContext(connection) as director:
        assert client_for(cast.regisseur).get(reverse(url)).status_code == 200
    assert any(person_table in q["sql"] for q in director if 'FROM "cases_case"' in q["sql"])


def test_an_export_logs_each_case_in_it_as_one_export_naming_the_list_and_its_filters(
    cast, client_for, mixed
):
    client = client_for(cast.regisseur)
    before = AccessLog.objects.count()
    _, sheet_rows, _ = exported(client.get(reverse("cases:my_cases_export"), {"status": "lopend"}))
    rows = list(AccessLog.objects.order_by("pk")[before:])
    # The export itself (no record), then one row per case in the file, one batch.
    assert [row.object_id for row in rows[1:]] == [
        str(Case.objects.get(number=row[0]).pk) for row in sheet_rows
    ]
    assert rows[0].object_id == "" and len({row.batch for row in rows}) == 1
    assert {row.action for row in rows} == {AccessAction.EXPORT}
    assert {row.user for row in rows} == {cast.regisseur}
    assert {row.path for row in rows} == {reverse("cases:my_cases_export") + "?status=lopend"}
    assert rows[0].description == ("Mijn casussen; filters: Status: Alle lopende")


def test_a_case_export_is_one_export_of_its_cases_in_the_access_review(
    cast, client_for, mixed, monkeypatch
):
    """The review's design (zvhd/privacy/review.py): an export's records count as opened, the
    export as one event. The manager is involved in none of these cases, the director in all."""
    from django.db.models.query import QuerySet

    from zvhd.privacy import review_days
    from zvhd.privacy.review import (
        out_of_hours_readers,
        period_bounds,
        review_readers,
        uninvolved_readers,
    )

    _, sheet_rows, _ = exported(client_for(cast.manager).get(reverse("cases:case_list_export")))
    exported(client_for(cast.regisseur).get(reverse("cases:my_cases_export")))
    shown = len(sheet_rows)
    assert shown == len(mixed)
    # One INSERT of the export and its cases, whatever their number.
    rows = AccessLog.objects.filter(username="manager", action=AccessAction.EXPORT)
    assert rows.exclude(object_id="").count() == shown
    assert rows.values("batch").distinct().count() == 1
    # Moved into the night (past the log's append-only guard, as a test may).
    night = timezone.localtime().replace(hour=2)
    QuerySet.update(rows, at=night)
    today = night.date()
    bounds = period_bounds(today, today)

    uninvolved = {row["username"]: row for row in uninvolved_readers(*bounds, threshold=1)}
    late = {row["username"]: row for row in out_of_hours_readers(*bounds)}

    manager = uninvolved["manager"]
    assert (manager["records"], manager["cases"], manager["exported"]) == (shown, shown, shown)
    assert manager["exports"] == 1
    assert "regisseur" not in uninvolved  # his own cases
    assert (late["manager"]["reads"], late["manager"]["exports"]) == (1, 1)
    assert late["manager"]["records"] == shown
    # The page's counts, today from the log and once the day is summarized, are the same.
    expected = (list(uninvolved.values()), out_of_hours_readers(*bounds))
    assert review_readers(today, today, 1) == expected
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert today in review_days.summarize_days()
    assert review_readers(today, today, 1) == expected
    # And the privacy officer's page shows it.
    page = client_for(cast.privacy).get(
        reverse("privacy:access_review"),
        {"date_from": today.isoformat(), "date_to": today.isoformat(), "threshold": "1"},
    )
    assert [(r["username"], r["cases"], r["exports"]) for r in page.context["uninvolved"]] == [
        ("manager", shown, 1)
    ]


def test_a_list_longer_than_the_bound_is_not_exported_but_explained(
    cast, client_for, mixed, monkeypatch
):
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 3)
    client = client_for(cast.regisseur)
    before = AccessLog.objects.count()
    response = client.get(reverse("cases:my_cases_export"), {"kind": "maatwerk"}, follow=True)
    assert response.redirect_chain[0][0] == reverse("cases:my_cases") + "?kind=maatwerk"
    assert "Deze lijst telt meer dan 3 casussen" in response.content.decode()
    assert AccessLog.objects.filter(action=AccessAction.EXPORT).count() == 0
    assert AccessLog.objects.count() > before  # only the list page it came back to
    exported(client.get(reverse("cases:my_cases_export"), {"status": "aangemeld"}))


def test_the_export_reads_a_fixed_number_of_queries(
    cast, client_for, mixed, django_assert_max_num_queries
):
    client = client_for(cast.regisseur)
    client.get(reverse("cases:my_cases_export"))
    # The session (a database read without Redis; a cache hit with it), the user, the rows
    # (at most 5,001, one query), the access-log INSERT: 4, 3 with Redis. The INSERT and the
    # workbook share a transaction: under test a SAVEPOINT pair, two queries production (a
    # BEGIN with the INSERT, a COMMIT) does not count.
    limit = 6
    with django_assert_max_num_queries(limit):
        exported(client.get(reverse("cases:my_cases_export")))
    for _ in range(4):
        make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.ACTIEF,
            director=cast.regisseur,
        )
    with django_assert_max_num_queries(limit):
        exported(client.get(reverse("cases:my_cases_export")))


def test_a_reader_who_sees_no_names_is_offered_a_search_by_case_number_only(cast, client_for):
    """The municipal contact's search finds a case by its number only (names are not theirs
    to search): the field said "naam, BSN of casusnummer" and a name never found anything.
    The list's form is cached per filter set: the director's must not be served to them."""
    from django.core.cache import cache

    cache.clear()
    director = client_for(cast.regisseur).get(reverse("cases:case_list"))
    assert "Zoeken op naam, BSN of casusnummer" in director.content.decode()
    for url in ("cases:case_list", "cases:triage_queue"):
        page = client_for(cast.gemeente).get(reverse(url)).content.decode()
        assert "Zoeken op casusnummer" in page and "naam, BSN" not in page
