"""Who sees what (issue 5 point 12) as one table, the pages' query counts, bad input in forms."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aftercare.models import AftercareRecord, NotificationKind
from tests import matrix
from tests.aftercare.factories import make_record, valid_bsn
from tests.cast import CAST_USERS
from zvhd.privacy.models import AccessAction, AccessLog

pytestmark = pytest.mark.django_db

COORDINATOR_ONLY = {"nazorg": 200}
# Bureau staff who can open the file of the case made by the escalation (cases' own policy:
# a fresh registration is in the triage queue for direction and support, the manager sees all).
ON_THE_CASE = {"regisseur", "regisseur_other", "ondersteuner", "manager"}

# (page, record: None | "record" | "escalated", {user: status}, status for everyone else)
MATRIX = [
    ("aftercare:record_list", None, COORDINATOR_ONLY, 403),
    ("aftercare:record_list_export", None, COORDINATOR_ONLY, 403),
    ("aftercare:notification_create", None, COORDINATOR_ONLY, 403),
    ("aftercare:releases", None, COORDINATOR_ONLY, 403),
    ("aftercare:figures", None, {"nazorg": 200, "manager": 200}, 403),
    ("aftercare:participation", None, {"nazorg": 200, "manager": 200}, 403),
    ("aftercare:municipal_list", None, {"gemeente": 200, "gemeente_other": 200}, 403),
    # The full record: the coordinator; Assen's contact is in scope (own resident) but may
    # only read the summary: 403; anyone else does not learn that it exists: 404.
    ("aftercare:record_detail", "record", {"nazorg": 200, "gemeente": 403}, 404),
    ("aftercare:record_summary", "record", {"nazorg": 200, "gemeente": 200}, 404),
    ("aftercare:record_link", "record", {"nazorg": 200, "gemeente": 403}, 404),
    ("aftercare:consent", "record", {"nazorg": 200, "gemeente": 403}, 404),
    ("aftercare:contact", "record", {"nazorg": 200, "gemeente": 403}, 404),
    ("aftercare:escalate", "record", {"nazorg": 200, "gemeente": 403}, 404),
    ("aftercare:close", "record", {"nazorg": 200, "gemeente": 403}, 404),
    # Escalated: staff on the linked case see the link, nothing more.
    (
        "aftercare:record_link",
        "escalated",
        {"nazorg": 200, "gemeente": 403, **dict.fromkeys(ON_THE_CASE, 200)},
        404,
    ),
    (
        "aftercare:record_detail",
        "escalated",
        {"nazorg": 200, "gemeente": 403, **dict.fromkeys(ON_THE_CASE, 403)},
        404,
    ),
    (
        "aftercare:record_summary",
        "escalated",
        {"nazorg": 200, "gemeente": 200, **dict.fromkeys(ON_THE_CASE, 403)},
        404,
    ),
]

ROWS = [
    matrix.Row(page, which, {name: allowed.get(name, default) for name in CAST_USERS})
    for page, which, allowed, default in MATRIX
]


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_pages_follow_the_permission_matrix(world, client, request, row):
    records = {row.record: request.getfixturevalue(row.record)} if row.record else {}
    matrix.check(row, client=client, people=matrix.people_of(world), records=records)


def test_every_aftercare_page_is_in_the_matrix_or_said_where_it_is_tested():
    matrix.assert_covers(
        "aftercare",
        ROWS,
        elsewhere={"aftercare:condition": "test_the_condition_page_is_scoped_through_its_record"},
        untested=[
            "aftercare:end_guidance",
            "aftercare:enrich",
            "aftercare:extra_condition",
            "aftercare:release",
            "aftercare:start_guidance",
        ],
    )


def test_the_condition_page_is_scoped_through_its_record(record, world, client_for):
    condition = record.conditions.first()
    url = reverse("aftercare:condition", args=[record.pk, condition.pk])
    assert client_for(world.nazorg).get(url).status_code == 200
    assert client_for(world.gemeente).get(url).status_code == 404
    other = make_record(municipality=world.assen, by=world.nazorg, last_name="Visser")
    wrong_parent = reverse("aftercare:condition", args=[other.pk, condition.pk])
    assert client_for(world.nazorg).get(wrong_parent).status_code == 404


def test_every_read_of_a_record_is_in_the_access_log(record, world, client_for):
    client_for(world.nazorg).get(reverse("aftercare:record_detail", args=[record.pk]))
    client_for(world.gemeente).get(reverse("aftercare:record_summary", args=[record.pk]))
    client_for(world.gemeente_other).get(reverse("aftercare:record_summary", args=[record.pk]))
    client_for(world.gemeente).get(reverse("aftercare:municipal_list"))
    rows = AccessLog.objects.filter(object_id=str(record.pk)).order_by("pk")
    assert [(r.username, r.action, r.allowed) for r in rows] == [
        ("nazorg", AccessAction.VIEW, True),
        ("gemeente", AccessAction.VIEW, True),
        ("gemeente_other", AccessAction.VIEW, False),
        ("gemeente", AccessAction.LIST, True),
    ]


def test_the_summary_shows_no_bsn_and_no_information_of_partners(record, world, client_for):
    from aftercare import services

    services.add_enrichment(
        record=record, source="dji", text="Geheime PI-informatie", added_by=world.nazorg
    )
    body = (
        client_for(world.gemeente)
        .get(reverse("aftercare:record_summary", args=[record.pk]))
        .content.decode()
    )
    assert record.last_name in body
    assert record.bsn not in body
    assert "Geheime PI-informatie" not in body


def test_the_link_page_shows_the_case_number_and_not_the_person(escalated, world, client_for):
    body = (
        client_for(world.regisseur)
        .get(reverse("aftercare:record_link", args=[escalated.pk]))
        .content.decode()
    )
    assert escalated.case.number in body
    assert escalated.last_name not in body
    assert "Naar het nazorgdossier" not in body


def post_notification(client, world, **overrides):
    today = timezone.localdate()
    data = {
        "kind": NotificationKind.START,
        "source": "DJI",
        "first_names": "Piet",
        "last_name": "Mulder",
        "birth_date": "1979-03-04",
        "bsn": valid_bsn(),
        "municipality": world.assen.pk,
        "institution": "PI Leeuwarden",
        "detention_start": (today - timedelta(days=3)).isoformat(),
        "expected_release": (today + timedelta(days=25)).isoformat(),
        "note": "",
    }
    data.update(overrides)
    return client.post(reverse("aftercare:notification_create"), data), data


def test_the_intake_form_makes_a_record_and_goes_to_it(world, client_for):
    response, data = post_notification(client_for(world.nazorg), world)
    record = AftercareRecord.objects.get(bsn=data["bsn"])
    assert response.status_code == 302 and response.url == record.get_absolute_url()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"bsn": "123456788"}, "elfproef"),
        ({"expected_release": "2001-01-01"}, "ligt voor het begin van de detentie"),
        ("emmen", "Stuur de melding door naar de nazorgcoördinator van de gemeente Emmen"),
        ({"birth_date": "morgen"}, "geldige datum"),
    ],
)
def test_bad_input_in_the_intake_form_keeps_what_was_typed(world, client_for, overrides, message):
    if overrides == "emmen":
        overrides = {"municipality": world.emmen.pk}
    response, data = post_notification(client_for(world.nazorg), world, **overrides)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert 'value="Mulder"' in body and 'value="PI Leeuwarden"' in body
    assert not AftercareRecord.objects.filter(last_name="Mulder").exists()


def test_a_duplicate_in_the_form_is_a_message_not_a_500(world, client_for):
    client = client_for(world.nazorg)
    _, data = post_notification(client, world)
    response, _ = post_notification(client, world, bsn=data["bsn"])
    assert response.status_code == 200
    assert "al ontvangen" in response.content.decode()
    assert AftercareRecord.objects.get(bsn=data["bsn"]).notifications.count() == 1


def test_the_participation_page_is_edited_by_management_only(world, client_for):
    url = reverse("aftercare:participation")
    data = {"year": 2031, "municipalities": [world.emmen.pk]}
    assert client_for(world.nazorg).post(url, data).status_code == 403
    assert client_for(world.manager).post(url, data).status_code == 302
    from aftercare.models import Participation

    assert list(Participation.objects.municipalities_in(2031)) == [world.emmen]


# ---------------------------------------------------------------------------------------------
# Query counts: pinned, and not growing with the rows.


def _count(client, url):
    client.get(url)  # the session is written once after login
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


PAGES = [
    ("aftercare:record_list", "nazorg", 14),
    ("aftercare:releases", "nazorg", 12),
    ("aftercare:figures", "nazorg", 12),
    ("aftercare:municipal_list", "gemeente", 12),
    ("start", "nazorg", 16),
    ("start", "gemeente", 16),
]


@pytest.mark.parametrize(("page", "name", "limit"), PAGES)
def test_list_pages_do_not_grow_in_queries_with_their_rows(world, client_for, page, name, limit):
    client = client_for(getattr(world, name))
    make_record(municipality=world.assen, by=world.nazorg, days_to_release=5)
    few = _count(client, reverse(page))
    for n in range(8):
        make_record(
            municipality=world.assen, by=world.nazorg, days_to_release=3 + n, last_name=f"R{n}"
        )
    many = _count(client, reverse(page))
    assert many == few <= limit


DETAIL_PAGES = [
    ("aftercare:record_detail", "nazorg", 16),
    ("aftercare:record_summary", "gemeente", 12),
    ("aftercare:consent", "nazorg", 12),
]


@pytest.mark.parametrize(("page", "name", "limit"), DETAIL_PAGES)
def test_record_pages_have_a_fixed_number_of_queries(
    record, world, client_for, page, name, limit, django_assert_max_num_queries
):
    from aftercare import services

    client = client_for(getattr(world, name))
    url = reverse(page, args=[record.pk])
    client.get(url)
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200
    services.record_consent(
        record=record, consent="gegeven", consent_on=timezone.localdate(), recorded_by=world.nazorg
    )
    for n in range(5):
        services.add_contact_moment(
            record=record,
            on=timezone.localdate(),
            with_whom="gedetineerde",
            help_offered=f"Hulp {n}",
            accepted="ja",
            notes="",
            by=world.nazorg,
        )
        services.add_enrichment(
            record=record, source="reclassering", text=f"Info {n}", added_by=world.nazorg
        )
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_the_releases_name_each_open_condition_as_the_record_does(world, client_for):
    """The badges' labels are translated once per page (issue 24), the same words as before."""
    from django.utils.text import capfirst

    from aftercare.models import DONE_STATUSES

    record = make_record(municipality=world.assen, by=world.nazorg, days_to_release=6)
    open_conditions = list(record.conditions.exclude(status__in=DONE_STATUSES))
    assert open_conditions
    page = client_for(world.nazorg).get(reverse("aftercare:releases")).content.decode()
    assert record.number in page
    for condition in open_conditions:
        assert f">{capfirst(condition.get_kind_display())}</span>" in page


def test_the_figures_write_the_consent_rate_as_a_dutch_percentage(world, client_for):
    # "67 %" with a (non-breaking) space, as every other percentage of the app; it read "67%".
    from aftercare import services
    from aftercare.models import Consent

    records = [
        make_record(municipality=world.assen, by=world.nazorg, last_name=name)
        for name in ("Aa", "Bee", "Cee")
    ]
    for item in records[:2]:
        services.record_consent(
            record=item,
            consent=Consent.GIVEN,
            consent_on=timezone.localdate(),
            recorded_by=world.nazorg,
        )
    html = client_for(world.nazorg).get(reverse("aftercare:figures")).content.decode()
    assert "67\N{NO-BREAK SPACE}%" in html
    assert "67%" not in html


def test_an_expected_release_that_passed_unrecorded_stays_in_sight(world, client_for):
    """A record whose expected release has passed without a release recorded left the start
    panel the day after and the releases page a week later, while the coordinator has to act
    (record the release, or move the date). The panel counts them, the releases page counts
    the older ones, and both link to the register's filter that lists them."""
    from aftercare import services

    client = client_for(world.nazorg)
    forgotten = make_record(municipality=world.assen, by=world.nazorg, days_to_release=-20)
    last_week = make_record(
        municipality=world.assen, by=world.nazorg, days_to_release=-3, last_name="Vorige"
    )
    released = make_record(
        municipality=world.assen, by=world.nazorg, days_to_release=-10, last_name="Vrij"
    )
    services.register_release(
        record=released,
        registered_by=world.nazorg,
        released_on=timezone.localdate() - timedelta(days=10),
    )
    coming = make_record(
        municipality=world.assen, by=world.nazorg, days_to_release=5, last_name="Straks"
    )

    start = client.get(reverse("start"))
    panel = next(p for p in start.context["panels"] if p["template"].endswith("releases.html"))
    assert panel["overdue"] == 2
    assert "2 dossiers waarvan de verwachte ontslagdatum is verstreken" in start.content.decode()

    releases = client.get(reverse("aftercare:releases")).content.decode()
    assert last_week.number in releases and forgotten.number not in releases
    assert "Nog 1 dossier waarvan de verwachte ontslagdatum meer dan een week geleden" in releases

    register = reverse("aftercare:record_list")
    listed = client.get(register, {"ontslag": "verstreken"}).context["table"].page.object_list
    assert {row.record.pk for row in listed} == {forgotten.pk, last_week.pk}
    soon = client.get(register, {"ontslag": "binnenkort"}).context["table"].page.object_list
    assert [row.record.pk for row in soon] == [coming.pk]


def test_the_overdue_counts_are_written_as_dutch_numbers():
    """ "Nog 10335 dossiers" on the releases page at 1M: a count is "10.335"."""
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("nl"):
        panel = render_to_string(
            "aftercare/panels/releases.html", {"panel": {"rows": [], "overdue": 10335}}
        )
    assert "10.335 dossiers waarvan de verwachte ontslagdatum is verstreken" in panel
