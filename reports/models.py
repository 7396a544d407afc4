"""Reports: frozen year figures, the texts of the annual report, thematic counts and PDFs.

- `YearSnapshot`: the figures of one year frozen as JSON by a Celery task; each run is a new
  version; at most one version per year is published, and a published version never changes
  (so the report stays the same after later edits and after retention destroyed records).
- `ReportText`: what management writes per year (voorwoord, ontwikkelingen, nawoord, ...).
- `ThematicCount`: counts of the Veelplegersoverleg (per region) and the Leerplicht
  Casusoverleg (per municipality and outcome), per year or per meeting; no person data.
- `ReportDocument`: the jaarverslag or a municipal factsheet as PDF, made by a task.
- `LiveFigures`: a year's figures per scope as the worker last computed them (the dashboard's
  source while no version of the year is published).
Who sees what: `reports.policy`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reports.policy import ALL, OWN_MUNICIPALITY, scope_for
from zvhd.jobs import FINISHED, Job, JobStatus
from zvhd.network.models import Municipality, Region
from zvhd.permissions import VIEW, GuardedQuerySet
from zvhd.versions import Versioned

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


# The job kernel's statuses; imported here too because the app's code says `JobStatus`.
__all__ = ["FINISHED", "JobStatus"]


class _PolicyQuerySet(GuardedQuerySet):
    subject = ""

    def visible_to(self, user, action: str = VIEW):
        return self if scope_for(user, self.subject, action) == ALL else self.none()


# ---------------------------------------------------------------------------------------------
# Snapshots


class SnapshotQuerySet(_PolicyQuerySet):
    subject = "snapshot"

    def for_list(self):
        return self.select_related("created_by", "published_by").defer("data")

    def published(self):
        return self.filter(published=True, status=JobStatus.DONE)


class YearSnapshot(Job):
    """A job whose result is the figures (`data`), not a file; who asked is `created_by`."""

    file = None
    requested_by = None
    requested_at = None
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    version = models.PositiveIntegerField(_("versie"))
    data = models.JSONField(_("cijfers"), null=True, blank=True)
    reason = models.CharField(_("aanleiding"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published = models.BooleanField(_("gepubliceerd"), default=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["data", "progress", "step"])
    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-version"]
        verbose_name = _("momentopname van de cijfers")
        verbose_name_plural = _("momentopnamen van de cijfers")
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="snapshot_year_version"),
            models.UniqueConstraint(
                fields=["year"], condition=Q(published=True), name="snapshot_one_published"
            ),
        ]

    def __str__(self):
        return f"Cijfers {self.year} versie {self.version}"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED


# ---------------------------------------------------------------------------------------------
# The figures as the worker last computed them (issue 24)


class LiveFigures(models.Model):
    """The figures of one year for the province (no municipality) or one municipality, as
    the worker last computed them (`reports.tasks.refresh_figures`, every
    REPORTS_FIGURES_REFRESH_MINUTES): what the dashboard and its exports show while no
    version of the year is published, so that no page computes figures (`reports.live`).

    Anonymous counts, derived: no history, replaced whole on every refresh. Who may read
    which row is the dashboard's scope (`reports.policy`): management the province's, a
    municipal contact their own municipality's."""

    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(_("cijfers"))
    computed_at = models.DateTimeField(_("berekend op"))

    class Meta:
        verbose_name = _("actuele cijfers")
        verbose_name_plural = _("actuele cijfers")
        constraints = [
            # One row per year and scope; the province's row has no municipality, and NULLs
            # count as equal here so it is one row too.
            models.UniqueConstraint(
                fields=["year", "municipality"],
                name="live_figures_once",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"Actuele cijfers {self.year}"


# ---------------------------------------------------------------------------------------------
# Texts of the annual report


class Section(models.TextChoices):
    FOREWORD = "voorwoord", _("Voorwoord")
    FOREWORD_SIGNATURE = "voorwoord_ondertekening", _("Ondertekening voorwoord")
    FIGURES_NOTE = "toelichting", _("Toelichting bij de cijfers")
    STORY = "verhaal", _("Het verhaal achter de cijfers")
    DEVELOPMENTS = "ontwikkelingen", _("Ontwikkelingen")
    AFTERCARE = "nazorg", _("Nazorg (ex-) gedetineerden")
    AFTERWORD = "nawoord", _("Nawoord")


class TextQuerySet(_PolicyQuerySet):
    subject = "text"


class ReportText(Versioned):
    """One section of one year's report. The texts form edits all sections of a year at once,
    so it carries every row's version and refuses the set when any of them moved on."""

    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    section = models.CharField(_("onderdeel"), max_length=30, choices=Section.choices)
    text = models.TextField(_("tekst"), blank=True, validators=[MaxLengthValidator(20000)])
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()
    objects = TextQuerySet.as_manager()

    class Meta:
        ordering = ["year", "section"]
        verbose_name = _("tekst jaarverslag")
        verbose_name_plural = _("teksten jaarverslag")
        constraints = [models.UniqueConstraint(fields=["year", "section"], name="report_text_once")]

    def __str__(self):
        return f"{self.get_section_display()} {self.year}"


# ---------------------------------------------------------------------------------------------
# Thematic tables


class Table(models.TextChoices):
    VEELPLEGERS = "veelplegers", _("Veelplegersoverleg")
    LPCO = "lpco", _("Leerplicht Casusoverleg")


class LpcoOutcome(models.TextChoices):
    TRIP = "trip", _("TRIP")
    DAGVAARDEN = "dagvaarden", _("Dagvaarden")
    BESPREEKCASUS = "bespreekcasus", _("Bespreekcasus")
    SCHOOLVERLATER = "voortijdig_schoolverlater", _("Voortijdig schoolverlater")
    GESEPONEERD = "geseponeerd", _("Geseponeerd")


class ThematicQuerySet(_PolicyQuerySet):
    subject = "thematic"

    def for_list(self):
        return self.select_related("municipality", "entered_by")


class ThematicCount(models.Model):
    """A count from one thematic table: for a whole year, or for one meeting (`meeting_on`).

    Veelplegersoverleg rows name a region; LPCO rows name a municipality and an outcome. Only
    numbers: the meetings' own files stay with the OM.
    """

    table = models.CharField(_("overleg"), max_length=12, choices=Table.choices)
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    meeting_on = models.DateField(
        _("datum overleg"),
        null=True,
        blank=True,
        help_text=_("Leeg laten voor een telling over het hele jaar."),
    )
    region = models.CharField(_("regio"), max_length=10, choices=Region.choices, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(
        _("afdoening"), max_length=30, choices=LpcoOutcome.choices, blank=True
    )
    count = models.PositiveIntegerField(_("aantal"), validators=[MaxValueValidator(100000)])
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = ThematicQuerySet.as_manager()

    class Meta:
        ordering = ["table", "year", "meeting_on", "region", "municipality__name", "outcome"]
        verbose_name = _("telling thematisch overleg")
        verbose_name_plural = _("tellingen thematische overleggen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(table="veelplegers") & ~Q(region="") & Q(municipality__isnull=True))
                | (Q(table="lpco") & Q(municipality__isnull=False) & ~Q(outcome="")),
                name="thematic_count_shape",
            )
        ]

    def __str__(self):
        return f"{self.get_table_display()} {self.year}: {self.count}"


# ---------------------------------------------------------------------------------------------
# PDFs


class DocumentKind(models.TextChoices):
    ANNUAL_REPORT = "jaarverslag", _("Jaarverslag")
    FACTSHEET = "factsheet", _("Factsheet gemeente")


class DocumentQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        scope = scope_for(user, "document", action)
        if scope == ALL:
            return self
        if scope == OWN_MUNICIPALITY:
            return self.filter(
                kind=DocumentKind.FACTSHEET,
                municipality_id=user.municipality_id,
                status=JobStatus.DONE,
            )
        return self.none()

    def for_list(self):
        return self.select_related("municipality", "requested_by", "snapshot").order_by(
            "-requested_at", "-pk"
        )


class ReportDocument(Job):
    upload_folder = "reports"

    kind = models.CharField(_("soort"), max_length=12, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The frozen figures the document was made from; empty: the live figures (marked
    # "voorlopig" in the document).
    snapshot = models.ForeignKey(
        YearSnapshot, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    history = HistoricalRecords(excluded_fields=["progress", "step"])
    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("rapportage (PDF)")
        verbose_name_plural = _("rapportages (PDF)")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="factsheet") | Q(municipality__isnull=False),
                name="report_factsheet_has_municipality",
            )
        ]

    def __str__(self):
        suffix = f" {self.municipality}" if self.municipality_id else ""
        return f"{self.get_kind_display()} {self.year}{suffix}"

    @property
    def filename(self) -> str:
        suffix = f"-{self.municipality.slug}" if self.municipality_id else ""
        return f"zvhd-{self.kind}-{self.year}{suffix}.pdf"
