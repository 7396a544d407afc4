"""Other registrations of a person or household on a routeeroverleg's agenda.

By exact BSN, through the shared person register (app `persons`, issue 21): the BSN finds the
register person (merged persons follow their survivor), and every record that points to it
counts, whichever app keeps it (cases, aftercare), except the kinds the register keeps secret
(trafficking: never named, not even as a number, outside its scope). The meeting page and the
tests ask only `other_registrations`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Known:
    """Whether a subject is known elsewhere: how many registrations, never whose or what."""

    count: int

    @property
    def known(self) -> bool:
        return self.count > 0


def other_registrations(bsns_by_item: dict[int, list[str]]) -> dict[int, Known]:
    """For each agenda item (id -> its BSNs) the number of registrations of those persons.

    Three queries for the whole agenda (the register persons, then one per record kind). A
    count only: the routeeroverleg needs to know *whether* a person or household was
    registered more than once (seed 003), not the records themselves; who may open a record
    still decides at the record (cases.policy, the aftercare's own rule).
    """
    from django.db.models import Count

    from persons.models import Person
    from persons.registry import kinds

    every = sorted({bsn for bsns in bsns_by_item.values() for bsn in bsns})
    person_of: dict[str, int] = {}
    if every:
        person_of = dict(Person.objects.current().filter(bsn__in=every).values_list("bsn", "pk"))
    per_person: dict[int, int] = {}
    if person_of:
        for kind in kinds():
            if kind.secret:
                continue
            for model, field in kind.pointers:
                rows = (
                    model._base_manager.filter(**{f"{field}__in": list(person_of.values())})
                    .values(field)
                    .annotate(n=Count("pk"))
                    .values_list(field, "n")
                    .order_by()
                )
                for person_id, n in rows:
                    per_person[person_id] = per_person.get(person_id, 0) + n
    return {
        item: Known(
            sum(per_person.get(person_of.get(bsn), 0) for bsn in set(bsns) if bsn in person_of)
        )
        for item, bsns in bsns_by_item.items()
    }
