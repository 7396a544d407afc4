"""Household and system: the other person is found by BSN or name, as in "Is deze persoon al
bekend?", among the persons the reader may see (issue 24: before, a select listed every one of
them). One match is linked, several are offered (at most LINK_CHOICES), none or a person the
reader may not see is "not found", whatever is posted."""

from datetime import date

import pytest
from django.urls import reverse

from cases.models import Status
from persons import forms
from persons.models import Link
from tests.aftercare.factories import valid_bsn
from tests.cases.factories import make_case, person_data

pytestmark = pytest.mark.django_db

BORN = date(1984, 5, 17)


def register_person(cast, director=None, **person):
    """A register person with one active case of `director` (by default: the regisseur)."""
    case = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=director or cast.regisseur,
        person=person_data(cast.assen, **person),
    )
    return case.person.registered_person


@pytest.fixture
def person(cast):
    return register_person(cast, last_name="Hoofdpersoon", bsn=valid_bsn())


@pytest.fixture
def post(cast, client_for, person):
    client = client_for(cast.regisseur)
    url = reverse("persons:link_add", args=[person.pk])

    def send(**data):
        return client.post(url, {"relation": "kind", "note": "", **data})

    return send


def linked(person):
    return set(Link.objects.filter(person=person).values_list("other_id", flat=True))


def test_one_match_by_bsn_is_linked(cast, person, post):
    bsn = valid_bsn()
    other = register_person(cast, last_name="Kramer", bsn=bsn)
    response = post(bsn=bsn, note="woont in")
    assert response.status_code == 302
    assert response["Location"] == reverse("persons:detail", args=[person.pk])
    assert linked(person) == {other.pk}
    assert Link.objects.get(person=person).note == "woont in"


def test_one_match_by_last_name_and_birth_date_is_linked(cast, person, post):
    other = register_person(cast, last_name="Kramer", birth_date=BORN)
    register_person(cast, last_name="Kramer", birth_date=date(1990, 1, 1))
    response = post(last_name="Kramer", birth_date=BORN.isoformat())
    assert response.status_code == 302
    assert linked(person) == {other.pk}


def test_several_matches_are_offered_with_the_input_kept_then_one_is_chosen(cast, person, post):
    from zvhd.privacy.models import AccessLog

    a = register_person(cast, first_name="Anna", last_name="Kramer", birth_date=BORN)
    b = register_person(cast, first_name="Bert", last_name="Kramer")
    type(b).objects.filter(pk=b.pk).update(birth_date=None)
    response = post(last_name="Kramer", note="buurman")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["other"] == [forms.LINK_SEVERAL]
    assert {p.pk for p in form.candidates} == {a.pk, b.pk}
    html = response.content.decode()
    assert 'type="radio"' in html
    assert "Anna Kramer (geboren 17-05-1984)" in html
    assert "Bert Kramer (geboren onbekend)" in html
    assert 'value="Kramer"' in html and 'value="buurman"' in html
    assert not linked(person)
    # The persons offered by name are logged, as the search's hits are.
    assert AccessLog.objects.filter(object_id=str(b.pk)).exists()

    response = post(last_name="Kramer", note="buurman", other=str(b.pk))
    assert response.status_code == 302
    assert linked(person) == {b.pk}


def test_at_most_link_choices_are_offered(cast, person, post):
    for n in range(forms.LINK_CHOICES + 2):
        register_person(cast, last_name="Veelgezocht", birth_date=date(1980, 1, n + 1))
    response = post(last_name="Veelgezocht")
    form = response.context["form"]
    assert len(form.candidates) == forms.LINK_CHOICES
    assert len(form.fields["other"].choices) == forms.LINK_CHOICES
    assert "meer dan 10 personen" in form.errors["other"][0]


def test_no_match_is_said_at_the_field(cast, person, post):
    register_person(cast, last_name="Kramer", birth_date=BORN)
    response = post(last_name="Zwanenburg")
    assert response.status_code == 200
    assert response.context["form"].errors["last_name"] == [forms.LINK_NOT_FOUND]
    assert "Geen persoon gevonden die u mag zien" in response.content.decode()
    response = post(bsn=valid_bsn())
    assert response.context["form"].errors["bsn"] == [forms.LINK_NOT_FOUND]
    assert not linked(person)


def test_the_person_itself_is_not_found(person, post):
    response = post(bsn=person.bsn)
    assert response.context["form"].errors["bsn"] == [forms.LINK_NOT_FOUND]
    assert not linked(person)


def test_a_person_the_reader_may_not_see_is_not_found_nor_chosen(cast, person, post):
    bsn = valid_bsn()
    hidden = register_person(
        cast, director=cast.regisseur_other, first_name="Geheim", last_name="Kramer", bsn=bsn
    )
    # Not findable: by BSN nor by name; the answer is the one for nobody.
    response = post(bsn=bsn)
    assert response.context["form"].errors["bsn"] == [forms.LINK_NOT_FOUND]
    response = post(last_name="Kramer")
    assert response.context["form"].errors["last_name"] == [forms.LINK_NOT_FOUND]
    assert "Geheim" not in response.content.decode()

    # A forged choice: refused with the same message, with or without others found.
    response = post(bsn=bsn, other=str(hidden.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["bsn"] == [forms.LINK_NOT_FOUND]
    visible = register_person(cast, first_name="Open", last_name="Kramer")
    register_person(cast, first_name="Ook", last_name="Kramer")
    response = post(last_name="Kramer", other=str(hidden.pk))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["last_name"] == [forms.LINK_NOT_FOUND]
    assert hidden.pk not in {p.pk for p in form.candidates}
    assert visible.pk in {p.pk for p in form.candidates}
    assert "Geheim" not in response.content.decode()
    assert not linked(person)


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"bsn": "123456789"}, "bsn", "Dit is geen geldig BSN"),
        ({"bsn": "abc"}, "bsn", "Dit is geen geldig BSN"),
        ({"last_name": "Kramer", "birth_date": "2999-01-01"}, "birth_date", "toekomst"),
        ({"last_name": "Kramer", "birth_date": "geen datum"}, "birth_date", "geldige datum"),
        ({}, "__all__", "Vul een BSN of een achternaam in."),
        ({"last_name": "Kramer", "other": "99999999999999999999"}, "last_name", "Geen persoon"),
        ({"last_name": "Kramer", "other": "abc"}, "last_name", "Geen persoon"),
    ],
)
def test_bad_input_is_a_dutch_message_at_the_field(cast, person, post, data, field, message):
    register_person(cast, last_name="Kramer")
    register_person(cast, last_name="Kramer")
    response = post(**data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not linked(person)


def test_a_second_link_is_refused_in_dutch(cast, person, post):
    bsn = valid_bsn()
    other = register_person(cast, last_name="Kramer", bsn=bsn)
    assert post(bsn=bsn).status_code == 302
    response = post(bsn=bsn)
    assert response.status_code == 200
    assert "al aan elkaar gekoppeld" in response.content.decode()
    assert linked(person) == {other.pk}
