"""The inbox page and the header: newest first, paged, unread marked, counts pinned."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import services
from cases.models import Status
from inbox import kinds
from inbox.models import InboxPreferences, Notification
from tests.cases.factories import exchange, make_case
from tests.conflicts import CONFLICT

pytestmark = pytest.mark.django_db


def many(cast, n, **extra):
    return Notification.objects.bulk_create(
        [Notification(recipient=cast.regisseur, kind=kinds.ESCALATION, **extra) for _ in range(n)]
    )


def test_the_unread_count_comes_with_the_user_in_one_query(cast):
    from zvhd.network.backends import AuthenticationBackend

    many(cast, 3)
    Notification.objects.create(recipient=cast.manager, kind=kinds.ESCALATION)
    with CaptureQueriesContext(connection) as queries:
        user = AuthenticationBackend().get_user(cast.regisseur.pk)
    assert len(queries) == 1
    assert user.request_extras == {"inbox_unread": 3}


def test_the_header_shows_the_unread_count_on_every_page(cast, client_for):
    many(cast, 4)
    client = client_for(cast.regisseur)
    for url in (reverse("start"), reverse("cases:case_list"), reverse("inbox:preferences")):
        page = client.get(url).content.decode()
        assert 'class="zvhd-inbox-link__count">4<' in page, url


def test_the_header_shows_no_count_without_unread(cast, client_for):
    page = client_for(cast.regisseur).get(reverse("start")).content.decode()
    assert "zvhd-inbox-link__count" not in page
    assert "Meldingen" in page


def test_the_start_page_costs_no_query_more_for_the_header(
    cast, client_for, django_assert_max_num_queries
):
    """The start page's pin (tests/zvhd/test_start_and_beheer.py) holds with notifications."""
    many(cast, 30)
    client = client_for(cast.regisseur)
    client.get(reverse("start"))
    with CaptureQueriesContext(connection) as with_rows:
        client.get(reverse("start"))
    Notification.objects.all().delete()
    with CaptureQueriesContext(connection) as without_rows:
        client.get(reverse("start"))
    assert len(with_rows) == len(without_rows)


def test_the_inbox_page_does_not_grow_in_queries_with_its_rows(
    cast, client_for, django_assert_max_num_queries
):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        decided_by=cast.manager,
    )
    services.add_enrichment(
        **exchange(), case=case, added_by=cast.liaison_politie, text="a", shared_with="zvhd"
    )
    many(cast, 5, case=case)
    client = client_for(cast.regisseur)
    client.get(reverse("inbox:list"))
    # The session, the user (with the unread count), the page's COUNT and rows, the visible
    # cases, and one query per kind of record on the page (here: enrichments).
    with django_assert_max_num_queries(6):
        assert client.get(reverse("inbox:list")).status_code == 200
    many(cast, 40, case=case)
    for _ in range(3):
        services.add_enrichment(
            **exchange(), case=case, added_by=cast.liaison_politie, text="b", shared_with="zvhd"
        )
    with django_assert_max_num_queries(6):
        assert client.get(reverse("inbox:list")).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("inbox:list") + "?page=2").status_code == 200


def test_the_inbox_is_newest_first_paged_and_marks_unread(cast, client_for):
    rows = many(cast, 30)
    Notification.objects.filter(pk=rows[0].pk).update(read_at="2026-01-01T10:00:00Z")
    client = client_for(cast.regisseur)
    first = client.get(reverse("inbox:list"))
    entries = first.context["entries"]
    assert len(entries) == 25
    assert entries[0].id == rows[-1].id
    assert "1–25 van 30" in first.content.decode()
    second = client.get(reverse("inbox:list") + "?page=2").context["entries"]
    assert [e.id for e in second][-1] == rows[0].id
    assert second[-1].unread is False
    assert all(e.unread for e in entries)
    assert client.get(reverse("inbox:list") + "?page=zzz").status_code == 200


def test_marking_one_read_and_all_read(cast, client_for):
    one, two, three = many(cast, 3)
    client = client_for(cast.regisseur)
    answer = client.post(reverse("inbox:mark_read", args=[one.pk]), {"page": "1"})
    assert answer.status_code == 302
    assert Notification.objects.unread().filter(recipient=cast.regisseur).count() == 2
    client.post(reverse("inbox:mark_all_read"))
    assert Notification.objects.unread().filter(recipient=cast.regisseur).count() == 0
    page = client.get(reverse("inbox:list")).content.decode()
    assert "Markeer als gelezen" not in page


def test_preferences_are_saved_per_kind(cast, client_for):
    client = client_for(cast.partner)
    form = client.get(reverse("inbox:preferences")).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data[kinds.TEAM_ADDED] = "digest"
    answer = client.post(reverse("inbox:preferences"), data)
    assert answer.status_code == 302
    assert InboxPreferences.objects.get(user=cast.partner).team_added == "digest"
    data[kinds.TEAM_ADDED] = "per-duif"
    refused = client.post(reverse("inbox:preferences"), {**data, "version": 1})
    assert refused.status_code == 200
    assert "Selecteer een geldige keuze" in refused.content.decode()
    assert InboxPreferences.objects.get(user=cast.partner).team_added == "digest"


def test_two_tabs_saving_preferences_lose_nothing(cast, client_for):
    client = client_for(cast.partner)
    form = client.get(reverse("inbox:preferences")).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    client.post(reverse("inbox:preferences"), data)  # the row exists from here, version 1
    opened = client.get(reverse("inbox:preferences")).context["form"]
    assert opened["version"].value() == 1
    first = {**data, "version": 1, kinds.ESCALATION: "digest"}
    assert client.post(reverse("inbox:preferences"), first).status_code == 302
    second = {**data, "version": 1, kinds.ESCALATION: "inbox"}
    refused = client.post(reverse("inbox:preferences"), second)
    assert refused.status_code == 200
    assert CONFLICT in refused.content.decode()
    assert InboxPreferences.objects.get(user=cast.partner).escalation == "digest"
