"""The inbox in the privacy work: which notifications were made about the person's cases.

A notification holds references only (the kind, the case, who was told and who caused it),
never text about the person; still, *that* people were told about the case, and when, is
information about the person's case, so the inzage lists every notification about the cases
whose main person is the one asked for: what kind, who was told (name and organisation, as
the access log names readers), when, and whether it was read and e-mailed.

Retention: notifications are deleted after `INBOX_KEEP_DAYS` (beat `inbox-purge`), long
before any case's term ends; they keep no retention term and nothing to anonymise (a
destroyed case's notifications name no person).
"""

from __future__ import annotations

from zvhd import formats
from zvhd.privacy.registry import FoundRecord


def _when(moment) -> str:
    return formats.short_datetime(moment) if moment else "–"


def find_person(*, bsn="", last_name="", birth_date=None) -> list[FoundRecord]:
    """One record per case: every notification about it, a line each (a case can have
    dozens; the case's access log is printed once, not once per notification)."""
    from inbox.models import Notification

    # The cases whose main person is asked for. The models come through the notification's
    # foreign key: the cases app imports the inbox (it notifies), so the inbox imports neither
    # it nor the case file (tests/zvhd/test_import_graph.py).
    Case = Notification._meta.get_field("case").related_model  # noqa: N806 - a model class
    Person = Case._meta.get_field("person").related_model  # noqa: N806
    if bsn:
        persons = Person.objects.filter(bsn=bsn)
    elif last_name and birth_date:
        persons = Person.objects.filter(last_name__iexact=last_name, birth_date=birth_date)
    else:
        return []
    cases = Case.objects.filter(person__in=persons)
    per_case: dict = {}
    for notification in (
        Notification.objects.filter(case__in=cases)
        .select_related("case", "recipient__organisation", "actor")
        .order_by("case_id", "created_at", "pk")
    ):
        recipient = notification.recipient
        organisation = f" ({recipient.organisation})" if recipient.organisation_id else ""
        parts = [
            _when(notification.created_at),
            str(notification.get_kind_display()),
            f"aan {recipient.get_full_name() or recipient}{organisation}",
        ]
        if notification.actor_id:
            parts.append(f"door {notification.actor.get_full_name() or notification.actor}")
        parts.append(
            f"gelezen {_when(notification.read_at)}" if notification.read_at else "niet gelezen"
        )
        if notification.emailed_at:
            parts.append(f"per e-mail {_when(notification.emailed_at)}")
        case, lines = per_case.setdefault(notification.case_id, (notification.case, []))
        lines.append(" · ".join(parts))
    return [
        FoundRecord(
            title=f"Meldingen over casus {case.number}",
            description="Meldingen die het systeem over uw casus aan medewerkers gaf: wanneer, "
            "welke soort, aan wie, en of zij die lazen. Een melding bevat zelf geen gegevens "
            "over u, alleen het casusnummer.",
            fields=[("Aantal", str(len(lines))), ("Meldingen", "\n".join(lines))],
            logged=[case],
        )
        for case, lines in per_case.values()
    ]


# No retention term of its own (see above).


def retention_records(*, kind, closed_until):
    return []


def find_record(number):
    return None


def records_by_id(ids):
    return []


def anonymise(ids, *, reason) -> int:
    return 0
