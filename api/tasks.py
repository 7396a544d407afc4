"""Import tasks: they take the job id, and a second delivery of the same task does nothing
(the job has moved on) — and the import itself is idempotent by external id anyway."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.cache import cache

from api.models import ImportKind, ImportStatus

log = logging.getLogger(__name__)


def progress_key(job_id: int) -> str:
    return f"api:import:{job_id}:progress"


def importer_for(job):
    if job.kind == ImportKind.CASES:
        from cases.imports import CaseImporter

        return CaseImporter(imported_by=job.confirmed_by or job.requested_by)
    if job.kind == ImportKind.ADVICE:
        from advice.imports import AdviceImporter

        return AdviceImporter(imported_by=job.confirmed_by or job.requested_by)
    raise ValueError(f"No importer for {job.kind}")


def _run(job, *, dry_run: bool):
    from api.imports import run_import

    # Progress goes to the cache: the import's own transaction hides the job row's changes
    # from the page until it commits.
    def progress(done: int, total: int) -> None:
        cache.set(progress_key(job.pk), {"done": done, "total": total}, 3600)

    with job.file.open("rb") as handle:
        content = handle.read()
    return run_import(
        importer_for(job), content, job.filename, dry_run=dry_run, job=job, progress=progress
    )


@shared_task(acks_late=True)
def validate_import(job_id: int) -> None:
    from api import services

    job = services.claim_job(
        job_id=job_id,
        to=ImportStatus.VALIDATING,
        allowed_from={ImportStatus.UPLOADED, ImportStatus.VALIDATING},
    )
    if job is None:
        return
    try:
        result = _run(job, dry_run=True)
    except Exception as exc:
        log.exception("Import check %s failed", job_id)
        services.finish_job(job=job, status=ImportStatus.FAILED, error=str(exc))
        return
    services.finish_job(
        job=job, status=ImportStatus.VALID if result.ok else ImportStatus.INVALID, result=result
    )


@shared_task(acks_late=True)
def run_import_job(job_id: int) -> None:
    from api import services

    job = services.claim_job(
        job_id=job_id,
        to=ImportStatus.IMPORTING,
        allowed_from={ImportStatus.CONFIRMED, ImportStatus.IMPORTING},
    )
    if job is None:
        return
    try:
        result = _run(job, dry_run=False)
    except Exception as exc:
        log.exception("Import %s failed", job_id)
        services.finish_job(job=job, status=ImportStatus.FAILED, error=str(exc))
        return
    status = ImportStatus.DONE if result.ok else ImportStatus.FAILED
    services.finish_job(job=job, status=status, result=result)
