"""The privacy officer's access-log search: what each criterion finds, paging, bounded queries."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.cases.factories import make_case
from tests.privacy.helpers import log_at
from zvhd.privacy import services
from zvhd.privacy.models import AccessAction, AccessLog

AMS = ZoneInfo("Europe/Amsterdam")
URL = reverse("privacy:access_log")
NOON = datetime(2026, 11, 11, 12, 0, tzinfo=AMS)


@pytest.fixture
def case(cast):
    return make_case(registered_by=cast.partner, municipality=cast.assen)


def _rows(response):
    return list(response.context["object_list"])


@pytest.mark.django_db
def test_pages_of_fifty_newest_first_follow_on_without_gaps_or_repeats(cast, client_for, case):
    # 120 rows, two to each moment: the page boundary falls between rows of the same moment.
    written = [
        log_at(NOON + timedelta(minutes=n // 2), user=cast.regisseur, obj=case) for n in range(120)
    ]
    client = client_for(cast.privacy)

    seen, response, pages = [], client.get(URL), 0
    while True:
        pages += 1
        seen += [row.pk for row in _rows(response)]
        page = response.context["page"]
        if not page.next_query:
            break
        response = client.get(f"{URL}?{page.next_query}")
    expected = [row.pk for row in sorted(written, key=lambda r: (r.at, r.pk), reverse=True)]
    assert seen == expected
    assert pages == 3
    html = response.content.decode()
    assert "Nieuwste" in html and "Oudere regels" not in html


@pytest.mark.django_db
def test_a_mangled_page_marker_starts_at_the_newest_rows(cast, client_for, case):
    row = log_at(NOON, user=cast.regisseur, obj=case)
    response = client_for(cast.privacy).get(URL, {"voor": "gisteren.12"})
    assert response.status_code == 200
    assert [r.pk for r in _rows(response)] == [row.pk]


@pytest.mark.django_db
def test_search_by_case_number_or_id_finds_the_rows_of_that_record(cast, client_for, case):
    other = make_case(registered_by=cast.partner, municipality=cast.assen)
    mine = log_at(NOON, user=cast.regisseur, obj=case)
    log_at(NOON, user=cast.regisseur, obj=other)
    client = client_for(cast.privacy)

    by_number = client.get(URL, {"object_id": case.number})
    by_id = client.get(URL, {"object_id": str(case.pk), "content_type": mine.content_type_id})

    assert [r.pk for r in _rows(by_number)] == [mine.pk]
    assert [r.pk for r in _rows(by_id)] == [mine.pk]


@pytest.mark.django_db
def test_an_id_without_its_kind_is_refused_at_the_field(cast, client_for, case):
    log_at(NOON, user=cast.regisseur, obj=case)
    response = client_for(cast.privacy).get(URL, {"object_id": str(case.pk)})
    assert response.status_code == 200
    assert "soort gegeven" in response.context["form"].errors["content_type"][0]
    assert _rows(response) == []


@pytest.mark.django_db
def test_a_part_of_a_name_that_fits_too_many_users_asks_for_more(cast, client_for, monkeypatch):
    monkeypatch.setattr(services, "MAX_USERNAMES", 2)
    response = client_for(cast.privacy).get(URL, {"username": "e"})
    assert response.status_code == 200
    assert "typ meer van de naam" in response.context["form"].errors["username"][0]


@pytest.mark.django_db
def test_an_unknown_record_number_is_explained_at_the_field(cast, client_for):
    response = client_for(cast.privacy).get(URL, {"object_id": "2099-9999"})
    assert response.status_code == 200
    assert "geen casus" in response.context["form"].errors["object_id"][0]
    assert 'value="2099-9999"' in response.content.decode()


@pytest.mark.django_db
def test_a_part_of_a_name_finds_that_user_and_a_former_name_typed_in_full(cast, client_for, case):
    current = log_at(NOON, user=cast.regisseur, obj=case)
    former = log_at(NOON, user=cast.ondersteuner, obj=case)
    client = client_for(cast.privacy)

    part = cast.regisseur.username[2:6].upper()
    assert [r.pk for r in _rows(client.get(URL, {"username": part}))] == [current.pk]
    # A name typed in full is that user alone, not every name that contains it.
    assert services.usernames_like(cast.partner.username.upper()) == sorted(
        {cast.partner.username, cast.partner.username.upper()}
    )
    # Renamed later: the log keeps the name the row was written with.
    type(cast.ondersteuner).objects.filter(pk=cast.ondersteuner.pk).update(username="o.nieuw")
    response = client.get(URL, {"username": cast.ondersteuner.username})
    assert [r.pk for r in _rows(response)] == [former.pk]


@pytest.mark.django_db
def test_a_period_is_whole_days_in_dutch_time(cast, client_for, case):
    log_at(datetime(2026, 10, 31, 23, 30, tzinfo=AMS), user=cast.regisseur, obj=case)
    first = log_at(datetime(2026, 11, 1, 0, 0, tzinfo=AMS), user=cast.regisseur, obj=case)
    last = log_at(datetime(2026, 11, 30, 23, 59, tzinfo=AMS), user=cast.regisseur, obj=case)
    log_at(datetime(2026, 12, 1, 0, 0, tzinfo=AMS), user=cast.regisseur, obj=case)

    response = client_for(cast.privacy).get(
        URL, {"date_from": "2026-11-01", "date_to": "2026-11-30"}
    )

    assert [r.pk for r in _rows(response)] == [last.pk, first.pk]


@pytest.mark.django_db
def test_search_by_action_and_outcome(cast, client_for, case):
    exported = log_at(NOON, user=cast.regisseur, obj=case, action=AccessAction.EXPORT)
    log_at(NOON, user=cast.regisseur, obj=case, action=AccessAction.LIST)
    refused = log_at(NOON, user=cast.partner, obj=case, allowed=False)
    client = client_for(cast.privacy)

    assert [r.pk for r in _rows(client.get(URL, {"action": "export"}))] == [exported.pk]
    assert [r.pk for r in _rows(client.get(URL, {"allowed": "0"}))] == [refused.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"username": "regis", "date_from": "2026-11-01", "date_to": "2026-11-30"},
        {"object_id": "CASE", "action": "view", "allowed": "1"},
    ],
)
def test_the_search_page_reads_a_fixed_number_of_queries(
    cast, client_for, case, params, django_assert_max_num_queries
):
    other = make_case(registered_by=cast.partner, municipality=cast.assen)
    for n in range(60):
        log_at(NOON - timedelta(minutes=n), user=cast.regisseur, obj=case)
        log_at(NOON - timedelta(minutes=n), user=cast.partner, obj=other)
    if params.get("object_id") == "CASE":
        params = {**params, "object_id": case.number}
    client = client_for(cast.privacy)
    client.get(URL)  # the first page of a while also reads the kinds in the log (cached)
    # session and user, the kinds' choice list, users matching the name, the page of rows,
    # the case numbers on the page
    with django_assert_max_num_queries(6):
        response = client.get(URL, params)
    assert response.status_code == 200
    page = response.context["page"]
    if page.next_query:
        with django_assert_max_num_queries(6):
            assert client.get(f"{URL}?{page.next_query}").status_code == 200


@pytest.mark.django_db
def test_every_record_on_a_list_page_is_in_the_log_and_found_by_its_number(cast, client_for, case):
    from cases.models import Case

    response = client_for(cast.regisseur).get(reverse("cases:case_list"), {"q": ""})
    assert response.status_code == 200
    shown = {str(pk) for pk in response.context["shown_ids"]}
    assert str(case.pk) in shown
    rows = list(AccessLog.objects.filter(action=AccessAction.LIST, user=cast.regisseur))
    assert {r.object_id for r in rows} == shown
    row = next(r for r in rows if r.object_id == str(case.pk))
    assert (row.username, row.allowed, row.content_type.model_class()) == (
        cast.regisseur.username,
        True,
        Case,
    )
    assert row.path.startswith(reverse("cases:case_list")) and row.at is not None

    page = client_for(cast.privacy).get(URL, {"object_id": case.number})
    assert [r.pk for r in _rows(page)] == [row.pk]


@pytest.mark.django_db
def test_one_export_is_paged_in_the_order_of_the_file_without_gaps_or_repeats(cast, client_for, rf):
    # An export of 120 records (issue 23) opened from its line (issue 24's keyset paging):
    # the export itself, then its records in file order, 50 a page, by id ascending.
    cases = [make_case(registered_by=cast.partner, municipality=cast.assen) for _ in range(3)]
    ids = [cases[n % 3].pk for n in range(120)]
    request = rf.get("/casussen/export/")
    request.user = cast.regisseur
    batch = services.log_export(
        request=request, model=type(cases[0]), object_ids=ids, description="Casussen"
    )
    client = client_for(cast.privacy)
    response, seen, pages = client.get(URL, {"export": str(batch)}), [], 0
    while True:
        pages += 1
        seen += [row.object_id for row in _rows(response)]
        page = response.context["page"]
        if not page.next_query:
            break
        assert "Volgende records" in response.content.decode()
        response = client.get(f"{URL}?{page.next_query}")
    assert seen == ["", *(str(pk) for pk in ids)]
    assert pages == 3
    assert "Begin van de export" in response.content.decode()
    # A mangled marker starts at the export itself.
    response = client.get(URL, {"export": str(batch), "na": "-1 OR 1=1"})
    assert _rows(response)[0].object_id == ""
