"""The review reminder of risk assessments (CONVENTIONS rule 8: ids, idempotent, acks_late).

Like the plan's review reminder (`cases.tasks.send_review_reminders`): an assessment whose
next review falls within the next days is reminded once per date (`reminded_for`) to the
case's director, by e-mail with the case number and a link only, and in the in-app inbox when
that app is installed (`notify_hook`: the inbox helper's `inbox.services.notify`).
"""

from __future__ import annotations

import importlib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

REMINDER_DAYS_AHEAD = 7


def notify_hook():
    """`inbox.services.notify` when the inbox app is installed, else None.

    Looked up by name so risk runs without it. Called as
    `notify(user=..., title=..., url=..., kind="risk_review")`; the inbox app decides on
    e-mail per the user's preferences. Wire the exact signature at merge if it differs.
    """
    from django.apps import apps

    if not apps.is_installed("inbox"):
        return None
    try:
        return importlib.import_module("inbox.services").notify
    except (ImportError, AttributeError):
        return None


@shared_task(acks_late=True)
def send_review_reminders() -> int:
    from cases.models import OPEN_STATUSES
    from risk.models import Assessment

    today = timezone.localdate()
    horizon = today + timezone.timedelta(days=REMINDER_DAYS_AHEAD)
    due = (
        Assessment.objects.filter(
            next_review_on__lte=horizon,
            case__status__in=OPEN_STATUSES,
            case__director__isnull=False,
        )
        .exclude(reminded_for=F("next_review_on"))
        .select_related("case", "case__director")
    )
    # Only the latest assessment of a case asks for a review.
    latest = {}
    for assessment in due.order_by("case_id", "-assessed_on", "-id"):
        latest.setdefault(assessment.case_id, assessment)
    notify = notify_hook()
    sent = 0
    for assessment in latest.values():
        case = assessment.case
        path = reverse("risk:case_risk", args=[case.pk])
        due_on = f"{assessment.next_review_on:%d-%m-%Y}"
        title = f"Herbeoordeling risicotaxatie casus {case.number} op {due_on}"
        if notify is not None:
            notify(user=case.director, title=title, url=path, kind="risk_review")
        elif case.director.email:
            send_mail(
                title,
                "De herbeoordeling van de risicotaxatie nadert. "
                + getattr(settings, "SITE_URL", "").rstrip("/")
                + path,
                None,
                [case.director.email],
            )
        sent += 1
        Assessment.objects.filter(pk=assessment.pk).update(reminded_for=assessment.next_review_on)
    return sent
