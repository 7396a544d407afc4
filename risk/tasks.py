"""The review reminder of risk assessments (CONVENTIONS rule 8: ids, idempotent, acks_late).

Like the plan's review reminder (`cases.tasks.send_review_reminders`): an assessment whose
next review falls within the next days is reminded once per date (`reminded_for`) to the
case's director through the inbox (`inbox.services.notify`, kind "risk_review"): in the app, and
by e-mail with the case number and an absolute link only, as the director chose.
"""

from __future__ import annotations

from celery import shared_task
from django.db.models import F
from django.utils import timezone

REMINDER_DAYS_AHEAD = 7


@shared_task(acks_late=True)
def send_review_reminders() -> int:
    from cases.models import OPEN_STATUSES
    from inbox import kinds
    from inbox.services import notify
    from risk.models import Assessment

    today = timezone.localdate()
    horizon = today + timezone.timedelta(days=REMINDER_DAYS_AHEAD)
    # Only the latest assessment of a case asks for a review: chosen before the dates are
    # looked at (choosing among the due ones reminded of an earlier assessment's review on a
    # case reassessed since).
    due = (
        Assessment.objects.filter(case__status__in=OPEN_STATUSES, case__director__isnull=False)
        .latest_per_case()
        .filter(next_review_on__lte=horizon)
        .exclude(reminded_for=F("next_review_on"))
        .select_related("case", "case__director")
        .order_by("case_id")
    )
    sent = 0
    for assessment in due:
        case = assessment.case
        # The inbox tells the director (by e-mail too, as they chose) and links to the tab.
        notify(kinds.RISK_REVIEW, [case.director], case=case, target=assessment)
        sent += 1
        Assessment.objects.filter(pk=assessment.pk).update(reminded_for=assessment.next_review_on)
    return sent
