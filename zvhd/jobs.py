"""Background jobs that can safely run twice, and that say so when they cannot be queued.

The pattern for a PDF (a jaarverslag, a letter) and any other slow job, for every app:

    # models.py: a row per job with a `status` of JobStatus values (and the file, who asked).
    # services.py
    @transaction.atomic
    def request_report(*, year, requested_by) -> Report:
        report = Report.objects.create(year=year, requested_by=requested_by)
        enqueue_on_commit(tasks.render_report, report.pk, on_failure=mark_not_queued(Report))
        return report

    # tasks.py
    @shared_task(acks_late=True)
    def render_report(report_id: int) -> str:
        return run_once(Report, report_id, _render)   # _render(report) saves the file

Why each piece:
- `acks_late` (settings: CELERY_TASK_ACKS_LATE, REJECT_ON_WORKER_LOST): the broker keeps the
  message until the task has finished, so a worker killed halfway leaves the job to be
  delivered again, to another worker or the same one after its restart.
- `run_once` makes that second delivery harmless. It takes a PostgreSQL advisory lock on the
  job for the whole run: a duplicate delivered while the first run is still alive finds the
  lock taken and leaves ("busy"); a worker that dies loses its connection, and PostgreSQL
  releases its lock with it. Under the lock the row is read again: a job already done is left
  alone ("skipped"), anything else (pending, failed, or "running" left by a dead worker) runs.
  So a job completes once, never twice, whichever worker ends up doing it.
- `enqueue_on_commit` sends the task after the transaction commits (the worker must find
  the row), and when the broker is unreachable (Redis down) it does not raise into the page:
  it logs and calls `on_failure(job_id)`, which records that the job could not be queued,
  so the page can say so instead of waiting forever.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable

from django.db import connection, models, transaction

logger = logging.getLogger("zvhd.jobs")


class JobStatus(models.TextChoices):
    PENDING = "pending", "in de wachtrij"
    RUNNING = "running", "bezig"
    DONE = "done", "klaar"
    FAILED = "failed", "mislukt"
    NOT_QUEUED = "not_queued", "kon niet in de wachtrij"


# What the broker client raises when Redis (or another broker) cannot be reached.
def _broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (OperationalError, RedisConnectionError, RedisTimeoutError, ConnectionError)


def enqueue_on_commit(task, job_id: int, *, on_failure: Callable[[int], None] | None = None):
    """Send `task(job_id)` once the current transaction commits; never raise on a broker outage."""

    def send() -> None:
        try:
            # retry=False: with the broker down, fail in milliseconds, not after retries.
            task.apply_async(args=[job_id], retry=False)
        except _broker_errors() as exc:
            logger.warning(
                "job could not be queued: %s",
                type(exc).__name__,
                extra={"task_name": task.name, "job_id": job_id, "event": "not_queued"},
            )
            if on_failure is not None:
                on_failure(job_id)

    transaction.on_commit(send)


def mark_not_queued(model: type[models.Model], field: str = "status"):
    """An `on_failure` for enqueue_on_commit: the row says NOT_QUEUED (saved: history sees it)."""

    def mark(job_id: int) -> None:
        job = model._base_manager.filter(pk=job_id).first()
        if job is not None and getattr(job, field) == JobStatus.PENDING:
            setattr(job, field, JobStatus.NOT_QUEUED)
            job.save(update_fields=[field])

    return mark


NOT_QUEUED_MESSAGE = "Kon niet in de wachtrij worden gezet; probeer het later opnieuw."


def mark_failed_to_queue(model: type[models.Model], *, status_field: str, error_field: str):
    """An `on_failure` for rows whose status has no NOT_QUEUED: FAILED, with the reason."""

    def mark(job_id: int) -> None:
        job = model._base_manager.filter(pk=job_id).first()
        if job is not None and getattr(job, status_field) == JobStatus.PENDING:
            setattr(job, status_field, JobStatus.FAILED)
            setattr(job, error_field, NOT_QUEUED_MESSAGE)
            job.save(update_fields=[status_field, error_field])

    return mark


def _lock_key(model: type[models.Model], job_id: int) -> tuple[int, int]:
    """Two 32-bit keys for pg_*_advisory_lock(int, int): the table and the row."""
    table = zlib.crc32(model._meta.db_table.encode()) - 2**31
    row = (int(job_id) % 2**32) - 2**31
    return table, row


def _try_lock(key: tuple[int, int]) -> bool:
    if connection.vendor != "postgresql":
        # SQLite (the one-machine demo) runs tasks eagerly in one process: nothing to race.
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
        return bool(cursor.fetchone()[0])


def _unlock(key: tuple[int, int]) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)


def run_once(
    model: type[models.Model],
    job_id: int,
    work: Callable[[models.Model], None],
    *,
    field: str = "status",
) -> str:
    """Run `work(job)` unless the job is done or running elsewhere.

    Returns "done", "skipped" (already done), "busy" (another live run holds it), "missing"
    or "failed". `work` saves what it makes; this function owns the status field.
    """
    key = _lock_key(model, job_id)
    if not _try_lock(key):
        return "busy"
    try:
        job = model._base_manager.filter(pk=job_id).first()
        if job is None:
            return "missing"
        if getattr(job, field) == JobStatus.DONE:
            return "skipped"
        setattr(job, field, JobStatus.RUNNING)
        job.save(update_fields=[field])
        try:
            work(job)
        except Exception:
            # The row must say it failed, whatever went wrong; the log says what (scrubbed).
            logger.exception("job failed", extra={"job_id": job_id, "event": "job_failed"})
            setattr(job, field, JobStatus.FAILED)
            job.save(update_fields=[field])
            return "failed"
        setattr(job, field, JobStatus.DONE)
        job.save(update_fields=[field])
        return "done"
    finally:
        _unlock(key)
