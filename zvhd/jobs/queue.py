"""Sending a job to the worker: by task name, after the commit, never raising on a dead broker."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import models, transaction

from zvhd.jobs.models import JobStatus

logger = logging.getLogger("zvhd.jobs")

NOT_QUEUED_MESSAGE = "Kon niet in de wachtrij worden gezet; probeer het later opnieuw."


# What the broker client raises when Redis (or another broker) cannot be reached.
def _broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (OperationalError, RedisConnectionError, RedisTimeoutError, ConnectionError)


def _signature(task_name: str, job_id: int):
    """The task by its registered name: services need not import the tasks module (no cycle).

    Task names are the dotted path of their function ("reports.tasks.render_document"). The
    module is imported here, at send time (a no-op once it is loaded), so that with tasks run
    eagerly (the demo, the tests) the named task runs like any other and with a broker the
    message is sent by name. Only that module: Celery's `import_default_modules` would load
    every app's tasks and cost a cold web process seconds on its first job.
    """
    import importlib

    from celery import current_app

    if task_name not in current_app.tasks:
        importlib.import_module(task_name.rsplit(".", 1)[0])
    return current_app.signature(task_name, args=[job_id])


def enqueue_on_commit(task, job_id: int, *, on_failure: Callable[[int], None] | None = None):
    """Send the task (a registered name, or a task) with `job_id` once the transaction commits.

    Never raises on a broker outage: it logs and calls `on_failure(job_id)`.
    """

    def send() -> None:
        if not enqueue_now(task, job_id) and on_failure is not None:
            on_failure(job_id)

    transaction.on_commit(send)


def enqueue_now(task, job_id: int) -> bool:
    """Send the task (a registered name, or a task) with `job_id` at once: for work that
    waits for no row of this transaction (the dashboard's figures, reports.live). With tasks
    run eagerly it has run when this returns. False, logged, when the broker is unreachable.
    """
    name = task if isinstance(task, str) else task.name
    try:
        # retry=False: with the broker down, fail in milliseconds, not after retries.
        if isinstance(task, str):
            _signature(task, job_id).apply_async(retry=False)
        else:
            task.apply_async(args=[job_id], retry=False)
    except _broker_errors() as exc:
        logger.warning(
            "job could not be queued: %s",
            type(exc).__name__,
            extra={"task_name": name, "job_id": job_id, "event": "not_queued"},
        )
        return False
    return True


def mark_not_queued(model: type[models.Model], *, prefix: str = "", field: str | None = None):
    """An `on_failure` for enqueue_on_commit: the row says NOT_QUEUED (saved: history sees it)."""
    status_field = field or f"{prefix}status"

    def mark(job_id: int) -> None:
        job = model._base_manager.filter(pk=job_id).first()
        if job is not None and getattr(job, status_field) == JobStatus.PENDING:
            setattr(job, status_field, JobStatus.NOT_QUEUED)
            fields = [status_field]
            if _has_field(model, f"{prefix}error"):
                setattr(job, f"{prefix}error", NOT_QUEUED_MESSAGE)
                fields.append(f"{prefix}error")
            job.save(update_fields=fields)

    return mark


def mark_failed_to_queue(model: type[models.Model], *, prefix: str = ""):
    """An `on_failure` for pages that show a job that could not be queued as failed, with why."""

    def mark(job_id: int) -> None:
        job = model._base_manager.filter(pk=job_id).first()
        if job is not None and getattr(job, f"{prefix}status") == JobStatus.PENDING:
            setattr(job, f"{prefix}status", JobStatus.FAILED)
            setattr(job, f"{prefix}error", NOT_QUEUED_MESSAGE)
            job.save(update_fields=[f"{prefix}status", f"{prefix}error"])

    return mark


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True
