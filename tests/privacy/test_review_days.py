"""The access review's summarized days (zvhd/privacy/review_days.py): the worker's task, the
review read from the days done plus today's log, equal to a count straight over the log."""

import random
import re
import uuid
from datetime import UTC, date, datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aftercare.models import AftercareRecord
from cases.models import Case
from tests.cases.factories import make_case
from trafficking.models import Signal
from zvhd.network.models import User
from zvhd.privacy import review_days, tasks
from zvhd.privacy.models import (
    AccessDayCount,
    AccessDayRecord,
    AccessDaySummary,
    AccessLog,
    AccessReviewDay,
)
from zvhd.privacy.review import (
    out_of_hours_readers,
    period_bounds,
    review_readers,
    uninvolved_readers,
)

AMS = ZoneInfo("Europe/Amsterdam")
URL = reverse("privacy:access_review")
# "Now": Thursday 26 November 2026, 15:00; the log's days run from 9 November up to now.
NOW = datetime(2026, 11, 26, 15, 0, tzinfo=AMS)
TODAY = NOW.date()
FIRST = date(2026, 11, 9)


@pytest.fixture
def now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def _read(moment, user, model, object_id, *, action="view", allowed=True, batch=None):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return AccessLog.objects.create(
            user=user,
            username=user.get_username(),
            organisation=str(user.organisation),
            roles=", ".join(sorted(user.role_names)),
            content_type=ContentType.objects.get_for_model(model),
            object_id=str(object_id),
            action=action,
            allowed=allowed,
            path="/test/",
            batch=batch,
        )


def _generate(cast, rng: random.Random, rows: int) -> None:
    """`rows` reads over FIRST..NOW: the cast reading cases they are in or not, aftercare
    records and signals (none exist: every read of one is uninvolved), persons-like records
    of a kind the review does not check, at any hour and on any day; some list rows and
    refused attempts, some exports (rows sharing a batch and a moment). Some numbers are
    records of several kinds: each is its own record."""
    readers = [
        cast.regisseur,
        cast.partner,
        cast.manager,
        cast.ondersteuner,
        cast.mensenhandel,  # exempt for signals
        cast.liaison_politie,
    ]
    from cases.models import Status

    cases = [
        make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.ACTIEF,
            director=cast.regisseur,
            team=[cast.partner] if i % 3 == 0 else [],
        )
        for i in range(8)
    ]
    records = [(Case, case.pk) for case in cases]
    records += [(AftercareRecord, n) for n in range(1, 6)]
    records += [(Signal, n) for n in range(1, 6)]
    records += [(User, cast.manager.pk), (User, cases[0].pk), (Case, "geen-nummer")]
    # The same number in other kinds is another record (and aftercare 1-5 are signals 1-5).
    records += [(AftercareRecord, cases[1].pk), (Signal, cases[1].pk), (User, cases[2].pk)]
    span = (NOW - datetime.combine(FIRST, time.min, tzinfo=AMS)).total_seconds()
    written = 0
    while written < rows:
        moment = NOW - timedelta(seconds=rng.uniform(1, span))
        # Most reads in office hours on a weekday; the day's edges are kept in.
        if rng.random() < 0.15:
            moment = moment.replace(hour=rng.choice([0, 6, 7, 18, 19, 23]), minute=59)
            if moment >= NOW:
                continue
        user = rng.choice(readers)
        if rng.random() < 0.05:
            model, _id = rng.choice(records)
            batch = uuid.uuid4()
            for model_, object_id in rng.sample(records, rng.randint(2, 5)):
                if model_ is model:
                    _read(moment, user, model_, object_id, action="export", batch=batch)
                    written += 1
            continue
        model, object_id = rng.choice(records)
        action = rng.choices(["view", "change", "list"], weights=[6, 2, 2])[0]
        _read(moment, user, model, object_id, action=action, allowed=rng.random() > 0.05)
        written += 1


def _from_log(first: date, last: date, threshold: int):
    bounds = period_bounds(first, last)
    return uninvolved_readers(*bounds, threshold), out_of_hours_readers(*bounds)


def _table(model) -> list[tuple]:
    fields = [f.attname for f in model._meta.concrete_fields if f.attname not in ("id",)]
    rows = model.objects.values_list(*fields)
    if model is AccessReviewDay:
        rows = model.objects.values_list("day", "records")
    return sorted(rows, key=repr)


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_summarized_days_and_today_live_equal_a_count_over_the_log(cast, now, seed):
    rng = random.Random(seed)
    _generate(cast, rng, 300)
    days = [FIRST + timedelta(days=n) for n in range((TODAY - FIRST).days)]
    # Some days done, in any order (a catch-up by hand, a day done again), some not.
    done = rng.sample(days, len(days) * 2 // 3)
    for day in done:
        review_days.summarize_day(day)
    for day in rng.sample(done, 3):
        review_days.summarize_day(day)
    periods = [(FIRST, TODAY), (TODAY, TODAY), (FIRST, FIRST), (FIRST - timedelta(days=3), TODAY)]
    for _ in range(12):
        first, last = sorted(rng.sample([*days, TODAY], 2))
        periods.append((first, last))
    for first, last in periods:
        for threshold in (0, 2):
            assert review_readers(first, last, threshold) == _from_log(first, last, threshold), (
                first,
                last,
            )
    # And once every closed day is done.
    review_days.summarize_days()
    assert AccessReviewDay.objects.count() == len(days)
    for first, last in periods:
        assert review_readers(first, last, 0) == _from_log(first, last, 0), (first, last)


@pytest.mark.django_db
def test_one_number_in_several_kinds_is_as_many_records_summarized_and_live(cast, now):
    """Case 5, aftercare record 5 and signal 5 are three records in both parts of the review,
    counted once each over the days, whether a day is summarized or read from the log."""
    from cases.models import Status

    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    number = case.pk
    night = time(22, 0)
    reads = {
        TODAY - timedelta(days=3): [(Case, number), (AftercareRecord, number)],
        TODAY - timedelta(days=2): [(Signal, number), (AftercareRecord, number)],
        TODAY - timedelta(days=1): [(Case, number), (User, number)],
        TODAY: [(Signal, number), (Case, number)],
    }
    for day, records in reads.items():
        moment = datetime.combine(day, night if day < TODAY else time(5, 0), tzinfo=AMS)
        for model, object_id in records:
            _read(moment, cast.manager, model, object_id)
            _read(moment, cast.regisseur, model, object_id)  # involved in the case only

    def counts(first):
        uninvolved, late = review_readers(first, TODAY, 0)
        assert (uninvolved, late) == _from_log(first, TODAY, 0)
        rows = {row["username"]: row for row in uninvolved}
        return (
            {
                name: (r["records"], r["cases"], r["aftercare"], r["signals"])
                for name, r in rows.items()
            },
            {row["username"]: row["records"] for row in late},
        )

    first = TODAY - timedelta(days=3)
    expected = (
        {cast.manager.username: (3, 1, 1, 1), cast.regisseur.username: (2, 0, 1, 1)},
        {cast.manager.username: 4, cast.regisseur.username: 4},  # the user record too
    )
    assert counts(first) == expected  # all from the log
    review_days.summarize_day(TODAY - timedelta(days=2))
    assert counts(first) == expected  # one day summarized, the others live
    review_days.summarize_days()
    assert counts(first) == expected  # every closed day summarized, today live
    review_days.summarize_day(TODAY - timedelta(days=3))  # done again: the same
    assert counts(first) == expected
    # A period from the second day: the case (read again only today, 05:00, and yesterday).
    assert counts(TODAY - timedelta(days=1)) == (
        {cast.manager.username: (2, 1, 0, 1), cast.regisseur.username: (1, 0, 0, 1)},
        {cast.manager.username: 3, cast.regisseur.username: 3},
    )


@pytest.mark.django_db
def test_the_task_does_each_closed_day_once_and_catches_up_missed_days(cast, now):
    _generate(cast, random.Random(5), 200)
    days = [FIRST + timedelta(days=n) for n in range((TODAY - FIRST).days)]

    assert tasks.summarize_access_review_days.apply().get() == len(days)
    # Every closed day whole; today up to the run less the margin.
    assert sorted(AccessReviewDay.objects.filter(until=None).values_list("day", flat=True)) == days
    assert AccessReviewDay.objects.get(day=TODAY).until == NOW - review_days.TODAY_MARGIN
    models = (AccessDayRecord, AccessDaySummary, AccessDayCount, AccessReviewDay)
    tables = [_table(model) for model in models]
    assert tables[0] and tables[1]

    # A second run does nothing; a day done again is replaced by the same rows.
    assert tasks.summarize_access_review_days.apply().get() == 0
    for day in days[3:6]:
        review_days.summarize_day(day)
    assert [_table(model) for model in models] == tables

    # Days the worker missed (never done, or lost) are done at its next run, in any place.
    missed = [days[0], days[7], days[8], days[-1]]
    AccessReviewDay.objects.filter(day__in=missed).delete()
    AccessDayRecord.objects.filter(day__in=missed).delete()
    AccessDaySummary.objects.filter(day__in=missed).delete()
    AccessDayCount.objects.filter(day__in=missed).delete()
    assert review_days.days_to_do() == missed
    assert tasks.summarize_access_review_days.apply().get() == len(missed)
    assert [_table(model) for model in models] == tables


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [11, 12])
def test_today_made_so_far_plus_the_log_after_it_equals_a_count_over_the_log(cast, now, seed):
    """Each hour the task makes today up to a moment; the review reads the log only after it.
    Reads before and after the moment of the same records, in exports and outside office
    hours, count as the log counts them, and the night's run makes the whole day again."""
    rng = random.Random(seed)
    _generate(cast, rng, 300)
    review_days.summarize_days()
    # Today's reads at both sides of the moments made below: the same records again.
    case = Case.objects.order_by("pk").first()
    for hour, minute in ((5, 10), (9, 30), (11, 59), (12, 1), (14, 40)):
        moment = datetime.combine(TODAY, time(hour, minute), tzinfo=AMS)
        _read(moment, cast.manager, Case, case.pk)
        _read(moment, cast.partner, Signal, 3)
        batch = uuid.uuid4()
        for object_id in (case.pk, 4):
            _read(
                moment, cast.ondersteuner, AftercareRecord, object_id, batch=batch, action="export"
            )
    periods = [(TODAY, TODAY), (FIRST, TODAY), (TODAY - timedelta(days=4), TODAY)]
    for made in (time(6, 0), time(12, 0), time(14, 41)):
        until = review_days.summarize_today(datetime.combine(TODAY, made, tzinfo=AMS))
        assert until == datetime.combine(TODAY, made, tzinfo=AMS) - review_days.TODAY_MARGIN
        assert AccessReviewDay.objects.get(day=TODAY).until == until
        for first, last in periods:
            for threshold in (0, 1):
                assert review_readers(first, last, threshold) == _from_log(
                    first, last, threshold
                ), (made, first, last)
    # The night after: today is a closed day not done yet, and is made whole.
    tomorrow = TODAY + timedelta(days=1)
    assert TODAY in review_days.days_to_do(tomorrow)
    review_days.summarize_days(tomorrow)
    assert AccessReviewDay.objects.get(day=TODAY).until is None
    for first, last in periods:
        assert review_readers(first, last, 0) == _from_log(first, last, 0)


@pytest.mark.django_db
def test_today_is_not_made_in_the_first_minutes_after_midnight(cast):
    just_after = datetime.combine(TODAY, time(0, 3), tzinfo=AMS)
    assert review_days.summarize_today(just_after) is None
    assert not AccessReviewDay.objects.filter(day=TODAY).exists()


@pytest.mark.django_db
def test_the_review_reads_only_the_log_after_the_moment_made(cast, client_for, now):
    """The point of it: the page's query over the log starts at the moment today was made."""
    _generate(cast, random.Random(13), 100)
    tasks.summarize_access_review_days.apply().get()
    until = AccessReviewDay.objects.get(day=TODAY).until
    assert until == NOW - review_days.TODAY_MARGIN
    client = client_for(cast.privacy)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(
            URL,
            {"date_from": TODAY.isoformat(), "date_to": TODAY.isoformat(), "threshold": "1"},
        )
    assert response.status_code == 200
    live = [q["sql"] for q in ctx.captured_queries if "WITH mk" in q["sql"]]
    assert len(live) == 1
    assert until.astimezone(UTC).strftime("%Y-%m-%d %H:%M") in live[0].replace("T", " ")


@pytest.mark.django_db
def test_the_task_is_in_the_beat_schedule_and_registered():
    from zvhd.celery import app

    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "zvhd.privacy.tasks.summarize_access_review_days" in entries
    app.loader.import_default_modules()
    assert "zvhd.privacy.tasks.summarize_access_review_days" in app.tasks


@pytest.mark.django_db
def test_the_purge_removes_the_days_with_the_log(cast, monkeypatch):
    now = datetime(2026, 11, 23, 10, 0, tzinfo=AMS)
    monkeypatch.setattr(timezone, "now", lambda: now)
    cutoff = datetime(2021, 11, 23, 10, 0, tzinfo=AMS)
    record = (Signal, 1)  # no such signal: every read of it is uninvolved
    for moment in (
        cutoff - timedelta(days=2),
        cutoff - timedelta(hours=1),  # the cutoff's day: partly purged
        cutoff + timedelta(days=1),
        cutoff + timedelta(days=2),
    ):
        _read(moment.replace(hour=22), cast.manager, *record)
        # The same number as an aftercare record: another record, with a chain of its own.
        _read(moment.replace(hour=21), cast.manager, AftercareRecord, 1)
    # The cutoff's own day is partly purged: it is never summarized, read from the log.
    assert review_days.days_to_do()[0] == cutoff.date() + timedelta(days=1)
    kept = cutoff.date() + timedelta(days=2)
    for day in (cutoff.date() - timedelta(days=2), cutoff.date(), kept - timedelta(1), kept):
        review_days.summarize_day(day)  # as a worker would have done them before
    signals = AccessDayRecord.objects.filter(content_type=ContentType.objects.get_for_model(Signal))
    assert signals.get(day=kept).prev_uninvolved == kept - timedelta(1)
    assert signals.get(day=cutoff.date()).prev_uninvolved == cutoff.date() - timedelta(days=2)

    tasks.purge_access_log.apply().get()

    assert sorted(AccessReviewDay.objects.values_list("day", flat=True)) == [
        cutoff.date() + timedelta(days=1),
        kept,
    ]
    assert not AccessDayRecord.objects.filter(day__lte=cutoff.date()).exists()
    assert not AccessDaySummary.objects.filter(day__lte=cutoff.date()).exists()
    # A period reaching back over the cutoff still counts each record once.
    first = cutoff.date() - timedelta(days=5)
    assert review_readers(first, kept, 0) == _from_log(first, kept, 0)
    assert review_readers(first, kept, 0)[0][0]["records"] == 2  # a signal, an aftercare record
    assert review_readers(first, kept, 0)[1][0]["records"] == 2


@pytest.mark.django_db
def test_the_page_reads_the_same_few_queries_for_a_week_and_a_year(cast, client_for, now, settings):
    _generate(cast, random.Random(9), 150)
    review_days.summarize_days()
    client = client_for(cast.privacy)
    session = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    counts = {}
    for days in (1, 7, 18, 92):
        params = {
            "date_from": (TODAY - timedelta(days=days - 1)).isoformat(),
            "date_to": TODAY.isoformat(),
            "threshold": "1",
        }
        client.get(URL, params)  # content types and the menu cached
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL, params)
        assert response.status_code == 200
        counts[days] = len(ctx.captured_queries)
    # The user, the transaction (savepoint, jit off, work_mem, release), the days done in the
    # period, their records, their readers, today from the log.
    assert set(counts.values()) == {9 + session}, counts
    # A period in the past, all of it summarized: the log is not read at all.
    params = {"date_from": FIRST.isoformat(), "date_to": "2026-11-20", "threshold": "1"}
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params)
    assert len(ctx.captured_queries) == 8 + session
    assert not any("privacy_accesslog" in q["sql"] for q in ctx.captured_queries)
    first, last = FIRST, date(2026, 11, 20)
    uninvolved, late = _from_log(first, last, 1)
    assert response.context["uninvolved"] == uninvolved
    assert response.context["out_of_hours"] == late
    assert uninvolved and late


@pytest.mark.django_db
def test_the_page_shows_what_it_showed_from_the_log(cast, client_for, now):
    """The rendered page is the same whether its days come from the summaries or the log."""
    _generate(cast, random.Random(11), 200)
    client = client_for(cast.privacy)
    params = {"date_from": FIRST.isoformat(), "date_to": TODAY.isoformat(), "threshold": "1"}

    def page():
        html = client.get(URL, params).content.decode()
        # Each response has its own nonce and CSRF token; the rest must be the same.
        return re.sub(r'(nonce|value)="[^"]*"', "", html)

    from_log = page()  # nothing summarized: all from the log
    review_days.summarize_days()
    assert AccessReviewDay.objects.exists()
    assert page() == from_log
    assert "Veel dossiers zonder betrokkenheid" in from_log and cast.manager.username in from_log


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["regisseur", "manager", "beheerder", "partner", "nobody"])
def test_only_the_privacy_officer_sees_the_review_or_its_days(cast, client_for, now, name):
    _read(NOW - timedelta(days=2), cast.manager, Signal, 1)
    review_days.summarize_days()
    user = getattr(cast, name)
    assert client_for(user).get(URL).status_code == 403
    for model in (AccessReviewDay, AccessDaySummary, AccessDayRecord, AccessDayCount):
        assert not model.objects.visible_to(user).exists()
        assert model.objects.visible_to(cast.privacy).exists()


def test_the_chains_look_back_as_far_as_the_longest_period():
    from zvhd.privacy.review import MAX_DAYS

    assert review_days.LOOKBACK_DAYS >= MAX_DAYS
