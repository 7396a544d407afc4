"""The ketenkamer is one table of the engine (issue 20, part 6).

Its meetings stay `cases.Ketenkamer` rows (the triage decisions point at them), but who sits
at it is its table's membership, read by the ketenkamer's door beside the role rule; the
table's pages list the ketenkamers; date, attendance and the decision list PDF are the meeting
kernel's (`zvhd.meetings`) for both. The cast's table (tests/cast.py) is made by the rule of
the data migration: `ondersteuner` chairs, the bureau, the police and the OM are members.
"""

import importlib
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.models import Decision, Ketenkamer, Status
from tables import services
from tables.models import KETENKAMER, Meeting, Table, sits_at_ketenkamer
from tests.cases.factories import make_case
from tests.factories import UserFactory
from tests.tables.factories import kind, make_meeting, make_table
from zvhd.network.models import Role

pytestmark = pytest.mark.django_db


def the_table() -> Table:
    return Table.objects.get(kind__code=KETENKAMER)


def kind_choices(page: str) -> str:
    """The options of the new table's "Soort tafel"."""
    start = page.index('name="kind"')
    return page[start : page.index("</select>", start)]


@pytest.fixture
def ketenkamer(cast):
    return case_services.plan_ketenkamer(date=date.today(), planned_by=cast.ondersteuner)


def detail(ketenkamer):
    return reverse("cases:ketenkamer_detail", args=[ketenkamer.pk])


# --- The table exists, as the data migration makes it ------------------------------------------


def test_the_ketenkamer_is_one_table_chaired_by_process_support_with_its_attendees_as_members(
    cast,
):
    table = the_table()
    assert table.chair == cast.ondersteuner
    assert set(table.member_organisations.all()) == {cast.zvhd, cast.politie, cast.om}
    assert Table.objects.filter(kind__code=KETENKAMER).count() == 1


def test_the_data_migration_makes_the_same_table_from_the_same_people(cast):
    """The migration's frozen rule, run on the cast, gives what the service gives: the
    organisations of everyone who attended by role, and process support in the chair."""
    from django.apps import apps

    migration = importlib.import_module("tables.migrations.0003_the_ketenkamer_table")
    made_by_service = the_table()
    expected = (made_by_service.chair, set(made_by_service.member_organisations.all()))
    made_by_service.delete()
    migration.make_the_ketenkamer_table(apps, None)
    table = the_table()
    assert (table.chair, set(table.member_organisations.all())) == expected
    # Run twice: still one. Reversed: gone, and the ketenkamers stay.
    migration.make_the_ketenkamer_table(apps, None)
    assert Table.objects.filter(kind__code=KETENKAMER).count() == 1
    held = case_services.plan_ketenkamer(date=date(2026, 3, 4), planned_by=cast.ondersteuner)
    migration.remove_the_ketenkamer_table(apps, None)
    assert not Table.objects.filter(kind__code=KETENKAMER).exists()
    assert Ketenkamer.objects.filter(pk=held.pk).exists()


def test_without_anyone_to_chair_it_the_migration_makes_no_table(cast):
    from django.apps import apps

    from zvhd.network.models import User

    migration = importlib.import_module("tables.migrations.0003_the_ketenkamer_table")
    the_table().delete()
    User.objects.filter(groups__name__in=services.KETENKAMER_CHAIR_ROLES).update(is_active=False)
    migration.make_the_ketenkamer_table(apps, None)
    assert not Table.objects.filter(kind__code=KETENKAMER).exists()
    assert services.create_ketenkamer_table() is None


# --- The table lists its meetings --------------------------------------------------------------


def test_the_tables_overview_lists_the_ketenkamer_with_a_link_to_its_meetings(
    cast, client_for, ketenkamer
):
    page = client_for(cast.liaison_om).get(reverse("tables:table_list")).content.decode()
    assert reverse("tables:table_detail", args=[the_table().pk]) in page
    assert reverse("cases:ketenkamer_list") in page


def test_the_ketenkamer_table_shows_its_members_and_lists_the_ketenkamers(
    cast, client_for, ketenkamer
):
    earlier = case_services.plan_ketenkamer(
        date=date.today() - timedelta(days=7), planned_by=cast.ondersteuner
    )
    page = client_for(cast.liaison_politie).get(
        reverse("tables:table_detail", args=[the_table().pk])
    )
    text = page.content.decode()
    assert page.status_code == 200
    for organisation in (cast.zvhd, cast.politie, cast.om):
        assert str(organisation) in text
    assert detail(ketenkamer) in text and detail(earlier) in text
    # Planned where the triage is, not with the engine's own meeting form.
    assert "Overleg plannen" not in text
    assert not Meeting.objects.filter(table=the_table()).exists()


def test_the_ketenkamer_table_page_does_not_grow_with_its_meetings(
    cast, client_for, django_assert_max_num_queries
):
    url = reverse("tables:table_detail", args=[the_table().pk])
    client = client_for(cast.ondersteuner)
    case_services.plan_ketenkamer(date=date(2026, 1, 7), planned_by=cast.ondersteuner)
    with django_assert_max_num_queries(20) as one:
        assert client.get(url).status_code == 200
    for n in range(1, 6):
        case_services.plan_ketenkamer(
            date=date(2026, 1, 7) + timedelta(weeks=n), planned_by=cast.ondersteuner
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


# --- Access follows membership through the door -----------------------------------------------


def test_a_liaison_whose_organisation_leaves_the_table_no_longer_sits_at_the_ketenkamer(
    cast, client_for, ketenkamer
):
    assert client_for(cast.liaison_politie).get(detail(ketenkamer)).status_code == 200
    the_table().member_organisations.remove(cast.politie)
    assert not sits_at_ketenkamer(cast.liaison_politie)
    assert client_for(cast.liaison_politie).get(detail(ketenkamer)).status_code == 404
    decision_list = reverse("cases:decision_list", args=[ketenkamer.pk])
    assert client_for(cast.liaison_politie).get(decision_list).status_code == 404
    listing = client_for(cast.liaison_politie).get(reverse("cases:ketenkamer_list"))
    text = listing.content.decode()
    assert "U zit niet aan de ketenkamer" in text
    assert detail(ketenkamer) not in text
    # The OM still sits at it.
    assert client_for(cast.liaison_om).get(detail(ketenkamer)).status_code == 200


def test_a_liaison_of_a_new_organisation_sits_at_the_ketenkamer_once_it_is_a_member(
    cast, client_for, ketenkamer
):
    liaison = UserFactory(username="liaison_ggz", organisation=cast.ggz, roles=[Role.LIAISON])
    assert client_for(liaison).get(detail(ketenkamer)).status_code == 404
    table = the_table()
    services.update_table(
        table=table,
        changed_by=cast.ondersteuner,
        expected_version=table.version,
        name=table.name,
        kind=table.kind,
        chair=table.chair,
        member_organisations=[*table.member_organisations.all(), cast.ggz],
    )
    assert client_for(liaison).get(detail(ketenkamer)).status_code == 200
    # The partner professional of the same organisation has no role that attends it.
    assert client_for(cast.partner).get(detail(ketenkamer)).status_code == 404
    assert client_for(cast.partner).get(reverse("cases:ketenkamer_list")).status_code == 403


def test_a_personal_member_sits_at_the_ketenkamer_without_their_organisation(
    cast, client_for, ketenkamer
):
    liaison = UserFactory(username="liaison_vnn", organisation=cast.vnn, roles=[Role.LIAISON])
    the_table().members.add(liaison)
    assert client_for(liaison).get(detail(ketenkamer)).status_code == 200


def test_a_member_organisation_gives_no_seat_to_who_has_no_role_at_the_ketenkamer(
    cast, client_for, ketenkamer
):
    """The municipality as a member (a mistake, or a wish): its contact still sees neither
    the table nor the ketenkamers; nor does the bureau's nazorgcoördinator (ZVHD is a
    member): the ketenkamer is the triage queue's table."""
    the_table().member_organisations.add(cast.gemeente_assen)
    table_url = reverse("tables:table_detail", args=[the_table().pk])
    for person in (cast.gemeente, cast.nazorg):
        assert client_for(person).get(table_url).status_code == 404
        assert client_for(person).get(detail(ketenkamer)).status_code == 404
        listing = client_for(person).get(reverse("tables:table_list")).content.decode()
        assert table_url not in listing


def test_process_support_without_a_seat_may_not_plan_or_record_the_ketenkamer(
    cast, client_for, ketenkamer
):
    table = the_table()
    table.member_organisations.remove(cast.zvhd)
    # ondersteuner chairs it: the chair sits at the table.
    client = client_for(cast.ondersteuner)
    assert client.get(detail(ketenkamer)).status_code == 200
    # regisseur sat at it through the bureau only.
    client = client_for(cast.regisseur)
    assert client.get(detail(ketenkamer)).status_code == 404
    answer = client.post(reverse("cases:ketenkamer_list"), {"date": "2026-03-11"})
    assert answer.status_code == 403
    assert not Ketenkamer.objects.filter(date=date(2026, 3, 11)).exists()


# --- One ketenkamer table; the engine refuses what would split it -----------------------------


def test_a_second_ketenkamer_table_is_refused_at_the_field(cast, client_for):
    with pytest.raises(ValidationError) as refused:
        make_table(chair=cast.regisseur, code=KETENKAMER, name="Tweede ketenkamer")
    assert "Er is al een tafel Ketenkamer" in str(refused.value)
    page = client_for(cast.regisseur).get(reverse("tables:table_list")).content.decode()
    assert f'value="{kind(KETENKAMER).pk}"' not in kind_choices(page)
    assert f'value="{kind("casustafel_stalking").pk}"' in kind_choices(page)


def test_while_there_is_no_ketenkamer_table_the_manager_may_start_it(cast, client_for):
    the_table().delete()
    page = client_for(cast.manager).get(reverse("tables:table_list")).content.decode()
    assert f'value="{kind(KETENKAMER).pk}"' in kind_choices(page)
    make_table(chair=cast.ondersteuner, code=KETENKAMER, name="Ketenkamer")
    assert sits_at_ketenkamer(cast.ondersteuner)


def test_the_ketenkamer_table_keeps_its_kind_and_its_kind_its_code(cast, client_for):
    table = the_table()
    page = client_for(cast.ondersteuner).post(
        reverse("tables:table_edit", args=[table.pk]),
        {
            "name": table.name,
            "kind": kind("casustafel_stalking").pk,
            "chair": table.chair_id,
            "version": table.version,
        },
    )
    assert page.status_code == 200
    assert "Selecteer een geldige keuze" in page.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.update_table(
            table=table,
            changed_by=cast.ondersteuner,
            expected_version=table.version,
            name=table.name,
            kind=kind("casustafel_stalking"),
            chair=table.chair,
        )
    assert "De ketenkamer blijft een ketenkamer" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        services.save_kind(
            saved_by=cast.beheerder, kind=kind(KETENKAMER), code="triage", label="Triage"
        )
    assert "De code van de ketenkamer ligt vast" in str(refused.value)
    # Its name may change.
    services.save_kind(
        saved_by=cast.beheerder, kind=kind(KETENKAMER), code=KETENKAMER, label="Ketenkamer (triage)"
    )
    assert kind(KETENKAMER).label == "Ketenkamer (triage)"


def test_no_engine_meeting_is_planned_on_the_ketenkamer_table(cast, client_for):
    page = client_for(cast.ondersteuner).post(
        reverse("tables:table_detail", args=[the_table().pk]), {"date": "2026-03-11"}
    )
    assert page.status_code == 200
    assert "Een ketenkamer plannen, de aanwezigheid en de triagebesluiten" in page.content.decode()
    assert not Meeting.objects.exists()
    with pytest.raises(ValidationError) as refused:
        services.plan_meeting(table=the_table(), date=date(2026, 3, 11), planned_by=cast.manager)
    assert "Een ketenkamer plant u op de pagina Ketenkamer" in str(refused.value)


# --- The shared decision list path -------------------------------------------------------------


def test_the_ketenkamer_and_a_table_meeting_make_their_decision_list_on_one_path(
    cast, settings, tmp_path, django_capture_on_commit_callbacks
):
    """One service, one task body, one view: each kind names its task, folder and file."""
    from cases.tasks import render_decision_list as ketenkamer_task
    from tables.tasks import render_decision_list as meeting_task
    from zvhd.meetings.services import request_decision_list

    settings.MEDIA_ROOT = tmp_path
    ketenkamer = case_services.plan_ketenkamer(date=date(2026, 3, 4), planned_by=cast.ondersteuner)
    table = make_table(chair=cast.regisseur, members=[cast.partner])
    meeting = make_meeting(table, day=date(2026, 3, 4))
    assert ketenkamer_task.name == Ketenkamer.decision_list_task
    assert meeting_task.name == Meeting.decision_list_task
    assert ketenkamer_task.run.__code__ is meeting_task.run.__code__
    for record, by in ((ketenkamer, cast.ondersteuner), (meeting, cast.regisseur)):
        with django_capture_on_commit_callbacks(execute=True):
            request_decision_list(meeting=record, requested_by=by)
        record.refresh_from_db()
        assert record.decision_list_status == "done"
        assert record.decision_list_file.read().startswith(b"%PDF")
    assert ketenkamer.decision_list_file.name == (
        "ketenkamer/besluitenlijst-ketenkamer-2026-03-04.pdf"
    )
    assert meeting.decision_list_file.name == (
        "tafels/besluitenlijst-casustafel_stalking-2026-03-04.pdf"
    )


def test_the_decision_list_block_offers_the_button_only_to_who_may_make_it(
    cast, client_for, ketenkamer
):
    url = reverse("cases:decision_list", args=[ketenkamer.pk])
    liaison = client_for(cast.liaison_politie).get(url).content.decode()
    assert "Besluitenlijst (PDF)" in liaison and "Besluitenlijst maken" not in liaison
    support = client_for(cast.ondersteuner).get(url).content.decode()
    assert "Besluitenlijst maken" in support
    page = client_for(cast.liaison_politie).get(detail(ketenkamer)).content.decode()
    assert "Besluitenlijst (PDF)" in page and "Besluitenlijst maken" not in page


def test_a_broker_that_is_down_leaves_the_ketenkamers_list_failed_with_a_reason(
    cast, client_for, ketenkamer, monkeypatch, django_capture_on_commit_callbacks
):
    from redis.exceptions import ConnectionError as RedisConnectionError

    from zvhd.jobs import NOT_QUEUED_MESSAGE, queue

    def refuse(*args, **kwargs):
        raise RedisConnectionError("down")

    class Unsendable:
        apply_async = staticmethod(refuse)

    monkeypatch.setattr(queue, "_signature", lambda name, job_id: Unsendable())
    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.ondersteuner).post(reverse("cases:decision_list", args=[ketenkamer.pk]))
    ketenkamer.refresh_from_db()
    assert ketenkamer.decision_list_status == "failed"
    assert ketenkamer.decision_list_error == NOT_QUEUED_MESSAGE


def test_a_triage_decision_in_a_ketenkamer_still_lands_on_its_decision_list(cast, ketenkamer):
    from cases.viewmodels import decision_list

    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.IN_TRIAGE,
        decided_by=cast.ondersteuner,
    )
    case_services.decide_triage(
        case=case,
        decided_by=cast.ondersteuner,
        ketenkamer=ketenkamer,
        decision=Decision.NIET_OPGEPAKT,
        criteria=case_services.Criteria(),
        referred_to="Wijkteam Assen",
        reason="Geen meervoudige problematiek",
    )
    view = ketenkamer.decision_list_view()
    assert view == decision_list(ketenkamer)
    assert [row.number for row in view.rows] == [case.number]


def test_the_ketenkamer_list_pages_through_every_ketenkamer_in_the_same_queries(
    cast, client_for, django_assert_max_num_queries
):
    # It showed the latest 30 and no more: a ketenkamer of last spring could not be reached.
    first = date(2025, 1, 2)
    for week in range(60):
        case_services.plan_ketenkamer(
            date=first + timedelta(weeks=week), planned_by=cast.ondersteuner
        )
    client = client_for(cast.ondersteuner)
    url = reverse("cases:ketenkamer_list")
    client.get(url)
    with django_assert_max_num_queries(12) as first_page:
        page_one = client.get(url).content.decode()
    last = first + timedelta(weeks=59)
    oldest = Ketenkamer.objects.get(date=first)
    assert f"{Ketenkamer.objects.count()} geplande en gehouden ketenkamers" in page_one
    assert detail(Ketenkamer.objects.get(date=last)) in page_one
    assert detail(oldest) not in page_one
    with django_assert_max_num_queries(len(first_page.captured_queries)):
        page_three = client.get(url, {"page": 3}).content.decode()
    assert detail(oldest) in page_three
    assert 'aria-label="Paginering ketenkamers"' in page_three


def test_the_list_says_which_meetings_are_planned_and_how_many_decisions_each_took(
    cast, client_for
):
    today = date.today()
    held = case_services.plan_ketenkamer(
        date=today - timedelta(days=7), planned_by=cast.ondersteuner
    )
    coming = case_services.plan_ketenkamer(
        date=today + timedelta(days=7), planned_by=cast.ondersteuner
    )
    for _ in range(2):
        case = make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.IN_TRIAGE,
            registered_at=timezone.now() - timedelta(days=14),
        )
        case_services.decide_triage(
            case=case,
            decided_by=cast.ondersteuner,
            ketenkamer=held,
            decision=Decision.NIET_OPGEPAKT,
            criteria=case_services.Criteria(),
            referred_to="Wijkteam Assen",
            reason="Geen meervoudige problematiek",
        )
    make_case(registered_by=cast.partner, municipality=cast.assen, status=Status.IN_TRIAGE)
    response = client_for(cast.ondersteuner).get(reverse("cases:ketenkamer_list"))
    rows = {k.pk: (k.planned, k.decided) for k in response.context["ketenkamers"]}
    assert rows == {coming.pk: (True, 0), held.pk: (False, 2)}
    page = response.content.decode()
    assert "Gepland" in page and "Gehouden" in page
    assert "1 aanmelding in triage wacht op een besluit van de ketenkamer." in page
