"""The table engine: agenda, decisions, actions, bad input, the routeeroverleg's "known
elsewhere?", query counts and the decision list PDF."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Action, Status
from tables.lookup import other_registrations
from tables.models import ItemKind, TableAction
from tests.cases.factories import make_case
from tests.tables.factories import add_case, decide, make_meeting, make_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def table(cast):
    return make_table(chair=cast.regisseur, members=[cast.partner], organisations=[cast.politie])


@pytest.fixture
def meeting(table):
    return make_meeting(table)


def own_case(cast, **extra):
    return make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        **extra,
    )


def item_url(meeting):
    return reverse("tables:item_add", args=[meeting.pk])


def test_an_agenda_item_for_a_case_the_chair_may_not_see_is_refused_at_the_field(
    cast, client_for, meeting
):
    other = make_case(
        registered_by=cast.partner_other,
        municipality=cast.emmen,
        status=Status.ACTIEF,
        director=cast.regisseur_other,
    )
    page = client_for(cast.regisseur).post(
        item_url(meeting), {"kind": "casus", "case_number": other.number}
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Deze casus kunt u niet aan de tafel voorleggen" in text
    assert f'value="{other.number}"' in text  # nothing typed is lost
    assert not meeting.items.exists()


def test_an_unknown_case_number_gets_the_same_message_as_a_hidden_one(cast, client_for, meeting):
    page = client_for(cast.regisseur).post(
        item_url(meeting), {"kind": "casus", "case_number": "1999-9999"}
    )
    assert "Deze casus kunt u niet aan de tafel voorleggen" in page.content.decode()


def test_a_case_the_chair_directs_goes_on_the_agenda(cast, client_for, meeting):
    case = own_case(cast)
    answer = client_for(cast.regisseur).post(
        item_url(meeting), {"kind": "casus", "case_number": case.number}
    )
    assert answer.status_code == 302
    assert meeting.items.get().case == case


def test_a_person_without_a_description_and_a_wrong_bsn_get_dutch_messages(
    cast, client_for, meeting
):
    page = client_for(cast.regisseur).post(
        item_url(meeting), {"kind": "persoon", "subject": "", "bsns": "123456789"}
    )
    text = page.content.decode()
    assert "Geen geldig BSN: 123456789" in text
    assert not meeting.items.exists()


def test_a_meeting_date_outside_1900_2100_is_refused_at_the_field(cast, client_for, table):
    page = client_for(cast.regisseur).post(
        reverse("tables:table_detail", args=[table.pk]), {"date": "2101-01-01"}
    )
    assert page.status_code == 200
    assert "Vul een datum in tussen 1 januari 1900 en 31 december 2100." in page.content.decode()
    assert not table.meetings.exists()


def test_an_empty_decision_and_an_action_due_before_the_meeting_are_refused_and_kept(
    cast, client_for, meeting
):
    item = add_case(meeting, own_case(cast))
    before = meeting.date - timedelta(days=1)
    page = client_for(cast.regisseur).post(
        reverse("tables:decision", args=[item.pk]),
        {
            "decision": "   ",
            "action": "Huisbezoek afleggen",
            "owner": cast.partner.pk,
            "due_on": before.isoformat(),
            "version": item.version,
        },
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Vul het besluit in." in text
    assert "De actie kan niet vóór het overleg van" in text
    assert 'value="Huisbezoek afleggen"' in text
    assert not TableAction.objects.exists()


def test_a_decision_on_a_case_creates_the_case_action_too(cast, meeting):
    case = own_case(cast)
    item = add_case(meeting, case)
    decide(item, action="Stopgesprek voeren", owner=cast.partner)
    action = TableAction.objects.get()
    assert action.owner_organisation == cast.ggz
    assert action.case_action == Action.objects.get(case=case)
    assert action.case_action.description == "Stopgesprek voeren"


def test_the_owner_setting_the_status_moves_the_case_action_too(cast, client_for, meeting):
    item = add_case(meeting, own_case(cast))
    decide(item, action="Stopgesprek voeren", owner=cast.partner)
    action = TableAction.objects.get()
    answer = client_for(cast.partner).post(
        reverse("tables:action_status", args=[action.pk]), {"status": "gereed"}
    )
    assert answer.status_code == 302
    action.refresh_from_db()
    assert action.status == "gereed" and action.case_action.status == "gereed"


def test_a_meeting_moved_after_its_actions_fall_due_is_refused(cast, client_for, meeting):
    item = add_case(meeting, own_case(cast))
    decide(item, action="Stopgesprek voeren", owner=cast.partner, due_in_days=3)
    page = client_for(cast.regisseur).post(
        reverse("tables:meeting_detail", args=[meeting.pk]),
        {"date": (meeting.date + timedelta(days=10)).isoformat(), "version": meeting.version},
    )
    assert page.status_code == 200
    assert "het overleg kan niet later liggen" in page.content.decode()


def test_the_routeeroverleg_shows_whether_a_household_is_registered_elsewhere(cast, client_for):
    from tables import services
    from tests.cases.factories import person_data

    bsn = "111222333"
    # Two registrations of one person (same BSN): one register person, two records.
    own_case(cast, person=person_data(cast.assen, bsn=bsn))
    own_case(cast, person=person_data(cast.assen, bsn=bsn, last_name="Anders"))
    table = make_table(chair=cast.regisseur, code="routeeroverleg", name="Routeeroverleg")
    meeting = make_meeting(table)
    known = services.add_agenda_item(
        meeting=meeting,
        added_by=cast.regisseur,
        kind=ItemKind.HOUSEHOLD,
        subject="Huishouden B.",
        bsns=bsn,
    )
    unknown = services.add_agenda_item(
        meeting=meeting,
        added_by=cast.regisseur,
        kind=ItemKind.PERSON,
        subject="J.T.",
        bsns="123456782",
    )
    found = other_registrations({known.pk: known.bsn_list, unknown.pk: unknown.bsn_list})
    assert found[known.pk].count == 2 and not found[unknown.pk].known
    page = client_for(cast.regisseur).get(reverse("tables:meeting_detail", args=[meeting.pk]))
    assert "ja, 2 aanmeldingen" in page.content.decode()


def test_the_table_and_meeting_pages_do_not_grow_with_their_rows(
    cast, client_for, table, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tables import services

    meeting = make_meeting(table)

    def add_rows(n):
        make_meeting(table, day=date(2026, 1, 1) + timedelta(days=n))
        item = add_case(meeting, own_case(cast))
        decide(item, action=f"Actie {n}", owner=cast.partner)
        services.add_agenda_item(
            meeting=meeting, added_by=cast.regisseur, kind=ItemKind.PERSON, subject=f"P{n}"
        )

    pages = [
        (cast.regisseur, reverse("tables:table_detail", args=[table.pk]), 20),
        (cast.regisseur, reverse("tables:meeting_detail", args=[meeting.pk]), 30),
        (cast.regisseur, reverse("tables:table_list"), 17),
        (cast.partner, reverse("tables:my_actions"), 20),
    ]

    def counts():
        found = []
        for user, url, limit in pages:
            client = client_for(user)
            with (
                django_assert_max_num_queries(limit),
                CaptureQueriesContext(connection) as queries,
            ):
                assert client.get(url).status_code == 200
            found.append([q["sql"][:150] for q in queries.captured_queries])
        return found

    add_rows(0)
    add_rows(1)  # two rows: the access log writes a list from the second row on
    one = counts()
    for n in range(2, 7):
        add_rows(n)
    six = counts()
    for page, (before, after) in enumerate(zip(one, six, strict=True)):
        extra = [sql for sql in after if sql not in before]
        # At most one more: the access log's list write for the named cases
        # (zvhd.privacy.services.log_list_access), the same from a handful of rows on.
        assert len(after) <= len(before) + 1, (page, extra)


def test_the_decision_list_pdf_is_made_by_the_job_and_lists_numbers_not_names(
    cast, client_for, meeting
):
    from django.template.loader import render_to_string

    from tables.tasks import render_decision_list
    from tables.viewmodels import decision_list
    from zvhd.meetings.services import request_decision_list

    case = own_case(cast)
    item = add_case(meeting, case)
    decide(item, action="Stopgesprek voeren", owner=cast.partner)
    request_decision_list(meeting=meeting, requested_by=cast.regisseur)
    render_decision_list.apply(args=[meeting.pk])
    meeting.refresh_from_db()
    assert meeting.decision_list_status == "done"
    url = reverse("tables:decision_list", args=[meeting.pk])
    pdf = client_for(cast.partner).get(url, {"download": 1})
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    html = render_to_string("tables/pdf/decision_list.html", {"view": decision_list(meeting)})
    assert case.number in html and "Stopgesprek voeren" in html
    assert case.person.last_name not in html


def test_the_ketenkamer_is_one_kind_of_table_and_keeps_its_own_pages(cast, client_for):
    page = client_for(cast.ondersteuner).get(reverse("tables:table_list")).content.decode()
    assert reverse("cases:ketenkamer_list") in page
    # Not a second engine beside it: a new table cannot be of the kind ketenkamer.
    assert 'value="ketenkamer"' not in page


def test_today_is_fine_for_a_meeting(cast, table):
    assert make_meeting(table, day=timezone.localdate()).pk


def test_the_table_list_counts_each_tables_meetings_in_a_fixed_number_of_queries(cast, client_for):
    """Counted per table shown (a subquery), not by joining every meeting (issue 24)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    busy = make_table(chair=cast.regisseur, name="Tafel met overleggen")
    quiet = make_table(chair=cast.regisseur, name="Tafel zonder overleggen")
    client = client_for(cast.regisseur)
    url = reverse("tables:table_list")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for weeks in range(3):
        make_meeting(busy, day=timezone.localdate() + timedelta(weeks=weeks))
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(after) == len(before)
    tables = {t.pk: t for t in response.context["tables"]}
    assert tables[busy.pk].meeting_count == 3
    assert tables[quiet.pk].meeting_count == 0


def test_a_meeting_still_to_come_takes_its_agenda_but_no_decision_before_its_day(
    cast, client_for, table
):
    """As the ketenkamer and the Drieluik (seen on the Drieluik on 2026-12-07): next week's
    meeting offered "Besluit vastleggen" on every agenda item and the service recorded it."""
    from django.core.exceptions import ValidationError

    meeting = make_meeting(table, day=timezone.localdate() + timedelta(days=7))
    item = add_case(meeting, own_case(cast))
    with pytest.raises(ValidationError, match="is nog niet geweest"):
        decide(item)
    client = client_for(cast.regisseur)
    page = client.get(reverse("tables:meeting_detail", args=[meeting.pk])).content.decode()
    assert "vanaf die dag vast" in page
    assert reverse("tables:decision", args=[item.pk]) not in page
    assert reverse("tables:decision_list", args=[meeting.pk]) not in page
    assert "Agendapunt toevoegen" in page  # the agenda is prepared beforehand
    response = client.get(reverse("tables:decision", args=[item.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("tables:meeting_detail", args=[meeting.pk])
    assert "is nog niet geweest" in response.content.decode()

    # On its day it counts as held.
    today = make_meeting(table)
    item = add_case(today, own_case(cast))
    page = client.get(reverse("tables:meeting_detail", args=[today.pk])).content.decode()
    assert reverse("tables:decision", args=[item.pk]) in page
    assert "vanaf die dag vast" not in page
    assert decide(item).decision


def test_the_table_list_says_when_each_table_meets_next(cast, client_for, table):
    """Seen as the OM liaison on 2026-12-07: the list counted the meetings but did not say
    when the next one is."""
    from cases.models import Ketenkamer

    today = timezone.localdate()
    make_meeting(table, day=today - timedelta(days=14))
    make_meeting(table, day=today + timedelta(days=21))
    make_meeting(table, day=today + timedelta(days=7))
    quiet = make_table(chair=cast.regisseur, name="Experttafel Zuid")
    make_meeting(quiet, day=today - timedelta(days=30))
    page = client_for(cast.regisseur).get(reverse("tables:table_list"))
    rows = {t.pk: t for t in page.context["tables"]}
    assert rows[table.pk].next_meeting == today + timedelta(days=7)
    assert rows[quiet.pk].next_meeting is None
    assert "niet gepland" in page.content.decode()
    # The ketenkamer's table: its meetings are the ketenkamers.
    Ketenkamer.objects.create(date=today + timedelta(days=3))
    Ketenkamer.objects.create(date=today - timedelta(days=4))
    page = client_for(cast.regisseur).get(reverse("tables:table_list"))
    (ketenkamer,) = [t for t in page.context["tables"] if t.is_ketenkamer]
    assert ketenkamer.next_meeting == today + timedelta(days=3)


def test_a_meeting_with_decisions_cannot_be_moved_into_the_future(cast, client_for, meeting):
    """A meeting still to come takes no decisions; one that has them was held (else its
    decisions and decision list would hide behind 'still to come')."""
    decide(add_case(meeting, own_case(cast)))
    page = client_for(cast.regisseur).post(
        reverse("tables:meeting_detail", args=[meeting.pk]),
        {"date": (meeting.date + timedelta(days=10)).isoformat(), "version": meeting.version},
    )
    assert page.status_code == 200
    assert "kan niet in de toekomst liggen" in page.content.decode()
    meeting.refresh_from_db()
    assert meeting.date == timezone.localdate()
