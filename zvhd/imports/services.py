"""All writes of imports (CONVENTIONS rule 4): upload, confirm, and the job's moves.

The request only keeps the file and queues its check; reading, checking and importing happen
in the worker (`zvhd.imports.tasks`), whose progress the page shows.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zvhd.imports import registry
from zvhd.imports.models import IMPORT_TRANSITIONS, ImportJob, ImportStatus
from zvhd.jobs import NOT_QUEUED_MESSAGE, enqueue_on_commit
from zvhd.network import services as network_services
from zvhd.network.models import User

IMPORT_ACCOUNT = "systeem.import"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
CHECK_TASK = "zvhd.imports.tasks.validate_import"
IMPORT_TASK = "zvhd.imports.tasks.run_import_job"


def import_account(*, username: str = "") -> User:
    """Who an import is recorded as: a named user, or the system account of imports."""
    if username:
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise ValidationError(_("Onbekende gebruiker: %s") % username) from None
    account = User.objects.filter(username=IMPORT_ACCOUNT).first()
    if account is None:
        account = User(
            username=IMPORT_ACCOUNT,
            first_name="Import",
            last_name="vorig systeem",
            is_active=False,  # records are made in its name; nobody logs in as it
        )
        network_services.save_user(user=account, roles=[], changed_by=None)
    return account


def move(job: ImportJob, to: str) -> None:
    if to not in IMPORT_TRANSITIONS.get(job.status, set()):
        raise ValidationError(
            _("Deze import staat op '%(status)s' en kan die stap niet zetten.")
            % {"status": job.get_status_display()}
        )
    job.status = to


@transaction.atomic
def upload_import(*, kind: str, upload, requested_by: User) -> ImportJob:
    """Keep the file and queue its check (a dry run, in the worker)."""
    try:
        registry.importer_class_for(kind)
    except LookupError:
        raise ValidationError({"kind": _("Kies wat u importeert.")}) from None
    name = upload.name.rsplit("/", 1)[-1][:200]
    if not name.lower().endswith((".csv", ".xlsx")):
        raise ValidationError({"file": _("Kies een CSV- (.csv) of Excel-bestand (.xlsx).")})
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _("Het bestand is groter dan 20 MB.")})
    job = ImportJob(kind=kind, filename=name, requested_by=requested_by)
    # Copied in chunks (Django's File API), never read whole into memory here.
    job.file.save(f"import-{timezone.now():%Y%m%d%H%M%S}.bin", upload, save=False)
    job.save()
    enqueue_on_commit(CHECK_TASK, job.pk, on_failure=_mark_not_queued)
    return job


@transaction.atomic
def confirm_import(*, job: ImportJob, confirmed_by: User) -> ImportJob:
    """After a clean check, the beheerder confirms; the import itself runs in a task."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    move(job, ImportStatus.CONFIRMED)
    job.confirmed_by = confirmed_by
    job.confirmed_at = timezone.now()
    job.progress = 0
    job.step = ""
    job.attempts = 0  # the import's own attempts, not the check's
    job.save()
    enqueue_on_commit(IMPORT_TASK, job.pk, on_failure=_mark_not_queued)
    return job


def _mark_not_queued(job_id: int) -> None:
    """The `on_failure` of enqueue_on_commit: the broker is down, so the job says so.

    Runs after the commit, outside the request's transaction; a job another process already
    moved on is left alone.
    """
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or ImportStatus.NOT_QUEUED not in IMPORT_TRANSITIONS.get(job.status, ()):
            return
        job.status = ImportStatus.NOT_QUEUED
        job.error = NOT_QUEUED_MESSAGE
        finish(job)
        job.save()


def finish(job: ImportJob) -> None:
    """A job that will not run again: the upload (personal data) goes."""
    job.finished_at = timezone.now()
    if job.file:
        job.file.delete(save=False)


def record_result(job: ImportJob, result) -> None:
    job.total_rows = result.total
    job.created_count = result.created
    job.skipped_count = result.skipped
    job.problem_count = result.problem_count
    job.report = [p.as_dict() for p in result.problems]
