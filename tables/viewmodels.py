"""What the decision list PDF of a meeting shows: a plain view-model, no querysets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ActionRow:
    description: str
    owner: str
    due_on: date


@dataclass(frozen=True)
class ItemRow:
    position: int
    kind: str
    subject: str
    decision: str
    actions: list[ActionRow]


@dataclass(frozen=True)
class DecisionList:
    table: str
    kind: str
    chair: str
    date: date
    attendees: list[str]
    other_attendees: str
    rows: list[ItemRow]


def subject_of(item) -> str:
    """How the PDF names an item: a case by its number only (no names, like the ketenkamer's
    list), a group by its name, a person or household as the table described them."""
    if item.case_id:
        return item.case.number
    if item.group_id:
        return item.group.name
    return item.subject


def decision_list(meeting) -> DecisionList:
    from tables.models import AgendaItem

    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("case", "group")
        .prefetch_related("actions__owner", "actions__owner_organisation")
    )
    return DecisionList(
        table=meeting.table.name,
        kind=meeting.table.kind.label,
        chair=str(meeting.table.chair),
        date=meeting.date,
        attendees=[str(u) for u in meeting.attendees.all()],
        other_attendees=meeting.other_attendees,
        rows=[
            ItemRow(
                position=number,
                kind=item.get_kind_display(),
                subject=subject_of(item),
                decision=item.decision,
                actions=[
                    ActionRow(
                        description=a.description,
                        owner=", ".join(
                            str(x) for x in (a.owner, a.owner_organisation) if x is not None
                        ),
                        due_on=a.due_on,
                    )
                    for a in item.actions.all()
                ],
            )
            for number, item in enumerate(items, start=1)
        ],
    )
