"""Imports from the previous system: the upload as a job on the kernel, and what it made.

The tables keep their names from when imports lived in the `api` app (`api_importjob`,
`api_importedrecord`): the move to the house changed where the code lives, not the data
(migrations `imports.0001` and `api.0003` move the models in Django's state only).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zvhd.jobs import Job
from zvhd.network.models import Role
from zvhd.permissions import VIEW, GuardedQuerySet

# Who may upload and run imports: one table, read by the querysets below.
POLICY: dict[str, set[str]] = {
    VIEW: {Role.FUNCTIONEEL_BEHEERDER},
    "change": {Role.FUNCTIONEEL_BEHEERDER},
}


class ImportStatus(models.TextChoices):
    """The life of an upload: a check (dry run), a confirmation, the import. The kernel's
    statuses where they mean the same (`failed`, `done`, `not_queued`)."""

    UPLOADED = "uploaded", _("Geüpload")
    VALIDATING = "validating", _("Wordt gecontroleerd")
    INVALID = "invalid", _("Fouten gevonden")
    VALID = "valid", _("Klaar om te importeren")
    CONFIRMED = "confirmed", _("Bevestigd, in de wachtrij")
    IMPORTING = "importing", _("Wordt geïmporteerd")
    DONE = "done", _("Geïmporteerd")
    FAILED = "failed", _("Mislukt")
    # The broker (Redis) could not be reached: nothing runs; upload or confirm again later.
    NOT_QUEUED = "not_queued", _("Kon niet in de wachtrij")


# Only these moves; zvhd.imports.services refuses anything else.
IMPORT_TRANSITIONS: dict[str, set[str]] = {
    ImportStatus.UPLOADED: {ImportStatus.VALIDATING, ImportStatus.NOT_QUEUED, ImportStatus.FAILED},
    ImportStatus.VALIDATING: {ImportStatus.VALID, ImportStatus.INVALID, ImportStatus.FAILED},
    ImportStatus.VALID: {ImportStatus.CONFIRMED},
    ImportStatus.INVALID: set(),
    ImportStatus.CONFIRMED: {ImportStatus.IMPORTING, ImportStatus.NOT_QUEUED, ImportStatus.FAILED},
    ImportStatus.IMPORTING: {ImportStatus.DONE, ImportStatus.FAILED},
    ImportStatus.DONE: set(),
    ImportStatus.FAILED: set(),
    ImportStatus.NOT_QUEUED: set(),
}
BUSY = {
    ImportStatus.UPLOADED,
    ImportStatus.VALIDATING,
    ImportStatus.CONFIRMED,
    ImportStatus.IMPORTING,
}
FINISHED = {ImportStatus.DONE, ImportStatus.INVALID, ImportStatus.FAILED, ImportStatus.NOT_QUEUED}


class BeheerQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        if user.is_authenticated and user.has_role(*POLICY.get(action, set())):
            return self
        return self.none()


class ImportJobQuerySet(BeheerQuerySet):
    def for_list(self):
        return self.select_related("requested_by", "confirmed_by")

    def for_detail(self):
        return self.select_related("requested_by", "confirmed_by")

    def busy(self):
        return self.filter(status__in=BUSY | {ImportStatus.VALID})


class ImportJob(Job):
    upload_folder = "imports"

    # Which importer (zvhd.imports.registry): each app registers its own kind.
    kind = models.CharField(_("soort"), max_length=20)
    # The upload holds personal data: it is deleted once the import has run.
    file = models.FileField(_("bestand"), upload_to="imports/", blank=True)
    filename = models.CharField(_("bestandsnaam"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    total_rows = models.PositiveIntegerField(_("rijen"), default=0)
    created_count = models.PositiveIntegerField(_("nieuw"), default=0)
    skipped_count = models.PositiveIntegerField(_("al geïmporteerd"), default=0)
    problem_count = models.PositiveIntegerField(_("problemen"), default=0)
    # The problems of the last run: [{"row": 3, "column": "bsn", "message": "..."}].
    report = models.JSONField(default=list, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    objects = ImportJobQuerySet.as_manager()

    class Meta:
        db_table = "api_importjob"
        ordering = ["-requested_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.filename}"

    def get_kind_display(self) -> str:
        from zvhd.imports.registry import label_for

        return label_for(self.kind)

    @property
    def busy(self) -> bool:
        return self.status in BUSY

    @property
    def is_busy(self) -> bool:
        return self.busy

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED


class ImportedRecordQuerySet(BeheerQuerySet):
    pass


class ImportedRecord(models.Model):
    kind = models.CharField(max_length=20)
    external_id = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField()
    job = models.ForeignKey(ImportJob, on_delete=models.SET_NULL, null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    objects = ImportedRecordQuerySet.as_manager()

    class Meta:
        db_table = "api_importedrecord"
        constraints = [
            models.UniqueConstraint(fields=["kind", "external_id"], name="imported_once")
        ]

    def __str__(self):
        return f"{self.kind} {self.external_id} -> {self.object_id}"
