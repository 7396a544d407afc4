"""The house's keyset paging: older pages by id, the filters kept, never a COUNT."""

import pytest
from django.test import RequestFactory

from tests.factories import OrganisationFactory
from zvhd.network.models import Organisation
from zvhd.paging import keyset_page

pytestmark = pytest.mark.django_db


def test_pages_follow_each_other_by_id_and_keep_the_filters(django_assert_num_queries):
    made = [OrganisationFactory(name=f"Wijkteam {n}") for n in range(5)]
    queryset = Organisation.objects.filter(pk__in=[o.pk for o in made])
    request = RequestFactory().get("/", {"q": "wijk"})
    with django_assert_num_queries(1):
        first = keyset_page(request, queryset, fields=("pk", "name"), size=2)
    assert [row["pk"] for row in first.rows] == [made[4].pk, made[3].pk]
    assert first.first_query is None
    assert first.next_query == f"q=wijk&voor={made[3].pk}"

    second = keyset_page(
        RequestFactory().get("/?" + first.next_query), queryset, fields=("pk",), size=2
    )
    assert [row["pk"] for row in second.rows] == [made[2].pk, made[1].pk]
    assert second.first_query == "q=wijk"
    last = keyset_page(
        RequestFactory().get("/?" + second.next_query), queryset, fields=("pk",), size=2
    )
    assert [row["pk"] for row in last.rows] == [made[0].pk]
    assert last.next_query is None


def test_a_page_marker_that_is_not_a_number_shows_the_first_page():
    OrganisationFactory(name="GGD")
    page = keyset_page(
        RequestFactory().get("/", {"voor": "x'; --"}),
        Organisation.objects.all(),
        fields=("pk",),
        size=5,
    )
    assert page.rows
