"""The retention and destruction pages: who may open them, what bad input shows, and that
their query counts do not grow with the number of rows."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests import matrix
from tests.cast import CAST_USERS
from tests.privacy.retention_data import FIRST, LAST, make_expired_person
from zvhd.privacy import services
from zvhd.privacy.models import (
    DestructionList,
    DestructionStatus,
    LegalHold,
    RetentionExtension,
    RetentionKind,
    RetentionPolicy,
)
from zvhd.privacy.registry import find_record

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)


@pytest.fixture
def destruction_list(cast):
    make_expired_person(cast)
    return services.propose_destruction(today=TODAY)


def _urls(destruction_list):
    policy = RetentionPolicy.objects.get(kind=RetentionKind.CASE_MAATWERK)
    item = destruction_list.items.first()
    return {
        "terms": reverse("privacy:retention_terms"),
        "term_edit": reverse("privacy:retention_term_edit", args=[policy.pk]),
        "record": reverse("privacy:record_retention"),
        "lists": reverse("privacy:destruction_lists"),
        "list": reverse("privacy:destruction_list", args=[destruction_list.pk]),
        "exclude": reverse("privacy:destruction_exclude", args=[destruction_list.pk, item.pk]),
    }


# Who may open which page (200); everyone else logged in gets a 403.
ALLOWED = {
    "terms": {"privacy"},
    "term_edit": {"privacy"},
    "record": {"privacy"},
    "lists": {"privacy", "manager"},
    "list": {"privacy", "manager"},
    "exclude": {"privacy"},
}
MATRIX = [
    (page, name, 200 if name in allowed else 403)
    for page, allowed in ALLOWED.items()
    for name in CAST_USERS
]


@pytest.fixture
def bare_list(cast):
    """A proposed list with one item, without building the records (the matrix is large)."""
    from django.contrib.contenttypes.models import ContentType

    from cases.models import Case
    from zvhd.privacy.models import DestructionItem

    destruction_list = DestructionList.objects.create(proposed_on=TODAY)
    DestructionItem.objects.create(
        destruction_list=destruction_list,
        content_type=ContentType.objects.get_for_model(Case),
        object_id=999,
        kind=RetentionKind.CASE_MAATWERK,
        number="2019-0999",
        closed_on=date(2019, 6, 3),
        term_ended_on=date(2024, 6, 3),
    )
    return destruction_list


def _term_edit_args(records):
    return [RetentionPolicy.objects.get(kind=RetentionKind.CASE_MAATWERK).pk]


# The same, as rows of the shared matrix (tests/matrix.py): page -> (URL name, arguments).
ROUTES = {
    "terms": ("privacy:retention_terms", []),
    "term_edit": ("privacy:retention_term_edit", _term_edit_args),
    "record": ("privacy:record_retention", []),
    "lists": ("privacy:destruction_lists", []),
    "list": ("privacy:destruction_list", lambda r: [r["list"].pk]),
    "exclude": ("privacy:destruction_exclude", lambda r: [r["list"].pk, r["list"].items.get().pk]),
}
ROWS = [
    matrix.Row(
        url_name,
        page,
        {name: status for row_page, name, status in MATRIX if row_page == page},
        args=args,
    )
    for page, (url_name, args) in ROUTES.items()
]


def test_the_rows_ask_for_the_pages_of_the_matrix(cast, bare_list):
    urls = {row.record: row.url({"list": bare_list}) for row in ROWS}
    assert urls == _urls(bare_list)
    assert matrix.cells(ROWS) == len(MATRIX)


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_only_the_privacy_officer_and_the_approver_open_the_retention_pages(
    cast, client, bare_list, row
):
    matrix.check(row, client=client, people=matrix.people_of(cast), records={"list": bare_list})


def test_every_privacy_page_is_in_the_matrix_or_said_where_it_is_tested():
    matrix.assert_covers(
        "privacy",
        ROWS,
        elsewhere={
            **dict.fromkeys(
                [
                    "privacy:access_requests",
                    "privacy:access_request_new",
                    "privacy:access_request_edit",
                    "privacy:access_request_generate",
                    "privacy:access_request_pdf",
                ],
                "tests/privacy/test_subject_access.py",
            ),
            "privacy:access_review": "tests/privacy/test_review.py",
            "privacy:access_log": "tests/zvhd/test_start_and_beheer.py (house pages)",
            "privacy:destruction_certificate": "test_the_certificate_download_is_a_404_until_...",
        },
    )


@pytest.mark.parametrize("name", [n for n in CAST_USERS if n not in ("privacy", "manager")])
def test_nobody_else_can_post_to_a_destruction_list(cast, client_for, bare_list, name):
    url = reverse("privacy:destruction_list", args=[bare_list.pk])
    response = client_for(getattr(cast, name)).post(url, {"action": "beoordelen"})
    assert response.status_code == 403
    bare_list.refresh_from_db()
    assert bare_list.status == DestructionStatus.PROPOSED


def test_the_menu_shows_the_retention_pages_to_the_privacy_officer_and_manager(cast, client_for):
    page = client_for(cast.privacy).get("/").content.decode()
    assert "Bewaartermijnen" in page and "Vernietiging" in page
    page = client_for(cast.manager).get("/").content.decode()
    assert "Bewaartermijnen" not in page and "Vernietiging" in page


def test_a_bad_term_shows_a_dutch_message_next_to_the_field_and_keeps_the_input(cast, client_for):
    policy = RetentionPolicy.objects.get(kind=RetentionKind.AFTERCARE)
    url = reverse("privacy:retention_term_edit", args=[policy.pk])
    client = client_for(cast.privacy)
    for years, message in (
        ("0", "ten minste 1 jaar"),
        ("99", "hoogstens 20 jaar"),
        ("vijf", "heel aantal"),
    ):
        response = client.post(url, {"years": years, "rationale": "Mijn onderbouwing"})
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html and "Mijn onderbouwing" in html
    response = client.post(url, {"years": "3", "rationale": ""})
    assert "Geef de onderbouwing" in response.content.decode()
    response = client.post(url, {"years": "3", "rationale": "Recidive"})
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.years == 3 and policy.updated_by == cast.privacy


def test_an_unknown_number_is_a_message_next_to_the_field(cast, client_for):
    response = client_for(cast.privacy).get(
        reverse("privacy:record_retention"), {"nummer": "9999-1"}
    )
    assert response.status_code == 200
    assert (
        "Er is geen casus, nazorgdossier, signaal of agendapunt met dit nummer"
        in response.content.decode()
    )


def test_a_household_discussed_at_a_table_is_found_by_its_agenda_item_number(cast, client_for):
    from tables import services as table_services
    from tables.models import ItemKind
    from tests.tables.factories import make_meeting, make_table

    meeting = make_meeting(make_table(chair=cast.regisseur, code="routeeroverleg"))
    item = table_services.add_agenda_item(
        meeting=meeting,
        added_by=cast.regisseur,
        kind=ItemKind.HOUSEHOLD,
        subject="Gezin Zonnewende",
        bsns="",
    )
    page = client_for(cast.privacy).get(
        reverse("privacy:record_retention"), {"nummer": f"ap-{item.pk}"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Persoon of huishouden besproken aan een tafel" in html and item.reference in html
    assert "Zonnewende" not in html  # numbers only, never the person


def test_the_privacy_officer_extends_once_and_freezes_through_the_page(
    cast, client_for, destruction_list
):
    case_number = destruction_list.items.get(kind=RetentionKind.CASE_MAATWERK).number
    url = reverse("privacy:record_retention")
    client = client_for(cast.privacy)
    page = client.get(url, {"nummer": case_number}).content.decode()
    assert "Casus procesregie maatwerk" in page and "3 juni 2024" in page
    assert LAST not in page and FIRST not in page  # numbers only, never the person

    response = client.post(
        url,
        {
            "nummer": case_number,
            "action": "verlengen",
            "verlengen-extra_years": "",
            "verlengen-reason": "x",
        },
    )
    assert "Vul in met hoeveel jaar" in response.content.decode()
    response = client.post(
        url,
        {
            "nummer": case_number,
            "action": "verlengen",
            "verlengen-extra_years": "2",
            "verlengen-reason": "Klacht",
        },
    )
    assert response.status_code == 302
    response = client.post(
        url,
        {
            "nummer": case_number,
            "action": "verlengen",
            "verlengen-extra_years": "1",
            "verlengen-reason": "Nog eens",
        },
    )
    assert response.status_code == 200
    assert "maar één keer worden verlengd" in response.content.decode()
    assert RetentionExtension.objects.count() == 1

    response = client.post(
        url, {"nummer": case_number, "action": "bevriezen", "bevriezen-reason": ""}
    )
    assert "Geef de reden van de bevriezing" in response.content.decode()
    client.post(
        url, {"nummer": case_number, "action": "bevriezen", "bevriezen-reason": "Procedure"}
    )
    assert LegalHold.objects.get().active
    client.post(url, {"nummer": case_number, "action": "opheffen", "opheffen-lift_reason": "Klaar"})
    assert not LegalHold.objects.get().active


def test_excluding_without_a_reason_shows_a_message_and_excludes_nothing(
    cast, client_for, destruction_list
):
    item = destruction_list.items.first()
    url = reverse("privacy:destruction_exclude", args=[destruction_list.pk, item.pk])
    response = client_for(cast.privacy).post(url, {"reason": "  "})
    assert response.status_code == 200
    assert "Geef de reden waarom dit record niet wordt vernietigd" in response.content.decode()
    item.refresh_from_db()
    assert not item.excluded


def test_the_reviewer_sees_no_approve_button_and_a_post_is_refused(
    cast, client_for, destruction_list
):
    url = reverse("privacy:destruction_list", args=[destruction_list.pk])
    client = client_for(cast.privacy)
    client.post(url, {"action": "beoordelen"})
    page = client.get(url).content.decode()
    assert "Goedkeuren en vernietigen" not in page and "Een tweede persoon" in page
    response = client.post(url, {"action": "goedkeuren"}, follow=True)
    assert "vier-ogenprincipe" in response.content.decode()
    destruction_list.refresh_from_db()
    assert destruction_list.status == DestructionStatus.REVIEWED
    manager_page = client_for(cast.manager).get(url).content.decode()
    assert "Goedkeuren en vernietigen" in manager_page


def test_the_approver_sees_which_records_are_frozen_without_seeing_the_holds(
    cast, client_for, destruction_list
):
    item = destruction_list.items.get(kind=RetentionKind.TRAFFICKING)
    services.place_legal_hold(
        record=find_record(item.number), reason="Lopende strafzaak", placed_by=cast.privacy
    )
    services.review_destruction_list(destruction_list=destruction_list, reviewed_by=cast.privacy)
    # The manager may not read the holds (their reasons are the privacy officer's)...
    assert not LegalHold.objects.visible_to(cast.manager).exists()
    # ...but the list she approves says which of its records are frozen, and not why.
    url = reverse("privacy:destruction_list", args=[destruction_list.pk])
    response = client_for(cast.manager).get(url)
    held = {i.number for i in response.context["items"] if i.held}
    assert held == {item.number} and response.context["held"] == 1
    page = response.content.decode()
    assert "1 bevroren" in page and "Lopende strafzaak" not in page
    included = destruction_list.items.count() - 1
    assert f"persoonsgegevens van {included} records vernietigd" in page


def test_a_frozen_record_shows_its_state_instead_of_an_exclude_action(
    cast, client_for, destruction_list
):
    held = destruction_list.items.get(kind=RetentionKind.TRAFFICKING)
    other = destruction_list.items.get(kind=RetentionKind.AFTERCARE)
    services.place_legal_hold(
        record=find_record(held.number), reason="Lopende strafzaak", placed_by=cast.privacy
    )
    client = client_for(cast.privacy)
    page = client.get(reverse("privacy:destruction_list", args=[destruction_list.pk]))
    page = page.content.decode()
    assert f'Uitzonderen<span class="zvhd-visually-hidden"> ({other.number})' in page
    assert f'Uitzonderen<span class="zvhd-visually-hidden"> ({held.number})' not in page
    assert f'Niet nodig: bevroren<span class="zvhd-visually-hidden"> ({held.number})' in page

    # The exclude page, opened or posted anyway, says why and excludes nothing (no 500).
    url = reverse("privacy:destruction_exclude", args=[destruction_list.pk, held.pk])
    message = f"{held.number} is bevroren en wordt niet vernietigd zolang de bevriezing duurt"
    response = client.get(url)
    assert response.status_code == 200
    assert message in response.content.decode() and 'name="reason"' not in response.content.decode()
    for reason in ("Toch uitzonderen", ""):
        response = client.post(url, {"reason": reason})
        assert response.status_code == 200
        assert message in response.content.decode()
    held.refresh_from_db()
    assert not held.excluded


def test_the_certificate_download_is_a_404_until_it_exists(cast, client_for, destruction_list):
    url = reverse("privacy:destruction_certificate", args=[destruction_list.pk])
    assert client_for(cast.manager).get(url).status_code == 404
    assert client_for(cast.regisseur).get(url).status_code == 403


def _more_lists(cast, n):
    for _ in range(n):
        make_expired_person(cast)
        DestructionList.objects.filter(status=DestructionStatus.PROPOSED).update(
            status=DestructionStatus.REVIEWED, reviewed_by=cast.privacy
        )
        services.propose_destruction(today=TODAY)


@pytest.mark.parametrize("page", ["lists", "list", "terms"])
def test_the_query_count_of_the_pages_does_not_grow_with_rows(
    cast, client_for, django_assert_max_num_queries, page
):
    client = client_for(cast.privacy)
    _more_lists(cast, 1)
    first = DestructionList.objects.order_by("pk").first()
    url = _urls(first)[page]
    client.get(url)  # warm the content-type cache
    with django_assert_max_num_queries(14) as few:
        assert client.get(url).status_code == 200
    _more_lists(cast, 2)
    for n, listed in enumerate(DestructionList.objects.order_by("pk")[:2]):
        record = find_record(listed.items.first().number)
        services.place_legal_hold(record=record, reason=f"r{n}", placed_by=cast.privacy)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_sending_a_list_back_without_a_reason_shows_a_message_next_to_the_field(
    cast, client_for, bare_list
):
    services.review_destruction_list(destruction_list=bare_list, reviewed_by=cast.privacy)
    url = reverse("privacy:destruction_list", args=[bare_list.pk])
    response = client_for(cast.manager).post(url, {"action": "terugsturen", "reason": ""})
    assert response.status_code == 200
    assert "Geef de reden van het terugsturen." in response.content.decode()
    bare_list.refresh_from_db()
    assert bare_list.status == DestructionStatus.REVIEWED
    response = client_for(cast.manager).post(url, {"action": "terugsturen", "reason": "Check"})
    assert response.status_code == 302
    bare_list.refresh_from_db()
    assert bare_list.status == DestructionStatus.PROPOSED


def test_a_button_pressed_in_the_wrong_state_is_a_message_not_an_error(cast, client_for, bare_list):
    url = reverse("privacy:destruction_list", args=[bare_list.pk])
    response = client_for(cast.manager).post(url, {"action": "goedkeuren"}, follow=True)
    assert response.status_code == 200
    assert "dat kan nu niet" in response.content.decode()
