"""Find one person in the cases app for a subject access request (see zvhd/privacy/registry.py).

The person is the main person (`Person`) of one or more cases, or a `RelatedPerson` in the
system of someone else's case (found by name and birth date only: no BSN is kept there).
"""

from __future__ import annotations

from django.utils import timezone

from cases.models import UNKNOWN_BASIS, Case, Kind, Person, RelatedPerson, Status
from zvhd.privacy.registry import FoundRecord, display


def find_person(*, bsn="", last_name="", birth_date=None) -> list[FoundRecord]:
    if bsn:
        persons = Person.objects.filter(bsn=bsn)
    else:
        persons = Person.objects.filter(last_name__iexact=last_name, birth_date=birth_date)
    found = []
    for case in (
        Case.objects.filter(person__in=persons)
        .select_related(
            "person", "municipality", "registering_organisation", "director", "legal_basis"
        )
        .order_by("registered_at")
    ):
        person = case.person
        found.append(
            FoundRecord(
                title=f"Casus {case.number}",
                description=(
                    "U bent de betrokkene in deze casus van het Zorg- en Veiligheidshuis."
                ),
                fields=[
                    ("Naam", f"{person.first_name} {person.last_name}"),
                    ("Geboortedatum", display(person.birth_date)),
                    ("BSN", display(person.bsn)),
                    (
                        "Adres",
                        display(
                            ", ".join(
                                p for p in (person.address, person.postcode, person.city) if p
                            )
                        ),
                    ),
                    ("Woongemeente", display(person.municipality)),
                    ("Status", case.get_status_display()),
                    ("Aangemeld op", display(case.registered_at.date())),
                    ("Aangemeld door", display(case.registering_organisation)),
                    (
                        "Grondslag van de aanmelding",
                        str(case.legal_basis) if case.legal_basis else str(UNKNOWN_BASIS),
                    ),
                    ("Doel van de verstrekking", display(case.legal_purpose)),
                    ("Reden van aanmelding", display(case.reason)),
                    ("Procesregisseur", display(case.director and case.director.get_full_name())),
                    ("Afgesloten op", display(case.closed_on)),
                ],
                logged=[case, person],
            )
        )
        # Each enrichment item: who provided what, under which basis and for what purpose;
        # read by whoever opened the case file (its reads are the case's).
        for item in case.enrichments.select_related(
            "source_organisation", "added_by", "legal_basis"
        ).order_by("added_at"):
            found.append(
                FoundRecord(
                    title=f"Verrijking in casus {case.number}",
                    description=(
                        "Informatie die een ketenpartner over u aan het Zorg- en "
                        "Veiligheidshuis verstrekte."
                    ),
                    fields=[
                        ("Verstrekt door", display(item.source_organisation)),
                        ("Ingevoerd door", display(item.added_by.get_full_name())),
                        ("Datum", display(timezone.localtime(item.added_at).date())),
                        (
                            "Grondslag",
                            str(item.legal_basis) if item.legal_basis else str(UNKNOWN_BASIS),
                        ),
                        ("Doel van de verstrekking", display(item.purpose)),
                        ("Informatie", display(item.text)),
                    ],
                    logged=[case],
                )
            )
        # Each closing (or proposal to close): why, what was still open and why it was closed
        # anyway, and the manager's decision: the person's own case, in the words kept.
        for closing in case.closings.select_related(
            "proposed_by", "decided_by", "handed_over_to"
        ).order_by("proposed_at", "pk"):
            fields = [
                ("Stand", closing.get_status_display()),
                ("Reden van afsluiten", closing.get_reason_display()),
                ("Afsluitdatum", display(closing.closed_on)),
                ("Voorgesteld door", display(closing.proposed_by.get_full_name())),
                ("Voorgesteld op", display(timezone.localtime(closing.proposed_at).date())),
                ("Toelichting", display(closing.note)),
                ("Open punten bij het afsluiten", "; ".join(closing.open_items) or "–"),
                ("Waarom toch afgesloten", display(closing.open_items_reason)),
            ]
            if closing.handed_over_to_id:
                fields.append(("Overgedragen aan", str(closing.handed_over_to)))
            if closing.decided_at:
                fields += [
                    ("Beoordeeld door", display(closing.decided_by.get_full_name())),
                    ("Beoordeeld op", display(timezone.localtime(closing.decided_at).date())),
                    ("Toelichting bij het besluit", display(closing.decision_note)),
                ]
            found.append(
                FoundRecord(
                    title=f"Afsluiting van casus {case.number}",
                    description=(
                        "Het afsluiten van uw casus: waarom, wat er toen nog openstond en wie "
                        "het besloot."
                    ),
                    fields=fields,
                    logged=[case],
                )
            )
    if last_name and birth_date:
        related = (
            RelatedPerson.objects.filter(name__iendswith=last_name, birth_date=birth_date)
            .select_related("case")
            .order_by("pk")
        )
        for row in related:
            found.append(
                FoundRecord(
                    title=f"Vermelding in casus {row.case.number}",
                    description=(
                        "U wordt genoemd als iemand uit de omgeving van de betrokkene van deze "
                        "casus."
                    ),
                    fields=[
                        ("Naam", row.name),
                        ("Geboortedatum", display(row.birth_date)),
                        ("Relatie", row.get_relation_display()),
                        ("Toelichting", display(row.notes)),
                    ],
                    logged=[row, row.case],
                )
            )
    return found


# ---------------------------------------------------------------------------------------------
# Retention (zvhd/privacy/registry.py): which closed cases fall under which term, and how a
# case is anonymised while the year figures (cases.figures) stay the same.

# Statuses where the registration ended at the triage decision (or withdrawal): the term runs
# from `triaged_on`, which decide_triage and withdraw_case both set.
ENDED_AT_DECISION = (Status.NIET_OPGEPAKT, Status.ADVIES, Status.INGETROKKEN)
ANONYMOUS = "geanonimiseerd"


def _kind_and_closing(case) -> tuple[str, object]:
    from zvhd.privacy.models import RetentionKind

    if case.status in ENDED_AT_DECISION:
        return RetentionKind.REGISTRATION, case.triaged_on
    closed = case.closed_on if case.status == Status.AFGESLOTEN else None
    if case.kind == Kind.PGA:
        return RetentionKind.CASE_PGA, closed
    if case.kind == Kind.MAATWERK:
        return RetentionKind.CASE_MAATWERK, closed
    # Ondersteuning (no kind of direction), closed when the support ended.
    return RetentionKind.REGISTRATION, closed


def _retained(case):
    from zvhd.privacy.registry import RetainedRecord

    kind, closed_on = _kind_and_closing(case)
    return RetainedRecord(
        kind=kind, model=Case, pk=case.pk, number=case.number, closed_on=closed_on
    )


RETENTION_FIELDS = ("id", "number", "status", "kind", "triaged_on", "closed_on")


def retention_records(*, kind, closed_until):
    from django.db.models import Q

    from zvhd.privacy.models import RetentionKind

    closed = Q(status=Status.AFGESLOTEN, closed_on__lte=closed_until)
    if kind == RetentionKind.CASE_MAATWERK:
        condition = closed & Q(kind=Kind.MAATWERK)
    elif kind == RetentionKind.CASE_PGA:
        condition = closed & Q(kind=Kind.PGA)
    else:
        condition = Q(status__in=ENDED_AT_DECISION, triaged_on__lte=closed_until) | (
            closed & Q(kind="")
        )
    rows = Case._base_manager.filter(condition).only(*RETENTION_FIELDS).order_by("pk")
    return [_retained(case) for case in rows]


def find_record(number):
    case = Case._base_manager.filter(number=number).only(*RETENTION_FIELDS).first()
    return _retained(case) if case else None


def records_by_id(ids):
    return [_retained(c) for c in Case._base_manager.filter(pk__in=ids).only(*RETENTION_FIELDS)]


def _same_age_birth_date(birth_date, registered_on):
    """A stand-in birth date that gives the same age at registration as the real one.

    The year figures count age classes and minors by age at registration
    (cases.figures._age_at_registration); the stand-in keeps those counts while the real
    birth date, which with a name identifies a person, is gone. It is the registration day,
    that many years earlier (29 February falls back to 28 February).
    """
    from zvhd.privacy.models import add_years

    return add_years(registered_on, -Person(birth_date=birth_date).age_on(registered_on))


def anonymise(ids, *, reason) -> int:
    """Destroy the person data of cases `ids`; keep what the figures count.

    Kept: the case row with its number, status, kind, dates, municipality, topic, urgency,
    registering organisation, problem areas, the criteria and decision of the triage, the
    team (staff), and a stand-in person with only gender, municipality and a birth date that
    gives the same age at registration. Gone: the person (name, BSN, address, contact, birth
    date) when no other case of theirs remains, the people of their system, the partners'
    enrichment, conflict copies, and every free text (reason, plan, goals, meetings, actions,
    escalations, transitions, triage notes, closings), with all old history versions. A ketenkamer's
    decision-list PDF that listed the case is deleted (it can be made again, anonymised).
    """
    from django.db import transaction
    from django.utils import timezone

    from cases.models import (
        Action,
        CaseMeeting,
        Closing,
        ConflictCopy,
        Enrichment,
        Escalation,
        Goal,
        Ketenkamer,
        Plan,
        RelatedPerson,
        Transition,
        TriageDecision,
    )
    from zvhd.meetings.services import drop_decision_lists
    from zvhd.privacy.erasure import erase, scrub

    with transaction.atomic():
        cases = list(Case._base_manager.filter(pk__in=ids).select_related("person"))
        if not cases:
            return 0
        ids = [c.pk for c in cases]
        old_persons = {c.person_id for c in cases}
        stand_ins = {}
        for case in cases:
            person = case.person
            stand_in = Person(
                first_name="",
                last_name=ANONYMOUS,
                birth_date=_same_age_birth_date(
                    person.birth_date, timezone.localtime(case.registered_at).date()
                ),
                gender=person.gender,
                municipality_id=person.municipality_id,
            )
            stand_in._change_reason = reason
            stand_in.save()
            stand_ins[case.pk] = stand_in
        blank = ""
        scrub(
            Case._base_manager.filter(pk__in=ids),
            {
                "person": lambda c: stand_ins[c.pk],
                "registrant_name": blank,
                "registrant_email": blank,
                "registrant_phone": blank,
                "reason": blank,
                "desired_outcome": blank,
                "not_informed_reason": blank,
                "origin": blank,
                "origin_url": blank,
                "screening_notes": blank,
                "legal_purpose": blank,
            },
            reason=reason,
        )
        # What other apps keep on these cases (risk assessments, safety flags): cases.extensions.
        from cases import extensions

        extensions.erase(ids)
        # The person row goes once none of their cases is left un-anonymised.
        still_used = set(
            Case._base_manager.filter(person_id__in=old_persons).values_list("person_id", flat=True)
        )
        gone = Person._base_manager.filter(pk__in=old_persons - still_used)
        registered = set(gone.values_list("registered_person", flat=True))
        erase(gone)
        # The register person goes too once no record of theirs remains in any app.
        from persons.services import forget_orphans

        forget_orphans(registered)
        erase(RelatedPerson._base_manager.filter(case_id__in=ids))
        erase(Enrichment._base_manager.filter(case_id__in=ids))
        ConflictCopy._base_manager.filter(case_id__in=ids).delete()
        triage = TriageDecision._base_manager.filter(case_id__in=ids)
        ketenkamers = list(triage.exclude(ketenkamer=None).values_list("ketenkamer", flat=True))
        scrub(triage, {"reason": blank, "referred_to": blank}, reason=reason)
        scrub(Plan._base_manager.filter(case_id__in=ids), {"summary": blank}, reason=reason)
        scrub(Goal._base_manager.filter(case_id__in=ids), {"description": blank}, reason=reason)
        scrub(
            CaseMeeting._base_manager.filter(case_id__in=ids),
            {"other_attendees": blank, "notes": blank, "decisions": blank},
            reason=reason,
        )
        scrub(Action._base_manager.filter(case_id__in=ids), {"description": blank}, reason=reason)
        scrub(
            Escalation._base_manager.filter(case_id__in=ids),
            {"reason": blank, "escalated_to": blank, "outcome": blank},
            reason=reason,
        )
        # The closing's free text and the open points it listed (action and goal texts).
        scrub(
            Closing._base_manager.filter(case_id__in=ids),
            {
                "note": blank,
                "open_items": lambda row: [],
                "open_items_reason": blank,
                "decision_note": blank,
            },
            reason=reason,
        )
        # No history on transitions: their reasons ("Heropend: ...") are cleared in place.
        Transition._base_manager.filter(case_id__in=ids).update(reason=blank)
        drop_decision_lists(Ketenkamer._base_manager.filter(pk__in=ketenkamers))
        return len(cases)
