"""A person's page lists the records of each kind a page at a time (issue 24): its queries and
its length do not grow with the person's records; what is listed stays what the reader may
open, and the read is logged."""

from datetime import date

import pytest
from django.urls import reverse

from cases.models import Person as CasePerson
from cases.models import Status
from persons import views
from tests.aftercare.factories import make_record, participate, valid_bsn
from tests.cases.factories import make_case, person_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(cast):
    case = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        person=person_data(cast.assen, bsn=valid_bsn(), last_name="Veelvoud"),
    )
    return case.person.registered_person


def add_cases(cast, person, n, **extra):
    cases = []
    for _ in range(n):
        case = make_case(
            registered_by=cast.regisseur,
            municipality=cast.assen,
            status=Status.ACTIEF,
            **{"director": cast.regisseur, **extra},
        )
        CasePerson.objects.filter(pk=case.person_id).update(registered_person=person)
        cases.append(case)
    return cases


def test_the_page_lists_a_page_of_each_kind_with_fixed_queries(
    cast, client_for, person, settings, django_assert_num_queries
):
    from zvhd.privacy.models import AccessLog

    settings.SESSION_RENEW_SECONDS = 24 * 3600
    session = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    client = client_for(cast.regisseur)
    url = reverse("persons:detail", args=[person.pk])
    add_cases(cast, person, 2)
    client.get(url)
    with django_assert_num_queries(8 + session) as few:
        client.get(url)
    add_cases(cast, person, views.RECORDS_PER_SECTION + 5)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    html = response.content.decode()
    (cases,) = [s for s in response.context["sections"] if s["key"] == "cases"]
    assert len(cases["records"]) == views.RECORDS_PER_SECTION
    assert cases["next"] == "?pagina_cases=2" and not cases["previous"]
    assert "Toon oudere" in html and "1 tot en met 25, nieuwste eerst" in html
    # The read of the person is logged, as before.
    assert AccessLog.objects.filter(object_id=str(person.pk), allowed=True).exists()

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url, {"pagina_cases": 2})
    (cases,) = [s for s in response.context["sections"] if s["key"] == "cases"]
    assert len(cases["records"]) == 8  # 1 + 2 + 30 cases, 25 on the first page
    assert cases["previous"] == "?"  # page 1 is the page without the parameter
    assert not cases["next"]
    assert "26 tot en met 33, nieuwste eerst" in response.content.decode()
    # Every case once over both pages, newest first.
    first = client.get(url).context["sections"][0]["records"]
    every = [ref.url for ref in first + cases["records"]]
    assert len(set(every)) == 33


def test_the_link_form_does_not_grow_with_the_register(
    cast, client_for, person, settings, django_assert_num_queries
):
    """The form "Persoon uit het systeem koppelen" searches (tests/persons/test_link.py); it
    lists no persons, so 50 more persons the reader may see change neither the page's queries
    nor its length."""
    settings.SESSION_RENEW_SECONDS = 24 * 3600
    session = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    client = client_for(cast.regisseur)
    url = reverse("persons:detail", args=[person.pk])
    client.get(url)
    with django_assert_num_queries(8 + session):
        before = client.get(url).content.decode()
    for n in range(50):
        make_case(
            registered_by=cast.regisseur,
            municipality=cast.assen,
            status=Status.ACTIEF,
            director=cast.regisseur,
            person=person_data(cast.assen, last_name=f"Erbij{n}"),
        )
    with django_assert_num_queries(8 + session):
        after = client.get(url).content.decode()
    assert "Erbij" not in after
    assert after.count("<option") == before.count("<option")
    assert len(after) == len(before)
    assert 'name="bsn"' in after and 'name="last_name"' in after


def test_only_records_the_reader_may_open_are_listed(cast, client_for, person):
    participate(cast.assen, date.today().year)
    mine = add_cases(cast, person, 1)[0]
    other = add_cases(cast, person, 1, director=cast.regisseur_other)[0]
    record = make_record(municipality=cast.assen, by=cast.nazorg, last_name="Veelvoud")
    record.registered_person = person
    record.save(update_fields=["registered_person"])
    html = client_for(cast.regisseur).get(reverse("persons:detail", args=[person.pk])).content
    html = html.decode()
    assert reverse("cases:case_detail", args=[mine.pk]) in html
    assert reverse("cases:case_detail", args=[other.pk]) not in html
    assert other.number not in html
    assert reverse("aftercare:record_detail", args=[record.pk]) not in html


@pytest.mark.parametrize(
    "value, first",
    [
        ("garbage", 1),
        ("-3", 1),
        ("0", 1),
        ("2.5", 1),
        ("99999999999999999999", (views.MAX_PAGE - 1) * views.RECORDS_PER_SECTION + 1),
    ],
)
def test_a_bad_page_number_is_no_error(cast, client_for, person, value, first):
    response = client_for(cast.regisseur).get(
        reverse("persons:detail", args=[person.pk]), {"pagina_cases": value}
    )
    assert response.status_code == 200
    assert response.context["sections"][0]["first"] == first
