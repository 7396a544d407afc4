"""Machine clients of the REST API, and the bookkeeping of imports from the previous system.

- `ApiClient`: a partner system that acts as its organisation. Its secret is stored only as a
  hash; it is shown once, when made. A revoked client is refused at once.
- `ImportJob`: an upload on the import page, validated and then imported by Celery tasks; the
  row holds the file, the status, the progress and the report.
- `ImportedRecord`: which external id of the previous system became which record. It makes an
  import idempotent: a second run skips what the first one made.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zvhd.network.models import Organisation, OrganisationKind, Role
from zvhd.permissions import VIEW, GuardedQuerySet


class Scope(models.TextChoices):
    """What a client may do; each API view names the one scope it needs."""

    REGISTRATIONS_WRITE = "aanmeldingen:schrijven", _("Aanmeldingen doen")
    REGISTRATIONS_READ = "aanmeldingen:lezen", _("Status van eigen aanmeldingen lezen")
    DETENTION_WRITE = "detentiemeldingen:schrijven", _("Detentiemeldingen doen (DJI, reclassering)")
    FIGURES_READ = "cijfers:lezen", _("Landelijke kerncijfers lezen")


# Scopes that only some kinds of organisation may hold: a detention notification comes from a
# justice organisation (DJI, probation), never from a care partner. Checked when a client is
# made and again on every call, so a client whose organisation changes kind loses it at once.
SCOPE_ORGANISATION_KINDS: dict[str, set[str]] = {
    Scope.DETENTION_WRITE: {OrganisationKind.DJI, OrganisationKind.RECLASSERING},
}


def scope_allowed_for(scope: str, organisation: Organisation) -> bool:
    kinds = SCOPE_ORGANISATION_KINDS.get(scope)
    return kinds is None or organisation.kind in kinds


# Who may manage clients and imports: one table, read by the querysets below.
POLICY: dict[str, set[str]] = {
    VIEW: {Role.FUNCTIONEEL_BEHEERDER},
    "change": {Role.FUNCTIONEEL_BEHEERDER},
}


class BeheerQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        if user.is_authenticated and user.has_role(*POLICY.get(action, set())):
            return self
        return self.none()


class ApiClientQuerySet(BeheerQuerySet):
    def for_list(self):
        return self.select_related("organisation", "created_by", "revoked_by")

    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiClient(models.Model):
    name = models.CharField(_("naam van de koppeling"), max_length=100)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="api_clients",
    )
    scopes = models.JSONField(_("rechten"), default=list)
    # Public half of the token (`<key_id>.<secret>`): finds the row without scanning hashes.
    key_id = models.CharField(max_length=16, unique=True, editable=False)
    # SHA-256 of the secret. The secret is 32 random bytes, so a slow password hash would add
    # nothing but latency to every call; it is never stored or logged in the clear.
    secret_hash = models.CharField(max_length=64, editable=False)
    # The account the client acts as: of its organisation, without roles of its own, so it
    # shows up in no team or dropdown; the authentication gives it the partner role per call.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_reason = models.CharField(_("reden van intrekken"), max_length=300, blank=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])
    objects = ApiClientQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("API-koppeling")
        verbose_name_plural = _("API-koppelingen")

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def scope_labels(self) -> list[str]:
        labels = dict(Scope.choices)
        return [str(labels.get(s, s)) for s in self.scopes]


class ImportKind(models.TextChoices):
    CASES = "cases", _("Casussen")
    ADVICE = "advice", _("Adviesvragen")


class ImportStatus(models.TextChoices):
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


# The life of an upload: only these moves; api.services refuses anything else.
IMPORT_TRANSITIONS: dict[str, set[str]] = {
    ImportStatus.UPLOADED: {ImportStatus.VALIDATING, ImportStatus.NOT_QUEUED},
    ImportStatus.VALIDATING: {ImportStatus.VALID, ImportStatus.INVALID, ImportStatus.FAILED},
    ImportStatus.VALID: {ImportStatus.CONFIRMED},
    ImportStatus.INVALID: set(),
    ImportStatus.CONFIRMED: {ImportStatus.IMPORTING, ImportStatus.NOT_QUEUED},
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


class ImportJobQuerySet(BeheerQuerySet):
    def for_list(self):
        return self.select_related("requested_by", "confirmed_by")

    def for_detail(self):
        return self.select_related("requested_by", "confirmed_by")


class ImportJob(models.Model):
    kind = models.CharField(_("soort"), max_length=20, choices=ImportKind.choices)
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
    error = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.filename}"

    @property
    def busy(self) -> bool:
        return self.status in BUSY


class ImportedRecordQuerySet(BeheerQuerySet):
    pass


class ImportedRecord(models.Model):
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    external_id = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField()
    job = models.ForeignKey(ImportJob, on_delete=models.SET_NULL, null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    objects = ImportedRecordQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "external_id"], name="imported_once")
        ]

    def __str__(self):
        return f"{self.kind} {self.external_id} -> {self.object_id}"
