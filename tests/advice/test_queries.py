"""Each page's query count is pinned and does not grow with the number of rows shown."""

import pytest
from django.urls import reverse

from advice.models import Topic
from tests.advice.factories import AdviceRecordFactory, DirectoryEntryFactory, PatternSignalFactory

pytestmark = pytest.mark.django_db

# Session, user, groups, the filter dropdowns, count, rows, the access-log insert, the menu and
# the history table: a fixed number, whatever the rows.
PAGES = [
    ("advice:list", "manager", 16),
    ("advice:quick", "ondersteuner", 14),
    ("advice:directory", "partner", 18),
    ("advice:signal_list", "liaison_politie", 12),
    ("start", "regisseur", 20),
]


def make_rows(cast, n):
    topics = list(Topic.objects.all())
    for i in range(n):
        AdviceRecordFactory(
            organisation=cast.politie if i % 2 else cast.ggz,
            municipality=cast.assen if i % 2 else cast.emmen,
            topic=topics[i % len(topics)],
            answered_by=cast.ondersteuner,
        )
        DirectoryEntryFactory(organisation=cast.ggz, topics=topics[: 1 + i % 3])
        PatternSignalFactory(created_by=cast.regisseur, topic=topics[i % len(topics)])


@pytest.mark.parametrize(("page", "who", "limit"), PAGES)
def test_the_page_needs_a_fixed_number_of_queries(
    cast, client_for, django_assert_max_num_queries, page, who, limit
):
    client = client_for(getattr(cast, who))
    make_rows(cast, 2)
    client.get(reverse(page))  # warm the content-type cache, as a running server has it
    with django_assert_max_num_queries(limit):
        assert client.get(reverse(page)).status_code == 200
    make_rows(cast, 20)
    with django_assert_max_num_queries(limit):
        assert client.get(reverse(page)).status_code == 200


@pytest.mark.parametrize(
    ("page", "who"), [("advice:detail", "gemeente"), ("advice:update", "regisseur")]
)
def test_a_record_page_needs_a_fixed_number_of_queries(
    cast, client_for, django_assert_max_num_queries, page, who
):
    advice = AdviceRecordFactory(
        organisation=cast.politie, municipality=cast.assen, answered_by=cast.ondersteuner
    )
    client = client_for(getattr(cast, who))
    client.get(reverse(page, args=[advice.pk]))
    with django_assert_max_num_queries(16):
        assert client.get(reverse(page, args=[advice.pk])).status_code == 200
