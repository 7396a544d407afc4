"""Find one person in the aftercare app for a subject access request (zvhd/privacy/registry.py)."""

from __future__ import annotations

from aftercare.models import AftercareRecord
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
