"""Cases: the person, the registration, triage in the ketenkamer and process direction.

A registration (*aanmelding*) and the direction case that may follow are one `Case` row that
moves through the life cycle of DOMAIN.md; `TRANSITIONS` below is that life cycle as a table,
and `cases.services` refuses every move that is not in it. Who may see or do what is decided in
one place: `cases.policy`, read by `CaseQuerySet.visible_to`.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from advice.reference_data import TOPICS
from cases.reference_data import PROBLEM_AREAS
from zvhd import formats, terms
from zvhd.meetings.models import DECISION_LIST_JOB_FIELDS, DecisionListMeeting
from zvhd.network.models import Municipality, Organisation, Role, Vocabulary
from zvhd.permissions import VIEW, GuardedQuerySet, ScopedChildQuerySet
from zvhd.terms import TermValidator
from zvhd.versions import Versioned
from zvhd.vocabulary import Gender

LONG_TEXT = 5000  # the longest free text we keep; longer is refused at the field


def validate_bsn(value: str) -> None:
    from stdnum.nl import bsn

    if value and not bsn.is_valid(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: het moet 9 cijfers hebben en de elfproef doorstaan."),
            code="invalid_bsn",
        )


def validate_not_future(value) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("Deze datum ligt in de toekomst."), code="future")


class Status(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    IN_TRIAGE = "in_triage", _("In triage")
    ACTIEF = "actief", _("Actief")
    OPGESCHAALD = "opgeschaald", _("Opgeschaald")
    ONDERSTEUNING = "ondersteuning", _("Ondersteuning")
    ADVIES = "advies", _("Advies")
    NIET_OPGEPAKT = "niet_opgepakt", _("Niet opgepakt")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")
    AFGESLOTEN = "afgesloten", _("Afgeschaald/afgesloten")


# The life cycle of DOMAIN.md: from-state -> the states it may move to. Nothing else is allowed.
TRANSITIONS: dict[str, set[str]] = {
    Status.AANGEMELD: {Status.IN_TRIAGE, Status.INGETROKKEN},
    # Support may send an incomplete registration back for completion.
    Status.IN_TRIAGE: {
        Status.AANGEMELD,
        Status.ACTIEF,  # decision procesregie maatwerk or PGA
        Status.ONDERSTEUNING,
        Status.ADVIES,
        Status.NIET_OPGEPAKT,
        Status.INGETROKKEN,
    },
    Status.ACTIEF: {Status.OPGESCHAALD, Status.AFGESLOTEN},
    Status.OPGESCHAALD: {Status.ACTIEF, Status.AFGESLOTEN},
    Status.ONDERSTEUNING: {Status.AFGESLOTEN},
    Status.AFGESLOTEN: {Status.ACTIEF},  # heropend
    Status.ADVIES: set(),
    Status.NIET_OPGEPAKT: set(),
    Status.INGETROKKEN: set(),
}

OPEN_STATUSES = {
    Status.AANGEMELD,
    Status.IN_TRIAGE,
    Status.ACTIEF,
    Status.OPGESCHAALD,
    Status.ONDERSTEUNING,
}
TRIAGE_STATUSES = {Status.AANGEMELD, Status.IN_TRIAGE}
# Registrations waiting longer than this many working days without a decision stand out.
TRIAGE_OVERDUE_WORKING_DAYS = 5
DIRECTION_STATUSES = {Status.ACTIEF, Status.OPGESCHAALD}


# The orders of the case lists (cases.views.lists, paged by zvhd.paging.KeysetOrder). Each is
# an expression with an index over it and the id (Case.Meta.indexes), so that any page, also
# the 40,000th, is one index seek: the expression here and in the index must stay the same.
def open_first():
    """1 for an open case (OPEN_STATUSES), 0 for a closed one: the lists walk it descending,
    open work first (issue 23: closed files first on a long page)."""
    return models.Case(
        models.When(status__in=sorted(OPEN_STATUSES), then=models.Value(1)),
        default=models.Value(0),
        output_field=models.IntegerField(),
    )


def status_rank():
    """The statuses in the order of the life cycle (Status above), for sorting by status."""
    return models.Case(
        *(models.When(status=value, then=models.Value(n)) for n, value in enumerate(Status)),
        default=models.Value(len(Status)),
        output_field=models.IntegerField(),
    )


# A case without a review date sorts after every dated one, in both directions.
REVIEW_NONE_ASCENDING = date(9999, 12, 31)
REVIEW_NONE_DESCENDING = date(1, 1, 1)


def review_key(*, descending: bool):
    none = REVIEW_NONE_DESCENDING if descending else REVIEW_NONE_ASCENDING
    return Coalesce("review_on", models.Value(none), output_field=models.DateField())


class Kind(models.TextChoices):
    MAATWERK = "maatwerk", _("Procesregie maatwerk")
    PGA = "pga", _("Procesregie PGA")


class Decision(models.TextChoices):
    MAATWERK = "maatwerk", _("Procesregie maatwerk")
    PGA = "pga", _("Procesregie PGA")
    ONDERSTEUNING = "ondersteuning", _("Ondersteuning")
    ADVIES = "advies", _("Advies")
    NIET_OPGEPAKT = "niet_opgepakt", _("Niet opgepakt")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


DECISION_STATUS = {
    Decision.MAATWERK: Status.ACTIEF,
    Decision.PGA: Status.ACTIEF,
    Decision.ONDERSTEUNING: Status.ONDERSTEUNING,
    Decision.ADVIES: Status.ADVIES,
    Decision.NIET_OPGEPAKT: Status.NIET_OPGEPAKT,
    Decision.INGETROKKEN: Status.INGETROKKEN,
}


class ClosingReason(models.TextChoices):
    GOAL_REACHED = "doel_bereikt", _("Doel bereikt / gestabiliseerd")
    REGULAR_CARE = "reguliere_zorg", _("Overgedragen aan reguliere zorg")
    MOVED = "verhuisd", _("Verhuisd (overgedragen aan een ander ZVH)")
    NO_COOPERATION = "geen_medewerking", _("Geen medewerking")
    DIED = "overleden", _("Overleden")
    DETENTION = "detentie", _("Detentie of gedwongen kader")
    OTHER = "overig", _("Overig")


class Urgency(models.TextChoices):
    NORMAL = "normaal", _("Normaal")
    HIGH = "hoog", _("Hoog")
    ACUTE = "acuut", _("Acuut")


class Relation(models.TextChoices):
    PARTNER = "partner", _("Partner")
    CHILD = "kind", _("Kind")
    PARENT = "ouder", _("Ouder")
    OTHER = "overig", _("Overig")


# The codes and labels come from the seeds (cases.reference_data; the topics are advice's, whose
# Topic rows they are: advice.reference_data); the functional API
# takes (member name, (value, label)) pairs.
ProblemArea = models.TextChoices(
    "ProblemArea", [(code.upper(), (code, label)) for code, label in PROBLEM_AREAS]
)
Topic = models.TextChoices("Topic", [(code.upper(), (code, label)) for code, label in TOPICS])


class LifeDomain(models.TextChoices):
    SAFETY = "veiligheid", _("Veiligheid en justitie")
    HOUSING = "wonen", _("Wonen")
    FINANCES = "financien", _("Financiën")
    HEALTH = "gezondheid", _("Psychische en lichamelijke gezondheid")
    ADDICTION = "verslaving", _("Verslaving")
    DAYTIME = "dagbesteding", _("Werk en dagbesteding")
    FAMILY = "gezin", _("Gezin en sociaal netwerk")
    OTHER = "overig", _("Overig")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "bezig", _("Bezig")
    DONE = "gereed", _("Gereed")
    CANCELLED = "vervallen", _("Vervallen")


class EscalationLevel(models.TextChoices):
    MANAGEMENT = "management", _("Management van de partners")
    ADMINISTRATION = "bestuur", _("Bestuurlijk")


class Sharing(models.TextChoices):
    """Who may read an enrichment item besides the ZVHD directors of the case."""

    ZVHD = "zvhd", _("Alleen ZVHD (procesregie)")
    TEAM = "team", _("Ook het casusteam")


# ---------------------------------------------------------------------------------------------
# Legal basis (grondslag) of every exchange: each registration and each enrichment item says
# under which basis it was provided and for what purpose (DOMAIN.md "Privacy", issue 20 part 2).

# What a registration or enrichment item from before this field shows: no basis was asked then,
# and none is invented afterwards (the column stays empty; the pages and the inzage say so).
UNKNOWN_BASIS = _("onbekend (vóór registratie van grondslag)")


class LegalBasisQuerySet(models.QuerySet):
    def selectable(self):
        """The bases a form offers: the active ones, in the order the beheerder set."""
        return self.filter(active=True).order_by("order", "name")


class LegalBasis(Versioned, models.Model):
    """One legal basis under which a partner provides data (configurable reference data: the
    functioneel beheerder keeps the list; `cases/reference.py` seeds it). Not personal data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("grondslag"), max_length=200)
    explanation = models.TextField(
        _("toelichting"), blank=True, validators=[MaxLengthValidator(1000)]
    )
    active = models.BooleanField(_("actief"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = HistoricalRecords()
    objects = LegalBasisQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("grondslag")
        verbose_name_plural = _("grondslagen")

    def __str__(self):
        return self.name


# ---------------------------------------------------------------------------------------------
# Who sees what


class CaseQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        """The one door: rows of this queryset `user` may reach for `action` (cases.policy)."""
        from cases.policy import EXCHANGES, case_filter, exchanges_allowed

        if action == EXCHANGES:
            return self if exchanges_allowed(user) else self.none()
        condition = case_filter(user, action)
        if condition is None:
            return self.none()
        # cases.policy writes team and organisation scopes as subqueries, so no duplicates.
        return self.filter(condition)

    def awaiting_triage(self, user, action: str = VIEW, statuses=TRIAGE_STATUSES):
        """The registrations with one of `statuses` (awaiting triage) that `user` may reach for
        `action`: the same rows as `visible_to(user, action).filter(status__in=statuses)`,
        written so that PostgreSQL reads them from the queue's index
        (policy.triage_queue_filter)."""
        from cases.policy import triage_queue_filter

        statuses = sorted(statuses)
        if not set(statuses) <= TRIAGE_STATUSES:
            raise ValueError(f"Not statuses awaiting triage: {statuses!r}")
        condition = triage_queue_filter(user, action)
        if condition is None:
            return self.none()
        if len(statuses) == 1:
            return self.filter(condition, status=statuses[0])
        return self.filter(condition, status__in=statuses)

    def for_list(self):
        return self.select_related(
            "person", "municipality", "director", "registering_organisation"
        ).only(
            "id",
            "number",
            "status",
            "kind",
            "urgency",
            "registered_at",
            "triaged_on",
            "started_on",
            "closed_on",
            "topic",
            "person__first_name",
            "person__last_name",
            "person__birth_date",
            "municipality__name",
            "director__first_name",
            "director__last_name",
            "director__username",
            "registering_organisation__name",
            "registering_organisation__short_name",
        )

    def for_detail(self):
        return self.select_related(
            "person",
            "person__municipality",
            "municipality",
            "director",
            "support",
            "guide",
            "registering_organisation",
            "registered_by",
            "group",
            "handed_over_to",
            "triage",
            "plan",
            "plan__updated_by",
            "legal_basis",
        )

    def for_timeline(self):
        """The timeline tab: the page's header (person, municipality) and the registering
        organisation its first event names; no more. PostgreSQL plans the 15 joins of
        `for_detail` for one row in longer than it runs the whole timeline (BENCHMARKS.md)."""
        return self.select_related("person", "municipality", "registering_organisation")

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Person(models.Model):
    """The main person of a case (*betrokkene*). Reached only through the cases they are in."""

    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150, db_index=True)
    birth_date = models.DateField(_("geboortedatum"), validators=[validate_not_future])
    gender = models.CharField(
        _("geslacht"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN
    )
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        db_index=True,
        validators=[validate_bsn],
        help_text=_("Niet verplicht. Negen cijfers; wordt gecontroleerd met de elfproef."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("woongemeente"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # The person in the shared register (persons app, issue 21); set by the services.
    registered_person = models.ForeignKey(
        "persons.Person",
        verbose_name=_("persoon in het register"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        indexes = [models.Index(fields=["last_name", "birth_date"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


class CaseGroupQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        from cases.policy import group_allowed

        return self if group_allowed(user, action) else self.none()


class CaseGroup(Versioned, models.Model):
    """Cases handled together (group approach, e.g. a youth group) with a plan of its own."""

    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(
        _("omschrijving"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    plan = models.TextField(
        _("plan van aanpak van de groep"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("procesregisseur"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = CaseGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("groepsaanpak")
        verbose_name_plural = _("groepsaanpakken")

    def __str__(self):
        return self.name

    @property
    def log_label(self) -> str:
        """The access log names a group by its name (zvhd.privacy.views.label_rows)."""
        return f"groepsaanpak {self.name}"


class Case(models.Model):
    number = models.CharField(_("casusnummer"), max_length=12, unique=True)
    person = models.ForeignKey(
        Person, verbose_name=_("betrokkene"), on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AANGEMELD
    )
    kind = models.CharField(_("soort procesregie"), max_length=10, choices=Kind.choices, blank=True)
    # Registration
    registering_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("aanmeldende organisatie"),
        on_delete=models.PROTECT,
        related_name="registered_cases",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    registrant_name = models.CharField(_("naam aanmelder"), max_length=150)
    registrant_email = models.EmailField(_("e-mail aanmelder"))
    registrant_phone = models.CharField(_("telefoon aanmelder"), max_length=30, blank=True)
    municipal_domain = models.CharField(
        _("domein (bij aanmelding door een gemeente)"),
        max_length=20,
        blank=True,
        choices=[("veiligheid", _("Veiligheid (OOV)")), ("sociaal", _("Sociaal domein"))],
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reden van aanmelding"), validators=[MaxLengthValidator(LONG_TEXT)])
    desired_outcome = models.TextField(
        _("wat wil de aanmelder bereiken"), validators=[MaxLengthValidator(LONG_TEXT)]
    )
    topic = models.CharField(
        _("aandachtsgebied"),
        max_length=40,
        validators=[TermValidator(Vocabulary.AANDACHTSGEBIED)],
    )
    invited_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("uit te nodigen partners"),
        blank=True,
        related_name="+",
    )
    person_informed = models.BooleanField(_("betrokkene is geïnformeerd"))
    not_informed_reason = models.TextField(
        _("waarom niet geïnformeerd"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    urgency = models.CharField(
        _("urgentie"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    # The legal basis under which the registering partner provided this (issue 20 part 2).
    # Empty only for registrations from before it was asked (UNKNOWN_BASIS).
    legal_basis = models.ForeignKey(
        LegalBasis,
        verbose_name=_("grondslag"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    legal_purpose = models.CharField(_("doel van de verstrekking"), max_length=300, blank=True)
    # Where a registration came from when another part of the system made it (advice,
    # aftercare, trafficking): a short description and a link back.
    origin = models.CharField(_("herkomst"), max_length=200, blank=True)
    origin_url = models.CharField(_("link naar de herkomst"), max_length=300, blank=True)
    # "Gemeentegrens overstijgend" (a figure of DOMAIN.md). None: not recorded, as in cases
    # imported from the previous system where the field was left empty.
    cross_municipal = models.BooleanField(_("gemeentegrens overstijgend"), null=True, blank=True)
    # Screening
    screening_notes = models.TextField(
        _("screening"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    # Lead-time dates (DOMAIN.md)
    registered_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    triaged_on = models.DateField(_("triagedatum"), null=True, blank=True)
    started_on = models.DateField(_("start procesregie"), null=True, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    review_on = models.DateField(_("evaluatiedatum"), null=True, blank=True)
    closing_reason = models.CharField(
        _("reden van afsluiten"),
        max_length=20,
        blank=True,
        validators=[TermValidator(Vocabulary.AFSLUITREDEN)],
    )
    handed_over_to = models.ForeignKey(
        Organisation,
        verbose_name=_("overgedragen aan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The bureau people on the case
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("procesregisseur"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directed_cases",
    )
    support = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("procesondersteuner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supported_cases",
    )
    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trajectbegeleider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guided_cases",
    )
    group = models.ForeignKey(
        CaseGroup,
        verbose_name=_("groepsaanpak"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    # Optimistic locking: a save with an older version is refused (no lost work).
    version = models.PositiveIntegerField(default=1)
    # Idempotency marks of the notification tasks.
    registration_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    decision_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_reminded_for = models.DateField(null=True, blank=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["registration_notified_at", "decision_notified_at", "review_reminded_for"]
    )
    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        # Each list page walks one of these backwards by id (keyset pagination).
        indexes = [
            models.Index(fields=["status", "-id"], name="case_status_id"),
            models.Index(fields=["municipality", "-id"], name="case_municipality_id"),
            models.Index(fields=["director", "-id"], name="case_director_id"),
            models.Index(fields=["registering_organisation", "-id"], name="case_registrant_id"),
            models.Index(fields=["registered_at"], name="case_registered_at"),
            # The year figures (cases.figures) select the cases open in a year: started on
            # or before its last day and closed on or after its first day, or still open.
            models.Index(
                fields=["closed_on", "started_on"],
                name="case_direction_period",
                condition=models.Q(started_on__isnull=False),
            ),
            models.Index(
                fields=["started_on"],
                name="case_started_on",
                condition=models.Q(started_on__isnull=False),
            ),
            # The lead times (cases.leadtimes) select the cases decided, started or closed in
            # a year: with this one, three index ranges instead of a read of every case.
            models.Index(
                fields=["triaged_on"],
                name="case_triaged_on",
                condition=models.Q(triaged_on__isnull=False),
            ),
            # The start panels count the running cases of a director and of a municipality
            # (cases.panels): from these, not from every case either ever had.
            models.Index(fields=["director", "status"], name="case_director_status"),
            models.Index(fields=["municipality", "status"], name="case_municipality_status"),
            # A municipality's triage queue, newest first: a few hundred rows, not a walk back
            # through all cases until 25 of that municipality are waiting.
            models.Index(
                fields=["municipality", "-id"],
                name="case_triage_municipality",
                condition=models.Q(status__in=["aangemeld", "in_triage"]),  # TRIAGE_STATUSES
            ),
            # An organisation's registrations still waiting (the liaisons' "Aanmeldingen van mijn
            # organisatie": their scope is the triage queue or their organisation's cases, and
            # the queue's arm read every waiting registration to keep the organisation's own:
            # 159 ms at 1M, issue 24).
            models.Index(
                fields=["registering_organisation", "-id"],
                name="case_triage_registrant",
                condition=models.Q(status__in=["aangemeld", "in_triage"]),  # TRIAGE_STATUSES
            ),
            # The triage panel's count of waiting and overdue registrations, from the index
            # alone (issue 24: it read each waiting case's row).
            models.Index(
                fields=["registered_at"],
                include=["id"],  # COUNT("id"): nothing to read from the table
                name="case_triage_registered",
                condition=models.Q(status__in=["aangemeld", "in_triage"]),  # TRIAGE_STATUSES
            ),
            # The lists' orders (open_first and the sortable columns above): expression and
            # id, walked in either direction by a row comparison (zvhd.paging).
            models.Index(open_first(), "id", name="case_open_first"),
            models.Index(status_rank(), "id", name="case_status_rank"),
            models.Index(review_key(descending=False), "id", name="case_review_ascending"),
            models.Index(review_key(descending=True), "id", name="case_review_descending"),
            # The register of exchanges (cases.views.exchanges): a period's registrations
            # newest first, and its totals per partner and basis from the index alone.
            models.Index(
                fields=["registered_at", "id"],
                include=["registering_organisation", "legal_basis"],
                name="case_exchange_period",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(closed_on__gte=models.F("started_on")),
                name="case_closed_after_start",
                violation_error_message=_("Een casus kan niet sluiten vóór de start."),
            )
        ]

    def __str__(self):
        return self.number

    @property
    def topic_label(self) -> str:
        return terms.label(Vocabulary.AANDACHTSGEBIED, self.topic)

    @property
    def closing_reason_label(self) -> str:
        return terms.label(Vocabulary.AFSLUITREDEN, self.closing_reason)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def in_triage(self) -> bool:
        return self.status in TRIAGE_STATUSES

    @property
    def in_direction(self) -> bool:
        return self.status in DIRECTION_STATUSES

    def allowed_transitions(self) -> set[str]:
        return TRANSITIONS.get(self.status, set())

    @property
    def overdue_for_triage(self) -> bool:
        return triage_overdue(self.status, self.registered_at)


def triage_overdue(status: str, registered_at, today=None) -> bool:
    """A registration waiting more than 5 working days for a decision stands out (DOMAIN.md).

    A function of the two columns, so a list built from plain rows asks the same question.
    `registered_at` is the moment of registration or already its local day.
    """
    from cases.dates import working_days_between

    if status not in TRIAGE_STATUSES:
        return False
    if isinstance(registered_at, datetime):
        registered_at = timezone.localtime(registered_at).date()
    return (
        working_days_between(registered_at, today or timezone.localdate())
        > TRIAGE_OVERDUE_WORKING_DAYS
    )


class CaseNumberSequence(models.Model):
    """The last case number handed out per year; incremented in one UPDATE (no duplicates)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class ChildQuerySet(ScopedChildQuerySet):
    """Child records are scoped through their case (CONVENTIONS rule 1): reading them needs
    the case file ("details"); any other action is the same action on the case."""

    parent_path = "case"

    def parent_action(self, action: str) -> str:
        return "details" if action == VIEW else action


class CaseProblemArea(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="problem_areas")
    code = models.CharField(
        _("probleemgebied"), max_length=30, validators=[TermValidator(Vocabulary.PROBLEEMGEBIED)]
    )
    history = HistoricalRecords()
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("probleemgebied")
        verbose_name_plural = _("probleemgebieden")
        constraints = [
            models.UniqueConstraint(fields=["case", "code"], name="case_problem_area_once")
        ]

    def __str__(self):
        return terms.label(Vocabulary.PROBLEEMGEBIED, self.code)


class RelatedPerson(models.Model):
    """Someone of the person's system (partner, child, parent, other)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="related_persons")
    name = models.CharField(_("naam"), max_length=200)
    relation = models.CharField(_("relatie"), max_length=10, choices=Relation.choices)
    birth_date = models.DateField(
        _("geboortedatum"), null=True, blank=True, validators=[validate_not_future]
    )
    notes = models.CharField(_("toelichting"), max_length=300, blank=True)
    history = HistoricalRecords()
    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["relation", "name"]
        verbose_name = _("persoon uit het systeem")
        verbose_name_plural = _("personen uit het systeem")

    def __str__(self):
        return f"{self.name} ({self.get_relation_display()})"


class TeamMember(models.Model):
    """A partner professional in the case team: they see this case and nothing else."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("professional"),
        on_delete=models.PROTECT,
        related_name="case_teams",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    task = models.CharField(_("rol in het team"), max_length=200, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("lid van het casusteam")
        verbose_name_plural = _("casusteam")
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="team_member_once")]
        indexes = [models.Index(fields=["user", "case"], name="team_user_case")]

    def __str__(self):
        return f"{self.user} ({self.organisation})"


class CaseUserObjectPermission(UserObjectPermissionBase):
    """django-guardian's object permissions on a case, as a direct foreign-key table.

    Membership of the case team grants `cases.view_case` on that one case
    (`services.add_team_member`); `cases.policy` reads it for the TEAM scope. A foreign key
    instead of guardian's generic table keeps the scope a join on an indexed integer.
    """

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("objectrecht op een casus")
        verbose_name_plural = _("objectrechten op casussen")


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        pass


# The cache namespace of the register of exchanges' totals (zvhd.querycache): forgotten when a
# registration or an enrichment is saved or deleted (cases.apps) and after the historic import.
EXCHANGE_TOTALS = "cases:exchange-totals"


class EnrichmentQuerySet(ChildQuerySet):
    def visible_to(self, user, action: str = VIEW):
        from cases.policy import EXCHANGES, enrichment_filter, exchanges_allowed

        if action == EXCHANGES:
            return self if exchanges_allowed(user) else self.none()
        cases = Case.objects.visible_to(user, "details").values("pk")
        return self.filter(case__in=cases).filter(enrichment_filter(user))


class Enrichment(models.Model):
    """What a liaison's organisation knows (*verrijking*), marked with its source and sharing."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="enrichments")
    source_organisation = models.ForeignKey(
        Organisation, verbose_name=_("bron"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("informatie"), validators=[MaxLengthValidator(LONG_TEXT)])
    shared_with = models.CharField(
        _("wie mag dit zien"), max_length=10, choices=Sharing.choices, default=Sharing.ZVHD
    )
    # The basis under which the source provided it, and for what (issue 20 part 2); empty
    # only for items from before it was asked (UNKNOWN_BASIS).
    legal_basis = models.ForeignKey(
        LegalBasis,
        verbose_name=_("grondslag"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    purpose = models.CharField(_("doel van de verstrekking"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = EnrichmentQuerySet.as_manager()

    class Meta:
        ordering = ["added_at"]
        verbose_name = _("verrijking")
        verbose_name_plural = _("verrijkingen")
        # The register of exchanges (cases.views.exchanges): a period's items newest first,
        # and its totals per partner and basis from the index alone.
        indexes = [
            models.Index(
                fields=["added_at", "id"],
                include=["source_organisation", "legal_basis"],
                name="enrichment_exchange_period",
            ),
        ]

    def __str__(self):
        return f"{self.source_organisation}: {self.text[:40]}"


class KetenkamerQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        """The one door to the ketenkamer's meetings: one's role says what one may do there
        (`cases.policy.KETENKAMER`: the triage queue reads, who screens prepares and
        records), and one must sit at the ketenkamer: be a member of the ketenkamer's table
        (the tables app decides that, `cases.extensions.sits_at_ketenkamer`)."""
        from cases.extensions import sits_at_ketenkamer
        from cases.policy import ketenkamer_allowed

        if ketenkamer_allowed(user, action) and sits_at_ketenkamer(user):
            return self
        return self.none()

    def for_detail(self):
        return self.prefetch_related("attendees")


class Ketenkamer(Versioned, DecisionListMeeting):
    """The weekly triage meeting: the meetings of the table of kind "ketenkamer" (tables/).
    Its agenda is every registration in triage on that day; its decisions are the triage
    decisions taken in it. Date, attendance and the decision list PDF are the meeting kernel's
    (`zvhd.meetings`), shared with every other table's meetings."""

    decision_list_folder = "ketenkamer"
    decision_list_task = "cases.tasks.render_decision_list"
    decision_list_template = "cases/pdf/decision_list.html"

    date = models.DateField(_("datum"), unique=True)
    history = HistoricalRecords(excluded_fields=DECISION_LIST_JOB_FIELDS)
    objects = KetenkamerQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("ketenkamer")
        verbose_name_plural = _("ketenkamers")

    def __str__(self):
        return f"Ketenkamer {formats.short_date(self.date)}"

    def decision_list_view(self):
        from cases.viewmodels import decision_list

        return decision_list(self)

    def decision_list_filename(self) -> str:
        return f"besluitenlijst-ketenkamer-{self.date.isoformat()}.pdf"


CRITERIA = [
    ("criterion_multiple_problems", _("Meervoudige problematiek op meer dan één levensgebied")),
    (
        "criterion_crime_or_decline",
        _("Leidt (naar verwachting) tot criminaliteit, overlast of verdere achteruitgang"),
    ),
    (
        "criterion_chains",
        _("Samenwerking tussen meerdere ketens nodig (ten minste dwang en drang)"),
    ),
    ("criterion_system", _("Problematiek beïnvloedt en wordt beïnvloed door het systeem")),
    ("criterion_local_safety", _("Of: ernstig lokaal of gebiedsgebonden veiligheidsprobleem")),
]


class TriageDecision(models.Model):
    """The decision of the ketenkamer on one registration, with the five criteria."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="triage")
    ketenkamer = models.ForeignKey(
        Ketenkamer, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    criterion_multiple_problems = models.BooleanField(CRITERIA[0][1], default=False)
    criterion_crime_or_decline = models.BooleanField(CRITERIA[1][1], default=False)
    criterion_chains = models.BooleanField(CRITERIA[2][1], default=False)
    criterion_system = models.BooleanField(CRITERIA[3][1], default=False)
    criterion_local_safety = models.BooleanField(CRITERIA[4][1], default=False)
    criteria_assessed = models.BooleanField(_("criteria beoordeeld"), default=False)
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision.choices)
    reason = models.TextField(
        _("toelichting"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    referred_to = models.CharField(_("doorverwezen naar"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("datum besluit"))
    history = HistoricalRecords()
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("triagebesluit")
        verbose_name_plural = _("triagebesluiten")

    def __str__(self):
        return f"{self.case}: {self.get_decision_display()}"

    @property
    def criteria_answers(self) -> list[tuple[str, bool]]:
        """Each of the five criteria in words with the ketenkamer's answer, in their order (the
        case page said "1 ja · 2 ja · 3 ja · 4 ja · 5 nee")."""
        return [(label, getattr(self, field)) for field, label in CRITERIA]

    @property
    def qualifies(self) -> bool:
        return qualifies(
            self.criterion_multiple_problems,
            self.criterion_crime_or_decline,
            self.criterion_chains,
            self.criterion_system,
            self.criterion_local_safety,
        )


def qualifies(multiple, crime, chains, system, local_safety) -> bool:
    """DOMAIN.md: a case qualifies when (1 and 2 and 3 and 4) or 5."""
    return bool((multiple and crime and chains and system) or local_safety)


class Transition(models.Model):
    """One move in the life cycle: who, when and why. Written only by cases.services."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)
    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")

    def __str__(self):
        return f"{self.case}: {self.from_status or '—'} → {self.to_status}"


class Plan(models.Model):
    """The integral plan (*plan van aanpak*) of a case: goals per life domain and actions."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    summary = models.TextField(
        _("samenvatting en gezamenlijke analyse"), validators=[MaxLengthValidator(LONG_TEXT)]
    )
    review_on = models.DateField(_("evaluatiedatum"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    history = HistoricalRecords()
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")

    def __str__(self):
        return f"Plan {self.case}"


class Goal(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    life_domain = models.CharField(_("levensgebied"), max_length=20, choices=LifeDomain.choices)
    description = models.TextField(_("doel"), validators=[MaxLengthValidator(1000)])
    reached = models.BooleanField(_("bereikt"), default=False)
    history = HistoricalRecords()
    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["life_domain", "id"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self):
        return f"{self.get_life_domain_display()}: {self.description[:40]}"


class CaseMeeting(models.Model):
    """A *maatwerkoverleg*: date, who came, notes, decisions and the actions it made."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("datum"))
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("aanwezig"), blank=True, related_name="+"
    )
    other_attendees = models.CharField(_("overige aanwezigen"), max_length=500, blank=True)
    notes = models.TextField(_("verslag"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)])
    decisions = models.TextField(
        _("besluiten"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()
    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("maatwerkoverleg")
        verbose_name_plural = _("maatwerkoverleggen")

    def __str__(self):
        return f"Overleg {formats.short_date(self.date)}"


UPDATE_STATUS = "update_status"


class ActionQuerySet(ChildQuerySet):
    """Who may set an action's status: whoever directs the case, and the owner of the action
    (the professional, or their organisation) on a case whose file they may read — a partner
    on the case team reports progress on their own part of the plan."""

    def visible_to(self, user, action: str = VIEW):
        if action != UPDATE_STATUS:
            return super().visible_to(user, action)
        # Asked of the action's own case, read by its key (a correlated EXISTS), not as an IN
        # over every case the user directs: the status page checks one action, and the IN
        # hashed the 24,000 cases the bench's director directs with all their actions first
        # (240 ms at 1M cases, issue 24).
        cases = self.parent_model()._default_manager

        def case_allows(case_action):
            scope = cases.visible_to(user, self.parent_action(case_action))
            return models.Exists(scope.filter(pk=models.OuterRef(self.parent_path)))

        owned = models.Q(owner_id=user.pk)
        if user.organisation_id:
            owned |= models.Q(owner_organisation_id=user.organisation_id)
        return self.filter(case_allows("change") | (owned & case_allows(VIEW)))


class Action(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("doel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    meeting = models.ForeignKey(
        CaseMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    description = models.CharField(_("actie"), max_length=500)
    owner_organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_actions",
    )
    due_on = models.DateField(_("uiterlijk"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["reminded_for"])
    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        indexes = [models.Index(fields=["status", "due_on"], name="action_status_due")]

    def __str__(self):
        return self.description

    @property
    def is_overdue(self) -> bool:
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) and (
            self.due_on < timezone.localdate()
        )


class Escalation(models.Model):
    """*Opschaling*: the plan stalls and management or administration is asked to act."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    level = models.CharField(_("niveau"), max_length=20, choices=EscalationLevel.choices)
    reason = models.TextField(_("reden"), validators=[MaxLengthValidator(LONG_TEXT)])
    escalated_to = models.CharField(_("opgeschaald naar"), max_length=200)
    escalated_on = models.DateField(_("opgeschaald op"))
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.TextField(
        _("uitkomst"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    resolved_on = models.DateField(_("afgerond op"), null=True, blank=True)
    history = HistoricalRecords()
    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["-escalated_on", "-id"]
        verbose_name = _("opschaling")
        verbose_name_plural = _("opschalingen")

    def __str__(self):
        return f"{self.get_level_display()} {formats.short_date(self.escalated_on)}"


class ConflictCopy(models.Model):
    """The version someone tried to save after another person had changed the same record.

    Kept so nothing typed is lost; the person merges it by hand and then discards it.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="conflict_copies")
    what = models.CharField(max_length=20)  # "case" or "plan"
    data = models.JSONField()
    based_on_version = models.PositiveIntegerField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)
    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["-saved_at"]

    def __str__(self):
        return f"{self.case} {self.what} v{self.based_on_version}"


# ---------------------------------------------------------------------------------------------
# Closing safely (issue 19 part 4)


class CaseSettingsQuerySet(GuardedQuerySet):
    """The organisation's choices for cases: read by everyone who works with cases (the close
    page asks whether approval is needed), changed by the functioneel beheerder only."""

    def visible_to(self, user, action: str = VIEW):
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if action == VIEW or user.has_role(Role.FUNCTIONEEL_BEHEERDER):
            return self
        return self.none()


class CaseSettings(Versioned, models.Model):
    """One row: how this organisation wants cases handled (set by the functioneel beheerder).

    Kept in the database, not in settings.py: the organisation chooses, not the deployment.
    """

    closing_needs_approval = models.BooleanField(
        _("afsluiten van een maatwerkcasus vraagt goedkeuring van de manager"),
        default=False,
        help_text=_(
            "Aan: de procesregisseur stelt het afsluiten voor en een manager (niet de "
            "voorsteller) keurt het goed of af, zoals bij vernietiging (vier ogen). "
            "PGA-casussen sluit de regisseur zelf af."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()
    objects = CaseSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("instellingen casussen")
        verbose_name_plural = _("instellingen casussen")

    def __str__(self):
        return str(_("Instellingen casussen"))

    @classmethod
    def current(cls) -> CaseSettings:
        """The one row (made with the defaults when there is none yet)."""
        row, _created = cls.objects.get_or_create(pk=1)
        return row


class ClosingStatus(models.TextChoices):
    CLOSED = "afgesloten", _("Direct afgesloten")
    PROPOSED = "voorgesteld", _("Voorgesteld, wacht op goedkeuring")
    APPROVED = "goedgekeurd", _("Goedgekeurd en afgesloten")
    REFUSED = "afgewezen", _("Afgewezen")


# Who decides on a proposed closing: a manager, never the proposer (services.approve_closing).
CLOSING_APPROVER_ROLES = {Role.MANAGER}


class Closing(models.Model):
    """One closing of a case: what was still open, why it was closed anyway, and (when the
    organisation asks for it) the manager's approval. Written only by cases.services."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closings")
    status = models.CharField(_("status"), max_length=20, choices=ClosingStatus.choices)
    reason = models.CharField(
        _("reden van afsluiten"), max_length=20, choices=ClosingReason.choices
    )
    closed_on = models.DateField(_("afgesloten op"))
    handed_over_to = models.ForeignKey(
        Organisation,
        verbose_name=_("overgedragen aan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(
        _("toelichting"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    # What was still open when the case was closed, as the closing page listed it (text, so it
    # stays readable after the actions and goals change), and why it was closed anyway.
    open_items = models.JSONField(_("open punten"), default=list, blank=True)
    open_items_reason = models.TextField(
        _("waarom toch afsluiten"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    decision_note = models.TextField(
        _("toelichting bij het besluit"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    history = HistoricalRecords()
    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("afsluiting")
        verbose_name_plural = _("afsluitingen")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="voorgesteld"),
                name="closing_one_proposal_per_case",
                violation_error_message=_("Er ligt al een voorstel tot afsluiten."),
            )
        ]
        indexes = [
            models.Index(
                fields=["proposed_at"],
                name="closing_pending",
                condition=models.Q(status="voorgesteld"),
            )
        ]

    def __str__(self):
        return f"{self.case}: {self.get_status_display()}"

    @property
    def pending(self) -> bool:
        return self.status == ClosingStatus.PROPOSED
