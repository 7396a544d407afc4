"""Records of the tables app around the cast (tests/cast.py)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from tables import services
from tables.models import ItemKind, TableKind


def kind(code: str = "casustafel_stalking") -> TableKind:
    return TableKind.objects.get(code=code)


def make_table(*, chair, members=(), organisations=(), code="casustafel_stalking", **extra):
    return services.create_table(
        created_by=chair,
        name=extra.pop("name", "Casustafel stalking Noord"),
        kind=kind(code),
        chair=chair,
        members=members,
        member_organisations=organisations,
        **extra,
    )


def make_meeting(table, *, day: date | None = None, by=None):
    return services.plan_meeting(
        table=table, date=day or timezone.localdate(), planned_by=by or table.chair
    )


def add_case(meeting, case, *, by=None):
    return services.add_agenda_item(
        meeting=meeting, added_by=by or meeting.table.chair, kind=ItemKind.CASE, case=case
    )


def decide(
    item,
    *,
    by=None,
    decision="Stopgesprek door de politie",
    action="",
    owner=None,
    organisation=None,
    due_in_days=14,
):
    return services.record_decision(
        item=item,
        decided_by=by or item.meeting.table.chair,
        expected_version=item.version,
        decision=decision,
        action=action,
        owner=owner,
        owner_organisation=organisation,
        due_on=item.meeting.date + timedelta(days=due_in_days) if action else None,
    )
