"""Celery tasks of the federation app: they carry a key's id, never a BSN."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def rebuild_index(key_id: int) -> int:
    """Hash every stored BSN under one key anew (after adding or activating it). Idempotent."""
    from federation.index import rebuild_key
    from federation.models import FederationKey

    key = FederationKey.objects.filter(pk=key_id).first()
    return rebuild_key(key) if key is not None else 0


@shared_task(acks_late=True)
def rebuild_all() -> int:
    """Nightly: the index of every key in use rebuilt, catching saves that skipped signals."""
    from federation.index import rebuild_key
    from federation.models import ACCEPTED, FederationKey, KeyStatus

    keys = FederationKey.objects.filter(status__in=(*ACCEPTED, KeyStatus.PENDING))
    return sum(rebuild_key(key) for key in keys)


@shared_task(acks_late=True)
def purge_log() -> int:
    """Daily: the federation log keeps questions as long as the access log keeps reads."""
    from federation.models import Query
    from zvhd.privacy.tasks import retention_cutoff

    deleted, _ = Query.objects.filter(asked_at__lt=retention_cutoff()).delete()
    return deleted
