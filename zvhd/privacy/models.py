"""The access log: who saw (or tried to see) which record, when and from where.

Append-only. Rows are written by `zvhd.privacy.services.log_access`, never changed; the only
deletion is the retention purge after the legal term (`AccessLog.objects.purge_before`), which
is why `delete()` and `update()` refuse and the purge uses a raw delete.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from zvhd.network.models import Role
from zvhd.permissions import GuardedQuerySet


class AccessAction(models.TextChoices):
    VIEW = "view", _("bekeken")
    CHANGE = "change", _("gewijzigd")
    EXPORT = "export", _("geëxporteerd")
    DELETE = "delete", _("verwijderd")
    LIST = "list", _("in een lijst getoond")


class AccessLogQuerySet(GuardedQuerySet):
    def visible_to(self, user, action="view"):
        """Only the privacy officer reads the access log (and never changes it)."""
        if action == "view" and user.is_authenticated and user.has_role(Role.PRIVACY_OFFICER):
            return self
        return self.none()

    def for_search(self):
        return self.select_related("content_type").order_by("-at", "-pk")

    def update(self, **kwargs):
        raise TypeError("The access log is append-only.")

    def delete(self):
        raise TypeError("The access log is append-only; use purge_before() for retention.")

    def purge_before(self, moment) -> int:
        """Remove rows older than the retention term. Returns the number removed."""
        qs = AccessLog.objects.filter(at__lt=moment)
        return qs._raw_delete(qs.db)


class AccessLog(models.Model):
    at = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Copied at the moment of access: a later change of organisation or role must not rewrite
    # what the log says about who this was then.
    username = models.CharField(_("gebruikersnaam"), max_length=150)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    roles = models.CharField(_("rollen"), max_length=300, blank=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("soort gegeven"), on_delete=models.PROTECT, null=True
    )
    object_id = models.CharField(_("record"), max_length=64, blank=True, db_index=True)
    action = models.CharField(_("handeling"), max_length=10, choices=AccessAction.choices)
    allowed = models.BooleanField(_("toegestaan"))
    path = models.CharField(_("adres (URL)"), max_length=500)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("toegangsregel")
        verbose_name_plural = _("toegangslog")
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The access log is append-only.")
