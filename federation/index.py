"""The keyed-hash index of the BSNs this house knows, and the one lookup a peer's question uses.

One place knows who is known here: the person register (`persons`). The table `IndexEntry`
holds, per key in use, the HMAC of the BSN of every current register person (not merged into
another one), so a question is one indexed lookup instead of hashing every stored BSN. Whether
that person counts as "known" is decided when the question comes, through the register:
`persons.search.by_bsn` says who holds the BSN now, and the record kinds of
`persons.registry` (cases, aftercare, trafficking, each registered by its app) say whether a
record of that person remains. So the same exclusions hold as before the register:

- a secret kind (the trafficking register) counts only when the house says so
  (`House.answer_from_trafficking`);
- a record that was anonymised (retention) lets go of its register person, so it no longer
  counts, and the register person goes once nothing of theirs remains;
- a person merged into another is answered once, through the survivor; a split brings the
  merged person's own BSN back with exactly their own records.

The brief asked for signals (CONVENTIONS rule 4 keeps business flow out of them): this is not a
business flow but a derived index, like a search index, so it follows every save of a register
person wherever it comes from. A save that skips signals (an import's bulk write, `.update()`)
is caught by the nightly `federation.tasks.rebuild_all`, and a stale entry never gives a wrong
"yes": every hit is checked against the register's stored BSN before it counts.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from federation import crypto
from federation.models import FederationKey, IndexEntry

logger = logging.getLogger("federation")
BATCH = 2000
SOURCE = "persons.person"  # IndexEntry.source of every entry: a register person


def _person_model():
    return apps.get_model("persons", "Person")


def _keys() -> list[tuple[FederationKey, bytes]]:
    """The keys worth an index: accepted ones and the one waiting to become current."""
    from federation.models import ACCEPTED, KeyStatus

    found = []
    for key in FederationKey.objects.filter(status__in=(*ACCEPTED, KeyStatus.PENDING)):
        raw = crypto.key_bytes(key)
        if raw is not None:
            found.append((key, raw))
    return found


def refresh_person(pk: int, bsn: str, *, new: bool = False) -> None:
    """The entries of one register person after a save: one per key, none without a BSN (or
    for a person merged into another: pass an empty `bsn`). A `new` person has none yet."""
    if not new:
        IndexEntry.objects.filter(source=SOURCE, source_id=pk).delete()
    rows = []
    for key, raw in _keys():
        value = crypto.digest_or_none(raw, bsn)
        if value:
            rows.append(IndexEntry(key=key, digest=value, source=SOURCE, source_id=pk))
    IndexEntry.objects.bulk_create(rows)


def forget_person(pk: int) -> None:
    IndexEntry.objects.filter(source=SOURCE, source_id=pk).delete()


def indexed_persons(person_model):
    """(pk, bsn) of every register person the index holds: current ones with a BSN. Takes the
    model so the data migration can pass its historical one."""
    return (
        person_model._base_manager.filter(merged_into__isnull=True)
        .exclude(bsn="")
        .values_list("pk", "bsn")
        .order_by("pk")
    )


def fill(key, raw: bytes, person_model, entry_model=IndexEntry) -> int:
    """Write the entries of every indexed register person under one key; returns how many."""
    count, batch = 0, []
    for pk, bsn in indexed_persons(person_model).iterator(chunk_size=BATCH):
        value = crypto.digest_or_none(raw, bsn)
        if value:
            batch.append(entry_model(key_id=key.pk, digest=value, source=SOURCE, source_id=pk))
        if len(batch) >= BATCH:
            entry_model.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    entry_model.objects.bulk_create(batch)
    return count + len(batch)


def rebuild_key(key: FederationKey) -> int:
    """Every register person's BSN hashed under `key` anew (after a rotation, and nightly).
    Returns how many persons are in the index."""
    from django.utils import timezone

    raw = crypto.key_bytes(key)
    if raw is None:
        IndexEntry.objects.filter(key=key).delete()
        return 0
    with transaction.atomic():
        IndexEntry.objects.filter(key=key).delete()
        count = fill(key, raw, _person_model())
        FederationKey.objects.filter(pk=key.pk).update(
            indexed_at=timezone.now(), indexed_count=count
        )
    return count


def _disclosable(*, trafficking: bool) -> Q:
    """Register persons with a record that may count as "known": of every record kind, except
    a secret one (the trafficking register) unless the house answers from it."""
    from persons.registry import kinds

    condition = Q(pk__in=[])
    for kind in kinds():
        if kind.secret and not trafficking:
            continue
        condition |= Q(pk__in=kind.all_person_ids())
    return condition


def known_locally(digest: str, key: FederationKey, *, trafficking: bool = False) -> bool:
    """Whether this house knows the person whose BSN's keyed hash under `key` is `digest`.

    Three indexed queries: the index, the register's stored BSN of the hits (a stale entry is
    never a "yes"), and whether the register person holding that BSN (`by_bsn`) has a record
    that may count.
    """
    from persons.search import by_bsn

    raw = crypto.key_bytes(key)
    if raw is None:
        return False
    hits = IndexEntry.objects.filter(key=key, digest=digest, source=SOURCE).values_list(
        "source_id", flat=True
    )
    stored = (
        _person_model()
        ._base_manager.filter(pk__in=list(hits[:20]))
        .values_list("bsn", flat=True)
        .distinct()
    )
    for bsn in {bsn for bsn in stored if bsn and crypto.digest_or_none(raw, bsn) == digest}:
        if by_bsn(bsn).filter(_disclosable(trafficking=trafficking)).exists():
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Signals (connected in FederationConfig.ready())


def _on_save(sender, instance, raw=False, created=False, **kwargs):
    if raw:  # loaddata
        return
    bsn = "" if instance.merged_into_id else (instance.bsn or "")
    if created and not bsn:
        return  # no entry to remove and none to write: most registrations have no BSN
    try:
        with transaction.atomic():  # a savepoint: a failure here leaves the save intact
            refresh_person(instance.pk, bsn, new=created)
    except Exception:  # the index must never cost a registration: the nightly rebuild repairs
        logger.exception("federatie-index niet bijgewerkt", extra={"source": SOURCE})


def _on_delete(sender, instance, **kwargs):
    forget_person(instance.pk)


def connect() -> None:
    model = _person_model()
    post_save.connect(_on_save, sender=model, dispatch_uid="federation-index-person")
    post_delete.connect(_on_delete, sender=model, dispatch_uid="federation-index-del-person")
