"""The Celery app. Its configuration is the CELERY_* block of zvhd/settings.py."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zvhd.settings")

app = Celery("zvhd")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
def yield_to_the_web(**kwargs):
    """The worker runs below the web's priority (WORKER_NICENESS, 10 by default; its pool's
    processes inherit it): on a host the two share, a jaarverslag rendered by WeasyPrint takes
    a core for seconds, and the kernel then gives the pages asked meanwhile the CPU first."""
    from django.conf import settings

    if settings.WORKER_NICENESS:
        os.nice(settings.WORKER_NICENESS)
