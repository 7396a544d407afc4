"""Deploy checks of our own: settings that must never reach production."""

from django.conf import settings
from django.core.checks import Error, Tags, register


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
