"""What a reader sees of the matcher's candidates (issue 21 part 2: need to know).

Per candidate, each app says through its own door (persons.registry) which of its records the
reader may open (shown with number, status and a link) and, for the others, whom to contact:
"bekend bij ZVHD — contact: <person or role>". The name and birth date of the register person
are shown only when the reader may see at least one of their records; a secret kind
(trafficking) never names itself outside its readers. The caller checks `may_search` first:
partners, liaisons and municipal contacts get nothing of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from persons.models import Person
from persons.registry import RecordRef, kinds
from persons.search import Candidate, candidates


@dataclass
class Hit:
    score: float
    reasons: list[str]
    person: Person | None = None  # only when the reader may see who it is
    records: list[RecordRef] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def hits_for(user, found: list[Candidate]) -> list[Hit]:
    ids = [c.person_id for c in found]
    if not ids:
        return []
    refs: dict[int, list[RecordRef]] = {pk: [] for pk in ids}
    for kind in kinds():
        for ref in kind.records(ids, user):
            refs.setdefault(ref.person_id, []).append(ref)
    visible = {p.pk: p for p in Person.objects.visible_to(user).filter(pk__in=ids)}
    hits = []
    for candidate in found:
        mine = refs.get(candidate.person_id, [])
        if not mine:
            continue  # a register person with no record left: nothing to tell
        contacts = []
        for ref in mine:
            if not ref.in_scope and ref.contact not in contacts:
                contacts.append(ref.contact)
        hits.append(
            Hit(
                score=candidate.score,
                reasons=candidate.reasons,
                person=visible.get(candidate.person_id),
                records=[ref for ref in mine if ref.in_scope],
                contacts=contacts,
            )
        )
    return hits


def search(user, **query) -> list[Hit]:
    return hits_for(user, candidates(**query))


def log_hits(request, hits: list[Hit]) -> None:
    """The register persons shown by name are written to the access log (one INSERT)."""
    from zvhd.privacy.services import log_list_access

    shown = [hit.person for hit in hits if hit.person is not None]
    if shown:
        log_list_access(request=request, objects=shown)
