"""One person whose records closed in 2019, in cases, aftercare and trafficking, with their
name and BSN in every place a name can go (related persons, enrichment, plan, meetings,
actions, contact moments, signal description...). Built through the real services; only the
dates are moved back to 2019 afterwards (the services refuse dates in the past for new work).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from aftercare import services as aftercare_services
from aftercare.models import AftercareRecord, ClosingReason, Source
from cases import services as case_services
from cases.models import Case, CaseMeeting, LegalBasis, Status, TriageDecision
from tests.aftercare.factories import make_record, participate, valid_bsn
from tests.cases.factories import make_case, person_data
from tests.trafficking.factories import make_signal
from trafficking.models import Signal, SignalStatus

FIRST = "Marijke"
LAST = "Oudewaterlander"
RELATED = "Hendrik Oudewaterlander"
BIRTH = date(1981, 7, 9)
CLOSED = date(2019, 6, 3)
YEAR = 2019
AMS = ZoneInfo("Europe/Amsterdam")


def make_expired_person(cast, *, bsn=None, closed_on=CLOSED, while_open=None):
    """Returns {"bsn", "case", "registration", "record", "signal"}, all closed on `closed_on`.

    `while_open(case, bsn)`: more work on the case before it closes (its dates are moved back
    with the case's); what it returns is in the result as "extra"."""
    bsn = bsn or valid_bsn()
    mention = f"{FIRST} {LAST} (BSN {bsn}) woont bij {RELATED}."
    case = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        person=person_data(
            cast.assen,
            first_name=FIRST,
            last_name=LAST,
            birth_date=BIRTH,
            bsn=bsn,
            address="Kerkstraat 12",
            phone="0612345678",
            email="marijke@example.nl",
        ),
        related_persons=[{"name": RELATED, "relation": "partner", "notes": mention}],
        reason=mention,
    )
    case_services.add_enrichment(
        legal_basis=LegalBasis.objects.get(code="wpg"),
        purpose="Beoordelen",
        case=case,
        added_by=cast.regisseur,
        text=mention,
        shared_with="zvhd",
    )
    case_services.save_plan(
        case=case, saved_by=cast.regisseur, summary=mention, review_on=None, expected_version=None
    )
    goal = case_services.add_goal(
        case=case, added_by=cast.regisseur, life_domain="wonen", description=mention[:900]
    )
    case_services.add_action(
        case=case,
        added_by=cast.regisseur,
        description=f"Bel {FIRST} {LAST}",
        owner_organisation=cast.ggz,
        due_on=date.today(),
        goal=goal,
    )
    case_services.record_meeting(
        case=case,
        recorded_by=cast.regisseur,
        date=date.today(),
        other_attendees=RELATED,
        notes=mention,
        decisions=mention,
    )
    extra = while_open(case, bsn) if while_open is not None else None
    case_services.close_case(case=case, closed_by=cast.regisseur, reason="doel_bereikt", note=LAST)
    registration = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        status=Status.NIET_OPGEPAKT,
        person=case.person,
        reason=mention,
    )
    _move_case_back(case, closed_on)
    _move_case_back(registration, closed_on, closed=False)

    year = date.today().year
    participate(cast.assen, YEAR, year)
    record = make_record(
        municipality=cast.assen,
        by=cast.nazorg,
        first_names=FIRST,
        last_name=LAST,
        birth_date=BIRTH,
        bsn=bsn,
    )
    aftercare_services.add_enrichment(
        record=record, source=Source.DJI, text=mention, added_by=cast.nazorg
    )
    aftercare_services.add_contact_moment(
        record=record,
        on=date.today(),
        with_whom="gedetineerde",
        help_offered=mention,
        accepted="ja",
        notes=mention,
        by=cast.nazorg,
    )
    aftercare_services.close_record(
        record=record, reason=ClosingReason.OTHER, note=mention, closed_by=cast.nazorg
    )
    AftercareRecord._base_manager.filter(pk=record.pk).update(
        notified_on=date(YEAR, 2, 1),
        detention_start=date(YEAR - 1, 12, 1),
        expected_release=date(YEAR, 3, 1),
        actual_release=date(YEAR, 3, 1),
        closed_on=closed_on,
    )
    signal = make_signal(
        by=cast.mensenhandel,
        organisation=cast.ggz,
        municipality=cast.assen,
        first_name=FIRST,
        last_name=LAST,
        birth_date=BIRTH,
        bsn=bsn,
        received_on=date(YEAR, 2, 1),
        alias="MO",
    )
    Signal._base_manager.filter(pk=signal.pk).update(
        status=SignalStatus.CLOSED, closed_on=closed_on, description=mention
    )
    return {
        "bsn": bsn,
        "case": Case._base_manager.get(pk=case.pk),
        "registration": Case._base_manager.get(pk=registration.pk),
        "record": AftercareRecord._base_manager.get(pk=record.pk),
        "signal": Signal._base_manager.get(pk=signal.pk),
        "extra": extra,
    }


def tables_and_programme(cast):
    """A `while_open` for `make_expired_person`: the case in a programme and on a casustafel
    (decision and action naming the person), and the person on a routeeroverleg by name and
    BSN, without a case (its own retention kind). Moved back to February 2019."""
    from programmes.models import CaseProgramme, Programme
    from programmes.services import add_case_programme
    from tables import services as table_services
    from tables.models import ItemKind, Meeting, TableAction
    from tests.tables.factories import make_meeting, make_table

    def work(case, bsn):
        mention = f"{FIRST} {LAST} (BSN {bsn})"
        period = add_case_programme(
            case=case,
            programme=Programme.objects.get(code="levensloopaanpak"),
            started_on=date.today(),
            added_by=cast.regisseur,
        )
        stalking = make_table(chair=cast.regisseur, members=[cast.partner])
        route = make_table(chair=cast.regisseur, code="routeeroverleg", name="Routeeroverleg")
        meetings = [make_meeting(stalking), make_meeting(route)]
        case_item = table_services.add_agenda_item(
            meeting=meetings[0], added_by=cast.regisseur, kind=ItemKind.CASE, case=case
        )
        person_item = table_services.add_agenda_item(
            meeting=meetings[1],
            added_by=cast.regisseur,
            kind=ItemKind.HOUSEHOLD,
            subject=f"{FIRST} {LAST} en {RELATED}",
            bsns=bsn,
        )
        for item in (case_item, person_item):
            table_services.record_decision(
                item=item,
                decided_by=cast.regisseur,
                expected_version=item.version,
                decision=f"Huisbezoek bij {mention}",
                action=f"Bel {FIRST} {LAST}",
                owner=cast.partner,
                due_on=date.today(),
            )
        Meeting._base_manager.filter(pk__in=[m.pk for m in meetings]).update(date=date(YEAR, 2, 4))
        TableAction._base_manager.filter(item__in=[case_item, person_item]).update(
            due_on=date(YEAR, 2, 18)
        )
        CaseProgramme._base_manager.filter(pk=period.pk).update(
            started_on=date(YEAR, 1, 21), ended_on=date(YEAR, 5, 1)
        )
        return {"case_item": case_item, "person_item": person_item, "period": period}

    return work


def _move_case_back(case, closed_on, *, closed=True):
    """The case as if registered in January 2019 and decided on 21 January."""
    decided = date(YEAR, 1, 21)
    Case._base_manager.filter(pk=case.pk).update(
        registered_at=datetime(YEAR, 1, 14, 10, 0, tzinfo=AMS),
        triaged_on=decided if closed else closed_on,
        started_on=decided if closed else None,
        closed_on=closed_on if closed else None,
    )
    TriageDecision._base_manager.filter(case=case).update(
        decided_on=decided if closed else closed_on
    )
    CaseMeeting._base_manager.filter(case=case).update(date=date(YEAR, 2, 4))
