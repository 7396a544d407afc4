"""Each page's query count is pinned and does not grow with the number of rows shown."""

import pytest
from django.urls import reverse

from advice.counts import NAMESPACE
from advice.models import Topic
from tests.advice.factories import AdviceRecordFactory, DirectoryEntryFactory, PatternSignalFactory
from zvhd.querycache import next_generation

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


def test_the_list_counts_its_questions_once_and_its_queries_do_not_grow(
    cast, client_for, settings, django_assert_num_queries
):
    """The counts per kind add up to the list's total: one GROUP BY gives both; neither
    paginator (ListView's and django-tables2's) asks for a COUNT of its own (issue 24: the
    list was counted three times)."""
    settings.SESSION_RENEW_SECONDS = 24 * 3600
    session = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    client = client_for(cast.manager)
    make_rows(cast, 2)
    client.get(reverse("advice:list"))
    # Each request below counts (the counts are cached until a record changes: the next
    # test; here the cache's generation moves on before each request).
    next_generation(NAMESPACE)
    with django_assert_num_queries(8 + session) as few:
        client.get(reverse("advice:list"))
    make_rows(cast, 30)
    next_generation(NAMESPACE)
    with django_assert_num_queries(len(few.captured_queries)) as many:
        response = client.get(reverse("advice:list"), {"page": 2})
    sqls = [q["sql"] for q in many.captured_queries]
    counts = [sql for sql in sqls if "COUNT(" in sql and 'FROM "advice_advicerecord"' in sql]
    assert len(counts) == 1 and "GROUP BY" in counts[0]
    html = response.content.decode()
    assert response.context["total"] == 32 == response.context["table"].paginator.count
    assert response.context["table"].paginator.num_pages == 2
    assert len(response.context["table"].page.object_list) == 7
    assert "32 adviesvragen" in html
    # Filtered: the same single count, of the filtered list (and the municipality chosen
    # read by the filter's form).
    next_generation(NAMESPACE)
    with django_assert_num_queries(len(few.captured_queries) + 1):
        response = client.get(reverse("advice:list"), {"municipality": cast.assen.pk})
    assert response.context["total"] == 16 == response.context["table"].paginator.count


def test_the_counts_are_kept_until_an_advice_record_changes(
    cast, client_for, django_capture_on_commit_callbacks
):
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from advice import services
    from advice.models import AdviceKind, AdviceRecord

    client = client_for(cast.manager)
    make_rows(cast, 3)
    assert client.get(reverse("advice:list")).context["total"] == 3
    with CaptureQueriesContext(connection) as cached:
        response = client.get(reverse("advice:list"))
    assert response.context["total"] == 3
    assert not [q for q in cached.captured_queries if "COUNT(" in q["sql"] and "advice" in q["sql"]]
    # A new question, a changed kind, a deleted one: counted again at once.
    make_rows(cast, 1)
    assert client.get(reverse("advice:list")).context["total"] == 4
    record = AdviceRecord.objects.exclude(kind=AdviceKind.ONDERSTEUNING).first()
    record.kind = AdviceKind.ONDERSTEUNING
    record.save()
    counts = AdviceRecord.objects.counts_by_kind()
    by_kind = dict(client.get(reverse("advice:list")).context["by_kind"])
    assert by_kind[AdviceKind.ONDERSTEUNING.label] == counts[AdviceKind.ONDERSTEUNING]
    record.delete()
    assert client.get(reverse("advice:list")).context["total"] == 3
    # The historic import inserts in bulk, without post_save; and after its commit.
    with django_capture_on_commit_callbacks(execute=True):
        services.import_historic_advice(
            imported_by=cast.ondersteuner,
            records=[
                services.prepare_historic_advice(
                    imported_by=cast.ondersteuner,
                    date=date(2020, 5, 1),
                    kind=AdviceKind.ADVIES_KORT,
                    organisation=cast.ggz,
                )
            ],
        )
    assert client.get(reverse("advice:list")).context["total"] == 4


def test_an_invalid_filter_shows_no_questions_and_no_error(cast, client_for):
    make_rows(cast, 2)
    response = client_for(cast.manager).get(reverse("advice:list"), {"kind": "onzin"})
    assert response.status_code == 200
    assert response.context["total"] == 0
    assert "kind" in response.context["filter"].form.errors
