"""Risk assessments and safety flags on a case (issue 20 part 1).

- `Instrument`: a risk assessment instrument the functioneel beheerder configures: domains, a
  scale (min..max), guidance. The app ships one neutral example (`risk/reference_data.py`),
  which is not a validated instrument and says so.
- `Assessment`: one assessment on a case with an instrument: date, assessor and organisation,
  a score per domain within the scale, an overall level, the next review date; with history.
- `FlagKind` and `SafetyFlag`: a safety flag (danger to staff, weapons, do not visit alone,
  ...) set on a case or on the person of the case (then it shows on every case of that
  person), with date and who set it, lifted with a reason; with history.

Who sees and does what: `risk/policy.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import LONG_TEXT, Case, Person
from zvhd import formats
from zvhd.network.models import Organisation
from zvhd.permissions import ScopedChildQuerySet
from zvhd.versions import Versioned


class Level(models.TextChoices):
    LOW = "laag", _("Laag")
    MEDIUM = "verhoogd", _("Verhoogd")
    HIGH = "hoog", _("Hoog")
    VERY_HIGH = "zeer_hoog", _("Zeer hoog")


class FlagScope(models.TextChoices):
    CASE = "casus", _("Deze casus")
    PERSON = "persoon", _("De betrokkene (bij al diens casussen)")


class Instrument(Versioned, models.Model):
    """Configurable by the functioneel beheerder; not personal data."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    guidance = models.TextField(
        _("toelichting voor de beoordelaar"), blank=True, validators=[MaxLengthValidator(3000)]
    )
    scale_min = models.SmallIntegerField(_("laagste score"), default=0)
    scale_max = models.SmallIntegerField(_("hoogste score"), default=3)
    is_example = models.BooleanField(
        _("neutraal voorbeeld (geen gevalideerd instrument)"), default=False
    )
    active = models.BooleanField(_("actief"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="instrument_scale_order",
                violation_error_message=_("De hoogste score moet boven de laagste liggen."),
            )
        ]

    def __str__(self):
        return self.name


class Domain(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="domains")
    name = models.CharField(_("domein"), max_length=150)
    guidance = models.CharField(_("toelichting"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")

    def __str__(self):
        return self.name


class FlagKind(Versioned, models.Model):
    """A kind of safety flag (configurable list; not personal data)."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.CharField(_("toelichting"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("soort veiligheidssignaal")
        verbose_name_plural = _("soorten veiligheidssignalen")

    def __str__(self):
        return self.name


class RiskQuerySet(ScopedChildQuerySet):
    """Scoped through the case (`risk.policy`): reading needs the case file."""

    parent_path = "case"

    def parent_action(self, action: str) -> str:
        from risk.policy import case_action

        return case_action(action)

    def visible_to(self, user, action: str = "view"):
        from risk.policy import LIFT, lift_filter

        scoped = super().visible_to(user, action)
        if action == LIFT:
            return scoped.filter(lift_filter(user))
        return scoped


class AssessmentQuerySet(RiskQuerySet):
    def latest_per_case(self):
        """The latest assessment of each case among these: the one that says when the next
        review is due (an earlier assessment's review date no longer counts once the case is
        reassessed). Filter on the review date after this, not before."""
        latest = self.order_by("case_id", "-assessed_on", "-id").distinct("case_id").values("pk")
        return self.model.objects.filter(pk__in=latest)


class Assessment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="risk_assessments")
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+"
    )
    assessed_on = models.DateField(_("datum taxatie"))
    assessor = models.CharField(_("beoordelaar"), max_length=150)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("totaalniveau"), max_length=10, choices=Level.choices)
    next_review_on = models.DateField(_("volgende herbeoordeling"))
    notes = models.TextField(
        _("toelichting"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    # Idempotency mark of the review reminder (risk.tasks).
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["reminded_for"])
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("risicotaxatie")
        verbose_name_plural = _("risicotaxaties")
        indexes = [models.Index(fields=["next_review_on"], name="risk_assessment_review")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_review_on__gt=models.F("assessed_on")),
                name="risk_review_after_assessment",
                violation_error_message=_("De herbeoordeling moet na de taxatiedatum liggen."),
            )
        ]

    def __str__(self):
        return f"{self.instrument} {formats.short_date(self.assessed_on)}"

    # The access log's name for it (zvhd.privacy.views.label_rows): day and case, no id.
    log_related = ("case",)

    @property
    def log_label(self) -> str:
        return (
            f"risicotaxatie van {formats.short_date(self.assessed_on)} bij casus {self.case.number}"
        )


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    score = models.SmallIntegerField(_("score"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["domain__order", "domain_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="risk_score_once")
        ]

    def __str__(self):
        return f"{self.domain}: {self.score}"


class SafetyFlag(models.Model):
    """Set on a case; with scope "persoon" it shows on every case of the same person."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="safety_flags")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.ForeignKey(
        FlagKind, verbose_name=_("signaal"), on_delete=models.PROTECT, related_name="+"
    )
    scope = models.CharField(
        _("geldt voor"), max_length=10, choices=FlagScope.choices, default=FlagScope.CASE
    )
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    set_on = models.DateField(_("datum"), default=timezone.localdate)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lifted_on = models.DateField(_("opgeheven op"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lift_reason = models.CharField(_("reden van opheffen"), max_length=500, blank=True)
    history = HistoricalRecords()
    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["-set_on", "-id"]
        verbose_name = _("veiligheidssignaal")
        verbose_name_plural = _("veiligheidssignalen")
        indexes = [
            models.Index(
                fields=["case"], name="risk_flag_active_case", condition=models.Q(lifted_on=None)
            ),
            models.Index(
                fields=["person"],
                name="risk_flag_active_person",
                condition=models.Q(lifted_on=None),
            ),
        ]

    def __str__(self):
        return str(self.kind)

    @property
    def active(self) -> bool:
        return self.lifted_on is None


def active_flags_of(case_pk: int, person_pk: int):
    """The flags in force on a case: its own and its person's (set on any of their cases)."""
    return SafetyFlag.objects.filter(lifted_on=None).filter(
        models.Q(case_id=case_pk) | models.Q(person_id=person_pk)
    )
