"""The manager sees signals without identities, and without the person's traits (issue 18,
item 10): nationality, country of origin, age class, gender and minor, next to the
municipality, can single someone out in a small municipality. Those are counts on the figures
page (municipality counts under 5 as "<5"), never per record."""

import pytest
from django.urls import reverse

from trafficking.models import PERSON_TRAITS, Signal

pytestmark = pytest.mark.django_db

TRAIT_TEXTS = ("Roemeense", "Roemenië", "<dd>vrouw</dd>", "Minderjarig", "Leeftijdsklasse")


def test_the_manager_sees_no_traits_of_the_person_on_a_signal(cast, signal, client_for):
    client = client_for(cast.manager)
    detail = client.get(reverse("trafficking:signal_detail", args=[signal.pk])).content.decode()
    listing = client.get(reverse("trafficking:signal_list")).content.decode()
    assert signal.reference in detail and signal.reference in listing
    assert "Assen" in detail  # the municipality stays: where the work is
    for text in TRAIT_TEXTS:
        assert text not in detail, text
        assert text not in listing, text


def test_the_chain_director_sees_them(cast, signal, client_for):
    client = client_for(cast.mensenhandel)
    detail = client.get(reverse("trafficking:signal_detail", args=[signal.pk])).content.decode()
    listing = client.get(reverse("trafficking:signal_list")).content.decode()
    assert "Roemeense" in detail and "Roemenië" in detail and "Nationaliteit" in detail
    assert "Minderjarig" in listing


def test_the_traits_are_not_even_read_for_the_manager(cast, signal):
    signal = Signal.objects.for_user(cast.manager).get(pk=signal.pk)
    assert set(PERSON_TRAITS) <= signal.get_deferred_fields()


def test_the_manager_cannot_sort_the_list_by_a_trait(cast, signal, client_for):
    import re
    from datetime import date

    from tests.trafficking.factories import make_signal

    make_signal(
        by=cast.mensenhandel,
        organisation=cast.ggz,
        municipality=cast.assen,
        birth_date=date(2012, 1, 1),
        received_on=date(2025, 4, 1),
        gender="m",
        country_of_origin="Nigeria",
    )
    client = client_for(cast.manager)
    url = reverse("trafficking:signal_list")

    def order(query):
        return re.findall(r"MH-\d{4}-\d+", client.get(url, query).content.decode())

    plain = order({})
    assert len(set(plain)) == 2
    for key in PERSON_TRAITS:
        for sort in (key, f"-{key}"):
            assert order({"sort": sort}) == plain, sort
