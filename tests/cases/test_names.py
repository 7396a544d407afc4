"""Who sees who a case is about (issue 18, item 10).

Name and birth date of the person follow the case file (cases.policy.names_filter = DETAILS):
role *and* involvement. Before, every bureau role (guide, aftercare, trafficking) saw the name
and birth date of every case in the lists and summaries. The matrix below is per user of the
cast and per case: N = the name shows on the list, in the summary and through the search;
- = the case is listed (summary) without it; x = not listed at all.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases import services
from cases.models import Status
from tests.cases.factories import make_case, person_data

pytestmark = pytest.mark.django_db

#               guided  other  triage
MATRIX = {
    "regisseur": ("-", "N", "N"),  # directs "other", prepares the triage queue
    "regisseur_other": ("N", "-", "N"),  # directs "guided"
    "ondersteuner": ("-", "-", "N"),
    "begeleider": ("N", "-", "-"),  # guides "guided"; nothing else
    "nazorg": ("-", "-", "-"),
    "mensenhandel": ("-", "-", "-"),
    "manager": ("N", "N", "N"),
    "liaison_politie": ("x", "N", "N"),  # police is on the team of "other"; triage queue
    "liaison_om": ("x", "x", "N"),
    "partner": ("N", "x", "x"),  # on the team of "guided", and GGZ registered it
    "partner_other": ("x", "N", "-"),  # VNN registered "other" and "triage"; team of "other"
    "gemeente": ("-", "-", "-"),  # Assen: summaries only
    "gemeente_other": ("x", "x", "x"),
    "financien": ("x", "x", "x"),
    "beheerder": ("x", "x", "x"),
    "privacy": ("x", "x", "x"),
    "nobody": ("x", "x", "x"),
}


@pytest.fixture
def records(cast):
    guided = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur_other,
        team=[cast.partner],
        person=person_data(cast.assen, first_name="Gerda", last_name="Begeleidbaar"),
    )
    guided = services.update_case_people(
        case=guided,
        changed_by=cast.regisseur_other,
        expected_version=guided.version,
        director=cast.regisseur_other,
        support=None,
        guide=cast.begeleider,
        review_on=None,
    )
    other = make_case(
        registered_by=cast.partner_other,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner_other, cast.liaison_politie],
        person=person_data(cast.assen, first_name="Otto", last_name="Anderszins"),
    )
    triage = make_case(
        registered_by=cast.partner_other,
        municipality=cast.assen,
        status=Status.IN_TRIAGE,
        decided_by=cast.ondersteuner,
        person=person_data(cast.assen, first_name="Tim", last_name="Triageling"),
    )
    return {"guided": guided, "other": other, "triage": triage}


def test_the_matrix_covers_every_user_of_the_cast():
    from tests.cast import CAST_USERS

    assert set(MATRIX) == set(CAST_USERS)


def test_a_name_shows_only_where_the_user_may_open_the_file(cast, client_for, records):
    wrong = []
    for username, expected in MATRIX.items():
        client = client_for(getattr(cast, username))
        listing = client.get(reverse("cases:case_list"))
        listed = listing.content.decode() if listing.status_code == 200 else ""
        for key, code in zip(("guided", "other", "triage"), expected, strict=True):
            case = records[key]
            name, born = case.person.last_name, f"{case.person.birth_date:%d-%m-%Y}"
            detail = client.get(reverse("cases:case_detail", args=[case.pk]))
            page = detail.content.decode() if detail.status_code == 200 else ""
            search = client.get(reverse("cases:case_list"), {"q": name})
            found = search.content.decode() if search.status_code == 200 else ""
            got = (
                "x"
                if case.number not in listed
                else "N"
                if name in listed and name in page and born in page and case.number in found
                else "-"
                if name not in listed and name not in page and case.number not in found
                else "?"
            )
            if got != code:
                wrong.append(f"{username}/{key}: {got}, expected {code}")
    assert not wrong, wrong


def test_the_other_cases_of_a_person_show_only_to_who_sees_the_person(cast, client_for):
    person = person_data(cast.assen, last_name="Herhaald")
    first = make_case(
        registered_by=cast.partner, municipality=cast.assen, status=Status.ACTIEF,
        director=cast.regisseur_other, person=person,
    )  # fmt: skip
    again = make_case(
        registered_by=cast.partner, municipality=cast.assen, status=Status.IN_TRIAGE,
        decided_by=cast.ondersteuner, person=person,
    )  # fmt: skip
    url = reverse("cases:case_detail", args=[again.pk])
    assert first.number in client_for(cast.ondersteuner).get(url).content.decode()
    # The guide sees the summary of the registration, not who it is about: nor its history.
    assert first.number not in client_for(cast.begeleider).get(url).content.decode()
