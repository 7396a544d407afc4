"""Deploy checks of our own: settings that must never reach production."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def demo_switches_off_in_production(app_configs, **kwargs):
    errors = []
    if not settings.DEBUG and settings.DEMO_DISABLE_SECOND_FACTOR:
        errors.append(
            Error(
                "DEMO_DISABLE_SECOND_FACTOR is on while DEBUG is off.",
                hint="The second factor may be switched off for a local demo only.",
                id="zvhd.E001",
            )
        )
    if not settings.DEBUG and settings.CELERY_TASK_ALWAYS_EAGER:
        errors.append(
            Error(
                "No Celery broker is configured while DEBUG is off.",
                hint="Set CELERY_BROKER_URL (or REDIS_URL): PDFs and reminders need a worker.",
                id="zvhd.E002",
            )
        )
    return errors


PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def shared_cache_errors() -> list[Error]:
    """A production web process needs a cache that all processes share.

    The API throttle (120 calls a minute per key) and allauth's memory of used TOTP codes live
    in the cache. With the per-process LocMemCache each gunicorn worker counted on its own
    (360 a minute with 3 workers) and a used code could be replayed on another worker.
    Also run by gunicorn's config (zvhd/gunicorn.conf.py) before it starts any worker, since
    gunicorn runs no Django checks of its own.
    """
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or settings.ALLOW_PROCESS_LOCAL_CACHE or backend not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Error(
            "The cache is local to each process while DEBUG is off.",
            hint="Set REDIS_URL: the API rate limit and used TOTP codes must be shared by "
            "every web process. ALLOW_PROCESS_LOCAL_CACHE=true is for a single process only.",
            id="zvhd.E003",
        )
    ]


@register(Tags.caches, deploy=True)
def shared_cache_in_production(app_configs, **kwargs):
    return shared_cache_errors()


@register(Tags.security, deploy=True)
def site_url_in_production(app_configs, **kwargs):
    """E-mails carry absolute links (zvhd.links); without SITE_URL they point at the demo."""
    if settings.DEBUG or getattr(settings, "SITE_URL", ""):
        return []
    return [
        Warning(
            "SITE_URL is not set while DEBUG is off.",
            hint="Set SITE_URL (e.g. https://zvhd.example.nl): links in e-mails are absolute "
            "and would otherwise point at http://127.0.0.1:8000.",
            id="zvhd.W001",
        )
    ]
