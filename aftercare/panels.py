"""Start-page panels: the coordinator's coming releases, a municipality's residents."""

from datetime import timedelta

from django.utils import timezone

from aftercare.models import DETAIL, SUMMARY, AftercareRecord


def releases(request):
    """Releases in the next 14 days with basic conditions still open (the reminder window)."""
    today = timezone.localdate()
    records = AftercareRecord.objects.visible_to(request.user, DETAIL).releases_between(
        today, today + timedelta(days=14)
    )
    rows = []
    for record in records:
        open_basic = [c for c in record.open_condition_list if c.basic]
        if open_basic:
            rows.append({"record": record, "open": len(open_basic)})
    open_records = AftercareRecord.objects.visible_to(request.user, DETAIL).open().count()
    return {"rows": rows[:10], "more": max(len(rows) - 10, 0), "open_records": open_records}


def municipality(request):
    records = AftercareRecord.objects.visible_to(request.user, SUMMARY)
    return {
        "open_records": records.open().count(),
        "municipality": request.user.municipality,
    }
