"""Start-page panels: the coordinator's coming releases, a municipality's residents."""

from django.db.models import Count, Q
from django.utils import timezone

from aftercare.models import DETAIL, DONE_STATUSES, SUMMARY, AftercareRecord


def releases(request):
    """Releases in the next 14 days with basic conditions still open (the reminder window),
    and how many expected releases have passed without a release recorded.

    Two queries: the start page is shared by every app and its query count is pinned.
    """
    today = timezone.localdate()
    visible = AftercareRecord.objects.visible_to(request.user, DETAIL)
    due = list(
        visible.release_soon(today)
        .annotate(
            open_basic=Count(
                "conditions",
                filter=Q(conditions__basic=True) & ~Q(conditions__status__in=DONE_STATUSES),
            )
        )
        .filter(open_basic__gt=0)
        .only("pk", "notified_on", "first_names", "last_name", "expected_release")
        .order_by("expected_release", "pk")[:11]
    )
    return {
        "rows": [{"record": r, "open": r.open_basic} for r in due[:10]],
        "more": len(due) > 10,
        # Past the expected date without a release recorded: released unseen, or the date
        # not moved. They left this panel on the day after and the releases page a week later.
        "overdue": visible.release_overdue(today).count(),
    }


def municipality(request):
    records = AftercareRecord.objects.visible_to(request.user, SUMMARY)
    return {
        "open_records": records.open().count(),
        "municipality": request.user.municipality,
    }
