"""Find one person in the trafficking app for a subject access request (see the registry)."""

from __future__ import annotations

from trafficking.models import Signal, SignalStatus
from zvhd.privacy.registry import FoundRecord, display


def find_person(*, bsn="", last_name="", birth_date=None) -> list[FoundRecord]:
    if bsn:
        signals = Signal.objects.filter(bsn=bsn)
    else:
        signals = Signal.objects.filter(last_name__iexact=last_name, birth_date=birth_date)
    found = []
    for signal in signals.select_related("municipality", "reporting_organisation").order_by(
        "received_on", "pk"
    ):
        found.append(
            FoundRecord(
                title=f"Signaal {signal.reference}",
                description="Een signaal van mogelijke mensenhandel dat over u is gemeld.",
                fields=[
                    ("Naam", signal.person_label),
                    ("Geboortedatum", display(signal.birth_date)),
                    ("BSN", display(signal.bsn)),
                    ("Nationaliteit", display(signal.nationality)),
                    ("Gemeente", display(signal.municipality)),
                    ("Datum signaal", display(signal.received_on)),
                    ("Gemeld door", display(signal.reporting_organisation)),
                    ("Sector", signal.get_sector_display()),
                    ("Omschrijving", display(signal.description)),
                    ("Status", signal.get_status_display()),
                    ("Afgesloten op", display(signal.closed_on)),
                ],
                logged=[signal],
            )
        )
    return found


# ---------------------------------------------------------------------------------------------
# Retention (zvhd/privacy/registry.py): closed signals, and how one is anonymised while the
# trafficking figures (trafficking.figures: date, forms, reporter, minor, CoMensha, follow-up,
# municipality, age class, gender) stay the same.

RETENTION_FIELDS = ("id", "reference", "status", "closed_on")


def _retained(signal):
    from zvhd.privacy.models import RetentionKind
    from zvhd.privacy.registry import RetainedRecord

    return RetainedRecord(
        kind=RetentionKind.TRAFFICKING,
        model=Signal,
        pk=signal.pk,
        number=signal.reference,
        closed_on=signal.closed_on if signal.status == SignalStatus.CLOSED else None,
    )


def retention_records(*, kind, closed_until):
    rows = Signal._base_manager.filter(status=SignalStatus.CLOSED, closed_on__lte=closed_until)
    return [_retained(s) for s in rows.only(*RETENTION_FIELDS).order_by("pk")]


def find_record(number):
    signal = Signal._base_manager.filter(reference__iexact=number).only(*RETENTION_FIELDS).first()
    return _retained(signal) if signal else None


def records_by_id(ids):
    return [_retained(s) for s in Signal._base_manager.filter(pk__in=ids).only(*RETENTION_FIELDS)]


def anonymise(ids, *, reason) -> int:
    """Destroy the person data of signals `ids`; keep what the figures count.

    Kept: reference, dates, status, reporting organisation, municipality, sector, forms of
    exploitation, indicator observations (codes and outcome), age class, gender, minor, the
    CoMensha date and the follow-ups' kinds, statuses and dates. Gone: name, alias, BSN, birth
    date, nationality, country of origin, the reporter's name and contact, every free text
    (description, Drieluik discussion, follow-up notes), and every old history version.
    """
    from django.db import transaction

    from trafficking.models import AgendaItem, FollowUp, IndicatorObservation
    from zvhd.privacy.erasure import scrub

    blank = ""
    with transaction.atomic():
        registered = set(
            Signal._base_manager.filter(pk__in=ids).values_list("registered_person", flat=True)
        )
        count = scrub(
            Signal._base_manager.filter(pk__in=ids),
            {
                "registered_person": None,
                "first_name": blank,
                "last_name": blank,
                "alias": blank,
                "bsn": blank,
                "birth_date": None,
                "nationality": blank,
                "country_of_origin": blank,
                "reporter_name": blank,
                "reporter_contact": blank,
                "description": blank,
            },
            reason=reason,
        )
        scrub(
            IndicatorObservation._base_manager.filter(signal_id__in=ids),
            {"source": blank},
            reason=reason,
        )
        scrub(
            AgendaItem._base_manager.filter(signal_id__in=ids), {"discussion": blank}, reason=reason
        )
        scrub(
            FollowUp._base_manager.filter(signal_id__in=ids),
            {"note": blank, "responsible": blank},
            reason=reason,
        )
        # The register person goes too once no record of theirs remains in any app.
        from persons.services import forget_orphans

        forget_orphans(registered)
        return count
