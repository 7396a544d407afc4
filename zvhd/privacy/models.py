"""The access log: who saw (or tried to see) which record, when and from where.

Append-only. Rows are written by `zvhd.privacy.services.log_access`, never changed; the only
deletion is the retention purge after the legal term (`AccessLog.objects.purge_before`), which
is why `delete()` and `update()` refuse and the purge drops whole months and deletes the rest
in SQL (the table is partitioned by month: zvhd/privacy/partitions.py). The one change: when a
record is destroyed, `services.scrub_access_log_paths` drops the query string (a search term
may be the person's name) from its rows' paths; who read what and when stays.

Below the access log and subject access: retention terms, extensions, legal holds and
destruction lists (README "Bewaartermijnen en vernietiging").
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.db.models.lookups import GreaterThanOrEqual, LessThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zvhd import formats
from zvhd.jobs import JobStatus
from zvhd.network.models import Role
from zvhd.permissions import GuardedQuerySet
from zvhd.versions import Versioned


class AccessAction(models.TextChoices):
    VIEW = "view", _("bekeken")
    CHANGE = "change", _("gewijzigd")
    EXPORT = "export", _("geëxporteerd")
    DELETE = "delete", _("verwijderd")
    LIST = "list", _("in een lijst getoond")


# Office hours for the access review (zvhd/privacy/review.py): a read before 07:00, from 19:00
# or on a Saturday or Sunday, Dutch time, is outside them.
OFFICE_TZ = ZoneInfo("Europe/Amsterdam")
OFFICE_START_HOUR = 7
OFFICE_END_HOUR = 19
OPENING_ACTIONS = ("view", "change", "export")


def out_of_office_hours() -> models.Q:
    """The condition "read outside office hours" on `at`, written once: the review filters by
    it and the partial index `privacy_log_out_of_hours` is defined by it, so PostgreSQL sees
    that the index holds exactly the rows the review asks for."""
    hour = ExtractHour("at", tzinfo=OFFICE_TZ)
    return (
        models.Q(LessThan(hour, OFFICE_START_HOUR))
        | models.Q(GreaterThanOrEqual(hour, OFFICE_END_HOUR))
        | models.Q(GreaterThanOrEqual(ExtractIsoWeekDay("at", tzinfo=OFFICE_TZ), 6))
    )


def opened_read() -> models.Q:
    """An allowed read that opened a record (not a list row, not a refused attempt)."""
    return models.Q(allowed=True, action__in=OPENING_ACTIONS, user__isnull=False) & ~models.Q(
        object_id=""
    )


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
        """Remove rows older than the retention term: months wholly before it are dropped,
        the rest deleted (zvhd/privacy/partitions.py). Returns the number removed."""
        from zvhd.privacy.partitions import purge_before

        return purge_before(moment)


class AccessLog(models.Model):
    """One read, change, export or refused attempt of a record with personal data.

    The table is partitioned by month of `at` (migration 0009, zvhd/privacy/partitions.py):
    its database primary key is (id, at), as PostgreSQL requires of a partitioned table;
    `id` alone, from one sequence, stays Django's primary key. Each index serves a search of
    the privacy officer's access-log page or the access review, newest first (README,
    "Toegangslog"); every one is paid for by every list page's insert, so none is spare.
    """

    at = models.DateTimeField(_("moment"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        # Users are deactivated, never deleted; no search goes by user id (the log copies the
        # name). An index here would cost every insert and serve nothing.
        db_index=False,
        # Nor a foreign-key constraint (issue 24): PostgreSQL checks one per row at the commit
        # (~20 ms for an export of 2,400 records, a quarter of the request), to guard an id
        # the log takes from the signed-in user. Django still applies SET_NULL.
        db_constraint=False,
    )
    # Copied at the moment of access: a later change of organisation or role must not rewrite
    # what the log says about who this was then.
    username = models.CharField(_("gebruikersnaam"), max_length=150)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    roles = models.CharField(_("rollen"), max_length=300, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("soort gegeven"),
        on_delete=models.PROTECT,
        null=True,
        db_index=False,  # the record index below starts with it
        db_constraint=False,  # as `user`: the ids come from Django's own content types
    )
    object_id = models.CharField(_("record"), max_length=64, blank=True)
    action = models.CharField(_("handeling"), max_length=10, choices=AccessAction.choices)
    allowed = models.BooleanField(_("toegestaan"))
    path = models.CharField(_("adres (URL)"), max_length=500)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    # The rows of one export share a batch (one row per record that left the system, issue
    # 23), so the log page and the review can show the export as one event and still answer
    # "who took this person's file away". The description names the list and its filters in
    # words at that moment (never a search term: that stays in the path, which is scrubbed
    # when the record is destroyed).
    batch = models.UUIDField(_("export"), null=True, blank=True)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("toegangsregel")
        verbose_name_plural = _("toegangslog")
        indexes = [
            # Everything, newest first, and any period (keyset paging on (at, id)).
            models.Index(fields=["at", "id"], name="privacy_log_at_id"),
            # One record: the search by record and the subject access (inzage).
            models.Index(fields=["content_type", "object_id", "at"]),
            # One user.
            models.Index(fields=["username", "at"], name="privacy_log_username_at"),
            # The rarer actions (list rows are 84 %: those are found walking `at`).
            models.Index(
                fields=["action", "at"],
                name="privacy_log_action_at",
                condition=~models.Q(action="list"),
            ),
            # Refused attempts: the privacy panel and the search by outcome.
            models.Index(
                fields=["at"], name="privacy_log_denied_at", condition=models.Q(allowed=False)
            ),
            # The access review reads a period's opened records from this index alone (an
            # index-only scan); list rows, most of the log, never enter it.
            models.Index(
                fields=["at"],
                name="privacy_log_opened",
                include=[
                    "content_type",
                    "object_id",
                    "user",
                    "username",
                    "organisation",
                    "roles",
                    # The review counts exports (one per batch) and exported records.
                    "batch",
                ],
                condition=opened_read(),
            ),
            # Its reads outside office hours (a few in a hundred), for the review's part (b).
            models.Index(
                fields=["at"],
                name="privacy_log_out_of_hours",
                include=["object_id", "user", "username", "organisation", "batch"],
                condition=opened_read() & out_of_office_hours(),
            ),
            # Only export rows have a batch: the index holds those alone (an export's records,
            # in the order of the file, and the sizes of the exports on a page).
            models.Index(
                fields=["batch", "id"],
                name="accesslog_batch",
                condition=models.Q(batch__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{formats.short_datetime(self.at)} {self.username} {self.action} {self.object_id}"

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


class SubjectAccessRequest(Versioned, models.Model):
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
    pdf_error = models.TextField(_("reden (PDF)"), blank=True)  # why the job failed, in Dutch
    history = HistoricalRecords(excluded_fields=["pdf"])

    objects = SubjectAccessRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("inzageverzoek")
        verbose_name_plural = _("inzageverzoeken")

    def __str__(self):
        return f"Inzageverzoek {self.pk} van {formats.short_date(self.received_on)}"

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
        return f"{self.last_name}, geboren {formats.short_date(self.birth_date)}"


# ---------------------------------------------------------------------------------------------
# Retention and destruction (issue 10, points 1 and 2). See README "Bewaartermijnen en
# vernietiging". The records themselves live in other apps; everything about their retention is
# kept here and points at them by content type and id, so no other app needs a migration.


class RetentionKind(models.TextChoices):
    CASE_MAATWERK = "casus_maatwerk", _("Casus procesregie maatwerk")
    CASE_PGA = "casus_pga", _("Casus procesregie PGA")
    REGISTRATION = "aanmelding", _("Aanmelding zonder procesregie")
    AFTERCARE = "nazorg", _("Nazorgdossier")
    TRAFFICKING = "mensenhandel", _("Signaal mensenhandel")
    # A person or household a table discussed without a case (routeeroverleg, casustafel):
    # a case on the agenda goes with its case instead.
    TABLE_SUBJECT = "tafel", _("Persoon of huishouden besproken aan een tafel")


# What "closing" means per kind; shown on the terms page and in the README.
CLOSING_DEFINITIONS = {
    RetentionKind.CASE_MAATWERK: _("de afsluitdatum van de casus"),
    RetentionKind.CASE_PGA: _("de afsluitdatum van de casus"),
    RetentionKind.REGISTRATION: _(
        "de datum van het triagebesluit (niet opgepakt, advies) of van intrekken; bij "
        "ondersteuning de afsluitdatum"
    ),
    RetentionKind.AFTERCARE: _("de afsluitdatum van het nazorgdossier"),
    RetentionKind.TRAFFICKING: _("de afsluitdatum van het signaal"),
    RetentionKind.TABLE_SUBJECT: _(
        "de datum van het overleg, of de uiterste datum van de laatste actie op het "
        "agendapunt als die later ligt"
    ),
}

MIN_TERM_YEARS = 1
MAX_TERM_YEARS = 20
MAX_EXTENSION_YEARS = 10


def add_years(day, years: int):
    """The same day `years` later; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class PrivacyOfficerOnly(GuardedQuerySet):
    def visible_to(self, user, action="view"):
        """Retention terms, holds and extensions: the privacy officer's work alone."""
        if user.is_authenticated and user.is_active and user.has_role(Role.PRIVACY_OFFICER):
            return self
        return self.none()


class RetentionPolicy(Versioned, models.Model):
    """The term of one kind of record, in whole years after closing. Kept by the privacy officer."""

    kind = models.CharField(_("soort record"), max_length=20, choices=RetentionKind, unique=True)
    years = models.PositiveSmallIntegerField(_("bewaartermijn in jaren"))
    rationale = models.TextField(_("onderbouwing"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords()

    objects = PrivacyOfficerOnly.as_manager()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.years} jaar"

    @property
    def closing_definition(self):
        return CLOSING_DEFINITIONS.get(self.kind, "")


class RecordRef(models.Model):
    """A record of another app, by content type and id, with its number as the app shows it."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("soort gegeven"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("intern id"))
    kind = models.CharField(_("soort record"), max_length=20, choices=RetentionKind)
    # The record's number (2026-0001, NZ-2025-0012, MH-2025-003): an internal reference that
    # names no person, so it may stay after destruction.
    number = models.CharField(_("nummer"), max_length=30)

    class Meta:
        abstract = True


class RetentionExtension(RecordRef):
    """A record's term extended once, with the reason (a second extension is refused)."""

    extra_years = models.PositiveSmallIntegerField(_("verlenging in jaren"))
    reason = models.TextField(_("reden"))
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verlengd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    extended_at = models.DateTimeField(_("verlengd op"), default=timezone.now)
    history = HistoricalRecords()

    objects = PrivacyOfficerOnly.as_manager()

    class Meta:
        ordering = ["-extended_at"]
        verbose_name = _("verlenging van de bewaartermijn")
        verbose_name_plural = _("verlengingen van de bewaartermijn")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="retention_extended_once"
            )
        ]

    def __str__(self):
        return f"{self.number}: +{self.extra_years} jaar"


class LegalHold(RecordRef):
    """A legal hold (*bevriezing*): the record is not destroyed until the hold is lifted."""

    reason = models.TextField(_("reden"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geplaatst door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    placed_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeheven door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)
    lift_reason = models.TextField(_("reden van opheffen"), blank=True)
    history = HistoricalRecords()

    objects = PrivacyOfficerOnly.as_manager()

    class Meta:
        ordering = ["-placed_at"]
        verbose_name = _("bevriezing")
        verbose_name_plural = _("bevriezingen")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(lifted_at__isnull=True),
                name="legal_hold_one_active",
            )
        ]

    def __str__(self):
        return f"Bevriezing {self.number}"

    @property
    def active(self) -> bool:
        return self.lifted_at is None


class DestructionStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("Voorgesteld")
    REVIEWED = "beoordeeld", _("Beoordeeld")
    APPROVED = "goedgekeurd", _("Goedgekeurd")
    EXECUTED = "uitgevoerd", _("Uitgevoerd")


DESTRUCTION_TRANSITIONS: dict[str, set[str]] = {
    DestructionStatus.PROPOSED: {DestructionStatus.REVIEWED},
    # The approver may send a list back for another review instead of approving it.
    DestructionStatus.REVIEWED: {DestructionStatus.APPROVED, DestructionStatus.PROPOSED},
    DestructionStatus.APPROVED: {DestructionStatus.EXECUTED},
    DestructionStatus.EXECUTED: set(),
}

# Who may review (the privacy officer) and who may approve (a second privacy officer or the
# manager, never the reviewer: services.approve_destruction_list enforces the four eyes).
REVIEWER_ROLES = {Role.PRIVACY_OFFICER}
APPROVER_ROLES = {Role.PRIVACY_OFFICER, Role.MANAGER}


class DestructionListQuerySet(GuardedQuerySet):
    def visible_to(self, user, action="view"):
        roles = REVIEWER_ROLES if action == "review" else APPROVER_ROLES
        if user.is_authenticated and user.is_active and user.has_role(*roles):
            return self
        return self.none()

    def for_list(self):
        return (
            self.select_related("reviewed_by", "approved_by")
            .annotate(
                item_count=models.Count("items"),
                excluded_count=models.Count("items", filter=models.Q(items__excluded=True)),
            )
            .order_by("-proposed_on", "-pk")
        )  # an aggregate drops Meta.ordering

    def for_detail(self):
        return self.select_related("reviewed_by", "approved_by")


class DestructionList(models.Model):
    """The records whose term has passed, proposed by the daily task, reviewed, approved and
    executed; its certificate (*verklaring van vernietiging*) is a PDF made by a task."""

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DestructionStatus,
        default=DestructionStatus.PROPOSED,
    )
    proposed_on = models.DateField(_("voorgesteld op"), default=timezone.localdate)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("goedgekeurd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    executed_at = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    destroy_status = models.CharField(
        _("stand van de vernietiging"), max_length=10, choices=JobStatus.choices, blank=True
    )
    certificate_status = models.CharField(
        _("stand van de verklaring"), max_length=10, choices=JobStatus.choices, blank=True
    )
    certificate = models.FileField(
        _("verklaring van vernietiging"), upload_to="privacy/vernietiging/", blank=True
    )
    # Why a job failed, in Dutch (zvhd.jobs.run_job with prefix destroy_ or certificate_).
    destroy_error = models.TextField(_("reden (vernietiging)"), blank=True)
    certificate_error = models.TextField(_("reden (verklaring)"), blank=True)
    history = HistoricalRecords(excluded_fields=["certificate"])

    objects = DestructionListQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_on", "-pk"]
        verbose_name = _("vernietigingslijst")
        verbose_name_plural = _("vernietigingslijsten")

    def __str__(self):
        return f"Vernietigingslijst {self.pk}"

    @property
    def badge(self) -> str:
        return {
            DestructionStatus.PROPOSED: "warning",
            DestructionStatus.REVIEWED: "info",
            DestructionStatus.APPROVED: "info",
            DestructionStatus.EXECUTED: "success",
        }.get(self.status, "inactive")


class DestructionItem(RecordRef):
    """One record on a destruction list: what it is, when it closed and when its term ended."""

    destruction_list = models.ForeignKey(
        DestructionList,
        verbose_name=_("vernietigingslijst"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    closed_on = models.DateField(_("afgesloten op"))
    term_ended_on = models.DateField(_("bewaartermijn verstreken op"))
    excluded = models.BooleanField(_("uitgezonderd"), default=False)
    exclude_reason = models.TextField(_("reden van uitzondering"), blank=True)
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgezonderd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    destroyed_at = models.DateTimeField(_("vernietigd op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "closed_on", "pk"]
        verbose_name = _("record op een vernietigingslijst")
        verbose_name_plural = _("records op vernietigingslijsten")
        constraints = [
            models.UniqueConstraint(
                fields=["destruction_list", "content_type", "object_id"],
                name="destruction_item_once_per_list",
            )
        ]

    def __str__(self):
        return f"{self.number} ({self.get_kind_display()})"


# ---------------------------------------------------------------------------------------------
# The access review's days (zvhd/privacy/review_days.py): what the review needs of each closed
# day of the access log, made once by the worker, so that the review reads a few rows per user
# and day instead of every opened read of the period. Same personal data as the log (who read
# which record on which day), so the same term: the purge removes them with the log's days.


class AccessReviewDay(models.Model):
    """A day (Amsterdam time) whose rows below are made: the review reads such a day from
    them and any other day of its period (a day the worker has not done yet) from the log
    itself. Today is made up to `until` each hour, and the review reads the log from there;
    the night after, the whole day is made again (`until` empty)."""

    day = models.DateField(_("dag"), primary_key=True)
    made_at = models.DateTimeField(_("gemaakt op"))
    records = models.PositiveIntegerField(_("records"), default=0)
    until = models.DateTimeField(_("tot"), null=True, blank=True, help_text=_("Leeg: de hele dag."))

    objects = PrivacyOfficerOnly.as_manager()

    class Meta:
        ordering = ["day"]
        verbose_name = _("samengevatte dag van het toegangslog")
        verbose_name_plural = _("samengevatte dagen van het toegangslog")

    def __str__(self):
        return formats.short_date(self.day)


class ReaderDay(models.Model):
    """A day of one reader as the access log names them then (id, name and organisation):
    what the access review's summaries of a day share."""

    day = models.DateField(_("dag"))
    user_id = models.IntegerField(_("gebruiker"))
    username = models.CharField(_("gebruikersnaam"), max_length=150)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)

    objects = PrivacyOfficerOnly.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{formats.short_date(self.day)} {self.username}"


class AccessDaySummary(ReaderDay):
    """Per day and reader (as the log names them: id, name and organisation then) the counts
    of the review that add up over days: (a) the exports among the records opened without
    involvement and the first and last such read; (b) the reads outside office hours (an
    export counts once), of which at the weekend, the exports, the first and the last."""

    exports = models.PositiveIntegerField(_("exports zonder betrokkenheid"), default=0)
    first = models.DateTimeField(_("eerste zonder betrokkenheid"), null=True)
    last = models.DateTimeField(_("laatste zonder betrokkenheid"), null=True)
    late_reads = models.PositiveIntegerField(_("buiten kantooruren geopend"), default=0)
    late_weekend = models.PositiveIntegerField(_("waarvan weekend"), default=0)
    late_exports = models.PositiveIntegerField(_("waarvan exports"), default=0)
    late_first = models.DateTimeField(_("eerste buiten kantooruren"), null=True)
    late_last = models.DateTimeField(_("laatste buiten kantooruren"), null=True)

    class Meta:
        verbose_name = _("dagtelling van de toegangscontrole")
        verbose_name_plural = _("dagtellingen van de toegangscontrole")
        indexes = [models.Index(fields=["day"], name="privacy_daysummary_day")]


class AccessDayRecord(ReaderDay):
    """Per day, reader and record: a record opened that day without involvement (a), or
    outside office hours (b). The review counts *distinct* records over its period, which
    do not add up over days; each row therefore says on which earlier day (at most
    `review_days.LOOKBACK_DAYS` back) the same reader last had the same record in the same
    part, and the review counts a row only when that day lies before its period: each record
    once, without sorting the period's rows. A record is its kind and number in both parts:
    case 5 and aftercare record 5 are two records (the chain index has both)."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("soort gegeven"), on_delete=models.PROTECT, db_index=False
    )
    object_id = models.CharField(_("record"), max_length=64)
    uninvolved = models.BooleanField(_("zonder betrokkenheid"), default=False)
    exported = models.BooleanField(_("geëxporteerd zonder betrokkenheid"), default=False)
    late = models.BooleanField(_("buiten kantooruren"), default=False)
    prev_uninvolved = models.DateField(null=True)
    prev_exported = models.DateField(null=True)
    prev_late = models.DateField(null=True)

    class Meta:
        verbose_name = _("dagrecord van de toegangscontrole")
        verbose_name_plural = _("dagrecords van de toegangscontrole")
        indexes = [
            # The review: a period's rows.
            models.Index(fields=["day"], name="privacy_dayrecord_day"),
            # The chains: the same reader and record on an earlier day; and whether today's
            # live records were already counted on a summarized day of the period.
            models.Index(
                fields=["user_id", "object_id", "content_type", "day"],
                name="privacy_dayrecord_chain",
            ),
        ]

    def __str__(self):
        return f"{formats.short_date(self.day)} {self.username} {self.object_id}"


class AccessDayCount(ReaderDay):
    """Per day, reader and kind of record, `AccessDayRecord`'s rows counted for any period:
    the k-th element of each array is how many of the day's records count in a period that
    starts k - 1 days before this day (their earlier day lies before it); the last element
    holds for any larger k. The review sums one element per row: a few hundred rows a day
    instead of a few thousand records."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("soort gegeven"), on_delete=models.PROTECT, db_index=False
    )
    uninvolved = ArrayField(
        models.IntegerField(), verbose_name=_("zonder betrokkenheid"), null=True
    )
    exported = ArrayField(models.IntegerField(), verbose_name=_("geëxporteerd"), null=True)
    late = ArrayField(models.IntegerField(), verbose_name=_("buiten kantooruren"), null=True)

    class Meta:
        verbose_name = _("dagtelling per soort van de toegangscontrole")
        verbose_name_plural = _("dagtellingen per soort van de toegangscontrole")
        indexes = [models.Index(fields=["day"], name="privacy_daycount_day")]
