"""The access review: uninvolved readers above a threshold and reads outside office hours."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.cases.factories import make_case
from tests.privacy.helpers import log_at
from zvhd.navigation import menu_for
from zvhd.privacy.models import AccessAction
from zvhd.privacy.review import out_of_hours_readers, period_bounds, uninvolved_readers

AMS = ZoneInfo("Europe/Amsterdam")
URL = reverse("privacy:access_review")
# Wednesday 11 November 2026, office hours.
WEDNESDAY_NOON = datetime(2026, 11, 11, 12, 0, tzinfo=AMS)
PERIOD = {"date_from": "2026-11-01", "date_to": "2026-11-30", "threshold": "2"}


@pytest.fixture
def cases(cast):
    """Three active cases directed by `regisseur`, with `partner` on the team of the first."""
    from cases.models import Status

    return [
        make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.ACTIEF,
            director=cast.regisseur,
            team=[cast.partner] if i == 0 else [],
        )
        for i in range(3)
    ]


def _bounds():
    return period_bounds(date(2026, 11, 1), date(2026, 11, 30))


@pytest.mark.django_db
def test_uninvolved_reader_above_threshold_is_flagged(cast, cases):
    for case in cases:
        log_at(WEDNESDAY_NOON, user=cast.regisseur, obj=case)  # their own cases
        log_at(WEDNESDAY_NOON, user=cast.partner, obj=case)  # team of the first only
        log_at(WEDNESDAY_NOON, user=cast.manager, obj=case)  # involved in none
        log_at(WEDNESDAY_NOON, user=cast.manager, obj=case)  # the same record twice counts once
    # List pages and refused attempts are not opened records.
    log_at(WEDNESDAY_NOON, user=cast.ondersteuner, obj=cases[0], action=AccessAction.LIST)
    log_at(WEDNESDAY_NOON, user=cast.ondersteuner, obj=cases[1], allowed=False)

    rows = uninvolved_readers(*_bounds(), threshold=2)

    assert [(r["username"], r["records"], r["cases"]) for r in rows] == [
        (cast.manager.username, 3, 3)
    ]
    # partner opened 2 uninvolved cases: not above a threshold of 2, flagged at 1.
    flagged = {r["username"]: r["records"] for r in uninvolved_readers(*_bounds(), threshold=1)}
    assert flagged == {cast.manager.username: 3, cast.partner.username: 2}


@pytest.mark.django_db
def test_reads_outside_office_hours(cast, cases):
    case = cases[0]
    log_at(datetime(2026, 11, 11, 6, 59, tzinfo=AMS), user=cast.partner, obj=case)  # early
    log_at(datetime(2026, 11, 11, 7, 0, tzinfo=AMS), user=cast.manager, obj=case)  # on time
    log_at(datetime(2026, 11, 11, 18, 59, tzinfo=AMS), user=cast.manager, obj=case)  # on time
    log_at(datetime(2026, 11, 11, 19, 0, tzinfo=AMS), user=cast.partner, obj=case)  # late
    log_at(datetime(2026, 11, 14, 12, 0, tzinfo=AMS), user=cast.regisseur, obj=case)  # Saturday
    log_at(datetime(2026, 11, 15, 12, 0, tzinfo=AMS), user=cast.regisseur, obj=cases[1])  # Sunday

    rows = {r["username"]: r for r in out_of_hours_readers(*_bounds())}

    assert set(rows) == {cast.partner.username, cast.regisseur.username}
    assert (rows[cast.partner.username]["reads"], rows[cast.partner.username]["weekend"]) == (2, 0)
    assert rows[cast.regisseur.username]["weekend"] == 2
    assert rows[cast.regisseur.username]["records"] == 2


@pytest.mark.django_db
def test_period_is_amsterdam_days(cast, cases):
    # 31 October 23:30 in Amsterdam is outside a period starting 1 November.
    log_at(datetime(2026, 10, 31, 23, 30, tzinfo=AMS), user=cast.manager, obj=cases[0])
    log_at(datetime(2026, 12, 1, 0, 30, tzinfo=AMS), user=cast.manager, obj=cases[0])
    assert out_of_hours_readers(*_bounds()) == []


@pytest.mark.django_db
def test_page_for_privacy_officer_with_bounded_queries(
    cast, cases, client_for, django_assert_max_num_queries, settings
):
    for case in cases:
        for hour in (5, 12, 22):
            log_at(WEDNESDAY_NOON.replace(hour=hour), user=cast.manager, obj=case)
    client = client_for(cast.privacy)
    # Without Redis the session is read from the database: one query more than with Redis.
    session = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    with django_assert_max_num_queries(12 + session):
        response = client.get(URL, PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Veel dossiers zonder betrokkenheid" in html
    assert "Buiten kantooruren" in html
    assert cast.manager.username in html


@pytest.mark.django_db
def test_page_default_period_and_bad_input(cast, client_for):
    client = client_for(cast.privacy)
    assert client.get(URL).status_code == 200
    response = client.get(URL, {**PERIOD, "date_to": "2026-10-01", "threshold": "nul"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "De einddatum ligt vóór de begindatum." in html
    assert 'value="nul"' in html  # what was entered stays


@pytest.mark.django_db
def test_a_period_longer_than_a_year_is_refused_at_the_field(cast, client_for):
    response = client_for(cast.privacy).get(
        URL, {"date_from": "2025-01-01", "date_to": "2026-12-31", "threshold": "20"}
    )
    assert response.status_code == 200
    assert "hoogstens 366 dagen" in response.context["form"].errors["date_to"][0]
    assert "uninvolved" not in response.context


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["regisseur", "manager", "beheerder", "partner", "nobody"])
def test_other_roles_get_403(cast, client_for, name):
    response = client_for(getattr(cast, name)).get(URL)
    assert response.status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302


@pytest.mark.django_db
def test_in_the_privacy_officers_menu_only(cast):
    assert URL in [e.url for e in menu_for(cast.privacy)]
    assert URL not in [e.url for e in menu_for(cast.manager)]


@pytest.mark.django_db
def test_the_demo_gives_the_access_review_something_to_find_and_adds_it_once():
    import io

    from django.utils import timezone

    from cases.models import Status
    from zvhd.network import demo as house_demo
    from zvhd.network.models import Municipality, User
    from zvhd.privacy import demo_access
    from zvhd.privacy.models import AccessLog
    from zvhd.privacy.review import DEFAULT_DAYS, DEFAULT_THRESHOLD

    house_demo.seed_users(io.StringIO())
    regisseur = User.objects.get(username="regisseur")
    partner = User.objects.get(username="partner")
    assen = Municipality.objects.get(name="Assen")
    for status in [Status.ACTIEF] * 28 + [Status.AANGEMELD]:
        make_case(registered_by=partner, municipality=assen, status=status, director=regisseur)

    demo_access.seed(stdout=io.StringIO())
    count = AccessLog.objects.count()
    demo_access.seed(stdout=io.StringIO())
    assert AccessLog.objects.count() == count

    # What the page shows by default: the last 30 days, more than 20 records.
    today = timezone.localdate()
    bounds = period_bounds(today - timedelta(days=DEFAULT_DAYS - 1), today)
    flagged = uninvolved_readers(*bounds, threshold=DEFAULT_THRESHOLD)
    assert [(r["username"], r["records"]) for r in flagged] == [("begeleider", 27)]
    late = {r["username"]: r for r in out_of_hours_readers(*bounds)}
    assert set(late) == {"begeleider", "regisseur", "liaison.politie"}
    assert late["regisseur"]["weekend"] == 3 and late["liaison.politie"]["weekend"] == 1
    assert all(row.at < timezone.now() for row in AccessLog.objects.all())
