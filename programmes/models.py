"""Programme tags on cases (issue 20 part 3): levensloopaanpak, ISD, PIJ, TBS, jeugd-PGA, ...

A `Programme` is configuration, kept by the functioneel beheerder (reference data loads the
nine of the seeds). A `CaseProgramme` is one period in which a case was in a programme: from
`started_on` (in) up to and including `ended_on` (out, empty while it lasts). A case can be in
several programmes, and in the same programme again in a later period, never twice at once.
The periods are case data: reached only through the case (`visible_to` asks the case's door:
reading needs the case file, "details"; changing needs directing it, "change"), with history.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import Case
from zvhd.permissions import CHANGE, VIEW, GuardedQuerySet, ScopedChildQuerySet
from zvhd.versions import Versioned


class ProgrammeQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        """Every logged-in user may read the list of programmes (names only, no case data);
        only the functioneel beheerder changes it (programmes.policy)."""
        from programmes.policy import may_manage

        if not getattr(user, "is_authenticated", False):
            return self.none()
        if action == VIEW or may_manage(user):
            return self
        return self.none()

    def in_use(self):
        return self.filter(active=True).order_by("order", "name")


class Programme(Versioned, models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.TextField(
        _("omschrijving"), blank=True, validators=[MaxLengthValidator(1000)]
    )
    apart_within_pga = models.BooleanField(
        _("apart binnen PGA tellen"),
        default=False,
        help_text=_(
            "De PGA-casussen met dit programma tellen in de cijfers per gemeente als een eigen "
            "deel, zoals 'jeugd-PGA' in het jaarverslag 2020 (35 PGA: 21 PGA, 14 jeugd-PGA)."
        ),
    )
    active = models.BooleanField(_("in gebruik"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = HistoricalRecords()
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")

    def __str__(self):
        return self.name


class CaseProgrammeQuerySet(ScopedChildQuerySet):
    parent_path = "case"

    def parent_action(self, action: str) -> str:
        # Which programmes a person is in (TBS, radicalisering) is case content: the file.
        return CHANGE if action == CHANGE else "details"

    def for_case_page(self):
        return self.select_related("programme", "added_by").order_by(
            "programme__order", "started_on", "id"
        )


class CaseProgramme(Versioned, models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="programme_periods")
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programma"),
        on_delete=models.PROTECT,
        related_name="case_periods",
    )
    started_on = models.DateField(_("in programma vanaf"))
    ended_on = models.DateField(_("uit programma op"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = CaseProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = _("programmaperiode")
        verbose_name_plural = _("programmaperiodes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="programme_period_ends_after_start",
            )
        ]
        # The year figures select the periods of a programme that overlap a year.
        indexes = [models.Index(fields=["programme", "started_on"], name="programme_period")]

    def __str__(self):
        return f"{self.programme} ({self.case})"
