"""The access log: who saw (or tried to see) which record, when and from where.

Append-only. Rows are written by `zvhd.privacy.services.log_access`, never changed; the only
deletion is the retention purge after the legal term (`AccessLog.objects.purge_before`), which
is why `delete()` and `update()` refuse and the purge uses a raw delete.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zvhd.jobs import JobStatus
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


# ---------------------------------------------------------------------------------------------
# Subject access (inzage): the person asks what ZVHD holds on them and who saw it.


def add_one_month(day):
    """The same day one month later; the last day of that month when it has no such day."""
    import calendar

    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class SubjectAccessStatus(models.TextChoices):
    RECEIVED = "ontvangen", _("Ontvangen")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    HANDLED = "afgehandeld", _("Afgehandeld")


class SubjectAccessRequestQuerySet(GuardedQuerySet):
    def visible_to(self, user, action="view"):
        """Only the privacy officer handles subject access requests."""
        if user.is_authenticated and user.is_active and user.has_role(Role.PRIVACY_OFFICER):
            return self
        return self.none()


class SubjectAccessRequest(models.Model):
    """A request for access (*inzageverzoek*, art. 15 AVG), registered by the privacy officer.

    Holds only what is needed to search: the BSN, or the last name and birth date, that the
    person gave for their own request.
    """

    received_on = models.DateField(_("ontvangen op"), default=timezone.localdate)
    requester = models.CharField(
        _("verzoeker"),
        max_length=200,
        help_text=_(
            "Hoe het verzoek binnenkwam en wie het deed, bijvoorbeeld 'brief van betrokkene'."
        ),
    )
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubjectAccessStatus.choices,
        default=SubjectAccessStatus.RECEIVED,
    )
    handled_on = models.DateField(_("afgehandeld op"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    pdf_status = models.CharField(
        _("stand van de PDF"), max_length=10, choices=JobStatus.choices, blank=True
    )
    pdf_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("PDF gemaakt door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    pdf = models.FileField(_("inzage-PDF"), upload_to="privacy/inzage/", blank=True)
    history = HistoricalRecords(excluded_fields=["pdf"])

    objects = SubjectAccessRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("inzageverzoek")
        verbose_name_plural = _("inzageverzoeken")

    def __str__(self):
        return f"Inzageverzoek {self.pk} van {self.received_on:%d-%m-%Y}"

    @property
    def deadline(self):
        """The legal term: one month after receipt (art. 12(3) AVG)."""
        return add_one_month(self.received_on)

    @property
    def is_overdue(self) -> bool:
        return self.status != SubjectAccessStatus.HANDLED and timezone.localdate() > self.deadline

    @property
    def criteria_label(self) -> str:
        if self.bsn:
            return f"BSN {self.bsn}"
        return f"{self.last_name}, geboren {self.birth_date:%d-%m-%Y}"
