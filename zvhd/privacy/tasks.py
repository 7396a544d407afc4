"""Background work of the privacy app: ids in, the rows hold the results (CONVENTIONS rule 9).

- the inzage-PDF of a subject access request;
- retention of the access log: rows older than the legal term are purged once a day, and its
  monthly partitions are made ahead of time;
- the access review's days: each closed day of the log summarized once (review_days.py).
"""

from datetime import datetime

from celery import shared_task
from django.utils import timezone

from zvhd.jobs import run_job
from zvhd.privacy.models import AccessLog

# The access log is kept five years (Wgs accountability), then removed.
ACCESS_LOG_RETENTION_YEARS = 5


@shared_task(bind=True, acks_late=True)
def render_access_pdf(self, access_request_id: int) -> str:
    from zvhd.privacy.models import SubjectAccessRequest
    from zvhd.privacy.services import render_access_pdf as render

    return run_job(SubjectAccessRequest, access_request_id, render, prefix="pdf_", task=self)


def retention_cutoff(now: datetime | None = None) -> datetime:
    """The moment five calendar years before `now`; rows strictly older are purged.

    29 February falls back to 28 February in a year without it.
    """
    now = now or timezone.now()
    year = now.year - ACCESS_LOG_RETENTION_YEARS
    try:
        return now.replace(year=year)
    except ValueError:
        return now.replace(year=year, day=28)


@shared_task(acks_late=True)
def purge_access_log() -> int:
    """Remove the access-log rows past the retention term (whole months are dropped, the
    rest deleted: zvhd/privacy/partitions.py), and the access review's days of them (the
    same personal data: zvhd/privacy/review_days.py); returns the count of log rows."""
    from zvhd.privacy import review_days

    cutoff = retention_cutoff()
    removed = AccessLog.objects.purge_before(cutoff)
    review_days.purge_before(cutoff)
    return removed


@shared_task(acks_late=True)
def summarize_access_review_days() -> int:
    """Hourly: every closed day of the access log not yet summarized for the access review,
    oldest first (the night's day in the first hour after midnight; days a stopped worker
    missed at its next run); a day done is not done again. Then today so far, so that the
    review reads at most the last hour or so from the log. Returns the number of closed days."""
    from zvhd.privacy.review_days import summarize_days, summarize_today

    days = len(summarize_days())
    summarize_today()
    return days


@shared_task(acks_late=True)
def maintain_access_log_partitions() -> list[str]:
    """Daily: the access log's tables for this month and the next two exist (made ahead, so
    no row waits in the default partition); returns the tables made."""
    from zvhd.privacy.partitions import ensure_partitions

    return ensure_partitions(timezone.now().date())


@shared_task(acks_late=True)
def propose_destruction() -> int | None:
    """Daily: put the records whose term has passed on the proposed destruction list."""
    from zvhd.privacy.services import propose_destruction as propose

    destruction_list = propose()
    return destruction_list.pk if destruction_list else None


@shared_task(bind=True, acks_late=True)
def execute_destruction_list(self, destruction_list_id: int) -> str:
    from zvhd.privacy.models import DestructionList
    from zvhd.privacy.services import execute_destruction_list as execute

    return run_job(DestructionList, destruction_list_id, execute, prefix="destroy_", task=self)


@shared_task(bind=True, acks_late=True)
def render_destruction_certificate(self, destruction_list_id: int) -> str:
    from zvhd.privacy.models import DestructionList
    from zvhd.privacy.services import render_destruction_certificate as render

    return run_job(DestructionList, destruction_list_id, render, prefix="certificate_", task=self)
