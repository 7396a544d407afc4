"""The job row: one abstract model every job table inherits, and the one status vocabulary."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    # "": a job that was never asked for (a ketenkamer without a decision list yet).
    NONE = "", _("niet aangevraagd")
    PENDING = "pending", _("in de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")
    # The broker (Redis) could not be reached: nothing runs until the job is asked for again.
    NOT_QUEUED = "not_queued", _("kon niet in de wachtrij")


FINISHED = frozenset({JobStatus.DONE, JobStatus.FAILED, JobStatus.NOT_QUEUED})
BUSY = frozenset({JobStatus.PENDING, JobStatus.RUNNING})


def job_upload_to(instance, filename: str) -> str:
    """Files of a job go to the folder its model names (`upload_folder`), as before the kernel."""
    return f"{instance.upload_folder}/{filename}"


class Job(models.Model):
    """What every job row has. Subclasses add what the job is about (year, kind, municipality).

    `status` is owned by the runner (`zvhd.jobs.runner.run_job`); `progress` and `step` are
    written by the work itself (`report_progress`) in small committed UPDATEs, so exclude them
    from a model's history. A subclass without a file sets `file = None`.
    """

    upload_folder = "jobs"

    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    step = models.CharField(_("stap"), max_length=100, blank=True)
    error = models.TextField(_("reden"), blank=True)
    file = models.FileField(_("bestand"), upload_to=job_upload_to, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    started_at = models.DateTimeField(_("begonnen op"), null=True, blank=True)
    # How often a run began: a job found "running" again after `max_attempts` killed each
    # worker that took it (out of memory) and is failed instead of taking one more.
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def is_busy(self) -> bool:
        return self.status in BUSY
