"""Find one person in the aftercare app for a subject access request (zvhd/privacy/registry.py)."""

from __future__ import annotations

from aftercare.models import AftercareRecord, Status
from zvhd.privacy.registry import FoundRecord, display


def find_person(*, bsn="", last_name="", birth_date=None) -> list[FoundRecord]:
    if bsn:
        records = AftercareRecord.objects.filter(bsn=bsn)
    else:
        records = AftercareRecord.objects.filter(last_name__iexact=last_name, birth_date=birth_date)
    found = []
    for record in records.select_related("municipality").order_by("detention_start", "pk"):
        found.append(
            FoundRecord(
                title=f"Nazorgdossier {record.number}",
                description=(
                    "Nazorg bij uw terugkeer na detentie: de afspraken over onderdak, inkomen, "
                    "identiteitsbewijs, zorg en schulden."
                ),
                fields=[
                    ("Naam", f"{record.first_names} {record.last_name}"),
                    ("Geboortedatum", display(record.birth_date)),
                    ("BSN", display(record.bsn)),
                    ("Gemeente", display(record.municipality)),
                    ("Inrichting", display(record.institution)),
                    ("Begin detentie", display(record.detention_start)),
                    ("Verwachte datum van ontslag", display(record.expected_release)),
                    ("Status", record.get_status_display()),
                    ("Toestemming", record.get_consent_display()),
                    ("Afgesloten op", display(record.closed_on)),
                ],
                logged=[record],
            )
        )
    return found


# ---------------------------------------------------------------------------------------------
# Retention (zvhd/privacy/registry.py): closed records, and how one is anonymised while the
# aftercare figures (aftercare.figures: dates, status, consent, municipality, the conditions at
# release) stay the same.

ANONYMOUS = "geanonimiseerd"
RETENTION_FIELDS = ("id", "notified_on", "status", "closed_on")


def _retained(record):
    from zvhd.privacy.models import RetentionKind
    from zvhd.privacy.registry import RetainedRecord

    return RetainedRecord(
        kind=RetentionKind.AFTERCARE,
        model=AftercareRecord,
        pk=record.pk,
        number=record.number,
        closed_on=record.closed_on if record.status == Status.CLOSED else None,
    )


def retention_records(*, kind, closed_until):
    rows = AftercareRecord._base_manager.filter(status=Status.CLOSED, closed_on__lte=closed_until)
    return [_retained(r) for r in rows.only(*RETENTION_FIELDS).order_by("pk")]


def find_record(number):
    """NZ-2026-0007: the year of notification and the id."""
    import re

    match = re.fullmatch(r"NZ-(\d{4})-(\d+)", number.strip().upper())
    if not match:
        return None
    record = (
        AftercareRecord._base_manager.filter(
            pk=int(match.group(2)), notified_on__year=int(match.group(1))
        )
        .only(*RETENTION_FIELDS)
        .first()
    )
    return _retained(record) if record else None


def records_by_id(ids):
    rows = AftercareRecord._base_manager.filter(pk__in=ids).only(*RETENTION_FIELDS)
    return [_retained(r) for r in rows]


def anonymise(ids, *, reason) -> int:
    """Destroy the person data of aftercare records `ids`; keep what the figures count.

    Kept: number, municipality, dates of detention, release, notification, guidance,
    escalation and closing, status, consent, the conditions' kinds and statuses and the
    snapshot at release, the linked case, the staff. The birth date becomes 1 January of the
    birth year; the BSN a placeholder that is unique per record (one record per detention is a
    database rule) and never a valid BSN. Gone: names, institution, free texts, the partners'
    enrichment, and every old history version.
    """
    from django.db import transaction

    from aftercare.models import Condition, ContactMoment, Enrichment, Notification, RecordEvent
    from zvhd.privacy.erasure import erase, scrub

    blank = ""
    with transaction.atomic():
        records = AftercareRecord._base_manager.filter(pk__in=ids)
        registered = set(records.values_list("registered_person", flat=True))
        count = scrub(
            records,
            {
                "registered_person": None,
                "first_names": blank,
                "last_name": ANONYMOUS,
                "birth_date": lambda r: r.birth_date.replace(month=1, day=1),
                "bsn": lambda r: f"X{r.pk:08d}"[-9:],
                "institution": blank,
                "handed_over_to": blank,
                "handover_note": blank,
                "escalation_reason": blank,
                "closing_note": blank,
            },
            reason=reason,
        )
        scrub(Notification._base_manager.filter(record_id__in=ids), {"note": blank}, reason=reason)
        erase(Enrichment._base_manager.filter(record_id__in=ids))
        scrub(
            Condition._base_manager.filter(record_id__in=ids),
            {"actions": blank, "responsible": blank},
            reason=reason,
        )
        scrub(
            ContactMoment._base_manager.filter(record_id__in=ids),
            {"help_offered": blank, "notes": blank},
            reason=reason,
        )
        RecordEvent._base_manager.filter(record_id__in=ids).update(reason=blank)
        # The register person goes too once no record of theirs remains in any app.
        from persons.services import forget_orphans

        forget_orphans(registered)
        return count
