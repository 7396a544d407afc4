"""Who may open which page of the advice app: the matrix is data (role × page × record).

Records: an advice question about Assen, one about Emmen, a directory entry and a signal.
Expected: 200 (or 302 after a POST), 403 (role may not do this), 404 (record out of scope).
"""

import pytest
from django.urls import reverse

from advice.models import AdviceRecord
from tests import matrix
from tests.advice.factories import AdviceRecordFactory, DirectoryEntryFactory, PatternSignalFactory

pytestmark = pytest.mark.django_db

BUREAU = ["regisseur", "ondersteuner", "begeleider", "nazorg", "mensenhandel", "manager"]
WRITERS = ["regisseur", "regisseur_other", "ondersteuner", "begeleider", "nazorg", "mensenhandel"]
OTHERS = ["liaison_politie", "liaison_om", "partner", "partner_other", "financien", "beheerder"]
DIRECTORY_READERS = [
    *BUREAU,
    "regisseur_other",
    "liaison_politie",
    "liaison_om",
    "partner",
    "partner_other",
    "gemeente",
    "gemeente_other",
]
EVERYONE = [*WRITERS, "manager", *OTHERS, "gemeente", "gemeente_other", "privacy", "nobody"]


def expect(allowed, denied=403, allowed_status=200):
    """{user: status} for every cast member: allowed users get `allowed_status`."""
    return {name: (allowed_status if name in allowed else denied) for name in EVERYONE}


def with_overrides(base, **overrides):
    return {**base, **overrides}


# page name, url args ("assen"/"emmen"/"entry"/"signal"/"slug"), expected {user: status}
MATRIX = [
    ("advice:list", None, expect([*BUREAU, "regisseur_other", "gemeente", "gemeente_other"])),
    # The export is the list: a municipal contact's holds their own municipality only
    # (tests/zvhd/test_list_tools.py).
    (
        "advice:list_export",
        None,
        expect([*BUREAU, "regisseur_other", "gemeente", "gemeente_other"]),
    ),
    ("advice:quick", None, expect(WRITERS)),
    ("advice:create", None, expect(WRITERS)),
    # Detail of the Assen question: bureau all; Assen's contact yes; Emmen's contact 404.
    (
        "advice:detail",
        "assen",
        with_overrides(
            expect([*BUREAU, "regisseur_other", "gemeente"], denied=404), gemeente_other=404
        ),
    ),
    (
        "advice:detail",
        "emmen",
        expect([*BUREAU, "regisseur_other", "gemeente_other"], denied=404),
    ),
    # Change: writers; the manager and Assen's contact see it but may not change it (403).
    (
        "advice:update",
        "assen",
        with_overrides(expect(WRITERS, denied=404), manager=403, gemeente=403),
    ),
    (
        "advice:convert",
        "assen",
        with_overrides(
            expect(["regisseur", "regisseur_other", "ondersteuner"], denied=404),
            begeleider=403,
            nazorg=403,
            mensenhandel=403,
            manager=403,
            gemeente=403,
        ),
    ),
    (
        "advice:directory",
        None,
        expect(DIRECTORY_READERS),
    ),
    ("advice:directory_create", None, expect(["ondersteuner", "manager"])),
    (
        "advice:directory_detail",
        "entry",
        expect(DIRECTORY_READERS, denied=404),
    ),
    (
        "advice:directory_update",
        "entry",
        with_overrides(
            expect(["ondersteuner", "manager"], denied=404),
            **dict.fromkeys(set(DIRECTORY_READERS) - {"ondersteuner", "manager"}, 403),
        ),
    ),
    ("advice:municipality_contact", "slug", expect(["ondersteuner", "manager"])),
    (
        "advice:signal_list",
        None,
        expect([*BUREAU, "regisseur_other", "liaison_politie", "liaison_om"]),
    ),
    (
        "advice:signal_create",
        None,
        expect(["regisseur", "regisseur_other", "ondersteuner", "manager"]),
    ),
    (
        "advice:signal_detail",
        "signal",
        expect([*BUREAU, "regisseur_other", "liaison_politie", "liaison_om"], denied=404),
    ),
    (
        "advice:signal_update",
        "signal",
        with_overrides(
            expect(["regisseur", "regisseur_other", "ondersteuner", "manager"], denied=404),
            begeleider=403,
            nazorg=403,
            mensenhandel=403,
            liaison_politie=403,
            liaison_om=403,
        ),
    ),
]


@pytest.fixture
def records(cast):
    return {
        "assen": AdviceRecordFactory(
            organisation=cast.politie, municipality=cast.assen, answered_by=cast.ondersteuner
        ),
        "emmen": AdviceRecordFactory(
            organisation=cast.ggz, municipality=cast.emmen, answered_by=cast.regisseur
        ),
        "entry": DirectoryEntryFactory(organisation=cast.ggz),
        "signal": PatternSignalFactory(created_by=cast.regisseur),
        "slug": cast.assen,
    }


def _slug(records):
    return [records["slug"].slug]


ROWS = [
    matrix.Row(page, arg, expected, args=_slug if arg == "slug" else None)
    for page, arg, expected in MATRIX
]


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_the_page_answers_each_role_as_the_matrix_says(cast, client, records, row):
    matrix.check(row, client=client, people=matrix.people_of(cast), records=records)


def test_every_advice_page_is_in_the_matrix_or_said_where_it_is_tested():
    matrix.assert_covers(
        "advice",
        ROWS,
        elsewhere={
            "advice:signal_status": "POST only: test_the_status_change_of_a_signal_is_refused_...",
        },
    )


def test_the_status_change_of_a_signal_is_refused_to_a_liaison(cast, client_for, records):
    response = client_for(cast.liaison_politie).post(
        reverse("advice:signal_status", args=[records["signal"].pk]), {"to_status": "vervallen"}
    )
    assert response.status_code == 403


def test_a_municipal_contact_lists_only_their_own_municipality(cast, client_for, records):
    response = client_for(cast.gemeente).get(reverse("advice:list"))
    shown = [row.record for row in response.context["table"].page.object_list]
    assert shown == [records["assen"]]


def test_bureau_staff_list_every_municipality(cast, client_for, records):
    response = client_for(cast.manager).get(reverse("advice:list"))
    assert {row.record.pk for row in response.context["table"].page.object_list} == {
        records["assen"].pk,
        records["emmen"].pk,
    }


def test_the_policy_door_gives_nothing_to_a_user_without_a_municipality(cast, records):
    cast.gemeente.municipality = None
    assert not AdviceRecord.objects.visible_to(cast.gemeente).exists()
