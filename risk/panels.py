"""The start panel of the risk app: reviews of risk assessments due on one's own cases."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

PANEL_DAYS = 14
PANEL_ROWS = 10


def reviews_due(request) -> dict:
    """The latest assessment of each own open case whose review falls within two weeks (or is
    past), the earliest first, at most PANEL_ROWS; one query.

    The latest assessment first, then its review date: filtering the dates first kept a case
    whose earlier assessment's review had passed although a newer assessment had set the next
    one months ahead ("Verlopen" on a case reassessed last week). And the earliest first, then
    the cut: the first ten case numbers hid the reviews most overdue."""
    from cases.models import OPEN_STATUSES
    from risk.models import Assessment

    user = request.user
    horizon = timezone.localdate() + timezone.timedelta(days=PANEL_DAYS)
    own = Q(case__director=user) | Q(case__support=user) | Q(case__guide=user)
    rows = list(
        Assessment.objects.filter(own, case__status__in=OPEN_STATUSES)
        .latest_per_case()
        .filter(next_review_on__lte=horizon)
        .order_by("next_review_on", "case_id")
        .values("case_id", "case__number", "next_review_on")[: PANEL_ROWS + 1]
    )
    return {
        "reviews": rows[:PANEL_ROWS],
        "more": len(rows) > PANEL_ROWS,
        "limit": PANEL_ROWS,
        "today": timezone.localdate(),
    }


def case_section(*, request, case) -> dict:
    """The top of the case file for its readers: the safety flags in force (the case's own and
    its person's) and the latest assessment. Two queries."""
    from risk.models import Assessment, active_flags_of

    flags = list(active_flags_of(case.pk, case.person_id).select_related("kind", "set_by"))
    latest = (
        Assessment.objects.filter(case=case)
        .select_related("instrument")
        .order_by("-assessed_on", "-id")
        .first()
    )
    return {"risk_flags": flags, "risk_latest": latest, "risk_today": timezone.localdate()}
