"""All writes of the api app: machine clients and import jobs (CONVENTIONS rule 4)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import (
    IMPORT_TRANSITIONS,
    ApiClient,
    ImportJob,
    ImportStatus,
    Scope,
    scope_allowed_for,
)
from zvhd.jobs import NOT_QUEUED_MESSAGE, enqueue_on_commit
from zvhd.network import services as network_services
from zvhd.network.models import Organisation, User

IMPORT_ACCOUNT = "systeem.import"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(client: ApiClient, secret: str) -> bool:
    return hmac.compare_digest(client.secret_hash, hash_secret(secret))


@dataclass
class NewClient:
    client: ApiClient
    token: str  # shown once to the beheerder; only its hash is kept


@transaction.atomic
def create_client(
    *, name: str, organisation: Organisation, scopes: list[str], created_by: User
) -> NewClient:
    """A new machine client acting as `organisation`, with a fresh secret."""
    errors = {}
    if not name.strip():
        errors["name"] = _("Geef de koppeling een naam.")
    unknown = [s for s in scopes if s not in Scope.values]
    if unknown or not scopes:
        errors["scopes"] = _("Kies ten minste één bestaand recht.")
    if organisation.is_zvhd:
        errors["organisation"] = _("Een koppeling hoort bij een partnerorganisatie.")
    elif not unknown and not all(scope_allowed_for(s, organisation) for s in scopes):
        errors["scopes"] = _(
            "Detentiemeldingen doen kan alleen een koppeling van DJI of de reclassering."
        )
    if errors:
        raise ValidationError(errors)
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    account = User(
        username=f"api.{key_id}",
        first_name="API-koppeling",
        last_name=name.strip()[:150],
        organisation=organisation,
    )
    # No roles on the account itself (see ApiClient.user); it can never log in to the site.
    network_services.save_user(user=account, roles=[], changed_by=created_by)
    client = ApiClient(
        name=name.strip(),
        organisation=organisation,
        scopes=sorted(set(scopes)),
        key_id=key_id,
        secret_hash=hash_secret(secret),
        user=account,
        created_by=created_by,
    )
    client._history_user = created_by
    client.save()
    return NewClient(client=client, token=f"{key_id}.{secret}")


@transaction.atomic
def revoke_client(*, client: ApiClient, revoked_by: User, reason: str = "") -> ApiClient:
    """Refused from the next call on; the account is switched off too."""
    if client.revoked_at:
        return client
    client.revoked_at = timezone.now()
    client.revoked_by = revoked_by
    client.revoked_reason = reason[:300]
    client._history_user = revoked_by
    client.save()
    account = client.user
    account.is_active = False
    network_services.save_user(user=account, roles=list(account.role_names), changed_by=revoked_by)
    return client


def mark_used(client: ApiClient) -> None:
    """At most once a minute, so a busy client does not write on every call."""
    now = timezone.now()
    if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now


# ---------------------------------------------------------------------------------------------
# Imports


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


def _move(job: ImportJob, to: str) -> None:
    if to not in IMPORT_TRANSITIONS.get(job.status, set()):
        raise ValidationError(
            _("Deze import staat op '%(status)s' en kan die stap niet zetten.")
            % {"status": job.get_status_display()}
        )
    job.status = to


MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@transaction.atomic
def upload_import(*, kind: str, upload, requested_by: User) -> ImportJob:
    """Keep the file and queue its check (a dry run)."""
    name = upload.name.rsplit("/", 1)[-1][:200]
    if not name.lower().endswith((".csv", ".xlsx")):
        raise ValidationError({"file": _("Kies een CSV- (.csv) of Excel-bestand (.xlsx).")})
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _("Het bestand is groter dan 20 MB.")})
    job = ImportJob(kind=kind, filename=name, requested_by=requested_by)
    job.file.save(
        f"import-{timezone.now():%Y%m%d%H%M%S}.bin", ContentFile(upload.read()), save=False
    )
    job.save()
    from api import tasks

    enqueue_on_commit(tasks.validate_import, job.pk, on_failure=_mark_not_queued)
    return job


@transaction.atomic
def confirm_import(*, job: ImportJob, confirmed_by: User) -> ImportJob:
    """After a clean check, the beheerder confirms; the import itself runs in a task."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _move(job, ImportStatus.CONFIRMED)
    job.confirmed_by = confirmed_by
    job.confirmed_at = timezone.now()
    job.save()
    from api import tasks

    enqueue_on_commit(tasks.run_import_job, job.pk, on_failure=_mark_not_queued)
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
        finish_job(job=job, status=ImportStatus.NOT_QUEUED, error=NOT_QUEUED_MESSAGE)


def claim_job(*, job_id: int, to: str, allowed_from: set[str]) -> ImportJob | None:
    """Move a job into a running state, once: a second delivery of the task finds it moved."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status not in allowed_from:
            return None
        if job.status != to:
            _move(job, to)
            job.save(update_fields=["status"])
        return job


@transaction.atomic
def finish_job(*, job: ImportJob, status: str, result=None, error: str = "") -> ImportJob:
    _move(job, status)
    if result is not None:
        job.total_rows = result.total
        job.created_count = result.created
        job.skipped_count = result.skipped
        job.problem_count = result.problem_count
        job.report = [p.as_dict() for p in result.problems]
    job.error = error[:500]
    if status in (
        ImportStatus.DONE,
        ImportStatus.INVALID,
        ImportStatus.FAILED,
        ImportStatus.NOT_QUEUED,
    ):
        job.finished_at = timezone.now()
        # The upload holds personal data; once nothing more will be done with it, it goes.
        if job.file:
            job.file.delete(save=False)
    job.save()
    return job
