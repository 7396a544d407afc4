"""Start-page panels of the house itself (apps register their own in their AppConfig)."""

from datetime import timedelta

from django.utils import timezone

from zvhd.middleware import has_second_factor


def account(request):
    return {"second_factor": has_second_factor(request.user)}


def beheer(request):
    from allauth.mfa.models import Authenticator
    from axes.conf import settings as axes_settings
    from axes.models import AccessAttempt

    from zvhd.network.models import User

    active = User.objects.filter(is_active=True)
    return {
        "active_users": active.count(),
        "without_second_factor": active.exclude(
            pk__in=Authenticator.objects.values("user_id")
        ).count(),
        "locked": AccessAttempt.objects.filter(
            failures_since_start__gte=axes_settings.AXES_FAILURE_LIMIT
        ).count(),
    }


def privacy(request):
    """The privacy officer's own work first: destruction lists to review and subject-access
    requests still open (issue 23: the start page showed only denied reads, while a list of
    19 records waited for review), then the denied reads of the last week."""
    from django.db.models import Count, Q

    from zvhd.privacy.models import (
        AccessLog,
        DestructionList,
        DestructionStatus,
        SubjectAccessRequest,
        SubjectAccessStatus,
    )

    since = timezone.now() - timedelta(days=7)
    denied = AccessLog.objects.visible_to(request.user).filter(allowed=False, at__gte=since)
    requests = SubjectAccessRequest.objects.visible_to(request.user).exclude(
        status=SubjectAccessStatus.HANDLED
    )
    open_requests = list(requests.order_by("received_on")[:50])
    return {
        "denied": list(denied.order_by("-at")[:10]),
        "to_review": DestructionList.objects.visible_to(request.user).aggregate(
            n=Count("pk", filter=Q(status=DestructionStatus.PROPOSED))
        )["n"],
        "open_requests": len(open_requests),
        "overdue_requests": sum(1 for r in open_requests if r.is_overdue),
    }
