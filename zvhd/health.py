"""/healthz: is the database there, is Redis there, did a worker beat recently?

No login, no personal data: only component names, "ok"/"error" and the heartbeat's age.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from zvhd.tasks import HEARTBEAT_KEY

HEARTBEAT_MAX_AGE = timedelta(minutes=3)


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:  # noqa: BLE001 - any failure is "error" for a health probe
        return "error"


def _redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    try:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2).ping()
        return "ok"
    except Exception:  # noqa: BLE001
        return "error"


def _worker() -> tuple[str, int | None]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager (no broker)", None
    beat = cache.get(HEARTBEAT_KEY)
    if not beat:
        return "no heartbeat", None
    age = timezone.now() - datetime.fromisoformat(beat)
    return ("ok" if age <= HEARTBEAT_MAX_AGE else "stale"), int(age.total_seconds())


@login_not_required
@never_cache
@require_GET
def healthz(request):
    worker, age = _worker()
    checks = {"database": _database(), "redis": _redis(), "worker": worker}
    # Without the database nothing works: 503 takes this process out of the load balancer.
    # Without Redis the pages still work (zvhd/cache.py) and only queued work waits, so the
    # process stays in rotation and says it is degraded.
    healthy = checks["database"] == "ok"
    degraded = checks["redis"] not in ("ok", "not configured")
    status = "error" if not healthy else "degraded" if degraded else "ok"
    body = {"status": status, "checks": checks}
    if age is not None:
        body["worker_heartbeat_age_seconds"] = age
    return JsonResponse(body, status=200 if healthy else 503)
