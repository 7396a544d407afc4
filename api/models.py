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
    # Another ZVH asking "is this person known to you?" (the federation app, issue 21 part 5).
    FEDERATION_ASK = "federatie:vragen", _("Vragen of een persoon bekend is (ander ZVH)")


# Scopes that only some kinds of organisation may hold: a detention notification comes from a
# justice organisation (DJI, probation), never from a care partner. Checked when a client is
# made and again on every call, so a client whose organisation changes kind loses it at once.
SCOPE_ORGANISATION_KINDS: dict[str, set[str]] = {
    Scope.DETENTION_WRITE: {OrganisationKind.DJI, OrganisationKind.RECLASSERING},
    Scope.FEDERATION_ASK: {OrganisationKind.ZVH},
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
