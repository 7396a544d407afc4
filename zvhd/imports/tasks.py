"""The worker's half of an import, on the job kernel: the check (a dry run) and the import.

Both take the job id. A second delivery finds the job moved on and does nothing; a delivery
while another run holds the job is looked at again later; a job whose worker died twice (out
of memory) is failed with a reason in Dutch instead of taking a third worker with it. The
upload (personal data) is deleted once nothing more will be done with it.
"""

from __future__ import annotations

from celery import shared_task

from zvhd.imports.models import ImportJob, ImportStatus
from zvhd.imports.services import CHECK_TASK, IMPORT_TASK, finish, record_result
from zvhd.jobs import report_progress, run_job

# A check or an import that takes longer than this is stopped (and failed, with a reason).
SOFT_TIME_LIMIT_SECONDS = 30 * 60
MAX_ATTEMPTS = 2
RESULT_FIELDS = ["total_rows", "created_count", "skipped_count", "problem_count", "report", "file"]


def importer_for(job):
    from zvhd.imports.registry import importer_class_for

    return importer_class_for(job.kind)(imported_by=job.confirmed_by or job.requested_by)


def _run(job, *, dry_run: bool):
    from zvhd.imports.framework import run_import

    def progress(done: int, total: int) -> None:
        percent = int(done * 100 / total) if total else 0
        report_progress(job, min(percent, 99), f"{done} van ongeveer {total} rijen")

    with job.file.open("rb") as handle:
        return run_import(
            importer_for(job), handle, job.filename, dry_run=dry_run, job=job, progress=progress
        )


def _forget_upload(job) -> list[str]:
    finish(job)
    return ["file"]


def _check(job) -> str:
    result = _run(job, dry_run=True)
    record_result(job, result)
    if not result.ok:
        finish(job)  # nothing more will be done with this upload
        return ImportStatus.INVALID
    return ImportStatus.VALID


def _import(job) -> str:
    result = _run(job, dry_run=False)
    record_result(job, result)
    finish(job)
    return ImportStatus.DONE if result.ok else ImportStatus.FAILED


@shared_task(bind=True, name=CHECK_TASK, acks_late=True, soft_time_limit=SOFT_TIME_LIMIT_SECONDS)
def validate_import(self, job_id: int) -> str:
    return run_job(
        ImportJob,
        job_id,
        _check,
        task=self,
        claimable=lambda job: job.status in (ImportStatus.UPLOADED, ImportStatus.VALIDATING),
        running=ImportStatus.VALIDATING,
        saves=RESULT_FIELDS,
        max_attempts=MAX_ATTEMPTS,
        on_failed=_forget_upload,
    )


@shared_task(bind=True, name=IMPORT_TASK, acks_late=True, soft_time_limit=SOFT_TIME_LIMIT_SECONDS)
def run_import_job(self, job_id: int) -> str:
    return run_job(
        ImportJob,
        job_id,
        _import,
        task=self,
        claimable=lambda job: job.status in (ImportStatus.CONFIRMED, ImportStatus.IMPORTING),
        running=ImportStatus.IMPORTING,
        saves=RESULT_FIELDS,
        max_attempts=MAX_ATTEMPTS,
        on_failed=_forget_upload,
    )
