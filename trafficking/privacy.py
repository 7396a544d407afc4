"""Find one person in the trafficking app for a subject access request (see the registry)."""

from __future__ import annotations

from trafficking.models import Signal
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
