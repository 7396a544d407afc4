"""The thematic tables in the subject-access export (inzage) and in destruction.

What a table holds about a person:
- an agenda item of their **case** (kind "casus"): the table's decision and the actions it
  agreed. It has no term of its own: it goes with the case (`destroy_with_cases`, an
  `AttachedData` of cases.case, like the case file's journal);
- an agenda item naming them as a **person or household** without a case (the
  routeeroverleg, a casustafel): a description and their BSNs, the decision and the actions.
  Its own kind of record under a term (`RetentionKind.TABLE_SUBJECT`), running from the
  meeting or, when later, from the last action's due date.

A person or household item is found by BSN only (the one given, or those of the person's
cases when the request is by name and birth date): its description is free text that may
name several people, so a name alone would hand one person what the table said of another.
Group items are about a group approach, not one person: the group's own cases carry them.
"""

from __future__ import annotations

import re

from django.db.models import Max, Q
from django.db.models.functions import Coalesce, Greatest

from cases.models import Case, Person
from tables.models import AgendaItem, ItemKind, TableAction
from zvhd.privacy.registry import FoundRecord, display

ANONYMOUS = "geanonimiseerd"
SUBJECT_KINDS = (ItemKind.PERSON, ItemKind.HOUSEHOLD)
NUMBER = re.compile(r"AP-(\d+)")


def _persons(*, bsn="", last_name="", birth_date=None):
    if bsn:
        return Person.objects.filter(bsn=bsn)
    if last_name and birth_date:
        return Person.objects.filter(last_name__iexact=last_name, birth_date=birth_date)
    return Person.objects.none()


def _bsn_filter(bsns) -> Q:
    """Items whose BSN list (space-separated, `services.add_agenda_item`) holds one of
    `bsns` as a whole word: 123456782 never matches 1234567820."""
    condition = Q(pk__in=[])
    for bsn in bsns:
        if bsn.isdigit():
            condition |= Q(bsns__regex=rf"(^|\s){bsn}(\s|$)")
    return condition


def _action_line(action: TableAction) -> str:
    who = str(action.owner_organisation)
    if action.owner_id:
        who = f"{action.owner.get_full_name()}, {who}"
    return (
        f"{action.description}\nUitvoerder: {who}\nUiterlijk: {display(action.due_on)}\n"
        f"Status: {action.get_status_display()}"
    )


def _found(item: AgendaItem, *, title: str, description: str, extra=()) -> FoundRecord:
    meeting = item.meeting
    fields = [
        ("Tafel", f"{meeting.table.name} ({meeting.table.kind})"),
        ("Datum van het overleg", display(meeting.date)),
        *extra,
        ("Besluit", display(item.decision)),
        ("Besloten door", display(item.decided_by and item.decided_by.get_full_name())),
    ]
    actions = sorted(item.actions.all(), key=lambda a: (a.due_on, a.pk))
    fields += [("Actie", _action_line(a)) for a in actions]
    if not actions:
        fields.append(("Acties", "–"))
    return FoundRecord(title=title, description=description, fields=fields, logged=[item])


def find_person(*, bsn="", last_name="", birth_date=None) -> list[FoundRecord]:
    persons = _persons(bsn=bsn, last_name=last_name, birth_date=birth_date)
    bsns = {bsn} if bsn else set(persons.exclude(bsn="").values_list("bsn", flat=True))
    items = (
        AgendaItem.objects.filter(
            Q(kind=ItemKind.CASE, case__in=Case.objects.filter(person__in=persons))
            | Q(kind__in=SUBJECT_KINDS) & _bsn_filter(bsns)
        )
        .select_related("meeting__table__kind", "case", "decided_by")
        .prefetch_related("actions__owner", "actions__owner_organisation")
        .order_by("meeting__date", "position", "pk")
    )
    found = []
    for item in items:
        if item.case_id:
            found.append(
                _found(
                    item,
                    title=f"Bespreking van casus {item.case.number} aan een tafel",
                    description=(
                        "Uw casus is besproken aan een tafel van het Zorg- en "
                        "Veiligheidshuis; dit besloot de tafel en deze acties sprak zij af."
                    ),
                )
            )
        else:
            found.append(
                _found(
                    item,
                    title=f"Bespreking aan een tafel ({item.reference})",
                    description=(
                        "U bent als persoon of als deel van een huishouden besproken aan een "
                        "tafel van het Zorg- en Veiligheidshuis."
                    ),
                    extra=[
                        ("Besproken als", item.get_kind_display()),
                        ("Omschrijving", display(item.subject)),
                        ("BSN's", display(item.bsns)),
                    ],
                )
            )
    return found


# ---------------------------------------------------------------------------------------------
# Retention (zvhd/privacy/registry.py): person and household items; case items go with the case.


def _subject_items():
    """Person and household items with the day their term runs from: the meeting, or the
    last due date of the actions agreed on it when that is later."""
    return (
        AgendaItem._base_manager.filter(kind__in=SUBJECT_KINDS)
        .annotate(
            closed=Greatest("meeting__date", Coalesce(Max("actions__due_on"), "meeting__date"))
        )
        .values_list("pk", "closed")
        .order_by("pk")
    )


def _retained(pk, closed_on):
    from zvhd.privacy.models import RetentionKind
    from zvhd.privacy.registry import RetainedRecord

    return RetainedRecord(
        kind=RetentionKind.TABLE_SUBJECT,
        model=AgendaItem,
        pk=pk,
        number=AgendaItem.reference_of(pk),
        closed_on=closed_on,
    )


def retention_records(*, kind, closed_until):
    from zvhd.privacy.models import RetentionKind

    if kind != RetentionKind.TABLE_SUBJECT:
        return []
    return [_retained(pk, day) for pk, day in _subject_items().filter(closed__lte=closed_until)]


def find_record(number):
    """AP-12: the agenda item's id (only person and household items have a term)."""
    match = NUMBER.fullmatch(number.strip().upper())
    if not match:
        return None
    row = _subject_items().filter(pk=int(match.group(1))).first()
    return _retained(*row) if row else None


def records_by_id(ids):
    return [_retained(pk, day) for pk, day in _subject_items().filter(pk__in=ids)]


def anonymise(ids, *, reason) -> int:
    """Destroy the person data of person and household items `ids`.

    Kept: the item (its meeting, kind and place on the agenda: the tables' counts), who
    added and decided it, and its actions' owners, due dates and status. Gone: the
    description, the BSNs, the decision, the actions' texts, and every old history version.
    """
    from django.db import transaction

    from zvhd.privacy.erasure import scrub

    with transaction.atomic():
        items = AgendaItem._base_manager.filter(pk__in=ids, kind__in=SUBJECT_KINDS)
        _drop_decision_lists(items)
        count = scrub(
            items,
            {"subject": ANONYMOUS, "bsns": "", "decision": ""},
            reason=reason,
        )
        scrub(
            TableAction._base_manager.filter(item_id__in=ids),
            {"description": ANONYMOUS},
            reason=reason,
        )
        return count


def _drop_decision_lists(items) -> None:
    """Delete the decision list PDFs of the meetings of `items` (an agenda item queryset):
    they printed the decisions, actions and descriptions just destroyed (the meeting kernel's
    `drop_decision_lists`, as for the ketenkamer's)."""
    from tables.models import Meeting
    from zvhd.meetings.services import drop_decision_lists

    drop_decision_lists(Meeting._base_manager.filter(pk__in=items.values("meeting_id")))


def destroy_with_cases(case_ids, *, reason) -> int:
    """The items of destroyed cases (`AttachedData`, in the destruction's transaction): the
    decision and the actions' texts go, with their old history; the item stays on its
    meeting's agenda, as the anonymous case stays in the figures."""
    from zvhd.privacy.erasure import scrub

    case_ids = [int(pk) for pk in case_ids]
    _drop_decision_lists(AgendaItem._base_manager.filter(case_id__in=case_ids))
    count = scrub(
        AgendaItem._base_manager.filter(case_id__in=case_ids), {"decision": ""}, reason=reason
    )
    scrub(
        TableAction._base_manager.filter(item__case_id__in=case_ids),
        {"description": ANONYMOUS},
        reason=reason,
    )
    return count


def destroyed_with_cases(case_ids) -> dict:
    """For the certificate: {case id: ["agendapunt AP-12", ...]}, by number only."""
    named: dict = {}
    for case_id, pk in (
        AgendaItem._base_manager.filter(case_id__in=case_ids)
        .order_by("pk")
        .values_list("case_id", "pk")
    ):
        named.setdefault(case_id, []).append(f"agendapunt {AgendaItem.reference_of(pk)}")
    return named
