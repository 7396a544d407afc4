"""Who gets what from the person register: every page by role (tests/matrix.py), and what a
search hit shows of each kind of record to each role (issue 21: need to know)."""

from datetime import date

import pytest
from django.urls import reverse

from cases.models import Status
from persons import services
from tests import matrix
from tests.aftercare.factories import make_record, participate, valid_bsn
from tests.cases.factories import make_case, person_data
from tests.trafficking.factories import make_signal

pytestmark = pytest.mark.django_db

SEARCHERS = {
    "regisseur",
    "regisseur_other",
    "ondersteuner",
    "begeleider",
    "nazorg",
    "mensenhandel",
    "manager",
}
DEDUPERS = {"manager", "beheerder"}
EVERYONE = matrix.CAST_USERS


def answer(allowed: set, yes: int, no: int) -> dict:
    return {name: yes if name in allowed else no for name in EVERYONE}


@pytest.fixture
def records(cast):
    bsn = valid_bsn()
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        person=person_data(cast.assen, bsn=bsn, last_name="Kramer"),
    )
    other = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        person=person_data(cast.assen, last_name="Kramers", birth_date=date(1990, 1, 1)),
    )
    proposal = services.propose_merge(
        survivor=case.person.registered_person,
        merged=other.person.registered_person,
        reason="zelfde persoon",
        proposed_by=cast.beheerder,
    )
    return {"person": case.person.registered_person, "proposal": proposal}


DETAIL = {"regisseur": 200, "manager": 200, "partner": 200}
CHANGERS = {"regisseur": 200, "manager": 200, "partner": 403}
ROWS = [
    matrix.Row("persons:search", None, answer(SEARCHERS, 200, 403)),
    matrix.Row(
        "persons:known",
        None,
        answer(SEARCHERS, 200, 403),
        method="post",
        data={"last_name": "Kramer"},
    ),
    matrix.Row("persons:detail", "person", {name: DETAIL.get(name, 404) for name in EVERYONE}),
    matrix.Row("persons:link_add", "person", {name: CHANGERS.get(name, 404) for name in EVERYONE}),
    matrix.Row("persons:name_add", "person", {name: CHANGERS.get(name, 404) for name in EVERYONE}),
    matrix.Row("persons:duplicates", None, answer(DEDUPERS, 200, 403)),
    matrix.Row("persons:merge_propose", None, answer(DEDUPERS, 302, 403), method="post", data={}),
    matrix.Row("persons:merge_detail", "proposal", answer(DEDUPERS, 200, 404)),
    matrix.Row("persons:merge_reject", "proposal", answer(DEDUPERS, 302, 404), method="post"),
    matrix.Row("persons:merge_approve", "proposal", answer(DEDUPERS, 302, 404), method="post"),
    matrix.Row("persons:merge_split", "proposal", answer(DEDUPERS, 302, 404), method="post"),
]


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_the_matrix(row, cast, client, records):
    matrix.check(row, client=client, people=matrix.people_of(cast), records=records)


def test_every_page_is_in_the_matrix():
    matrix.assert_covers("persons", ROWS)


# ---------------------------------------------------------------------------------------------
# What a hit shows, per kind of record and role


@pytest.fixture
def known_everywhere(cast):
    """One person with a case (director regisseur), an aftercare record and a signal."""
    bsn = valid_bsn()
    participate(cast.assen, date.today().year)
    case = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        person=person_data(cast.assen, bsn=bsn, first_name="Sanne", last_name="Yılmaz"),
    )
    record = make_record(municipality=cast.assen, by=cast.nazorg, bsn=bsn, last_name="Yılmaz")
    signal = make_signal(by=cast.mensenhandel, organisation=cast.ggz, bsn=bsn, last_name="Yılmaz")
    return case, record, signal


# role -> (name shown, case link, aftercare link, signal link)
SHOWS = {
    "regisseur": (True, True, False, False),
    "regisseur_other": (False, False, False, False),
    "ondersteuner": (False, False, False, False),
    "begeleider": (False, False, False, False),
    "nazorg": (True, False, True, False),
    "mensenhandel": (True, False, False, True),
    "manager": (True, True, False, False),
}


@pytest.mark.parametrize("role", sorted(SHOWS))
def test_a_hit_shows_each_kind_of_record_only_as_far_as_the_reader_may_see_it(
    role, cast, client, known_everywhere
):
    case, record, signal = known_everywhere
    client.force_login(getattr(cast, role))
    html = client.post(
        reverse("persons:known"), {"last_name": "Yilmaz", "birth_date": "1990-01-01"}
    ).content.decode()
    name, case_link, record_link, signal_link = SHOWS[role]
    assert ("Sanne" in html) is name
    assert (reverse("cases:case_detail", args=[case.pk]) in html) is case_link
    assert (reverse("aftercare:record_detail", args=[record.pk]) in html) is record_link
    assert (signal.reference in html) is signal_link
    assert "Bekend bij ZVHD" in html or all(SHOWS[role][1:])
    if role != "mensenhandel":
        assert "ensenhandel" not in html and "Signaal" not in html


@pytest.mark.parametrize(
    "role", ["partner", "liaison_politie", "gemeente", "beheerder", "financien", "privacy"]
)
def test_partners_municipal_contacts_and_others_get_nothing_of_the_search(
    role, cast, client, known_everywhere
):
    client.force_login(getattr(cast, role))
    response = client.post(
        reverse("persons:known"), {"last_name": "Yilmaz", "birth_date": "1990-01-01"}
    )
    assert response.status_code == 403
    assert b"Sanne" not in response.content


def test_the_intake_check_answers_with_the_fuzzy_hits(cast, client, known_everywhere):
    client.force_login(cast.manager)
    html = client.post(
        reverse("cases:known_person"),
        {"last_name": "Yilmaz", "first_name": "Sane", "birth_date": "1990-01-01"},
    ).content.decode()
    assert "Sanne Yılmaz" in html and "Waarom" in html


def test_an_invalid_bsn_in_the_check_is_a_dutch_message(cast, client):
    client.force_login(cast.manager)
    html = client.post(reverse("persons:known"), {"bsn": "123456789"}).content.decode()
    assert "elfproef" in html


def test_a_refused_merge_is_logged_and_merges_nothing(cast, client, records):
    from zvhd.privacy.models import AccessLog

    client.force_login(cast.manager)
    person = records["person"]
    before = AccessLog.objects.filter(allowed=False).count()
    response = client.post(
        reverse("persons:merge_propose"),
        {"survivor": person.pk, "merged": person.pk, "reason": "x"},
        follow=True,
    )
    assert "zichzelf" in response.content.decode()
    assert AccessLog.objects.filter(allowed=False).count() > before
    assert not person.merged_persons.exists()


def test_the_search_page_and_the_duplicates_page_keep_their_queries_few(
    cast, client, known_everywhere, django_assert_max_num_queries
):
    client.force_login(cast.manager)
    with django_assert_max_num_queries(30):
        client.post(reverse("persons:search"), {"last_name": "Yilmaz", "birth_date": "1990-01-01"})
    with django_assert_max_num_queries(30):
        client.get(reverse("persons:duplicates"))
