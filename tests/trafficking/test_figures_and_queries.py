"""The figures for the reports, and the query counts of each page (not growing with rows)."""

import io
import random
from datetime import date

import pytest
from django.urls import reverse

from tests.trafficking.factories import AwarenessFactory, make_signal
from trafficking import services
from trafficking.figures import figures_for_year
from trafficking.models import ExploitationForm, Minor, Signal

pytestmark = pytest.mark.django_db


def test_the_figures_count_by_year_form_reporter_follow_up_and_minors(cast):
    make_signal(by=cast.mensenhandel, organisation=cast.ggz, municipality=cast.assen)
    both = make_signal(
        by=cast.mensenhandel,
        organisation=cast.vnn,
        municipality=cast.emmen,
        forms=[ExploitationForm.LABOUR, ExploitationForm.CRIMINAL],
        birth_date=date(2010, 1, 1),
    )
    make_signal(by=cast.mensenhandel, organisation=cast.ggz, received_on=date(2024, 6, 1))
    services.start_follow_up(
        signal=both, kind="politie", decided_on=date(2025, 3, 5), started_by=cast.mensenhandel
    )
    AwarenessFactory(participants=20, created_by=cast.mensenhandel)
    AwarenessFactory(participants=12, kind="bijeenkomst", created_by=cast.mensenhandel)

    figures = figures_for_year(2025)
    assert (figures.signals, figures.minors) == (2, 1)
    assert both.minor == Minor.YES
    assert {r.label: r.count for r in figures.by_form} == {
        "Seksuele uitbuiting": 1,
        "Arbeidsuitbuiting": 1,
        "Criminele uitbuiting": 1,
        "Gedwongen orgaanverwijdering": 0,
    }
    assert {r.label: r.count for r in figures.by_reporter} == {"GGZ Drenthe": 1, "VNN": 1}
    assert {r.label: r.count for r in figures.by_follow_up}["politie (aangifte of onderzoek)"] == 1
    assert {r.label: r.count for r in figures.by_municipality} == {"Assen": 1, "Emmen": 1}
    assert figures.awareness_participants == 32
    assert figures_for_year(2024).signals == 1


def many_signals(cast, n):
    for i in range(n):
        make_signal(
            by=cast.mensenhandel,
            organisation=cast.ggz if i % 2 else cast.vnn,
            municipality=cast.assen if i % 3 else cast.emmen,
            forms=[ExploitationForm.SEXUAL, ExploitationForm.LABOUR][: 1 + i % 2],
            bsn="",
        )


PAGES = [
    # (who, url name, uses a record, max queries)
    ("mensenhandel", "signal_list", None, 16),
    ("manager", "signal_list", None, 16),
    ("mensenhandel", "signal_detail", "signal", 16),
    ("manager", "signal_detail", "signal", 16),
    ("mensenhandel", "meeting_detail", "meeting", 18),
    ("manager", "meeting_detail", "meeting", 18),
    ("mensenhandel", "meeting_list", None, 12),
    ("gemeente", "figures", None, 16),
    ("mensenhandel", "signal_indicators", "signal", 14),
]


@pytest.mark.parametrize("who,name,record,limit", PAGES, ids=[f"{p[0]}-{p[1]}" for p in PAGES])
def test_page_query_counts_do_not_grow_with_the_rows(
    who, name, record, limit, cast, client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(getattr(cast, who))
    counts = []
    for n in (2, 12):
        many_signals(cast, n)
        meeting = services.plan_meeting(
            held_on=date(2025, 3, 10 + n),
            location="",
            attendees=[cast.mensenhandel],
            other_attendees="",
            planned_by=cast.mensenhandel,
        )
        records = {"signal": Signal.objects.order_by("pk").first().pk, "meeting": meeting.pk}
        url = reverse(f"trafficking:{name}", args=[records[record]] if record else [])
        client.get(url)  # warm the per-process caches (content types), which a server keeps
        params = {"jaar": 2025} if name == "figures" else {}
        with django_assert_max_num_queries(limit), CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_demo_data_is_realistic_and_safe_to_run_twice(cast):
    from trafficking import demo
    from trafficking.models import DrieluikMeeting, Signal

    out = io.StringIO()
    demo.seed(stdout=out, rng=random.Random(1))
    signals, meetings = Signal.objects.count(), DrieluikMeeting.objects.count()
    assert 60 <= signals <= 70 and meetings >= 12
    assert Signal.objects.filter(follow_ups__isnull=False).distinct().count() > 30
    demo.seed(stdout=out, rng=random.Random(1))
    assert (Signal.objects.count(), DrieluikMeeting.objects.count()) == (signals, meetings)
