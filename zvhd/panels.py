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
    from zvhd.privacy.models import AccessLog

    since = timezone.now() - timedelta(days=7)
    denied = AccessLog.objects.visible_to(request.user).filter(allowed=False, at__gte=since)
    return {"denied": list(denied.order_by("-at")[:10])}
