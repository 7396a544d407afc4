"""Advice and information hub, the network directory (sociale kaart) and signalling patterns.

- `AdviceRecord`: a question of a professional to ZVHD, usually without a registered person
  (informatieknooppunt, advies kort, ondersteuning of a local case). The annual report counts
  these by `kind`: "Vragen aan informatieknooppunt" and "Advies en ondersteuning".
- `Topic`: the aandachtsgebieden of the 2025 year plan, a small table so reports can count by
  it and the directory can link contact persons to it.
- `DirectoryEntry` and `MunicipalityContact`: the sociale kaart, kept by the support staff.
- `PatternSignal`: trends, bottlenecks, gaps and abuses ZVHD sees across cases (signaleren en
  adresseren), with counts as evidence, never names.

Who sees what is decided in the `visible_to` of each queryset below, each written as one table.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zvhd import formats
from zvhd.network.models import BUREAU_ROLES, Municipality, Organisation, Role
from zvhd.permissions import ADD, CHANGE, VIEW, GuardedQuerySet
from zvhd.versions import Versioned

# Actions of this app beyond view/change.
CONVERT = "convert"  # turn an advice record into a registration (aanmelding)

EVERYONE_WITH_A_ROLE = frozenset(role.value for role in Role)
# Bureau staff who answer the phone and log questions (the manager reads, does not log).
ADVICE_WRITERS = frozenset(
    {
        Role.PROCESREGISSEUR,
        Role.PROCESONDERSTEUNER,
        Role.TRAJECTBEGELEIDER,
        Role.NAZORGCOORDINATOR,
        Role.KETENREGISSEUR_MENSENHANDEL,
    }
)
# Registrations are made by the people who run intake and triage.
REGISTRATION_MAKERS = frozenset({Role.PROCESREGISSEUR, Role.PROCESONDERSTEUNER})


# ---------------------------------------------------------------------------------------------
# The access policy of this app, one table per model: action -> {role: scope}.
# Scopes: "all" = every record; "municipality" = records of the user's own municipality.
# A role that is not in a row sees nothing for that action.
ALL = "all"
OWN_MUNICIPALITY = "municipality"

ADVICE_POLICY: dict[str, dict[str, str]] = {
    VIEW: {
        **dict.fromkeys(BUREAU_ROLES, ALL),
        # A municipal contact follows the questions about their own municipality.
        Role.GEMEENTELIJK_CONTACTPERSOON: OWN_MUNICIPALITY,
    },
    CHANGE: dict.fromkeys(ADVICE_WRITERS, ALL),
    CONVERT: dict.fromkeys(REGISTRATION_MAKERS, ALL),
}

DIRECTORY_POLICY: dict[str, dict[str, str]] = {
    # Everyone in the network who works with cases needs the phone numbers; finance, beheer and
    # the privacy officer do not.
    VIEW: {
        **dict.fromkeys(BUREAU_ROLES, ALL),
        Role.LIAISON: ALL,
        Role.PARTNERPROFESSIONAL: ALL,
        Role.GEMEENTELIJK_CONTACTPERSOON: ALL,
    },
    # "Kept by support staff" (the issue); the manager may correct it too.
    CHANGE: {Role.PROCESONDERSTEUNER: ALL, Role.MANAGER: ALL},
}

SIGNAL_POLICY: dict[str, dict[str, str]] = {
    # Signals hold counts, never names, but they are internal working notes of the network
    # until they are addressed: the bureau and the liaisons (who carry them to their
    # organisation) read them.
    VIEW: {**dict.fromkeys(BUREAU_ROLES, ALL), Role.LIAISON: ALL},
    CHANGE: {Role.PROCESREGISSEUR: ALL, Role.PROCESONDERSTEUNER: ALL, Role.MANAGER: ALL},
}


def roles_for(policy: dict[str, dict[str, str]], action: str) -> set[str]:
    """The roles that may do `action` at all (for menus and role-guarded pages)."""
    return set(policy.get(action, {}))


def _apply_policy(queryset, policy, user, action, municipality_field=None):
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    rules = policy.get(CHANGE if action == ADD else action, {})
    scopes = {rules[role] for role in user.role_names if role in rules}
    if ALL in scopes:
        return queryset
    if OWN_MUNICIPALITY in scopes and municipality_field and user.municipality_id:
        return queryset.filter(**{municipality_field: user.municipality_id})
    return queryset.none()


# ---------------------------------------------------------------------------------------------
class Topic(models.Model):
    """An aandachtsgebied (plan 2025, Bijlage 1), seeded from advice.reference_data.TOPICS."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    label = models.CharField(_("naam"), max_length=200)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["order", "label"]
        verbose_name = _("aandachtsgebied")
        verbose_name_plural = _("aandachtsgebieden")

    def __str__(self):
        return self.label


# ---------------------------------------------------------------------------------------------
class AdviceKind(models.TextChoices):
    # Counted in the annual report as "Vragen aan informatieknooppunt".
    INFORMATIEKNOOPPUNT = "informatieknooppunt", _("Vraag aan informatieknooppunt")
    # These two together are "Advies en ondersteuning vanuit expertisecentrum".
    ADVIES_KORT = "advies_kort", _("Advies kort")
    ONDERSTEUNING = "ondersteuning", _("Ondersteuning lokale casus")


class AdviceOutcome(models.TextChoices):
    OPEN = "open", _("Nog niet afgerond")
    ANSWERED = "beantwoord", _("Beantwoord")
    REFERRED = "doorverwezen", _("Doorverwezen naar een partner")
    REGISTRATION = "aanmelding", _("Omgezet in aanmelding")


# Allowed changes of outcome. Conversion into a registration is final: from then on the
# registration carries the work, and the advice record only points to it.
ADVICE_OUTCOME_TRANSITIONS: dict[str, set[str]] = {
    AdviceOutcome.OPEN: {
        AdviceOutcome.ANSWERED,
        AdviceOutcome.REFERRED,
        AdviceOutcome.REGISTRATION,
    },
    AdviceOutcome.ANSWERED: {AdviceOutcome.REFERRED, AdviceOutcome.REGISTRATION},
    AdviceOutcome.REFERRED: {AdviceOutcome.ANSWERED, AdviceOutcome.REGISTRATION},
    AdviceOutcome.REGISTRATION: set(),
}


def done_last():
    """0 for a question not yet dealt with, 1 for the rest: the first key of the list's order."""
    return models.Case(
        models.When(outcome=AdviceOutcome.OPEN, then=models.Value(0)),
        default=models.Value(1),
    )


class AdviceRecordQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        return _apply_policy(self, ADVICE_POLICY, user, action, "municipality_id")

    def in_period(self, start=None, end=None):
        qs = self
        if start:
            qs = qs.filter(date__gte=start)
        if end:
            qs = qs.filter(date__lte=end)
        return qs

    def for_list(self):
        return self.select_related("organisation", "municipality", "topic", "answered_by")

    def open_first(self):
        """The list's order: questions not yet dealt with first, then the newest (issue 23)."""
        return self.annotate(done_last=done_last()).order_by("done_last", "-date", "-pk")

    def for_detail(self):
        return self.select_related(
            "organisation",
            "municipality",
            "topic",
            "answered_by",
            "referred_to",
            "created_by",
            "converted_by",
        )

    def for_panel(self):
        return self.select_related("organisation", "municipality").order_by("-date", "-pk")

    def counts_by_kind(self) -> dict[str, int]:
        # COUNT(*): the index on (kind, date) answers it alone, without the table's rows.
        rows = self.order_by().values_list("kind").annotate(n=models.Count("*"))
        return dict(rows)


class AdviceRecord(Versioned, models.Model):
    date = models.DateField(_("datum"), default=timezone.localdate, db_index=True)
    kind = models.CharField(
        _("soort"),
        max_length=30,
        choices=AdviceKind.choices,
        default=AdviceKind.INFORMATIEKNOOPPUNT,
    )
    requester_name = models.CharField(
        _("vragensteller"),
        max_length=150,
        help_text=_("Naam en functie van de professional die de vraag stelt."),
    )
    requester_contact = models.CharField(
        _("telefoon of e-mail van de vragensteller"), max_length=150, blank=True
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie van de vragensteller"),
        on_delete=models.PROTECT,
        related_name="advice_records",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advice_records",
        help_text=_("De gemeente waar de vraag over gaat; leeg als het provinciebreed is."),
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("aandachtsgebied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advice_records",
    )
    question = models.TextField(_("vraag"))
    answer = models.TextField(_("antwoord of advies"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantwoord door"),
        on_delete=models.PROTECT,
        related_name="advice_answered",
    )
    minutes_spent = models.PositiveSmallIntegerField(_("bestede tijd (minuten)"), default=10)
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=AdviceOutcome.choices, default=AdviceOutcome.ANSWERED
    )
    referred_to = models.ForeignKey(
        Organisation,
        verbose_name=_("doorverwezen naar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advice_referrals",
    )
    # No person data by default. At most a pseudonym or initials, so a later question about the
    # same person can be recognised; never a BSN (the form refuses one).
    subject_alias = models.CharField(
        _("pseudoniem of initialen"),
        max_length=20,
        blank=True,
        help_text=_("Alleen als het nodig is. Nooit een BSN, geboortedatum of volledige naam."),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="advice_created",
    )
    converted_at = models.DateTimeField(_("omgezet op"), null=True, blank=True)
    converted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("omgezet door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advice_converted",
    )
    registration = models.OneToOneField(
        "cases.Case",
        verbose_name=_("aanmelding"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advice_record",
        help_text=_("De aanmelding die uit deze vraag is gemaakt."),
    )
    history = HistoricalRecords()

    objects = AdviceRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("adviesvraag")
        verbose_name_plural = _("adviesvragen")
        indexes = [
            models.Index(fields=["kind", "date"]),
            models.Index(fields=["municipality", "date"]),
            # The start panel's "this year's questions by kind", COUNT("id") included: read
            # from the index alone (at 200,000 questions the heap of a year's 20,000 cost
            # 0.16 s; issue 24).
            models.Index(fields=["date", "kind"], include=["id"], name="advice_date_kind"),
            # The list's order (open_first): a page read from the index, not a sort of every
            # question (issue 24: 94 ms at 200,000).
            models.Index(
                done_last(),
                models.F("date").desc(),
                models.F("id").desc(),
                name="advice_open_first",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="doorverwezen") | models.Q(referred_to__isnull=False),
                name="advice_referral_has_partner",
                violation_error_message=_("Kies de partner waarnaar is doorverwezen."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {formats.short_date(self.date)} ({self.organisation})"

    @property
    def title(self) -> str:
        """How people name a question: it has no number of its own, but its day and kind
        ("adviesvraag van 28-11-2026 (advies kort)"), never its database id."""
        kind = str(self.get_kind_display()).lower()
        return f"adviesvraag van {formats.short_date(self.date)} ({kind})"

    # What the access log shows for it (zvhd.privacy.views.label_rows), where others show
    # their number.
    log_label = title

    @property
    def is_converted(self) -> bool:
        return self.outcome == AdviceOutcome.REGISTRATION


# ---------------------------------------------------------------------------------------------
class DirectoryQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        return _apply_policy(self, DIRECTORY_POLICY, user, action)

    def for_list(self):
        return self.select_related("organisation").prefetch_related("topics", "municipalities")

    def search(self, text: str):
        words = text.split()
        qs = self
        for word in words:
            qs = qs.filter(
                models.Q(name__icontains=word)
                | models.Q(job_title__icontains=word)
                | models.Q(organisation__name__icontains=word)
                | models.Q(organisation__short_name__icontains=word)
                | models.Q(notes__icontains=word)
                | models.Q(topics__label__icontains=word)
                | models.Q(municipalities__name__icontains=word)
            )
        # The joins on topics/municipalities can repeat a row.
        return qs.distinct() if words else qs


class DirectoryEntry(Versioned, models.Model):
    """A contact person (or desk) at a partner organisation: who to call for what."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="directory_entries",
    )
    name = models.CharField(
        _("contactpersoon of loket"),
        max_length=150,
        help_text=_("Bijvoorbeeld ‘Annet de Vries’ of ‘Meldpunt Zorg en Overlast’."),
    )
    job_title = models.CharField(_("functie"), max_length=150, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("aandachtsgebieden"), blank=True, related_name="directory_entries"
    )
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("werkgebied"),
        blank=True,
        related_name="directory_entries",
        help_text=_("Leeg laten als de contactpersoon voor heel Drenthe werkt."),
    )
    notes = models.TextField(_("waarvoor bellen"), blank=True)
    active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bijgewerkt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(m2m_fields=[])

    objects = DirectoryQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("contact in de sociale kaart")
        verbose_name_plural = _("sociale kaart")

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class MunicipalityContactQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        return _apply_policy(self, DIRECTORY_POLICY, user, action)

    def for_list(self):
        return self.select_related("municipality", "zvhd_contact")


class MunicipalityContact(Versioned, models.Model):
    """The ZVHD contact person (accountregisseur) for one municipality."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="zvhd_contact",
    )
    zvhd_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contactpersoon bij ZVHD"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    notes = models.CharField(_("opmerking"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = MunicipalityContactQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("ZVHD-contactpersoon van een gemeente")
        verbose_name_plural = _("ZVHD-contactpersonen van gemeenten")

    def __str__(self):
        return f"{self.municipality}: {self.zvhd_contact or '—'}"


# ---------------------------------------------------------------------------------------------
class SignalKind(models.TextChoices):
    # Plan 2025, "Signaleren & adresseren": trends, knelpunten, succesfactoren, leemtes en
    # misstanden.
    TREND = "trend", _("Trend")
    BOTTLENECK = "knelpunt", _("Knelpunt")
    GAP = "leemte", _("Leemte in het aanbod")
    ABUSE = "misstand", _("Misstand")
    SUCCESS = "succesfactor", _("Succesfactor")


class SignalStatus(models.TextChoices):
    NEW = "gesignaleerd", _("Gesignaleerd")
    ADDRESSED = "geadresseerd", _("Geadresseerd")
    FOLLOW_UP = "in_opvolging", _("In opvolging")
    DONE = "afgerond", _("Afgerond")
    DROPPED = "vervallen", _("Vervallen")


SIGNAL_TRANSITIONS: dict[str, set[str]] = {
    SignalStatus.NEW: {SignalStatus.ADDRESSED, SignalStatus.DROPPED},
    SignalStatus.ADDRESSED: {SignalStatus.FOLLOW_UP, SignalStatus.DONE, SignalStatus.DROPPED},
    SignalStatus.FOLLOW_UP: {SignalStatus.DONE, SignalStatus.DROPPED},
    # A finished signal that comes back is reopened rather than registered twice.
    SignalStatus.DONE: {SignalStatus.FOLLOW_UP},
    SignalStatus.DROPPED: set(),
}


class PatternSignalQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        return _apply_policy(self, SIGNAL_POLICY, user, action)

    def for_list(self):
        return self.select_related("topic", "addressed_to")

    def for_detail(self):
        return self.select_related("topic", "addressed_to", "created_by")

    def for_year(self, year: int):
        """Signals that were raised or addressed in `year`: what the annual report shows."""
        return self.filter(models.Q(observed_on__year=year) | models.Q(addressed_on__year=year))


class PatternSignal(Versioned, models.Model):
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=SignalKind.choices)
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("aandachtsgebied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
    )
    description = models.TextField(_("beschrijving"))
    evidence = models.TextField(
        _("onderbouwing"),
        help_text=_("Aantallen en patronen, nooit namen of andere persoonsgegevens."),
    )
    case_count = models.PositiveIntegerField(
        _("aantal casussen waarin het speelt"), null=True, blank=True
    )
    observed_on = models.DateField(_("gesignaleerd op"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=20, choices=SignalStatus.choices, default=SignalStatus.NEW
    )
    addressed_to = models.ForeignKey(
        Organisation,
        verbose_name=_("geadresseerd aan (partner)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals_received",
    )
    addressed_to_body = models.CharField(
        _("geadresseerd aan (gremium)"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld ‘Stuurgroep ZVHD’ of ‘Regionaal Veiligheidsoverleg’."),
    )
    addressed_on = models.DateField(_("geadresseerd op"), null=True, blank=True)
    response = models.TextField(_("reactie"), blank=True)
    follow_up = models.TextField(_("opvolging"), blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = PatternSignalQuerySet.as_manager()

    class Meta:
        ordering = ["-observed_on", "-pk"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen en knelpunten")

    def __str__(self):
        return self.title

    @property
    def addressee(self) -> str:
        return ", ".join(str(x) for x in (self.addressed_to, self.addressed_to_body) if x)

    def allowed_next(self) -> list[str]:
        return [s for s in SignalStatus.values if s in SIGNAL_TRANSITIONS[self.status]]
