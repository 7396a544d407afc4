"""The Celery app. Its configuration is the CELERY_* block of zvhd/settings.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zvhd.settings")

app = Celery("zvhd")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
