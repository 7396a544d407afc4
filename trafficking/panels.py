"""Start-page panels of the trafficking register: the work of the person looking."""

from django.utils import timezone

from trafficking.models import DrieluikMeeting, Signal


def chain_director(request):
    user = request.user
    signals = Signal.objects.visible_to(user)
    year = timezone.localdate().year
    return {
        "open": signals.open().count(),
        "waiting": signals.for_agenda().count(),
        "not_reported": signals.in_year(year).filter(comensha_reported_on__isnull=True).count(),
        "next_meeting": _next_meeting(user),
        "today": timezone.localdate(),
    }


def drieluik_member(request):
    user = request.user
    return {
        "waiting": Signal.objects.visible_to(user).for_agenda().count(),
        "next_meeting": _next_meeting(user),
        "today": timezone.localdate(),
    }


def manager(request):
    year = timezone.localdate().year
    return {
        "year": str(year),
        "signals": Signal.objects.visible_to(request.user).in_year(year).count(),
    }


def _next_meeting(user):
    today = timezone.localdate()
    meetings = DrieluikMeeting.objects.visible_to(user)
    return (
        meetings.filter(held_on__gte=today).order_by("held_on").first()
        or meetings.order_by("-held_on").first()
    )
