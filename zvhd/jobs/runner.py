"""The one runner: claim a job under a PostgreSQL advisory lock, run it once, say how it ended."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable, Iterable

from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models, transaction
from django.utils import timezone

from zvhd.jobs.models import JobStatus

logger = logging.getLogger("zvhd.jobs")

# A delivery that finds the job busy elsewhere looks again this much later (seconds), up to
# BUSY_RECHECKS times: if the live run then dies, this delivery is the one that finishes it.
BUSY_RECHECK_SECONDS = 60
BUSY_RECHECKS = 120

FAILED_MESSAGE = (
    "Er ging iets mis bij het uitvoeren; er is niets half opgeslagen. Probeer het opnieuw; "
    "blijft het misgaan, meld het dan bij de functioneel beheerder."
)
ABANDONED_MESSAGE = (
    "De taak is %(count)s keer afgebroken voordat ze klaar was (bijvoorbeeld doordat de "
    "server te weinig geheugen had) en is daarom gestopt."
)


TOO_LONG_MESSAGE = "De taak duurde te lang en is gestopt; er is niets half opgeslagen."
NO_MEMORY_MESSAGE = (
    "De taak had meer geheugen nodig dan de server heeft en is gestopt; er is niets half "
    "opgeslagen."
)


def _reason(exc: BaseException) -> str:
    """A failure in Dutch for the page; the exception itself goes to the (scrubbed) log only."""
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(exc, JobFailed):
        return exc.message
    if isinstance(exc, SoftTimeLimitExceeded):
        return TOO_LONG_MESSAGE
    if isinstance(exc, MemoryError):
        return NO_MEMORY_MESSAGE
    return FAILED_MESSAGE


class JobFailed(Exception):
    """Raised by the work with a reason in Dutch that the page may show as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def lock_key(model: type[models.Model], job_id: int) -> tuple[int, int]:
    """Two 32-bit keys for pg_*_advisory_lock(int, int): the table and the row."""
    table = zlib.crc32(model._meta.db_table.encode()) - 2**31
    row = (int(job_id) % 2**32) - 2**31
    return table, row


def _try_lock(key: tuple[int, int]) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", key)
        return bool(cursor.fetchone()[0])


def _unlock(key: tuple[int, int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)


def _fields(model, prefix: str, *names: str) -> list[str]:
    """The job fields (`status`, `error`, ...) this model has, with the row's prefix."""
    present = []
    for name in names:
        try:
            model._meta.get_field(prefix + name)
        except FieldDoesNotExist:
            continue
        present.append(prefix + name)
    return present


def _set(job, prefix: str, values: dict) -> list[str]:
    names = _fields(type(job), prefix, *values)
    for name in names:
        value = values[name[len(prefix) :]]
        field = type(job)._meta.get_field(name)
        if isinstance(value, str) and field.max_length:
            value = value[: field.max_length]
        setattr(job, name, value)
    return names


def report_progress(job, percent: int, step: str = "", *, prefix: str = "") -> None:
    """Progress of a running job, in its own small committed UPDATE, so the progress bar moves.

    Progress and step are left out of a model's history, so this UPDATE skips nothing it keeps.
    """
    values = {"progress": max(0, min(100, int(percent))), "step": step}
    names = _fields(type(job), prefix, *values)
    if names:
        type(job)._base_manager.filter(pk=job.pk).update(
            **{name: values[name[len(prefix) :]] for name in names}
        )


def run_job(
    model: type[models.Model],
    job_id: int,
    work: Callable[[models.Model], str | None],
    *,
    prefix: str = "",
    task=None,
    saves: Iterable[str] = (),
    claimable: Callable[[models.Model], bool] | None = None,
    running: str = JobStatus.RUNNING,
    max_attempts: int | None = None,
    on_failed: Callable[[models.Model], Iterable[str]] | None = None,
) -> str:
    """Run `work(job)` once, unless the job is done or running elsewhere.

    - `prefix`: for a row carrying several jobs, whose fields are `<prefix>status`, ...
    - `task`: the bound Celery task; a duplicate delivery that finds the job busy is retried
      later through it (without a task, "busy" is returned).
    - `saves`: fields the work sets on the job, saved together with the final status.
    - `claimable(job)`: whether this delivery may start the job (default: it is not done);
      `running`: the status while it runs. `work` may return the status it ended in (a check
      that found problems), else the job is DONE.
    - `max_attempts`: a job found "running" after this many attempts was killed every time
      (out of memory): it is marked failed instead of killing yet another worker.
    - `on_failed(job)`: clean up after a failure (an upload with personal data); returns
      the fields it changed.

    Returns "done", "skipped", "missing", "failed" or "busy".
    """
    key = lock_key(model, job_id)
    if not _try_lock(key):
        logger.info("job busy elsewhere", extra={"job_id": job_id, "event": "job_busy"})
        if task is not None:
            raise task.retry(countdown=BUSY_RECHECK_SECONDS, max_retries=BUSY_RECHECKS)
        return "busy"
    try:
        with transaction.atomic():
            job = model._base_manager.select_for_update().filter(pk=job_id).first()
            if job is None:
                return "missing"
            status = getattr(job, prefix + "status")
            may_run = claimable(job) if claimable is not None else status != JobStatus.DONE
            if not may_run:
                return "skipped"
            attempts = getattr(job, prefix + "attempts", None)
            if max_attempts is not None and attempts is not None and attempts >= max_attempts:
                names = _set(
                    job,
                    prefix,
                    {
                        "status": JobStatus.FAILED,
                        "error": ABANDONED_MESSAGE % {"count": attempts},
                        "finished_at": timezone.now(),
                    },
                )
                names += list(on_failed(job)) if on_failed else []
                job.save(update_fields=names)
                logger.error("job abandoned", extra={"job_id": job_id, "event": "job_abandoned"})
                return "failed"
            values = {
                "status": running,
                "error": "",
                "progress": 0,
                "step": "",
                "started_at": timezone.now(),
                "finished_at": None,
            }
            if attempts is not None:
                values["attempts"] = attempts + 1
            job.save(update_fields=_set(job, prefix, values))
        try:
            outcome = work(job)
        except Exception as exc:
            # The row must say it failed, whatever went wrong; the log says what (scrubbed).
            logger.exception("job failed", extra={"job_id": job_id, "event": "job_failed"})
            names = _set(
                job,
                prefix,
                {"status": JobStatus.FAILED, "error": _reason(exc), "finished_at": timezone.now()},
            )
            names += list(on_failed(job)) if on_failed else []
            job.save(update_fields=names)
            return "failed"
        names = _set(
            job,
            prefix,
            {
                "status": outcome or JobStatus.DONE,
                "progress": 100,
                "step": "",
                "error": "",
                "finished_at": timezone.now(),
            },
        )
        job.save(update_fields=[*names, *saves])
        return "done"
    finally:
        _unlock(key)
