"""Budget and accounts, distribution keys, contributions, reserve, liaisons and staffing.

Money is `Decimal` with no decimal places: the budget documents of ZVHD work in whole euros.
Who sees what is decided in one table (`ACCESS`) read by every queryset's `visible_to`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aftercare.models import Participation
from finance.distribution import EQUAL, INHABITANTS
from zvhd import formats
from zvhd.jobs import Job, JobStatus
from zvhd.network.models import Municipality, Organisation, Role
from zvhd.permissions import CHANGE, VIEW, GuardedQuerySet, ScopedChildQuerySet
from zvhd.versions import Versioned

NON_NEGATIVE = [MinValueValidator(0, _("Een negatief bedrag is hier niet toegestaan."))]


def money(**kwargs):
    return models.DecimalField(max_digits=12, decimal_places=0, **kwargs)


# ---------------------------------------------------------------------------------------------
# Who sees what. Actions: "view" (the year exists for you), "budget" (its budget, reserve,
# contributions of all municipalities, liaisons, staffing), "change" (edit). Scopes:
# ALL: every row; ADOPTED_OWN: an adopted (vastgesteld) year, and only the user's own
# municipality's contribution and letter. Anyone not in the table sees nothing.
ALL = "all"
ADOPTED_OWN = "adopted_own"
BUDGET = "budget"

ACCESS = {
    VIEW: {
        Role.FINANCIEEL_MEDEWERKER: ALL,
        Role.MANAGER: ALL,
        Role.GEMEENTELIJK_CONTACTPERSOON: ADOPTED_OWN,
    },
    BUDGET: {Role.FINANCIEEL_MEDEWERKER: ALL, Role.MANAGER: ALL},
    CHANGE: {Role.FINANCIEEL_MEDEWERKER: ALL, Role.MANAGER: ALL},
}
FINANCE_ROLES = {Role.FINANCIEEL_MEDEWERKER, Role.MANAGER}


def scope_for(user, action: str) -> str | None:
    """The widest scope the user's roles give for `action` (None: nothing)."""
    if not user.is_authenticated or not user.is_active:
        return None
    scopes = {scope for role, scope in ACCESS.get(action, {}).items() if user.has_role(role)}
    if ALL in scopes:
        return ALL
    if ADOPTED_OWN in scopes and user.municipality_id:
        return ADOPTED_OWN
    return None


# ---------------------------------------------------------------------------------------------
# Distribution keys


class Basis(models.TextChoices):
    EQUAL = EQUAL, _("gelijk verdeeld")
    INHABITANTS = INHABITANTS, _("naar inwonertal")


class DistributionKeyQuerySet(GuardedQuerySet):
    def visible_to(self, user, action=VIEW):
        # Keys are the finance officer's tool; a municipal contact sees the outcome, not keys.
        return self if scope_for(user, BUDGET if action == VIEW else action) == ALL else self.none()

    def for_list(self):
        return self.prefetch_related(
            Prefetch("components", queryset=KeyComponent.objects.prefetch_related("municipalities"))
        ).annotate(year_count=models.Count("years", distinct=True))

    def for_detail(self):
        return self.prefetch_related(
            Prefetch(
                "components", queryset=KeyComponent.objects.prefetch_related("municipalities")
            ),
            "years",
        )


class DistributionKey(Versioned, models.Model):
    """A verdeelsleutel: how the municipal contribution is spread over the municipalities."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords()

    objects = DistributionKeyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("verdeelsleutel")
        verbose_name_plural = _("verdeelsleutels")

    def __str__(self):
        return self.name

    def engine_components(self):
        from finance.distribution import Component

        return [
            Component(
                share_pct=c.share_pct,
                basis=c.basis,
                members=tuple(m.pk for m in c.municipalities.all()),
                label=c.label or f"onderdeel {n}",
            )
            for n, c in enumerate(self.components.all(), start=1)
        ]

    @property
    def uses_inhabitants(self) -> bool:
        return any(c.basis == Basis.INHABITANTS for c in self.components.all())


class KeyComponent(models.Model):
    key = models.ForeignKey(DistributionKey, on_delete=models.CASCADE, related_name="components")
    position = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    label = models.CharField(_("omschrijving"), max_length=100, blank=True)
    share_pct = models.DecimalField(
        _("aandeel (%)"),
        max_digits=6,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001")), MaxValueValidator(100)],
    )
    basis = models.CharField(_("verdeling"), max_length=10, choices=Basis.choices)
    municipalities = models.ManyToManyField(Municipality, verbose_name=_("gemeenten"))
    history = HistoricalRecords(m2m_fields=[municipalities])

    class Meta:
        ordering = ["key", "position", "pk"]
        verbose_name = _("onderdeel van een verdeelsleutel")
        verbose_name_plural = _("onderdelen van een verdeelsleutel")

    def __str__(self):
        return f"{self.label or self.key}: {self.share_pct} %"


# ---------------------------------------------------------------------------------------------
# Years


class YearStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    ADOPTED = "vastgesteld", _("vastgesteld")


# A draft is edited by finance; adopted, it is what municipalities are told and is frozen.
# Reopening an adopted year is allowed (an amendment of the budget), with a reason.
YEAR_TRANSITIONS = {
    YearStatus.CONCEPT: {YearStatus.ADOPTED},
    YearStatus.ADOPTED: {YearStatus.CONCEPT},
}


class FinanceYearQuerySet(GuardedQuerySet):
    def visible_to(self, user, action=VIEW):
        scope = scope_for(user, action)
        if scope == ALL:
            return self
        if scope == ADOPTED_OWN:
            return self.filter(status=YearStatus.ADOPTED)
        return self.none()

    def for_list(self):
        return self.select_related("distribution_key").order_by("-year")

    def for_detail(self):
        return self.select_related("distribution_key", "status_changed_by").prefetch_related(
            Prefetch(
                "lines",
                queryset=BudgetLine.objects.order_by("side", "position", "pk").prefetch_related(
                    Prefetch("amendments", queryset=BudgetAmendment.objects.order_by("date", "pk"))
                ),
            ),
            Prefetch("reserve_movements", queryset=ReserveMovement.objects.order_by("date", "pk")),
            Prefetch(
                "liaisons", queryset=LiaisonContribution.objects.select_related("organisation")
            ),
            "staffing",
        )

    def for_contributions(self):
        return self.select_related("distribution_key").prefetch_related(
            Prefetch(
                "distribution_key__components",
                queryset=KeyComponent.objects.prefetch_related("municipalities"),
            ),
            Prefetch("plus_tasks", queryset=PlusTask.objects.prefetch_related("municipalities")),
        )


class FinanceYear(Versioned, models.Model):
    """A budget year: its lines, indexation, key, amount to distribute and reserve."""

    year = models.PositiveSmallIntegerField(
        _("jaar"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=YearStatus.choices, default=YearStatus.CONCEPT
    )
    indexation_pct = models.DecimalField(
        _("indexatie (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Loon- en prijscompensatie waarmee dit jaar uit het vorige is afgeleid."),
    )
    distribution_key = models.ForeignKey(
        DistributionKey,
        verbose_name=_("verdeelsleutel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="years",
    )
    municipal_total = money(
        verbose_name=_("te verdelen gemeentelijke bijdrage"),
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
        help_text=_("Het bedrag dat met de verdeelsleutel over de twaalf gemeenten gaat."),
    )
    population_year = models.PositiveSmallIntegerField(
        _("inwonertallen van"),
        null=True,
        blank=True,
        help_text=_(
            "Het jaar van de CBS-inwonertallen (1 januari) voor een verdeling naar inwoners."
        ),
    )
    reserve_opening = money(
        verbose_name=_("beginstand algemene reserve"),
        null=True,
        blank=True,
        help_text=_("Leeg: de eindstand van het vorige jaar."),
    )
    notes = models.TextField(_("toelichting"), blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status_reason = models.CharField(_("reden statuswijziging"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = FinanceYearQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("begrotingsjaar")
        verbose_name_plural = _("begrotingsjaren")

    def __str__(self):
        return str(self.year)

    @property
    def is_adopted(self) -> bool:
        return self.status == YearStatus.ADOPTED


# ---------------------------------------------------------------------------------------------
# Budget lines


class Side(models.TextChoices):
    COST = "kosten", _("kosten")
    INCOME = "inkomsten", _("inkomsten")


class ChildOfYearQuerySet(ScopedChildQuerySet):
    """Child records are scoped through their year (CONVENTIONS rule 1)."""

    parent_path = "year"

    def parent_action(self, action: str) -> str:
        return BUDGET if action == VIEW else action


class BudgetLineQuerySet(ChildOfYearQuerySet):
    def for_detail(self):
        return self.select_related("year", "parent").prefetch_related(
            Prefetch("amendments", queryset=BudgetAmendment.objects.select_related("created_by")),
            "children",
        )


class BudgetLine(models.Model):
    """A cost or income line. A line with sub-lines is a group: its amounts are their sum."""

    year = models.ForeignKey(FinanceYear, on_delete=models.CASCADE, related_name="lines")
    side = models.CharField(_("soort"), max_length=10, choices=Side.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("onderdeel van"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("omschrijving"), max_length=200)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    original = money(
        verbose_name=_("primaire begroting"), null=True, blank=True, validators=NON_NEGATIVE
    )
    realised = money(verbose_name=_("realisatie"), null=True, blank=True, validators=NON_NEGATIVE)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        ordering = ["year", "side", "position", "pk"]
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "side", "parent", "name"], name="budgetline_unique_name"
            )
        ]

    def __str__(self):
        return f"{self.year.year} {self.get_side_display()}: {self.name}"


class AmendmentQuerySet(ChildOfYearQuerySet):
    parent_path = "line__year"


class BudgetAmendment(models.Model):
    """A begrotingswijziging of one line: positive or negative, dated, with a reason."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="amendments")
    date = models.DateField(_("datum"))
    amount = money(verbose_name=_("bedrag"))
    reason = models.CharField(_("reden"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = AmendmentQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("begrotingswijziging")
        verbose_name_plural = _("begrotingswijzigingen")

    def __str__(self):
        return f"{formats.short_date(self.date)}: {formats.euro(self.amount)} ({self.reason})"


# ---------------------------------------------------------------------------------------------
# Reserve, plus tasks, liaisons, staffing


class MovementKind(models.TextChoices):
    ADDITION = "toevoeging", _("toevoeging")
    WITHDRAWAL = "onttrekking", _("onttrekking")


class ReserveMovement(models.Model):
    year = models.ForeignKey(
        FinanceYear, on_delete=models.CASCADE, related_name="reserve_movements"
    )
    kind = models.CharField(_("soort"), max_length=12, choices=MovementKind.choices)
    amount = money(verbose_name=_("bedrag"), validators=NON_NEGATIVE)
    purpose = models.CharField(_("doel"), max_length=300)
    date = models.DateField(_("datum"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = ChildOfYearQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("mutatie algemene reserve")
        verbose_name_plural = _("mutaties algemene reserve")

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount}: {self.purpose}"

    @property
    def signed_amount(self) -> Decimal:
        return self.amount if self.kind == MovementKind.ADDITION else -self.amount


class PlusTask(models.Model):
    """A plus task bought by some municipalities (nazorg, TVO): only they pay its amount.

    Who buys the aftercare plus task (nazorg ex-gedetineerden) is stored once, in aftercare's
    `Participation` (management keeps it on the page Deelnemende gemeenten). The plus task that
    `follows_aftercare` reads its buyers from there in every year that is not adopted, and holds
    no buyers of its own then; adopting the year copies the participation of that moment into
    `municipalities`, so a later change in participation never changes adopted contributions.
    Every other plus task keeps its buyers in `municipalities`.
    """

    year = models.ForeignKey(FinanceYear, on_delete=models.CASCADE, related_name="plus_tasks")
    name = models.CharField(_("plustaak"), max_length=150)
    amount = money(verbose_name=_("bedrag"), validators=NON_NEGATIVE)
    basis = models.CharField(
        _("verdeling"), max_length=10, choices=Basis.choices, default=Basis.EQUAL
    )
    follows_aftercare = models.BooleanField(
        _("afnemers volgen de deelnemende gemeenten nazorg"),
        default=False,
        help_text=_(
            "Voor de plustaak nazorg ex-gedetineerden: de afnemende gemeenten zijn de "
            "deelnemende gemeenten nazorg van het jaar (Nazorg, Deelnemende gemeenten)."
        ),
    )
    municipalities = models.ManyToManyField(Municipality, verbose_name=_("afnemende gemeenten"))
    history = HistoricalRecords(m2m_fields=[municipalities])

    objects = ChildOfYearQuerySet.as_manager()

    class Meta:
        ordering = ["year", "name"]
        verbose_name = _("plustaak")
        verbose_name_plural = _("plustaken")
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="plustask_unique_name"),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(follows_aftercare=True),
                name="plustask_one_aftercare_task_per_year",
                violation_error_message=_(
                    "Dit jaar heeft al een plustaak die de deelnemende gemeenten nazorg volgt."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def buyers(self) -> list[Municipality]:
        """The municipalities that pay this plus task in its year, by name."""
        if self.follows_aftercare and not self.year.is_adopted:
            return list(Participation.objects.municipalities_in(self.year.year).order_by("name"))
        return sorted(self.municipalities.all(), key=lambda m: m.name)


class LiaisonContribution(models.Model):
    """A partner's liaison contributed in kind (not paid to ZVHD, valued per year)."""

    year = models.ForeignKey(FinanceYear, on_delete=models.CASCADE, related_name="liaisons")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(_("omschrijving"), max_length=150)
    amount = money(verbose_name=_("waarde per jaar"), validators=NON_NEGATIVE)
    fte = models.DecimalField(
        _("fte"), max_digits=5, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE
    )
    history = HistoricalRecords()

    objects = ChildOfYearQuerySet.as_manager()

    class Meta:
        ordering = ["year", "label"]
        verbose_name = _("inzet liaison")
        verbose_name_plural = _("inzet liaisons")

    def __str__(self):
        return self.label


class StaffingLine(models.Model):
    year = models.ForeignKey(FinanceYear, on_delete=models.CASCADE, related_name="staffing")
    function = models.CharField(_("functie"), max_length=150)
    fte = models.DecimalField(_("fte"), max_digits=5, decimal_places=2, validators=NON_NEGATIVE)
    history = HistoricalRecords()

    objects = ChildOfYearQuerySet.as_manager()

    class Meta:
        ordering = ["year", "function"]
        verbose_name = _("formatie")
        verbose_name_plural = _("formatie")
        constraints = [
            models.UniqueConstraint(fields=["year", "function"], name="staffing_unique_function")
        ]

    def __str__(self):
        return f"{self.function}: {self.fte} fte"


# ---------------------------------------------------------------------------------------------
# Documents made by a Celery task (PDFs)


class DocumentKind(models.TextChoices):
    BUDGET = "begroting", _("begroting (PDF)")
    CONTRIBUTIONS = "bijdragen", _("gemeentelijke bijdragen (PDF)")
    LETTER = "brief", _("bijdragebrief (PDF)")


class FinanceDocumentQuerySet(GuardedQuerySet):
    def visible_to(self, user, action=VIEW):
        scope = scope_for(user, action)
        if scope == ALL:
            return self
        if scope == ADOPTED_OWN:
            return self.filter(
                kind=DocumentKind.LETTER,
                municipality_id=user.municipality_id,
                year__status=YearStatus.ADOPTED,
                status=JobStatus.DONE,
            )
        return self.none()

    def for_list(self):
        return self.select_related("year", "municipality", "requested_by").order_by("-requested_at")


class FinanceDocument(Job):
    upload_folder = "finance"

    kind = models.CharField(_("soort"), max_length=12, choices=DocumentKind.choices)
    year = models.ForeignKey(FinanceYear, on_delete=models.CASCADE, related_name="documents")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amount = money(verbose_name=_("bedrag in de brief"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["progress", "step"])

    objects = FinanceDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("financieel document")
        verbose_name_plural = _("financiële documenten")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="brief") | Q(municipality__isnull=False),
                name="finance_letter_has_municipality",
            )
        ]

    def __str__(self):
        name = self.get_kind_display()
        return f"{name} {self.year.year}" + (
            f" {self.municipality}" if self.municipality_id else ""
        )

    @property
    def filename(self) -> str:
        suffix = f"-{self.municipality.slug}" if self.municipality_id else ""
        return f"zvhd-{self.kind}-{self.year.year}{suffix}.pdf"
