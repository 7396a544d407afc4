"""The trafficking register's part in the person register (persons.registry): a secret kind.

Only readers with IDENTIFY (the chain director, the Drieluik members) see a signal's person
through it, and only they learn that a hit is a trafficking signal. Anyone else who searches
learns at most "bekend bij ZVHD" with the bureau as contact: never the register, the signal
or its details (issue 21 part 2).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from persons.registry import RecordKind, RecordRef
from trafficking.models import IDENTIFY, Signal, may


def person_ids(user):
    if not may(user, IDENTIFY):
        return None
    return Signal.objects.exclude(registered_person=None).values("registered_person")


def all_person_ids():
    return Signal.objects.exclude(registered_person=None).values("registered_person")


def records(ids, user, *, window: slice | None = None) -> list[RecordRef]:
    """The signals of the persons `ids`, newest first: all of them (a search hit), or with a
    `window` only those in scope, that slice of them (a person's page, issue 24)."""
    identify = may(user, IDENTIFY)
    if window is not None and not identify:
        return []
    signals = (
        Signal.objects.filter(registered_person__in=ids)
        .only("pk", "reference", "status", "registered_person")
        .order_by("-received_on", "-pk")
    )
    if window is not None:
        signals = signals[window]
    refs = []
    for signal in signals:
        refs.append(
            RecordRef(
                person_id=signal.registered_person_id,
                kind="trafficking",
                label=_("Signaal %(reference)s") % {"reference": signal.reference}
                if identify
                else "",
                status=signal.get_status_display() if identify else "",
                url=reverse("trafficking:signal_detail", args=[signal.pk]) if identify else "",
                in_scope=identify,
                contact="" if identify else _("de manager van het ZVHD"),
            )
        )
    return refs


KIND = RecordKind(
    key="trafficking",
    title="Mensenhandel",
    person_ids=person_ids,
    records=records,
    all_person_ids=all_person_ids,
    secret=True,
    pointers=((Signal, "registered_person"),),
)
