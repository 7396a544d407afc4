"""The timeline of a case (issue 19 part 3): every kind of event, each filtered by what the
reader may see, newest first, a filter by kind, pages, and a query count that does not grow."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services, timeline
from cases.models import ActionStatus, Status
from tests.cases.factories import exchange, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(cast):
    return make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        invited=[cast.politie],
    )


def fill(case, cast, n: int = 1):
    """`n` rounds of every kind of event the cases app records."""
    due = timezone.localdate() + timedelta(days=14)
    for i in range(n):
        services.add_enrichment(
            **exchange(),
            case=case,
            added_by=cast.liaison_politie,
            text=f"GEDEELD-{i}",
            shared_with="team",
        )
        services.add_enrichment(
            **exchange(),
            case=case,
            added_by=cast.liaison_politie,
            text=f"ALLEENZVHD-{i}",
            shared_with="zvhd",
        )
        services.add_goal(
            case=case, added_by=cast.regisseur, life_domain="wonen", description=f"Woning {i}"
        )
        own = services.add_action(
            case=case,
            added_by=cast.regisseur,
            description=f"GGZ-ACTIE-{i}",
            owner_organisation=cast.partner.organisation,
            due_on=due,
        )
        services.set_action_status(action=own, changed_by=cast.partner, status=ActionStatus.DONE)
        services.add_action(
            case=case,
            added_by=cast.regisseur,
            description=f"POLITIE-ACTIE-{i}",
            owner_organisation=cast.politie,
            due_on=due,
        )
        services.record_meeting(
            case=case, recorded_by=cast.regisseur, date=timezone.localdate(), decisions="Besluit"
        )
    services.save_plan(
        case=case,
        saved_by=cast.regisseur,
        summary="Gezamenlijke analyse",
        review_on=None,
        expected_version=None,
    )


def titles(case, user, **kwargs):
    return [item.title + " " + item.detail for item in timeline.timeline(case, user, **kwargs)]


def test_the_timeline_holds_every_kind_of_event_of_the_case(cast, case):
    fill(case, cast)
    escalation = services.escalate_case(
        case=case,
        escalated_by=cast.regisseur,
        level="management",
        reason="stagnatie",
        escalated_to="MT GGZ",
    )
    services.resolve_escalation(
        escalation=escalation, resolved_by=cast.regisseur, outcome="Opgelost"
    )
    kinds = {item.kind for item in timeline.timeline(case, cast.regisseur)}
    assert kinds == {
        "aanmelding",
        "screening",
        "besluit",
        "verrijking",
        "team",
        "plan",
        "overleg",
        "actie",
        "opschaling",
    }


def test_the_newest_event_comes_first(cast, case):
    # Registered two days ago: the meeting of today (a date, placed at noon) is then newer
    # than the registration at any hour this test runs (it failed after noon before).
    # (make_case writes registration, screening and decision in one instant: an hour apart.)
    start = timezone.now() - timedelta(days=2)
    for hour, transition in enumerate(case.transitions.order_by("at", "pk")):
        transition.at = start + timedelta(hours=hour)
        transition.save(update_fields=["at"])
    fill(case, cast)
    items = timeline.timeline(case, cast.regisseur)
    assert [i.when for i in items] == sorted((i.when for i in items), reverse=True)
    assert items[-1].kind == "aanmelding"


def test_a_partner_sees_only_shared_enrichment_and_their_own_organisations_actions(cast, case):
    fill(case, cast)
    partner = " ".join(titles(case, cast.partner))
    assert "GEDEELD-0" in partner and "ALLEENZVHD-0" not in partner
    assert "GGZ-ACTIE-0" in partner and "POLITIE-ACTIE-0" not in partner
    director = " ".join(titles(case, cast.regisseur))
    assert "ALLEENZVHD-0" in director and "POLITIE-ACTIE-0" in director


def test_the_page_filters_by_what_the_reader_may_see(cast, client_for, case):
    fill(case, cast)
    page = client_for(cast.partner).get(reverse("cases:case_timeline", args=[case.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "GEDEELD-0" in text and "ALLEENZVHD-0" not in text and "POLITIE-ACTIE-0" not in text


def test_the_kind_filter_lists_the_registered_kinds_and_keeps_only_the_chosen(
    cast, client_for, case
):
    fill(case, cast)
    url = reverse("cases:case_timeline", args=[case.pk])
    page = client_for(cast.regisseur).get(url, {"soort": ["verrijking"]})
    text = page.content.decode()
    for code, label in timeline.kinds():
        assert f'value="{code}"' in text, label
    assert "ALLEENZVHD-0" in text and "GGZ-ACTIE-0" not in text
    # An unknown kind is ignored, not an error.
    assert client_for(cast.regisseur).get(url, {"soort": "<script>"}).status_code == 200


def test_another_app_plugs_in_a_source_with_one_line(cast, case):
    from cases.timeline import TimelineItem, register

    def journal_items(case, user):
        yield TimelineItem(
            when=timezone.now() + timedelta(minutes=5),
            kind="logboek",
            kind_label="Logboek",
            title="Huisbezoek",
        )

    try:
        register("journal-test", journal_items, kinds={"logboek": "Logboek"}, order=60)
        assert ("logboek", "Logboek") in timeline.kinds()
        items = timeline.timeline(case, cast.regisseur)
        assert items[0].title == "Huisbezoek"
        assert [i.kind for i in timeline.timeline(case, cast.regisseur, only=["logboek"])] == [
            "logboek"
        ]
    finally:
        timeline._sources.pop("journal-test")


def test_the_timeline_is_paged_by_fifty(cast, client_for, case):
    fill(case, cast, n=8)  # well over 50 entries
    url = reverse("cases:case_timeline", args=[case.pk])
    first = client_for(cast.regisseur).get(url)
    assert len(first.context["items"]) == 50
    last = client_for(cast.regisseur).get(url, {"page": 99})
    assert last.status_code == 200 and 0 < len(last.context["items"]) <= 50


def test_every_page_continues_the_last_without_repeats_or_gaps(cast, client_for, case):
    """Each source gives only its newest page × 50 items (cases.timeline.newest): walking the
    pages must still give exactly the full timeline, in order, across sources, including
    items with the same time at a page boundary (60 journal entries of one moment)."""
    from casefile import services as casefile_services

    fill(case, cast, n=20)
    moment = timezone.now() - timedelta(days=1)
    for i in range(60):
        casefile_services.add_journal_entry(
            case=case,
            author=cast.regisseur,
            kind="notitie" if i % 2 else "telefoon",
            occurred_at=moment,
            text=f"Regel {i}",
            audience="team",
        )
    full = [
        (i.when, i.kind, i.title, i.detail, i.url) for i in timeline.timeline(case, cast.regisseur)
    ]
    assert len(full) > 150
    url = reverse("cases:case_timeline", args=[case.pk])
    client = client_for(cast.regisseur)
    walked = []
    number = 1
    page_one_first = full[0][2]
    while True:
        page = client.get(url, {"page": number})
        walked += [(i.when, i.kind, i.title, i.detail, i.url) for i in page.context["items"]]
        if not page.context["page_obj"].has_next():
            break
        number += 1
    assert number == -(-len(full) // 50)
    assert walked == full
    assert page.context["page_obj"].paginator.count == len(full)
    # 0, a page past the end and a huge number all show the last page, complete; words the
    # first.
    assert client.get(url, {"page": "laatste"}).context["items"][0].title == page_one_first
    for asked in ("0", "-3", "999", str(10**12)):
        last = client.get(url, {"page": asked}).context["items"]
        assert [(i.when, i.kind, i.title, i.detail, i.url) for i in last] == full[
            (number - 1) * 50 :
        ]
    # Filtered by kind, the same.
    actions = [i.title for i in timeline.timeline(case, cast.regisseur, only=["actie"])]
    second = client.get(url, {"soort": "actie", "page": 2}).context["items"]
    assert [i.title for i in second] == actions[50:100]


def test_the_closing_and_its_reason_are_on_the_timeline(cast, case):
    services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="Open actie",
        owner_organisation=cast.politie,
        due_on=timezone.localdate(),
    )
    services.request_closing(
        case=case,
        requested_by=cast.regisseur,
        reason="reguliere_zorg",
        open_items_reason="Politie rondt zelf af",
    )
    closing = [i for i in timeline.timeline(case, cast.regisseur) if i.kind == "afsluiting"]
    assert closing and "Politie rondt zelf af" in closing[0].detail


def test_the_timeline_query_count_does_not_grow_with_its_entries(
    cast, client_for, case, django_assert_max_num_queries
):
    fill(case, cast, n=1)
    client = client_for(cast.regisseur)
    url = reverse("cases:case_timeline", args=[case.pk])
    client.get(url)  # warm caches (menu, session)
    # The user (1), the case with its permissions (1), the access log (1) and the timeline:
    # ONE query for every source (cases.timeline.newest: a UNION ALL of the sources, each
    # with its own rule, and the total in the same statement): 4, whatever the number of
    # entries or sources (5 without Redis: the session from the database).
    with django_assert_max_num_queries(5):
        small = client.get(url)
    fill(case, cast, n=6)
    with django_assert_max_num_queries(5):
        big = client.get(url, {"page": 2})
    with django_assert_max_num_queries(5):
        filtered = client.get(url, {"soort": ["actie", "logboek", "aanmelding"]})
    assert small.status_code == big.status_code == filtered.status_code == 200


def test_the_timeline_reads_one_query_for_all_its_sources(cast, case, django_assert_num_queries):
    from cases.models import Case

    fill(case, cast, n=8)
    case = Case.objects.for_timeline().get(pk=case.pk)  # as the page reads it
    for user in (cast.regisseur, cast.partner):
        assert user.role_names  # the roles are read once per request anyway
    with django_assert_num_queries(1):
        merged = timeline.newest(case, cast.regisseur, limit=None)
        items = merged[:]
    assert len(items) == merged.total > 50
    # The registration names the registering organisation, read with the case: no query more.
    assert "aanmelding" in {item.kind for item in items}
    # A kind no source of the reader has: no rows, still at most one query.
    with django_assert_num_queries(1):
        assert timeline.timeline(case, cast.partner, only=["opschaling"]) == []


def test_the_timeline_needs_the_case_file(cast, client_for, case):
    url = reverse("cases:case_timeline", args=[case.pk])
    assert client_for(cast.gemeente).get(url).status_code == 403
    assert client_for(cast.gemeente_other).get(url).status_code == 404
    assert client_for(cast.partner_other).get(url).status_code == 404
