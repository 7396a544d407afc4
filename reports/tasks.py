"""Slow work of the reports app, outside the request (CONVENTIONS rules 8 and 9).

Both tasks take a row id, are idempotent (a finished row is left alone) and retry with
`acks_late`. `freeze_last_year` is on the beat schedule: early January, the figures of the year
just ended are frozen once (a first version management can publish or redo).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from zvhd.jobs import _lock_key, _try_lock, _unlock

logger = logging.getLogger(__name__)


# A delivery that finds the job busy elsewhere looks again this much later (seconds), up to
# BUSY_RECHECKS times: if the live run then dies, this delivery is the one that finishes it.
BUSY_RECHECK_SECONDS = 60
BUSY_RECHECKS = 120


class Busy(Exception):
    """Another live attempt holds the job's lock."""


@contextmanager
def _claim(model, pk):
    """Yield the row marked running, or None when it is missing or finished; raise Busy when
    another live attempt holds it.

    A worker killed halfway leaves the row "running"; acks_late brings the message back and
    the next attempt takes that stale claim over. What keeps the work to one run at a time is
    a PostgreSQL advisory lock on the row, held for the whole attempt (zvhd/jobs.py): a live
    attempt holds it, a dead worker's connection dies and PostgreSQL drops it. Under the lock
    the row is read again, so a document that is done is never made twice.
    """
    from reports.models import JobStatus

    key = _lock_key(model, pk)
    if not _try_lock(key):
        logger.info("job busy elsewhere", extra={"job_id": pk, "event": "job_busy"})
        raise Busy
    try:
        with transaction.atomic():
            row = model._base_manager.select_for_update().filter(pk=pk).first()
            if row is not None and row.status != JobStatus.DONE:
                row.status = JobStatus.RUNNING
                row.save(update_fields=["status"])
            else:
                row = None
        yield row
    finally:
        _unlock(key)


def _recheck_later(task):
    """A duplicate delivery (Redis hands a message out again after the visibility timeout)
    must not simply be acknowledged: were the live run to die after that, no message would be
    left to finish the job. So it is sent again for later; that copy finds the job done (and
    skips) or abandoned (and takes it over)."""
    return task.retry(countdown=BUSY_RECHECK_SECONDS, max_retries=BUSY_RECHECKS)


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def freeze_year(self, snapshot_id: int) -> str:
    from reports.models import YearSnapshot

    try:
        with _claim(YearSnapshot, snapshot_id) as snapshot:
            if snapshot is None:
                return "skipped"
            return _freeze(snapshot)
    except Busy:
        raise _recheck_later(self) from None


def _freeze(snapshot) -> str:
    from reports.figures import snapshot_figures
    from reports.models import JobStatus

    snapshot_id = snapshot.pk
    try:
        data = snapshot_figures(snapshot.year)
    except Exception as exc:  # the row must say it failed, whatever went wrong
        logger.exception("snapshot %s failed", snapshot_id)
        snapshot.status = JobStatus.FAILED
        snapshot.error = str(exc)[:2000]
        snapshot.finished_at = timezone.now()
        snapshot.save(update_fields=["status", "error", "finished_at"])
        return "failed"
    snapshot.data = data
    snapshot.status = JobStatus.DONE
    snapshot.error = ""
    snapshot.finished_at = timezone.now()
    snapshot.save(update_fields=["data", "status", "error", "finished_at"])
    return "done"


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


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def render_document(self, document_id: int) -> str:
    from reports.models import ReportDocument

    try:
        with _claim(ReportDocument, document_id) as document:
            if document is None:
                return "skipped"
            return _render(document)
    except Busy:
        raise _recheck_later(self) from None


def _render(document) -> str:
    from reports.models import JobStatus, ReportDocument

    document_id = document.pk

    def progress(percent: int, step: str) -> None:
        # Its own small UPDATE, committed at once, so the progress bar moves. progress and step
        # are excluded from the history, so this UPDATE skips nothing that history keeps.
        ReportDocument._base_manager.filter(pk=document.pk).update(progress=percent, step=step)

    try:
        from reports.documents import render

        pdf = render(document, progress=progress)
    except Exception as exc:
        logger.exception("report document %s failed", document_id)
        document.status = JobStatus.FAILED
        document.error = str(exc)[:2000]
        document.finished_at = timezone.now()
        document.save(update_fields=["status", "error", "finished_at"])
        return "failed"
    if document.file:
        document.file.delete(save=False)
    document.file.save(document.filename, ContentFile(pdf), save=False)
    document.status = JobStatus.DONE
    document.progress = 100
    document.step = ""
    document.error = ""
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "status", "progress", "step", "error", "finished_at"])
    return "done"
