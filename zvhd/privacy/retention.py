"""Reads of retention: when a record's term ends, and which records are due for destruction.

A record's term ends `years` (its kind's policy, plus an extension if it has one) after it
closed, on the same calendar day; it is kept through that day and is due from the day after.
A record under an active legal hold is never due. A record already on a list that is not yet
executed, or destroyed by an executed list, is not proposed again; one that was excluded from
an executed list is (the reason to keep it must then be a hold or an extension).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from zvhd.privacy.models import (
    DestructionItem,
    DestructionStatus,
    LegalHold,
    RetentionExtension,
    RetentionKind,
    RetentionPolicy,
    add_years,
)
from zvhd.privacy.registry import RetainedRecord, retention_records


@dataclass
class Due:
    record: RetainedRecord
    term_ended_on: date


def term_end(closed_on: date, years: int, extra_years: int = 0) -> date:
    """The last day the record is kept."""
    return add_years(closed_on, years + extra_years)


def key_of(record: RetainedRecord) -> tuple[int, int]:
    return ContentType.objects.get_for_model(record.model).pk, record.pk


def taken_keys() -> set[tuple[int, int]]:
    """Records on a list not yet executed, or destroyed by an executed one."""
    rows = DestructionItem.objects.filter(
        ~Q(destruction_list__status=DestructionStatus.EXECUTED) | Q(destroyed_at__isnull=False)
    ).values_list("content_type_id", "object_id")
    return set(rows)


def due_records(today: date) -> list[Due]:
    """Every record whose term ended before `today`, not held, not yet on a list."""
    policies = dict(RetentionPolicy.objects.values_list("kind", "years"))
    extensions = {
        (ct, pk): extra
        for ct, pk, extra in RetentionExtension.objects.values_list(
            "content_type_id", "object_id", "extra_years"
        )
    }
    held = set(
        LegalHold.objects.filter(lifted_at__isnull=True).values_list("content_type_id", "object_id")
    )
    taken = taken_keys()
    due = []
    for kind in RetentionKind.values:
        years = policies.get(kind)
        if years is None:  # no term set for this kind: nothing of it is destroyed
            continue
        # Candidates closed up to a day past the base term's cutoff; exact test per record.
        closed_until = add_years(today, -years) + timedelta(days=1)
        for record in retention_records(kind, closed_until):
            key = key_of(record)
            if key in held or key in taken or record.closed_on is None:
                continue
            ends = term_end(record.closed_on, years, extensions.get(key, 0))
            if ends < today:
                due.append(Due(record=record, term_ended_on=ends))
    return due


@dataclass
class RecordRetention:
    """What the record page shows: the term, the extension, the hold, the lists it is on."""

    record: RetainedRecord
    years: int | None
    extension: RetentionExtension | None
    holds: list[LegalHold]
    items: list[DestructionItem]

    @property
    def active_hold(self) -> LegalHold | None:
        return next((h for h in self.holds if h.active), None)

    @property
    def lifted_holds(self) -> list[LegalHold]:
        return [h for h in self.holds if not h.active]

    @property
    def term_ends_on(self) -> date | None:
        if self.record.closed_on is None or self.years is None:
            return None
        extra = self.extension.extra_years if self.extension else 0
        return term_end(self.record.closed_on, self.years, extra)

    @property
    def destroyed(self) -> bool:
        # The rule of `destroyed_by_key`, answered from the items this page loaded anyway.
        return any(item.destroyed_at for item in self.items)


def destroyed_by_key(content_type_id: int, object_id: int) -> bool:
    """Whether an executed destruction list has anonymised the record with this key.

    The one answer to "is this record destroyed?": `is_destroyed` asks it for a model
    instance, the retention services for a `RetainedRecord` (its content type and id)."""
    return DestructionItem.objects.filter(
        content_type_id=content_type_id, object_id=object_id, destroyed_at__isnull=False
    ).exists()


def is_held(content_type_id: int, object_id: int) -> bool:
    """Whether the record with this key is frozen now (an active legal hold)."""
    return LegalHold.objects.filter(
        content_type_id=content_type_id, object_id=object_id, lifted_at__isnull=True
    ).exists()


def is_destroyed(obj) -> bool:
    """Whether an executed destruction list has anonymised this record (any app's model).

    Asked by the apps' services before they would bring such a record back to life (reopening
    a case): what is left of it is an anonymous shell kept for the figures."""
    return destroyed_by_key(ContentType.objects.get_for_model(obj).pk, obj.pk)


def retention_of(record: RetainedRecord) -> RecordRetention:
    content_type, pk = key_of(record)
    where = {"content_type_id": content_type, "object_id": pk}
    return RecordRetention(
        record=record,
        years=RetentionPolicy.objects.filter(kind=record.kind)
        .values_list("years", flat=True)
        .first(),
        extension=RetentionExtension.objects.filter(**where).select_related("extended_by").first(),
        holds=list(LegalHold.objects.filter(**where).select_related("placed_by", "lifted_by")),
        items=list(DestructionItem.objects.filter(**where).select_related("destruction_list")),
    )
