"""House tasks: the worker's heartbeat and a health probe."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "zvhd:worker-heartbeat"


@shared_task(acks_late=True)
def heartbeat() -> str:
    """Run by beat every minute; /healthz reads the time it left behind."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now


@shared_task(acks_late=True)
def ping(value: int) -> int:
    """Round trip for the health check and the worker test: returns what it was given + 1."""
    return value + 1
