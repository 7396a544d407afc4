"""The aftercare app's part in the person register (persons.registry).

Only whoever reads a record's detail (the aftercare coordinator) sees the person through
aftercare; the others who search learn "bekend bij ZVHD" and the coordinator as contact.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from aftercare.models import DETAIL, AftercareRecord
from persons.registry import RecordKind, RecordRef


def person_ids(user):
    visible = AftercareRecord.objects.visible_to(user, DETAIL)
    if visible.query.is_empty():
        return None
    return visible.values("registered_person")


def all_person_ids():
    return AftercareRecord.objects.exclude(registered_person=None).values("registered_person")


def _ref(record, in_scope: bool) -> RecordRef:
    contact = (
        _("%(name)s (nazorgcoördinator)") % {"name": record.coordinator.get_full_name()}
        if record.coordinator_id
        else _("de nazorgcoördinator van het ZVHD")
    )
    return RecordRef(
        person_id=record.registered_person_id,
        kind="aftercare",
        label=_("Nazorgdossier %(number)s") % {"number": record.number} if in_scope else "",
        status=record.get_status_display() if in_scope else "",
        url=reverse("aftercare:record_detail", args=[record.pk]) if in_scope else "",
        in_scope=in_scope,
        contact="" if in_scope else contact,
    )


def records(ids, user, *, window: slice | None = None) -> list[RecordRef]:
    """The aftercare records of the persons `ids`, newest first: all of them (a search hit),
    or with a `window` only those in scope, that slice of them (a person's page, issue 24)."""
    if window is not None:
        visible = (
            AftercareRecord.objects.visible_to(user, DETAIL)
            .filter(registered_person__in=ids)
            .select_related("coordinator")
            .order_by("-notified_on", "-pk")
        )
        return [_ref(record, True) for record in visible[window]]
    visible = set(
        AftercareRecord.objects.visible_to(user, DETAIL)
        .filter(registered_person__in=ids)
        .values_list("pk", flat=True)
    )
    return [
        _ref(record, record.pk in visible)
        for record in AftercareRecord.objects.filter(registered_person__in=ids)
        .select_related("coordinator")
        .order_by("-notified_on", "-pk")
    ]


KIND = RecordKind(
    key="aftercare",
    title="Nazorg",
    person_ids=person_ids,
    records=records,
    all_person_ids=all_person_ids,
    pointers=((AftercareRecord, "registered_person"),),
)
