"""The tables and the programmes in the privacy work: what a subject access request (inzage)
finds of one person, the retention of a person or household discussed without a case, the
owner told of a table's action, and the access log of opening an agenda item."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from cases.models import Status
from inbox import kinds
from inbox.display import entries
from inbox.models import Notification
from programmes.models import Programme
from programmes.services import add_case_programme
from tables import privacy as table_privacy
from tables import services
from tables.models import AgendaItem, ItemKind, TableAction
from tests.aftercare.factories import valid_bsn
from tests.cases.factories import make_case, person_data
from tests.tables.factories import add_case, decide, make_meeting, make_table
from zvhd.privacy.models import AccessAction, AccessLog, RetentionKind, SubjectAccessRequest
from zvhd.privacy.registry import find_person, find_record, records_by_id
from zvhd.privacy.services import render_access_pdf

pytestmark = pytest.mark.django_db
BIRTH = date(1979, 11, 2)


def _case(cast, *, last_name, bsn, birth_date=BIRTH):
    return make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        person=person_data(
            cast.assen, first_name="Ilse", last_name=last_name, birth_date=birth_date, bsn=bsn
        ),
    )


def _subject(meeting, *, subject, bsns, kind=ItemKind.HOUSEHOLD):
    return services.add_agenda_item(
        meeting=meeting, added_by=meeting.table.chair, kind=kind, subject=subject, bsns=bsns
    )


@pytest.fixture
def world(cast):
    """Ilse Veenhuizen: her case on a casustafel and in a programme, her household on a
    routeeroverleg by BSN. Beside her: another person's case on the same meeting, a household
    with another BSN, and one whose BSN merely contains hers."""
    bsn, other_bsn = valid_bsn(), valid_bsn()
    case = _case(cast, last_name="Veenhuizen", bsn=bsn)
    other = _case(cast, last_name="Anderman", bsn=other_bsn)
    table = make_table(chair=cast.regisseur, members=[cast.partner])
    meeting = make_meeting(table)
    mine = add_case(meeting, case)
    decide(mine, decision="Stopgesprek", action="Gesprek met Ilse", owner=cast.partner)
    theirs = add_case(meeting, other)
    decide(theirs, decision="Niet van haar", action="Actie van een ander", owner=cast.partner)
    route = make_table(chair=cast.regisseur, code="routeeroverleg", name="Routeeroverleg Assen")
    route_meeting = make_meeting(route)
    household = _subject(route_meeting, subject="Gezin Veenhuizen", bsns=f"{other_bsn} {bsn}")
    decide(household, decision="Doorverwijzen naar wijkteam")
    _subject(route_meeting, subject="Gezin Anderman", bsns=other_bsn)
    _subject(route_meeting, subject="Gezin Langnummer", bsns=f"{bsn}0")
    programme = Programme.objects.get(code="levensloopaanpak")
    period = add_case_programme(
        case=case,
        programme=programme,
        started_on=timezone.localdate() - timedelta(days=30),
        added_by=cast.regisseur,
    )
    add_case_programme(
        case=other,
        programme=Programme.objects.get(code="tbs"),
        started_on=timezone.localdate(),
        added_by=cast.regisseur,
    )
    return {
        "bsn": bsn,
        "case": case,
        "mine": mine,
        "household": household,
        "period": period,
        "route_meeting": route_meeting,
    }


def _chapter(title, **search):
    return dict(find_person(**search))[title]


def _text(records):
    return "\n".join(
        f"{r.title}\n" + "\n".join(f"{name}: {value}" for name, value in r.fields) for r in records
    )


# --- inzage -----------------------------------------------------------------------------------


def test_the_inzage_holds_the_items_of_her_case_and_household_with_their_actions(cast, world):
    found = _chapter("Tafels", bsn=world["bsn"])
    assert [r.logged for r in found] == [[world["mine"]], [world["household"]]]
    text = _text(found)
    assert f"Bespreking van casus {world['case'].number} aan een tafel" in text
    assert "Stopgesprek" in text and "Gesprek met Ilse" in text
    assert "Uitvoerder: " + cast.partner.get_full_name() in text
    assert "Gezin Veenhuizen" in text and "Doorverwijzen naar wijkteam" in text
    assert f"Bespreking aan een tafel ({world['household'].reference})" in text
    for other in ("Niet van haar", "Actie van een ander", "Anderman", "Langnummer"):
        assert other not in text


def test_by_name_and_birth_date_her_household_is_found_through_the_bsn_of_her_case(world):
    found = _chapter("Tafels", last_name="veenhuizen", birth_date=BIRTH)
    assert [r.logged[0] for r in found] == [world["mine"], world["household"]]
    assert _chapter("Tafels", last_name="Veenhuizen", birth_date=date(1980, 1, 1)) == []


def test_the_inzage_lists_the_programme_periods_of_her_cases_only(world):
    (found,) = _chapter("Programma's", bsn=world["bsn"])
    assert found.title == f"Programma Levensloopaanpak bij casus {world['case'].number}"
    fields = dict(found.fields)
    assert fields["In het programma vanaf"] == world["period"].started_on.strftime("%d-%m-%Y")
    assert fields["Uit het programma op"] == "nog lopend"
    assert found.logged == [world["case"]]


def test_the_inzage_pdf_has_a_chapter_for_the_tables_and_the_programmes(
    cast, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    request = SubjectAccessRequest.objects.create(
        requester="Brief", bsn=world["bsn"], registered_by=cast.privacy
    )
    request.pdf_requested_by = cast.privacy
    render_access_pdf(request)
    path = tmp_path / "inzage.pdf"
    path.write_bytes(request.pdf.read())
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for needle in ("Tafels", "Programma's", "Gesprek met Ilse", "Gezin Veenhuizen"):
        assert needle in text
    assert "Anderman" not in text
    # Putting the items into the PDF is itself in the access log.
    exported = AccessLog.objects.filter(
        content_type=ContentType.objects.get_for_model(AgendaItem), action=AccessAction.EXPORT
    )
    assert {int(row.object_id) for row in exported} == {
        world["mine"].pk,
        world["household"].pk,
    }


# --- retention of a person or household without a case -----------------------------------------


def test_a_household_item_is_kept_two_years_after_its_last_action_then_due(cast, world):
    item = world["household"]
    meeting = world["route_meeting"]
    services.record_decision(
        item=item,
        decided_by=cast.regisseur,
        expected_version=item.version,
        decision="Doorverwijzen naar wijkteam",
        action="Wijkteam bellen",
        owner=cast.partner,
        due_on=meeting.date + timedelta(days=20),
    )
    (record,) = records_by_id("tables.agendaitem", [item.pk])
    assert record.kind == RetentionKind.TABLE_SUBJECT
    assert record.closed_on == meeting.date + timedelta(days=20)  # the action, not the meeting
    assert find_record(item.reference).pk == item.pk
    assert find_record(world["mine"].reference) is None  # a case's item follows the case
    until = record.closed_on.replace(year=record.closed_on.year + 2)
    kept = table_privacy.retention_records(kind=RetentionKind.TABLE_SUBJECT, closed_until=until)
    assert item.pk in {r.pk for r in kept}


def test_anonymising_a_household_item_leaves_no_name_bsn_or_old_version(
    cast, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = world["household"]
    services.record_decision(
        item=item,
        decided_by=cast.regisseur,
        expected_version=item.version,
        decision="Huisbezoek bij Ilse Veenhuizen",
        action="Bel Ilse Veenhuizen",
        owner=cast.partner,
        due_on=world["route_meeting"].date,
    )
    meeting = world["route_meeting"]
    meeting.decision_list_file.save("lijst.pdf", ContentFile(b"%PDF Veenhuizen"), save=True)
    assert table_privacy.anonymise([item.pk], reason="Vernietigd volgens lijst 1") == 1
    item.refresh_from_db()
    assert (item.subject, item.bsns, item.decision) == ("geanonimiseerd", "", "")
    assert item.kind == ItemKind.HOUSEHOLD and item.meeting_id == meeting.pk
    history = list(item.history.all())
    assert [h.history_change_reason for h in history] == ["Vernietigd volgens lijst 1"]
    action = TableAction.objects.get(item=item)
    assert action.description == "geanonimiseerd" and action.owner == cast.partner
    assert not any("Veenhuizen" in h.description for h in action.history.all())
    meeting.refresh_from_db()
    assert not meeting.decision_list_file
    # Her case's own item is untouched: it goes with the case.
    world["mine"].refresh_from_db()
    assert world["mine"].decision == "Stopgesprek"


def test_destroying_her_case_empties_its_table_items_and_keeps_the_programme_period(cast, world):
    from zvhd.privacy.registry import anonymise

    anonymise("cases.case", [world["case"].pk], reason="Vernietigd volgens lijst 2")
    mine = AgendaItem.objects.get(pk=world["mine"].pk)
    assert mine.decision == "" and mine.case_id == world["case"].pk
    assert [a.description for a in mine.actions.all()] == ["geanonimiseerd"]
    assert {h.history_change_reason for h in mine.history.all()} == {"Vernietigd volgens lijst 2"}
    period = world["period"]
    period.refresh_from_db()
    assert [h.history_change_reason for h in period.history.all()] == ["Vernietigd volgens lijst 2"]
    # Another person's item on the same meeting keeps its decision.
    assert AgendaItem.objects.filter(decision="Niet van haar").exists()


# --- the owner is told ------------------------------------------------------------------------


def test_the_owner_of_an_action_on_a_household_is_told_and_the_link_leads_to_their_actions(
    cast, world, client_for
):
    item = world["household"]
    services.record_decision(
        item=item,
        decided_by=cast.regisseur,
        expected_version=item.version,
        decision="Wijkteam inschakelen",
        action="Wijkteam bellen",
        owner=cast.partner_other,
        due_on=world["route_meeting"].date + timedelta(days=7),
    )
    action = TableAction.objects.get(item=item, description="Wijkteam bellen")
    (told,) = Notification.objects.filter(kind=kinds.TABLE_ACTION_ASSIGNED, target_id=action.pk)
    assert told.recipient == cast.partner_other and told.case_id is None
    assert told.actor == cast.regisseur
    (entry,) = entries(cast.partner_other, [told])
    assert entry.url == reverse("tables:my_actions")
    assert entry.sentence == "Een tafel heeft een actie aan u of uw organisatie toegewezen."
    opened = client_for(cast.partner_other).get(reverse("inbox:open", args=[told.pk]))
    assert opened.status_code == 302 and opened.url == reverse("tables:my_actions")


def test_an_action_on_a_case_tells_the_team_member_once_and_an_outsider_through_the_table(
    cast, world
):
    meeting = world["mine"].meeting
    item = add_case(meeting, _case(cast, last_name="Derde", bsn=valid_bsn()))
    decide(item, action="Door de teamgenoot", owner=cast.partner)
    item.refresh_from_db()
    decide(item, action="Door een buitenstaander", owner=cast.partner_other)
    about_actions = Notification.objects.filter(
        kind__in=[kinds.ACTION_ASSIGNED, kinds.TABLE_ACTION_ASSIGNED]
    )
    mine = about_actions.filter(recipient=cast.partner, case=item.case)
    assert [n.kind for n in mine] == [kinds.ACTION_ASSIGNED]  # the case's own, not twice
    outsider = about_actions.get(recipient=cast.partner_other)
    assert outsider.kind == kinds.TABLE_ACTION_ASSIGNED
    assert outsider.target == TableAction.objects.get(description="Door een buitenstaander")


def test_nobody_is_told_of_their_own_action(cast, world):
    item = world["household"]
    Notification.objects.all().delete()
    decide(item, action="Zelf doen", owner=cast.regisseur)
    assert not Notification.objects.exists()


# --- the access log ---------------------------------------------------------------------------


def _logged(user, item):
    return list(
        AccessLog.objects.filter(
            user=user,
            content_type=ContentType.objects.get_for_model(AgendaItem),
            object_id=str(item.pk),
        ).values_list("action", flat=True)
    )


def test_opening_an_item_about_a_case_logs_the_item_and_the_case(cast, client_for, world):
    item = world["mine"]
    page = client_for(cast.regisseur).get(reverse("tables:decision", args=[item.pk]))
    assert page.status_code == 200
    assert _logged(cast.regisseur, item) == [AccessAction.VIEW]
    assert AccessLog.objects.filter(
        user=cast.regisseur,
        content_type=ContentType.objects.get_for_model(world["case"]),
        object_id=str(world["case"].pk),
        action=AccessAction.VIEW,
    ).exists()


def test_the_meeting_page_logs_each_item_it_shows_and_a_non_member_is_refused_and_logged(
    cast, client_for, world
):
    meeting = world["mine"].meeting
    url = reverse("tables:meeting_detail", args=[meeting.pk])
    assert client_for(cast.partner).get(url).status_code == 200
    shown = set(
        AccessLog.objects.filter(
            user=cast.partner,
            content_type=ContentType.objects.get_for_model(AgendaItem),
            action=AccessAction.VIEW,
        ).values_list("object_id", flat=True)
    )
    assert shown == {str(i.pk) for i in meeting.items.all()}
    assert (
        client_for(cast.partner_other)
        .get(reverse("tables:decision", args=[world["mine"].pk]))
        .status_code
        == 404
    )
    assert AccessLog.objects.filter(
        user=cast.partner_other,
        content_type=ContentType.objects.get_for_model(AgendaItem),
        object_id=str(world["mine"].pk),
        allowed=False,
    ).exists()
