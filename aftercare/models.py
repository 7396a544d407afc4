"""Aftercare (nazorg) for ex-detainees of the municipalities that buy this plus task.

One `AftercareRecord` per detention: the person, where and since when they are detained, the
expected release date, consent, the five basic conditions, contact moments, guidance,
escalation to process direction and closing. DJI notifications (start, end, detention and
reintegration plan) are `Notification` rows of the record; a second notification of the same
kind for the same detention is a duplicate and is refused.

Who sees what is the table `POLICY` below, applied by `AftercareRecordQuerySet.visible_to`.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from stdnum.nl import bsn as stdnum_bsn

from zvhd import formats
from zvhd.network.models import BUREAU_ROLES, Municipality, Role
from zvhd.permissions import CHANGE, VIEW, GuardedQuerySet, ScopedChildQuerySet
from zvhd.versions import Versioned

LONG_TEXT = 4000

# Actions on a record besides the house's "view" (anything at all) and "change".
DETAIL = "detail"  # the full record, with personal data and the work on it
SUMMARY = "summary"  # a municipal contact's summary of one of their residents
LINK = "link"  # that the record exists and is linked to a case the user works on


def validate_bsn(value: str) -> None:
    """The elfproef (11-test) and nine digits, with a message a person understands."""
    if not stdnum_bsn.is_valid(value or ""):
        raise ValidationError(
            _("Dit is geen geldig BSN: een BSN heeft negen cijfers en voldoet aan de elfproef."),
            code="bsn",
        )


# ---------------------------------------------------------------------------------------------
# Participating municipalities


class ParticipationQuerySet(models.QuerySet):
    def municipalities_in(self, year: int):
        """The participating municipalities of `year`.

        A year without a list of its own follows the last earlier year that has one: the plus
        task runs on until management records a change (the seeds give 2020 and 2025).
        """
        known = self.filter(year__lte=year).order_by("-year").values_list("year", flat=True)
        latest = known.first()
        if latest is None:
            return Municipality.objects.none()
        return Municipality.objects.filter(aftercare_participations__year=latest)

    def effective_year(self, year: int) -> int | None:
        return self.filter(year__lte=year).order_by("-year").values_list("year", flat=True).first()


class Participation(models.Model):
    """A municipality buys the aftercare plus task in a year. Kept by management."""

    year = models.PositiveSmallIntegerField(_("jaar"))
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="aftercare_participations",
    )
    history = HistoricalRecords()

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "municipality__name"]
        verbose_name = _("deelnemende gemeente nazorg")
        verbose_name_plural = _("deelnemende gemeenten nazorg")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "municipality"], name="aftercare_participation_unique"
            )
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}"


# ---------------------------------------------------------------------------------------------
# The record


class Status(models.TextChoices):
    OPEN = "open", _("In behandeling")
    GUIDANCE = "begeleiding", _("Trajectbegeleiding")
    ESCALATED = "opgeschaald", _("Opgeschaald naar procesregie")
    CLOSED = "afgesloten", _("Afgesloten")


# The life cycle as a table (CONVENTIONS rule 6): services refuse any other step.
TRANSITIONS: dict[str, set[str]] = {
    Status.OPEN: {Status.GUIDANCE, Status.ESCALATED, Status.CLOSED},
    Status.GUIDANCE: {Status.OPEN, Status.ESCALATED, Status.CLOSED},
    Status.ESCALATED: {Status.CLOSED},
    Status.CLOSED: set(),
}


class Consent(models.TextChoices):
    UNKNOWN = "onbekend", _("Nog niet gevraagd")
    GIVEN = "gegeven", _("Gegeven")
    REFUSED = "geweigerd", _("Geweigerd")


class ClosingReason(models.TextChoices):
    HANDED_OVER = "overgedragen", _("Warm overgedragen aan reguliere zorg")
    CONDITIONS_ARRANGED = "geregeld", _("Basisvoorwaarden geregeld, geen nazorg meer nodig")
    NO_CONSENT = "geen_toestemming", _("Geen toestemming, wettelijke taak afgerond")
    MOVED = "verhuisd", _("Verhuisd naar een niet-deelnemende gemeente")
    LONGER_DETENTION = "langer_gedetineerd", _("Langer gedetineerd of overgeplaatst")
    ESCALATED = "procesregie", _("Verder in procesregie")
    DIED = "overleden", _("Overleden")
    OTHER = "anders", _("Anders")


def closed_last():
    """1 for a closed file, 0 for a running one: the first key of the register's order."""
    return Case(When(status=Status.CLOSED, then=Value(1)), default=Value(0))


def running_release():
    """A running file's expected release (None for a closed one): its order in the register,
    the soonest release first."""
    return Case(When(status=Status.CLOSED, then=Value(None)), default=F("expected_release"))


def closed_release():
    """A closed file's expected release (None for a running one): closed files follow the
    running ones latest first, so the ones just closed are at the top of them, not the oldest
    of years ago."""
    return Case(When(status=Status.CLOSED, then=F("expected_release")), default=Value(None))


class AftercareRecordQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        """Who sees what: the table `POLICY` (one place, read it there)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        conditions = []
        for role, scope in POLICY.get(action, {}).items():
            if user.has_role(role):
                if scope == "all":
                    return self
                conditions.append(SCOPES[scope](user))
        if not conditions:
            return self.none()
        combined = conditions[0]
        for condition in conditions[1:]:
            combined |= condition
        # Every scope is a plain column test or a subquery, so no duplicate rows.
        return self.filter(combined)

    def open(self):
        return self.exclude(status=Status.CLOSED)

    def open_first(self):
        """The register's order: files still running first, by expected release (the soonest
        first); closed files after them (issue 23: 20+ closed files opened the list), the
        latest release first. The index `aftercare_register_order` has these keys."""
        return self.order_by(closed_last(), running_release(), closed_release().desc(), "pk")

    def for_list(self):
        # The open basic conditions as a correlated count, not a join with GROUP BY: the join
        # grouped every record's conditions before the page's 25 were picked (issue 24: 2 s
        # twice and a 0.3 s count per list page at 100,000 records); a subquery runs for the
        # rows shown.
        open_conditions = (
            Condition.objects.filter(record=OuterRef("pk"), basic=True)
            .exclude(status__in=DONE_STATUSES)
            .order_by()
            .values("record")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            self.select_related("municipality", "coordinator")
            .annotate(
                open_conditions=Coalesce(
                    Subquery(open_conditions, output_field=models.IntegerField()), 0
                )
            )
            .order_by("expected_release", "pk")
        )

    def for_summary_list(self):
        return self.select_related("municipality").order_by("-notified_on", "-pk")

    def for_detail(self):
        return self.select_related(
            "municipality", "coordinator", "guide", "escalated_by", "closed_by", "case"
        ).prefetch_related(
            Prefetch("notifications", queryset=Notification.objects.select_related("received_by")),
            Prefetch("enrichments", queryset=Enrichment.objects.select_related("added_by")),
            Prefetch("conditions", queryset=Condition.objects.select_related("updated_by")),
            Prefetch("contacts", queryset=ContactMoment.objects.select_related("by")),
        )

    def for_summary(self):
        return self.select_related("municipality", "guide").prefetch_related("conditions")

    def for_link(self):
        return self.select_related("coordinator", "case")

    def awaiting_release(self):
        """Running records whose release has not been recorded: the rows of the partial index
        `aftercare_awaiting_release`, which every release window below reads."""
        return self.open().filter(actual_release__isnull=True)

    def release_overdue(self, today):
        """Awaiting release although the expected date has passed: the person was released
        and nobody recorded it, or stays longer and the date was not moved. Either way the
        coordinator acts; they fell off the start page and the releases page a week after the
        date."""
        return self.awaiting_release().filter(expected_release__lt=today)

    def release_soon(self, today, days: int = 14):
        """Awaiting release in the next `days` days (today included)."""
        return self.awaiting_release().filter(
            expected_release__range=(today, today + timedelta(days=days))
        )

    def releases_between(self, start, end):
        """Open records whose expected release is in [start, end], with their open conditions."""
        return (
            self.awaiting_release()
            .filter(expected_release__range=(start, end))
            .select_related("municipality")
            .prefetch_related(
                Prefetch(
                    "conditions",
                    queryset=Condition.objects.exclude(status__in=DONE_STATUSES),
                    to_attr="open_condition_list",
                )
            )
            .order_by("expected_release", "pk")
        )


def _own_municipality(user) -> Q:
    if user.municipality_id is None:
        return Q(pk__in=[])
    return Q(municipality_id=user.municipality_id)


def _linked_case(user) -> Q:
    """Records escalated to a case whose file the user may open in the cases app.

    The cases app decides who works on a case (its own policy, action "details"): bureau
    staff see every case's summary there, but only those on the case reach its file.
    """
    from cases.models import Case
    from cases.policy import DETAILS as CASE_DETAILS

    return Q(case__in=Case.objects.visible_to(user, CASE_DETAILS).values("pk"))


SCOPES = {"own_municipality": _own_municipality, "linked_case": _linked_case}

_STAFF_ON_A_CASE = {role: "linked_case" for role in BUREAU_ROLES if role != Role.NAZORGCOORDINATOR}

# Who may do what with which records (DOMAIN "Privacy", issue 5 point 12):
# - the aftercare coordinator: everything;
# - a municipal contact: a summary of the records of their own residents;
# - ZVHD staff on a linked case: the link (number, status, who coordinates), nothing more;
# - nobody else: nothing.
# "view" is "may see anything of it at all": outside it a page is a 404, inside it a page the
# user may not open is a 403.
POLICY: dict[str, dict[str, str]] = {
    VIEW: {
        Role.NAZORGCOORDINATOR: "all",
        Role.GEMEENTELIJK_CONTACTPERSOON: "own_municipality",
        **_STAFF_ON_A_CASE,
    },
    DETAIL: {Role.NAZORGCOORDINATOR: "all"},
    CHANGE: {Role.NAZORGCOORDINATOR: "all"},
    SUMMARY: {
        Role.NAZORGCOORDINATOR: "all",
        Role.GEMEENTELIJK_CONTACTPERSOON: "own_municipality",
    },
    LINK: {Role.NAZORGCOORDINATOR: "all", **_STAFF_ON_A_CASE},
}


class AftercareRecord(Versioned, models.Model):
    """One detention of one person, from the first notification to closing."""

    # The person
    first_names = models.CharField(_("voornamen"), max_length=150)
    last_name = models.CharField(_("achternaam"), max_length=150)
    birth_date = models.DateField(_("geboortedatum"))
    bsn = models.CharField(_("BSN"), max_length=9, validators=[validate_bsn])
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="aftercare_records",
        help_text=_("De gemeente waar de gedetineerde staat ingeschreven."),
    )
    # The person in the shared register (persons app, issue 21); set by the services.
    registered_person = models.ForeignKey(
        "persons.Person",
        verbose_name=_("persoon in het register"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The detention
    institution = models.CharField(_("inrichting"), max_length=150)
    detention_start = models.DateField(_("begin detentie"))
    expected_release = models.DateField(_("verwachte datum van ontslag"))
    actual_release = models.DateField(_("werkelijke datum van ontslag"), null=True, blank=True)
    # When the first notification came in (the year of the figures).
    notified_on = models.DateField(_("gemeld op"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nazorgcoördinator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Consent
    consent = models.CharField(
        _("toestemming"), max_length=10, choices=Consent.choices, default=Consent.UNKNOWN
    )
    consent_on = models.DateField(_("datum toestemming"), null=True, blank=True)
    # Guidance (trajectbegeleiding)
    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trajectbegeleider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    guidance_started_on = models.DateField(_("begin begeleiding"), null=True, blank=True)
    guidance_ended_on = models.DateField(_("einde begeleiding"), null=True, blank=True)
    handed_over_to = models.CharField(_("warm overgedragen aan"), max_length=200, blank=True)
    handover_note = models.TextField(
        _("afspraken bij de overdracht"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    # Escalation to process direction
    escalated_on = models.DateField(_("opgeschaald op"), null=True, blank=True)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeschaald door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    escalation_reason = models.TextField(
        _("reden van opschalen"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("casus procesregie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aftercare_records",
    )
    # What the five basic conditions were at release: {kind: status}, for the figures.
    release_snapshot = models.JSONField(_("basisvoorwaarden bij ontslag"), default=dict, blank=True)
    # Closing
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgesloten door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closing_reason = models.CharField(
        _("reden van afsluiten"), max_length=20, choices=ClosingReason.choices, blank=True
    )
    closing_note = models.TextField(
        _("toelichting bij het afsluiten"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords()

    objects = AftercareRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-notified_on", "-pk"]
        verbose_name = _("nazorgdossier")
        verbose_name_plural = _("nazorgdossiers")
        constraints = [
            # One record per detention: the same person entering detention on the same day.
            models.UniqueConstraint(
                fields=["bsn", "detention_start"], name="aftercare_one_record_per_detention"
            ),
            models.CheckConstraint(
                condition=Q(expected_release__gte=models.F("detention_start")),
                name="aftercare_release_after_start",
                violation_error_message=_(
                    "De verwachte datum van ontslag ligt voor het begin van de detentie."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "expected_release"]),
            # The register's order (open_first), so a page is read from the index instead of
            # sorting every record (issue 24: 100,000 records sorted per page).
            models.Index(
                closed_last(),
                running_release(),
                closed_release().desc(),
                "id",
                name="aftercare_register_order",
            ),
            # The figures of a year (aftercare.figures) read the records notified, released,
            # taken into guidance or escalated in it: without these, each of its counts read
            # all 100,000 records of ten years (issue 24: the figures page 184 ms at 1M).
            models.Index(fields=["notified_on", "id"], name="aftercare_notified"),
            # Running files still waiting for their release, by the expected date: the
            # coming releases and the ones past their date without a release recorded
            # (`release_soon`, `release_overdue`, `releases_between`) read these few rows
            # instead of every file (a 20 ms scan of 100,000 files on every start page).
            models.Index(
                fields=["expected_release"],
                name="aftercare_awaiting_release",
                condition=Q(actual_release__isnull=True) & ~Q(status=Status.CLOSED),
            ),
            models.Index(
                fields=["actual_release"],
                name="aftercare_released",
                condition=Q(actual_release__isnull=False),
            ),
            models.Index(
                fields=["guidance_started_on"],
                name="aftercare_guidance_started",
                condition=Q(guidance_started_on__isnull=False),
            ),
            models.Index(
                fields=["escalated_on"],
                name="aftercare_escalated",
                condition=Q(escalated_on__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.full_name}"

    def get_absolute_url(self):
        return reverse("aftercare:record_detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"NZ-{self.notified_on:%Y}-{self.pk:04d}" if self.pk else "NZ-nieuw"

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_name}"

    @property
    def has_consent(self) -> bool:
        return self.consent == Consent.GIVEN

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def days_to_release(self) -> int | None:
        if self.actual_release:
            return None
        return (self.expected_release - timezone.localdate()).days

    @property
    def detention_days(self) -> int:
        end = self.actual_release or self.expected_release
        return (end - self.detention_start).days

    def clean(self):
        if (
            self.detention_start
            and self.expected_release
            and self.expected_release < self.detention_start
        ):
            raise ValidationError(
                {
                    "expected_release": _(
                        "De verwachte datum van ontslag ligt voor het begin van de detentie."
                    )
                }
            )


class ChildQuerySet(ScopedChildQuerySet):
    """Child records are scoped through their record: the record's full view decides."""

    parent_path = "record"

    def parent_action(self, action: str) -> str:
        return CHANGE if action == CHANGE else DETAIL


class NotificationKind(models.TextChoices):
    START = "start", _("Begin detentie")
    END = "einde", _("Einde detentie")
    PLAN = "dip", _("Detentie- en re-integratieplan")


class Source(models.TextChoices):
    DJI = "dji", _("DJI")
    RECLASSERING = "reclassering", _("Reclassering")
    GEMEENTE = "gemeente", _("Gemeente")


class Notification(models.Model):
    """A notification received about the detention (by form now, by the API later)."""

    record = models.ForeignKey(
        AftercareRecord,
        verbose_name=_("nazorgdossier"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("soort melding"), max_length=10, choices=NotificationKind.choices)
    source = models.CharField(_("bron"), max_length=150)
    received_on = models.DateField(_("ontvangen op"), default=timezone.localdate)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    via_api = models.BooleanField(_("via de koppeling ontvangen"), default=False)
    note = models.TextField(
        _("toelichting"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("detentiemelding")
        verbose_name_plural = _("detentiemeldingen")
        constraints = [
            models.UniqueConstraint(fields=["record", "kind"], name="aftercare_no_duplicate_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {formats.short_date(self.received_on)}"


class Enrichment(models.Model):
    """What DJI, probation or the municipality knows, each item with its source."""

    record = models.ForeignKey(
        AftercareRecord, on_delete=models.CASCADE, related_name="enrichments"
    )
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices)
    text = models.TextField(_("informatie"), validators=[MaxLengthValidator(LONG_TEXT)])
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("verrijking")
        verbose_name_plural = _("verrijkingen")

    def __str__(self):
        return f"{self.get_source_display()} {formats.short_date(self.added_at)}"


class ConditionKind(models.TextChoices):
    ID = "id", _("Geldig identiteitsbewijs")
    HOUSING = "huisvesting", _("Huisvesting na ontslag")
    INCOME = "inkomen", _("Inkomen uit werk of uitkering, of dagbesteding")
    DEBTS = "schulden", _("Inzicht in en aanpak van schulden")
    CARE = "zorg", _("Zorg, zorgverzekering en continuïteit van zorg")
    NETWORK = "netwerk", _("Sociaal netwerk")
    VICTIM_AWARE = "slachtofferbewust", _("Slachtofferbewust werken")


BASIC_CONDITIONS = [
    ConditionKind.ID,
    ConditionKind.HOUSING,
    ConditionKind.INCOME,
    ConditionKind.DEBTS,
    ConditionKind.CARE,
]
EXTRA_CONDITIONS = [ConditionKind.NETWORK, ConditionKind.VICTIM_AWARE]


class ConditionStatus(models.TextChoices):
    NOT_ARRANGED = "niet_geregeld", _("Niet geregeld")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    ARRANGED = "geregeld", _("Geregeld")
    NOT_APPLICABLE = "nvt", _("Niet van toepassing")


# A condition needs no more work when it is arranged or does not apply.
DONE_STATUSES = [ConditionStatus.ARRANGED, ConditionStatus.NOT_APPLICABLE]


class Condition(Versioned, models.Model):
    record = models.ForeignKey(AftercareRecord, on_delete=models.CASCADE, related_name="conditions")
    kind = models.CharField(_("voorwaarde"), max_length=20, choices=ConditionKind.choices)
    basic = models.BooleanField(_("basisvoorwaarde"), default=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConditionStatus.choices,
        default=ConditionStatus.NOT_ARRANGED,
    )
    actions = models.TextField(_("acties"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)])
    responsible = models.CharField(_("verantwoordelijke partij"), max_length=200, blank=True)
    due_on = models.DateField(_("geregeld vóór"), null=True, blank=True)
    arranged_on = models.DateField(_("geregeld op"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["-basic", "pk"]
        verbose_name = _("voorwaarde")
        verbose_name_plural = _("voorwaarden")
        constraints = [
            models.UniqueConstraint(fields=["record", "kind"], name="aftercare_condition_once")
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def is_done(self) -> bool:
        return self.status in DONE_STATUSES

    @property
    def badge(self) -> str:
        return {
            ConditionStatus.ARRANGED: "success",
            ConditionStatus.NOT_APPLICABLE: "inactive",
            ConditionStatus.IN_PROGRESS: "warning",
        }.get(self.status, "danger")


class ContactWith(models.TextChoices):
    DETAINEE = "gedetineerde", _("Gedetineerde")
    CASE_MANAGER = "casemanager", _("Casemanager (DJI)")
    PROBATION = "reclassering", _("Reclassering")
    OTHER = "anders", _("Anders")


class Accepted(models.TextChoices):
    YES = "ja", _("Ja")
    PARTLY = "deels", _("Deels")
    NO = "nee", _("Nee")
    NOT_YET = "onbekend", _("Nog niet bekend")


class ContactMoment(models.Model):
    record = models.ForeignKey(AftercareRecord, on_delete=models.CASCADE, related_name="contacts")
    on = models.DateField(_("datum"))
    with_whom = models.CharField(_("contact met"), max_length=20, choices=ContactWith.choices)
    help_offered = models.TextField(
        _("aangeboden hulp"), validators=[MaxLengthValidator(LONG_TEXT)]
    )
    accepted = models.CharField(
        _("hulp aanvaard"), max_length=10, choices=Accepted.choices, default=Accepted.NOT_YET
    )
    notes = models.TextField(_("notities"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)])
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")

    def __str__(self):
        return f"{self.get_with_whom_display()} {self.on}"


class RecordEvent(models.Model):
    """Who moved the record from which status to which, when and why."""

    record = models.ForeignKey(AftercareRecord, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_status or '-'} → {self.to_status}"


class Reminder(models.Model):
    """A release reminder sent to the coordinators; the unique key makes the task idempotent."""

    record = models.ForeignKey(AftercareRecord, on_delete=models.CASCADE, related_name="reminders")
    stage = models.PositiveSmallIntegerField(_("dagen voor ontslag"))
    release_date = models.DateField(_("verwachte datum van ontslag"))
    open_conditions = models.PositiveSmallIntegerField(_("open voorwaarden"))
    sent_at = models.DateTimeField(default=timezone.now)

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "stage", "release_date"], name="aftercare_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.stage} dagen voor {self.release_date}"
