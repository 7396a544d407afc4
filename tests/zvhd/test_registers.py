"""The aftercare and trafficking registers: open work first, a total, an export of the
filtered list that the access log records; the access log names roles and record numbers;
allauth and simple-history speak formal Dutch (issue 23). Saved filters, the export's bounds
and its log on every list: tests/zvhd/test_list_tools.py."""

import io

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override

from aftercare import services as aftercare_services
from aftercare.models import ClosingReason
from tests.aftercare.factories import make_record, participate
from tests.trafficking.factories import make_signal
from trafficking.models import Signal
from zvhd.privacy.models import AccessAction, AccessLog

# Above the column headers: the title, the filters, the order, who made it when, a blank row.
HEADER_ROWS = 5


@pytest.fixture
def aftercare_world(cast):
    from django.utils import timezone

    from aftercare.models import Participation

    Participation.objects.all().delete()
    year = timezone.localdate().year
    participate(cast.assen, year - 1, year)
    closed = make_record(
        municipality=cast.assen, by=cast.nazorg, days_to_release=-200, last_name="Dicht"
    )
    aftercare_services.close_record(
        record=closed, reason=ClosingReason.values[0], note="klaar", closed_by=cast.nazorg
    )
    running = make_record(
        municipality=cast.assen, by=cast.nazorg, days_to_release=20, last_name="Open"
    )
    return closed, running


def test_the_aftercare_register_shows_running_files_first_with_a_total(
    cast, client_for, aftercare_world
):
    closed, running = aftercare_world
    response = client_for(cast.nazorg).get(reverse("aftercare:record_list"))
    rows = [row.record.pk for row in response.context["table"].page.object_list]
    assert rows.index(running.pk) < rows.index(closed.pk)
    assert response.context["register_total"] == 2
    assert "2 nazorgdossiers, lopende dossiers eerst" in response.content.decode()


def test_one_row_is_counted_in_the_singular_on_the_page_and_in_the_export(
    cast, client_for, aftercare_world
):
    """ "1 nazorgdossiers" on the register filtered to one file, and in its export's header."""
    from openpyxl import load_workbook

    client = client_for(cast.nazorg)
    page = client.get(reverse("aftercare:record_list"), {"status": "afgesloten"})
    assert "1 nazorgdossier, lopende dossiers eerst" in page.content.decode()
    export = client.get(reverse("aftercare:record_list_export"), {"status": "afgesloten"})
    made = load_workbook(io.BytesIO(export.content)).active.cell(4, 1).value
    assert made.endswith("; 1 nazorgdossier."), made


def test_the_aftercare_register_shows_the_soonest_release_first_and_the_latest_closed_first(
    cast, client_for, aftercare_world
):
    # Running files: the next release at the top. Closed files after them, the one released
    # last first: the coordinator looks for the file she just closed, not one of years ago.
    closed, running = aftercare_world
    later = make_record(
        municipality=cast.assen, by=cast.nazorg, days_to_release=5, last_name="Eerder"
    )
    closed_recently = make_record(
        municipality=cast.assen, by=cast.nazorg, days_to_release=-30, last_name="Recent"
    )
    aftercare_services.close_record(
        record=closed_recently,
        reason=ClosingReason.values[0],
        note="klaar",
        closed_by=cast.nazorg,
    )
    response = client_for(cast.nazorg).get(reverse("aftercare:record_list"))
    rows = [row.record.pk for row in response.context["table"].page.object_list]
    assert rows == [later.pk, running.pk, closed_recently.pk, closed.pk]
    assert "afgesloten dossiers daarna, het laatste ontslag eerst" in response.content.decode()


def test_the_aftercare_register_exports_the_filtered_list_and_logs_each_record(
    cast, client_for, aftercare_world
):
    from openpyxl import load_workbook

    closed, running = aftercare_world
    response = client_for(cast.nazorg).get(
        reverse("aftercare:record_list_export"), {"status": "afgesloten"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="nazorgdossiers-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = HEADER_ROWS + 1
    assert sheet.cell(header, 1).value == "Dossier"
    names = [sheet.cell(r, 2).value for r in range(header + 1, sheet.max_row + 1)]
    assert names == [closed.full_name]
    release = sheet.cell(header + 1, 5)
    assert release.number_format == "dd-mm-yyyy"
    exported = AccessLog.objects.filter(action=AccessAction.EXPORT).exclude(object_id="")
    assert list(exported.values_list("object_id", flat=True)) == [str(closed.pk)]
    assert exported.get().username == cast.nazorg.username


def test_a_municipal_contact_cannot_export_the_coordinators_register(
    cast, client_for, aftercare_world
):
    response = client_for(cast.gemeente).get(reverse("aftercare:record_list_export"))
    assert response.status_code == 403
    assert not AccessLog.objects.filter(action=AccessAction.EXPORT).exists()


@pytest.fixture
def signals(cast):
    from datetime import date

    from trafficking import services

    old_open = make_signal(
        by=cast.mensenhandel, organisation=cast.politie, received_on=date(2025, 1, 5)
    )
    new_closed = make_signal(
        by=cast.mensenhandel,
        organisation=cast.politie,
        received_on=date(2025, 6, 1),
        bsn="123456782",
    )
    # Closed as the Drieluik's "geen opvolging" closes it (services.record_decision).
    services._move(new_closed, "afgesloten", cast.mensenhandel)
    return old_open, new_closed


def test_the_trafficking_register_shows_open_signals_first_and_exports_for_the_director(
    cast, client_for, signals
):
    from openpyxl import load_workbook

    client = client_for(cast.mensenhandel)
    response = client.get(reverse("trafficking:signal_list"))
    assert response.context["register_total"] == Signal.objects.count()
    assert "lopende signalen eerst" in response.content.decode()
    statuses = [row.record.status for row in response.context["table"].page.object_list]
    assert statuses == ["geregistreerd", "afgesloten"]
    response = client.get(reverse("trafficking:signal_list_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == HEADER_ROWS + 1 + Signal.objects.count()
    exported = AccessLog.objects.filter(action=AccessAction.EXPORT).exclude(object_id="")
    assert exported.count() == Signal.objects.count()


def test_the_access_log_names_roles_and_record_numbers(cast, client_for, aftercare_world):
    closed, running = aftercare_world
    client_for(cast.nazorg).get(reverse("aftercare:record_detail", args=[running.pk]))
    page = client_for(cast.privacy).get(reverse("privacy:access_log")).content.decode()
    assert "Nazorgcoördinator" in page
    assert "nazorgcoordinator" not in page
    assert running.number in page


def test_login_and_logout_texts_and_history_kinds_are_formal_dutch():
    with override("nl"):
        assert gettext("Successfully signed in as %(name)s.") == "U bent ingelogd als %(name)s."
        assert gettext("You have signed out.") == "U bent uitgelogd."
        wrong = gettext("The username and/or password you specified are not correct.")
        assert wrong == "De gebruikersnaam of het wachtwoord is onjuist."
        assert gettext("Changed") == "Gewijzigd"


def test_a_wrong_password_is_answered_formally(client, cast):
    response = client.post(
        reverse("account_login"), {"login": cast.nazorg.username, "password": "fout"}
    )
    page = response.content.decode()
    assert "Je " not in page and " je " not in page
    assert "onjuist" in page


def test_a_user_s_history_says_gewijzigd_not_changed(cast, client_for):
    cast.nazorg.first_name = "Nina"
    cast.nazorg.save()
    page = (
        client_for(cast.beheerder)
        .get(reverse("network:user_detail", args=[cast.nazorg.pk]))
        .content.decode()
    )
    assert "Changed" not in page


# ---------------------------------------------------------------------------------------------
# The other registers of the walk: paginated, open work first, a total (issue 23)


def test_the_inbox_shows_unread_first_with_a_total(cast, client_for):
    from inbox import kinds
    from inbox.models import Notification

    rows = Notification.objects.bulk_create(
        [Notification(recipient=cast.regisseur, kind=kinds.ESCALATION) for _ in range(30)]
    )
    # The newest are read, the oldest two are not: those come first.
    Notification.objects.filter(pk__in=[r.pk for r in rows[2:]]).update(
        read_at="2026-01-01T10:00:00Z"
    )
    page = client_for(cast.regisseur).get(reverse("inbox:list"))
    entries = page.context["entries"]
    assert [e.id for e in entries[:2]] == [rows[1].id, rows[0].id]
    assert [e.unread for e in entries[:3]] == [True, True, False]
    assert len(entries) == 25
    text = page.content.decode()
    assert "30 meldingen, waarvan 2 ongelezen; ongelezen eerst, daarna de nieuwste." in text
    assert "1–25 van 30" in text


@pytest.fixture
def actions(cast):
    from cases.models import ActionStatus, Status
    from tables.models import TableAction
    from tests.cases.factories import make_case
    from tests.tables.factories import add_case, decide, make_meeting, make_table

    table = make_table(chair=cast.regisseur, members=[cast.partner])
    meeting = make_meeting(table)
    made = []
    for n, status in enumerate(
        [ActionStatus.DONE, ActionStatus.OPEN, ActionStatus.CANCELLED, ActionStatus.IN_PROGRESS]
    ):
        case = make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.ACTIEF,
            director=cast.regisseur,
        )
        item = add_case(meeting, case)
        decide(item, action=f"Actie {n}", owner=cast.partner, organisation=cast.ggz, due_in_days=n)
        action = TableAction.objects.get(item=item)
        TableAction.objects.filter(pk=action.pk).update(status=status)
        made.append(action)
    return made


def test_my_table_actions_show_open_and_running_ones_first_with_a_total(cast, client_for, actions):
    done, open_, cancelled, running = actions
    page = client_for(cast.partner).get(reverse("tables:my_actions"))
    assert [a.pk for a in page.context["actions"]] == [
        open_.pk,
        running.pk,
        done.pk,
        cancelled.pk,
    ]
    assert "4 acties, waarvan 2 nog te doen; open acties eerst, op datum" in page.content.decode()


def test_my_table_actions_are_paged(cast, client_for, actions, monkeypatch):
    from tables.views import MyActionsView

    monkeypatch.setattr(MyActionsView, "PAGE_SIZE", 3)
    client = client_for(cast.partner)
    first = client.get(reverse("tables:my_actions"))
    assert len(first.context["actions"]) == 3
    assert "1–3 van 4" in first.content.decode()
    assert len(client.get(reverse("tables:my_actions"), {"page": "2"}).context["actions"]) == 1
    assert client.get(reverse("tables:my_actions"), {"page": "xyz"}).status_code == 200


def test_my_table_actions_read_their_items_meetings_and_tables_in_one_query(
    cast, client_for, actions
):
    """The page's rows' agenda items come with their meeting and table in one query (a
    prefetch, not a join over all of the reader's actions: issue 24); nothing per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(cast.partner)
    client.get(reverse("tables:my_actions"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("tables:my_actions"))
    items = [q["sql"] for q in queries if 'FROM "tables_agendaitem"' in q["sql"]]
    assert len(items) == 1 and '"tables_table"' in items[0]
    html = page.content.decode()
    for action in page.context["actions"]:
        assert action.item.meeting.table.name in html


def test_the_tables_list_shows_active_tables_first_with_a_total(cast, client_for):
    from tables.models import Table
    from tests.tables.factories import make_table

    old = make_table(chair=cast.regisseur, name="Aaa oude tafel")
    Table.objects.filter(pk=old.pk).update(active=False)
    new = make_table(chair=cast.regisseur, name="Zzz nieuwe tafel")
    ketenkamer = Table.objects.get(kind__code="ketenkamer")  # the cast's; the director sits at it
    page = client_for(cast.regisseur).get(reverse("tables:table_list"))
    assert [t.pk for t in page.context["tables"]] == [ketenkamer.pk, new.pk, old.pk]
    assert "3 tafels, actieve tafels eerst" in page.content.decode()


def test_merge_proposals_show_the_waiting_ones_first_paged_with_a_total(cast, client_for):
    from persons.models import MergeProposal, MergeStatus
    from tests.persons.factories import make_person

    made = []
    for n, status in enumerate([MergeStatus.MERGED, MergeStatus.PROPOSED, MergeStatus.REJECTED]):
        made.append(
            MergeProposal.objects.create(
                survivor=make_person(last_name=f"Een{n}"),
                merged=make_person(last_name=f"Twee{n}"),
                reason="Zelfde persoon",
                proposed_by=cast.beheerder,
                status=status,
            )
        )
    page = client_for(cast.manager).get(reverse("persons:duplicates"))
    assert [p.pk for p in page.context["proposals"]] == [made[1].pk, made[2].pk, made[0].pk]
    assert "3 voorstellen, wachtende voorstellen eerst, daarna de nieuwste" in (
        page.content.decode()
    )
    assert (
        client_for(cast.manager).get(reverse("persons:duplicates"), {"page": "99"}).status_code
        == 200
    )


def test_the_access_log_says_its_total(cast, client_for, aftercare_world):
    closed, running = aftercare_world
    client = client_for(cast.nazorg)
    client.get(reverse("aftercare:record_detail", args=[running.pk]))
    client.get(reverse("aftercare:record_detail", args=[closed.pk]))
    page = client_for(cast.privacy).get(reverse("privacy:access_log"), {"action": "view"})
    assert "2 regels, nieuwste eerst" in page.content.decode()


def test_a_sorted_register_page_logs_the_rows_it_shows_and_counts_the_list_once(
    cast, client_for, aftercare_world
):
    """The table is the register's one paginator (zvhd.registers). ListView paginated the
    same list again by `paginate_by`: a second COUNT and a second read of a page, and that
    page, in the queryset's order, was what the access log recorded, so a list sorted by a
    column logged other records than the ones on the screen (issue 24)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    closed, running = aftercare_world
    names = ["Zwart", "Aalders", "Mol"]
    for name in names:
        make_record(municipality=cast.assen, by=cast.nazorg, days_to_release=40, last_name=name)
    client = client_for(cast.nazorg)
    url = reverse("aftercare:record_list")
    client.get(url)  # the form's caches
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"sort": "-name", "page": 1})
    shown = [row.record.pk for row in response.context["table"].page.object_list]
    logged = list(
        AccessLog.objects.filter(action=AccessAction.LIST, pk__gt=before)
        .order_by("pk")
        .values_list("object_id", flat=True)
    )
    assert logged == [str(pk) for pk in shown]
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(")]
    assert len(counts) == 1
    # A page past the end (a stale link after filtering) shows the last page, not a 404.
    past = client.get(url, {"page": 99})
    assert past.status_code == 200
    assert past.context["table"].page.number == past.context["table"].paginator.num_pages
    assert client.get(url, {"page": "abc"}).status_code == 200
