"""The start panel of the risk app: reviews of risk assessments due on one's own cases."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

PANEL_DAYS = 14


def reviews_due(request) -> dict:
    """The latest assessment per own case whose review falls within two weeks (or is past),
    at most 10; one query."""
    from cases.models import OPEN_STATUSES
    from risk.models import Assessment

    user = request.user
    horizon = timezone.localdate() + timezone.timedelta(days=PANEL_DAYS)
    own = Q(case__director=user) | Q(case__support=user) | Q(case__guide=user)
    rows = list(
        Assessment.objects.filter(own, case__status__in=OPEN_STATUSES, next_review_on__lte=horizon)
        .order_by("case_id", "-assessed_on", "-id")
        .distinct("case_id")
        .values("case_id", "case__number", "next_review_on")[:10]
    )
    rows.sort(key=lambda r: r["next_review_on"])
    return {"reviews": rows, "today": timezone.localdate()}


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
