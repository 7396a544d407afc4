"""The keyed-hash index of the BSNs this house holds, and the one lookup a peer's question uses.

`known_locally(digest, key)` is the only function the endpoint calls: today it reads the small
table `IndexEntry`, fed by signals of the records that hold a BSN (cases' persons, aftercare
records, trafficking signals). When the shared person register (issue 21 parts 1-4, the
`persons` app) lands, `SOURCES` gets its one entry and the others can go: nothing else changes.

The brief asked for signals (CONVENTIONS rule 4 keeps business flow out of them): this is not a
business flow but a derived index, like a search index, so it follows every save wherever it
comes from. A save that skips signals (`.update()`, a raw import) is caught by the nightly
`federation.tasks.rebuild_index`, and a stale entry never gives a wrong "yes": every hit is
checked against the record's stored BSN before it counts (`known_locally`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from federation import crypto
from federation.models import FederationKey, IndexEntry

logger = logging.getLogger("federation")
BATCH = 2000


@dataclass(frozen=True)
class Source:
    label: str  # "app_label.modelname"
    bsn_field: str = "bsn"
    trafficking: bool = False  # answered from only when the house says so

    @property
    def model(self):
        return apps.get_model(self.label)


SOURCES = (
    Source("cases.person"),
    Source("aftercare.aftercarerecord"),
    Source("trafficking.signal", trafficking=True),
)


def _source(label: str) -> Source | None:
    return next((s for s in SOURCES if s.label == label), None)


def _keys() -> list[tuple[FederationKey, bytes]]:
    """The keys worth an index: accepted ones and the one waiting to become current."""
    from federation.models import ACCEPTED, KeyStatus

    found = []
    for key in FederationKey.objects.filter(status__in=(*ACCEPTED, KeyStatus.PENDING)):
        raw = crypto.key_bytes(key)
        if raw is not None:
            found.append((key, raw))
    return found


def refresh_record(label: str, pk: int, bsn: str) -> None:
    """The entries of one record, after it was saved: one per key, or none without a BSN."""
    IndexEntry.objects.filter(source=label, source_id=pk).delete()
    rows = []
    for key, raw in _keys():
        value = crypto.digest_or_none(raw, bsn)
        if value:
            rows.append(IndexEntry(key=key, digest=value, source=label, source_id=pk))
    IndexEntry.objects.bulk_create(rows)


def forget_record(label: str, pk: int) -> None:
    IndexEntry.objects.filter(source=label, source_id=pk).delete()


def rebuild_key(key: FederationKey) -> int:
    """Every stored BSN hashed under `key` anew (after a rotation, and nightly). Returns how
    many records are in the index."""
    from django.utils import timezone

    raw = crypto.key_bytes(key)
    if raw is None:
        IndexEntry.objects.filter(key=key).delete()
        return 0
    count = 0
    with transaction.atomic():
        IndexEntry.objects.filter(key=key).delete()
        for source in SOURCES:
            rows = (
                source.model._base_manager.exclude(**{source.bsn_field: ""})
                .values_list("pk", source.bsn_field)
                .order_by("pk")
                .iterator(chunk_size=BATCH)
            )
            batch = []
            for pk, bsn in rows:
                value = crypto.digest_or_none(raw, bsn)
                if value:
                    batch.append(
                        IndexEntry(key=key, digest=value, source=source.label, source_id=pk)
                    )
                if len(batch) >= BATCH:
                    IndexEntry.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
            IndexEntry.objects.bulk_create(batch)
            count += len(batch)
        FederationKey.objects.filter(pk=key.pk).update(
            indexed_at=timezone.now(), indexed_count=count
        )
    return count


def known_locally(digest: str, key: FederationKey, *, trafficking: bool = False) -> bool:
    """Whether a record of this house holds the BSN whose keyed hash under `key` is `digest`.

    One indexed query, plus one per hit to check the record still holds that BSN (a record
    anonymised with `.update()` keeps a stale entry until the nightly rebuild: never a "yes").
    """
    raw = crypto.key_bytes(key)
    if raw is None:
        return False
    hits = IndexEntry.objects.filter(key=key, digest=digest).values_list("source", "source_id")
    for label, pk in hits[:20]:
        source = _source(label)
        if source is None or (source.trafficking and not trafficking):
            continue
        bsn = (
            source.model._base_manager.filter(pk=pk)
            .values_list(source.bsn_field, flat=True)
            .first()
        )
        if bsn and crypto.digest_or_none(raw, bsn) == digest:
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Signals (connected in FederationConfig.ready())


def _on_save(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata
        return
    label = sender._meta.label_lower
    source = _source(label)
    try:
        with transaction.atomic():  # a savepoint: a failure here leaves the save intact
            refresh_record(label, instance.pk, getattr(instance, source.bsn_field, "") or "")
    except Exception:  # the index must never cost a registration: the nightly rebuild repairs
        logger.exception("federatie-index niet bijgewerkt", extra={"source": label})


def _on_delete(sender, instance, **kwargs):
    forget_record(sender._meta.label_lower, instance.pk)


def connect() -> None:
    for source in SOURCES:
        model = source.model
        post_save.connect(_on_save, sender=model, dispatch_uid=f"federation-index-{source.label}")
        post_delete.connect(
            _on_delete, sender=model, dispatch_uid=f"federation-index-del-{source.label}"
        )
