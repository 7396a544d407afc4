"""Slow work of the reports app, outside the request, on the job kernel (zvhd/jobs/).

Both tasks take a row id and are idempotent (`run_job`: a finished row is left alone, a busy
one is looked at again later) and retry with `acks_late`. `freeze_last_year` is on the beat
schedule: early January, the figures of the year just ended are frozen once (a first version
management can publish or redo).

`refresh_figures(year)` computes and stores the dashboard's figures of a year (every scope;
`reports.live`); it takes the year, not a row, since the rows are what it makes, and running
it twice only stores the same figures again. `refresh_current_figures` is its beat entry.
"""

from __future__ import annotations

from celery import shared_task
from django.core.files.base import ContentFile
from django.utils import timezone

from zvhd.jobs import report_progress, run_job

FREEZE_YEAR = "reports.tasks.freeze_year"
RENDER_DOCUMENT = "reports.tasks.render_document"
REFRESH_FIGURES = "reports.tasks.refresh_figures"


@shared_task(
    bind=True,
    name=FREEZE_YEAR,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def freeze_year(self, snapshot_id: int) -> str:
    from reports.models import YearSnapshot

    return run_job(YearSnapshot, snapshot_id, _freeze, task=self, saves=["data"])


def _freeze(snapshot) -> None:
    from reports.figures import snapshot_figures

    snapshot.data = snapshot_figures(snapshot.year)


@shared_task(acks_late=True)
def freeze_last_year() -> str:
    """Beat: freeze the year just ended once (a second run finds a version and does nothing)."""
    from reports.models import YearSnapshot
    from reports.services import request_snapshot
    from zvhd.network.models import Role, User

    year = timezone.localdate().year - 1
    if YearSnapshot._base_manager.filter(year=year).exists():
        return "exists"
    manager = User.objects.filter(groups__name=Role.MANAGER, is_active=True).first()
    if manager is None:
        return "no manager"
    request_snapshot(year=year, requested_by=manager, reason="automatisch na de jaarwisseling")
    return "requested"


@shared_task(
    bind=True,
    name=RENDER_DOCUMENT,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def render_document(self, document_id: int) -> str:
    from reports.models import ReportDocument

    return run_job(ReportDocument, document_id, _render, task=self, saves=["file"])


def _render(document) -> None:
    from reports.documents import render

    pdf = render(document, progress=lambda percent, step: report_progress(document, percent, step))
    if document.file:
        document.file.delete(save=False)
    document.file.save(document.filename, ContentFile(pdf), save=False)


@shared_task(
    bind=True,
    name=REFRESH_FIGURES,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def refresh_figures(self, year: int) -> str:
    """Compute and store `year`'s dashboard figures, once at a time: a second delivery while
    one runs leaves it to that one (it stores the same figures a moment later)."""
    from django.db import connection

    from reports import live, services
    from reports.models import LiveFigures
    from zvhd.jobs import lock_key

    if not live.has_figures(year):
        return "skipped"  # no figures of that year (never queued by the pages)
    key = lock_key(LiveFigures, year)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
        if not cursor.fetchone()[0]:
            return "busy"
    try:
        services.refresh_live_figures(year=year)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)
        live.release(year)
    return "done"


@shared_task(acks_late=True)
def refresh_current_figures() -> str:
    """Beat: this year's and last year's dashboard figures computed again (a year whose
    refresh is still waiting is not asked twice). Other years are refreshed when a page
    finds them older than the interval."""
    from reports import live

    this = timezone.localdate().year
    return ", ".join(f"{year}: {live.queue_refresh(year)}" for year in (this, this - 1))
