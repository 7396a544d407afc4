"""Other registrations of a person or household on a routeeroverleg's agenda.

For now by exact BSN. The shared person register with its fuzzy "already known?" (app
`persons`, issue 21) repoints `other_registrations` and nothing else: the meeting page and the
tests ask only this function.
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
    """For each agenda item (id -> its BSNs) the number of cases whose person has one of them.

    One query for the whole agenda. A count only: the routeeroverleg needs to know *whether*
    a person or household was registered more than once (seed 003), not the cases themselves;
    who may open a case still decides at the case (cases.policy).
    """
    from django.db.models import Count

    from cases.models import Case

    every = sorted({bsn for bsns in bsns_by_item.values() for bsn in bsns})
    counts: dict[str, int] = {}
    if every:
        counts = dict(
            Case.objects.filter(person__bsn__in=every)
            .values("person__bsn")
            .annotate(n=Count("pk"))
            .values_list("person__bsn", "n")
        )
    return {
        item: Known(sum(counts.get(bsn, 0) for bsn in set(bsns)))
        for item, bsns in bsns_by_item.items()
    }
