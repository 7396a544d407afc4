"""Find one person in the cases app for a subject access request (see zvhd/privacy/registry.py).

The person is the main person (`Person`) of one or more cases, or a `RelatedPerson` in the
system of someone else's case (found by name and birth date only: no BSN is kept there).
"""

from __future__ import annotations

from cases.models import Case, Person, RelatedPerson
from zvhd.privacy.registry import FoundRecord, display


def find_person(*, bsn="", last_name="", birth_date=None) -> list[FoundRecord]:
    if bsn:
        persons = Person.objects.filter(bsn=bsn)
    else:
        persons = Person.objects.filter(last_name__iexact=last_name, birth_date=birth_date)
    found = []
    for case in (
        Case.objects.filter(person__in=persons)
        .select_related("person", "municipality", "registering_organisation", "director")
        .order_by("registered_at")
    ):
        person = case.person
        found.append(
            FoundRecord(
                title=f"Casus {case.number}",
                description=(
                    "U bent de betrokkene in deze casus van het Zorg- en Veiligheidshuis."
                ),
                fields=[
                    ("Naam", f"{person.first_name} {person.last_name}"),
                    ("Geboortedatum", display(person.birth_date)),
                    ("BSN", display(person.bsn)),
                    (
                        "Adres",
                        display(
                            ", ".join(
                                p for p in (person.address, person.postcode, person.city) if p
                            )
                        ),
                    ),
                    ("Woongemeente", display(person.municipality)),
                    ("Status", case.get_status_display()),
                    ("Aangemeld op", display(case.registered_at.date())),
                    ("Aangemeld door", display(case.registering_organisation)),
                    ("Reden van aanmelding", display(case.reason)),
                    ("Procesregisseur", display(case.director and case.director.get_full_name())),
                    ("Afgesloten op", display(case.closed_on)),
                ],
                logged=[case, person],
            )
        )
    if last_name and birth_date:
        related = (
            RelatedPerson.objects.filter(name__iendswith=last_name, birth_date=birth_date)
            .select_related("case")
            .order_by("pk")
        )
        for row in related:
            found.append(
                FoundRecord(
                    title=f"Vermelding in casus {row.case.number}",
                    description=(
                        "U wordt genoemd als iemand uit de omgeving van de betrokkene van deze "
                        "casus."
                    ),
                    fields=[
                        ("Naam", row.name),
                        ("Geboortedatum", display(row.birth_date)),
                        ("Relatie", row.get_relation_display()),
                        ("Toelichting", display(row.notes)),
                    ],
                    logged=[row, row.case],
                )
            )
    return found
