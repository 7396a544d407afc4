"""The human-trafficking signal register, the Drieluik, follow-up and awareness work (issue 6).

The most sensitive data in the system. Who sees what is one table, `POLICY` below, read by
`SignalQuerySet.visible_to` and nowhere else:
- the ketenregisseur mensenhandel and the Drieluik members see signals with identities;
- the manager sees the signals without identities (the identity columns are not even read
  from the database for him, see `SignalQuerySet.for_user`);
- everyone else sees only counts (`trafficking.figures`), with small municipal counts as "<5".
Meetings, agenda items, indicator observations and follow-ups are scoped through their signal.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zvhd import formats
from zvhd.network.models import Municipality, Organisation, Role
from zvhd.permissions import CHANGE, VIEW, GuardedQuerySet, ScopedChildQuerySet
from zvhd.versions import Versioned
from zvhd.vocabulary import Gender

IDENTIFY = "identify"
EXPORT = "export"

# Who may do what with the register. One readable table: role -> actions.
POLICY: dict[str, set[str]] = {
    Role.KETENREGISSEUR_MENSENHANDEL: {VIEW, IDENTIFY, CHANGE, EXPORT},
    Role.DRIELUIK_LID: {VIEW, IDENTIFY},
    Role.MANAGER: {VIEW},
}
# Everyone with any role may see the anonymous figures (counts, with "<5" by municipality).
FIGURE_ROLES = {role.value for role in Role}

# The columns that identify the person (or could, like free text). Never shown, exported or
# even selected for a user without IDENTIFY.
IDENTITY_FIELDS = (
    "first_name",
    "last_name",
    "alias",
    "birth_date",
    "bsn",
    "reporter_name",
    "reporter_contact",
    "description",
    "registered_person",
)


# What describes the person without naming them. Together with the municipality, a date and a
# form of exploitation these can single someone out in a small municipality (issue 18, item 10),
# so a user without IDENTIFY (the manager) does not get them per record either: only as counts
# on the figures page, where a count per municipality under 5 shows as "<5".
PERSON_TRAITS = ("gender", "nationality", "country_of_origin", "age_class", "minor")


def may(user, action: str) -> bool:
    """Whether the user's roles allow `action` on the register (see POLICY)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return any(action in actions for role, actions in POLICY.items() if user.has_role(role))


class ExploitationForm(models.TextChoices):
    SEXUAL = "seksueel", _("Seksuele uitbuiting")
    LABOUR = "arbeid", _("Arbeidsuitbuiting")
    CRIMINAL = "crimineel", _("Criminele uitbuiting")
    ORGAN = "organen", _("Gedwongen orgaanverwijdering")


class Sector(models.TextChoices):
    PROSTITUTION = "prostitutie", _("Prostitutie / seksbranche")
    AGRICULTURE = "land_tuinbouw", _("Land- en tuinbouw")
    FOOD = "voedselindustrie", _("Voedselindustrie")
    HOSPITALITY = "horeca", _("Horeca")
    CONSTRUCTION = "bouw", _("Bouw")
    LOGISTICS = "transport_logistiek", _("Transport en logistiek")
    CLEANING = "schoonmaak", _("Schoonmaak")
    DOMESTIC = "huishoudelijk", _("Huishoudelijk werk")
    RETAIL = "detailhandel", _("Detailhandel")
    DRUGS = "drugs", _("Drugsteelt en -handel")
    OTHER_CRIME = "overige_criminaliteit", _("Overige criminaliteit (diefstal, fraude)")
    OTHER = "overig", _("Overig")
    UNKNOWN = "onbekend", _("Onbekend")


class AgeClass(models.TextChoices):
    """The age classes CoMensha reports in; from the birth date when that is known."""

    UNDER_18 = "0-17", _("jonger dan 18")
    AGE_18_23 = "18-23", _("18 tot en met 23")
    AGE_24_30 = "24-30", _("24 tot en met 30")
    AGE_31_40 = "31-40", _("31 tot en met 40")
    AGE_41_50 = "41-50", _("41 tot en met 50")
    OVER_50 = "51+", _("51 of ouder")
    UNKNOWN = "onbekend", _("onbekend")


AGE_CLASS_BOUNDS = [  # (highest age in the class, class)
    (17, AgeClass.UNDER_18),
    (23, AgeClass.AGE_18_23),
    (30, AgeClass.AGE_24_30),
    (40, AgeClass.AGE_31_40),
    (50, AgeClass.AGE_41_50),
]


def age_on(birth_date: date, moment: date) -> int:
    return (
        moment.year
        - birth_date.year
        - ((moment.month, moment.day) < (birth_date.month, birth_date.day))
    )


def age_class_for(age: int) -> str:
    for highest, age_class in AGE_CLASS_BOUNDS:
        if age <= highest:
            return age_class
    return AgeClass.OVER_50


class Minor(models.TextChoices):
    YES = "ja", _("ja, minderjarig")
    NO = "nee", _("nee, meerderjarig")
    UNKNOWN = "onbekend", _("onbekend")


class SignalStatus(models.TextChoices):
    REGISTERED = "geregistreerd", _("geregistreerd, nog niet besproken")
    DISCUSSED = "besproken", _("besproken, opnieuw agenderen")
    FOLLOW_UP = "opvolging", _("in opvolging")
    CLOSED = "afgesloten", _("afgesloten")


# Allowed status changes of a signal; services refuse anything else.
SIGNAL_TRANSITIONS: dict[str, set[str]] = {
    SignalStatus.REGISTERED: {SignalStatus.DISCUSSED, SignalStatus.FOLLOW_UP, SignalStatus.CLOSED},
    SignalStatus.DISCUSSED: {SignalStatus.DISCUSSED, SignalStatus.FOLLOW_UP, SignalStatus.CLOSED},
    SignalStatus.FOLLOW_UP: {SignalStatus.FOLLOW_UP, SignalStatus.CLOSED},
    SignalStatus.CLOSED: {SignalStatus.REGISTERED},  # heropend
}
OPEN_STATUSES = (SignalStatus.REGISTERED, SignalStatus.DISCUSSED, SignalStatus.FOLLOW_UP)
# Signals that belong on the agenda of the next Drieluik.
AGENDA_STATUSES = (SignalStatus.REGISTERED, SignalStatus.DISCUSSED)


class Indicator(Versioned, models.Model):
    """The reference list of indicators, per form of exploitation, kept by the chain director.

    An indicator is retired (active off), never deleted: old observations keep pointing at it.
    """

    form = models.CharField(_("vorm van uitbuiting"), max_length=20, choices=ExploitationForm)
    code = models.CharField(_("code"), max_length=20, unique=True)
    text = models.CharField(_("indicator"), max_length=300)
    active = models.BooleanField(_("in gebruik"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["form", "order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self):
        return f"{self.code} {self.text}"


def closed_last():
    """1 for a closed signal, 0 for one still being worked on: the register's first key."""
    return models.Case(
        models.When(status=SignalStatus.CLOSED, then=models.Value(1)), default=models.Value(0)
    )


class SignalQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        """The one door: the POLICY table decides; there is no per-record exception."""
        if may(user, action):
            return self
        return self.none()

    def for_user(self, user):
        """Leave the identity columns and the person's traits in the database for a user
        without IDENTIFY."""
        if may(user, IDENTIFY):
            return self
        return self.defer(*IDENTITY_FIELDS, *PERSON_TRAITS)

    def for_list(self):
        return self.select_related("municipality", "reporting_organisation").prefetch_related(
            "forms"
        )

    def for_detail(self):
        return self.select_related(
            "municipality", "reporting_organisation", "created_by"
        ).prefetch_related("forms")

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def open_first(self):
        """The register's order: signals still being worked on first, newest first; closed
        signals after them (issue 23); read from the index `signal_open_first`."""
        return self.annotate(closed_last=closed_last()).order_by(
            "closed_last", "-received_on", "-pk"
        )

    def for_agenda(self):
        return self.filter(status__in=AGENDA_STATUSES)

    def in_year(self, year: int):
        return self.filter(received_on__year=year)


class Signal(Versioned, models.Model):
    """One signal of possible human trafficking, about one (possibly unknown) person."""

    reference = models.CharField(_("registratienummer"), max_length=20, unique=True)
    received_on = models.DateField(_("datum signaal"))
    status = models.CharField(
        _("status"), max_length=20, choices=SignalStatus, default=SignalStatus.REGISTERED
    )
    # Who reported it.
    reporting_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("meldende organisatie"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reporter_name = models.CharField(_("naam melder (professional)"), max_length=200, blank=True)
    reporter_contact = models.CharField(_("telefoon of e-mail melder"), max_length=200, blank=True)
    # The person: may be unknown, or known only by a pseudonym.
    person_unknown = models.BooleanField(
        _("persoon onbekend"),
        default=False,
        help_text=_("Aanvinken als de melder niet weet om wie het gaat."),
    )
    first_name = models.CharField(_("voornaam"), max_length=100, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    alias = models.CharField(
        _("roepnaam of pseudoniem"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld de werknaam, of een pseudoniem als de naam niet bekend is."),
    )
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    # The person in the shared register (persons app, issue 21); set by the services.
    registered_person = models.ForeignKey(
        "persons.Person",
        verbose_name=_("persoon in het register"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    age_class = models.CharField(
        _("leeftijdsklasse"),
        max_length=10,
        choices=AgeClass,
        default=AgeClass.UNKNOWN,
        help_text=_("Als de geboortedatum bekend is, wordt de klasse daaruit berekend."),
    )
    gender = models.CharField(_("geslacht"), max_length=10, choices=Gender, default=Gender.UNKNOWN)
    nationality = models.CharField(_("nationaliteit"), max_length=100, blank=True)
    country_of_origin = models.CharField(_("land van herkomst"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("De gemeente waar de persoon verblijft of de uitbuiting plaatsvindt."),
    )
    minor = models.CharField(_("minderjarig"), max_length=10, choices=Minor, default=Minor.UNKNOWN)
    # What was seen.
    sector = models.CharField(_("sector"), max_length=30, choices=Sector, default=Sector.UNKNOWN)
    description = models.TextField(_("omschrijving van het signaal"), blank=True)
    # The national registration (anonymised).
    comensha_reported_on = models.DateField(_("gemeld bij CoMensha op"), null=True, blank=True)
    comensha_reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeld bij CoMensha door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    history = HistoricalRecords()

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("signaal mensenhandel")
        verbose_name_plural = _("signalen mensenhandel")
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["received_on"]),
            # The register's order (SignalQuerySet.open_first), so a page is read from the
            # index instead of sorting every signal (issue 24: 20,000 sorted per page, 49 ms).
            models.Index(
                closed_last(),
                models.F("received_on").desc(),
                models.F("id").desc(),
                name="signal_open_first",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def person_label(self) -> str:
        """The identity as shown to those who may see it."""
        if self.person_unknown:
            return str(_("onbekende persoon"))
        name = " ".join(part for part in (self.first_name, self.last_name) if part)
        if self.alias:
            name = f"{name} ({self.alias})" if name else self.alias
        return name or str(_("naam niet bekend"))

    @property
    def form_values(self) -> list[str]:
        return [f.form for f in self.forms.all()]

    @property
    def form_labels(self) -> list[str]:
        labels = dict(ExploitationForm.choices)
        return [str(labels[f]) for f in sorted(self.form_values)]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class SignalExploitation(models.Model):
    """A form of exploitation of a signal (a signal may have several)."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="forms")
    form = models.CharField(_("vorm van uitbuiting"), max_length=20, choices=ExploitationForm)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vorm van uitbuiting")
        verbose_name_plural = _("vormen van uitbuiting")
        constraints = [
            models.UniqueConstraint(fields=["signal", "form"], name="signal_form_unique")
        ]

    def __str__(self):
        return self.get_form_display()


class ScopedThroughSignal(ScopedChildQuerySet):
    """Child records: visible exactly when their signal is (CONVENTIONS rule 1)."""

    parent_path = "signal"


class Observation(models.TextChoices):
    OBSERVED = "waargenomen", _("waargenomen")
    NOT_OBSERVED = "niet_waargenomen", _("niet waargenomen")
    UNKNOWN = "onbekend", _("onbekend")


class IndicatorObservation(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="observations")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("waarneming"), max_length=20, choices=Observation)
    source = models.CharField(
        _("bron"),
        max_length=200,
        blank=True,
        help_text=_("Wie heeft dit gezien of gemeld, bijvoorbeeld 'wijkagent' of 'melder'."),
    )
    history = HistoricalRecords()

    objects = ScopedThroughSignal.as_manager()

    class Meta:
        ordering = ["indicator__form", "indicator__order", "indicator__code"]
        verbose_name = _("waargenomen indicator")
        verbose_name_plural = _("waargenomen indicatoren")
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "indicator"], name="observation_unique_indicator"
            )
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.get_status_display()}"


class MeetingQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        """A meeting's agenda is a list of signals: the same door as the signals themselves."""
        if may(user, action):
            return self
        return self.none()

    def for_list(self):
        return self.annotate(item_count=models.Count("items")).order_by("-held_on")

    def for_detail(self):
        return self.prefetch_related("attendees")


class DrieluikMeeting(models.Model):
    """The periodic Drieluik of ZVHD, the care coordinators for trafficking and the police."""

    held_on = models.DateField(_("datum"))
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("aanwezigen"), blank=True, related_name="+"
    )
    other_attendees = models.CharField(
        _("overige aanwezigen"),
        max_length=500,
        blank=True,
        help_text=_("Aanwezigen zonder account, met hun organisatie."),
    )
    notes = models.TextField(_("algemene aantekeningen"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[attendees])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("Drieluik-overleg")
        verbose_name_plural = _("Drieluik-overleggen")

    def __str__(self):
        return _("Drieluik van %(date)s") % {"date": formats.short_date(self.held_on)}

    @property
    def planned(self) -> bool:
        """Still to come: no discussion or decision before its day (the service refuses one,
        the page offers none), as a ketenkamer (`cases.models.Ketenkamer.planned`). From its
        day on it counts as held."""
        return self.held_on > timezone.localdate()


class Decision(models.TextChoices):
    """What the Drieluik decides about a signal; all but RESCHEDULE start a follow-up."""

    NONE = "geen", _("geen aanwijzingen, geen opvolging")
    CARE = "zorgcoordinator", _("zorgcoördinator mensenhandel")
    POLICE = "politie", _("politie (aangifte of onderzoek)")
    DIRECTION = "procesregie", _("procesregie door ZVHD")
    OTHER = "overig", _("andere opvolging")
    RESCHEDULE = "opnieuw", _("opnieuw bespreken in het volgende Drieluik")


class AgendaItemQuerySet(ScopedThroughSignal):
    pass


class AgendaItem(models.Model):
    """A signal on a Drieluik agenda: the discussion and the decision."""

    meeting = models.ForeignKey(DrieluikMeeting, on_delete=models.CASCADE, related_name="items")
    signal = models.ForeignKey(Signal, on_delete=models.PROTECT, related_name="agenda_items")
    discussion = models.TextField(_("bespreking"), blank=True)
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision, blank=True)
    decided_on = models.DateField(_("besluitdatum"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "signal"], name="agenda_signal_once")
        ]

    def __str__(self):
        return f"{self.meeting}: {self.signal}"


class FollowUpKind(models.TextChoices):
    NONE = "geen", _("geen (geen aanwijzingen)")
    CARE = "zorgcoordinator", _("zorgcoördinator mensenhandel")
    POLICE = "politie", _("politie (aangifte of onderzoek)")
    DIRECTION = "procesregie", _("procesregie door ZVHD")
    OTHER = "overig", _("anders")


class FollowUpStatus(models.TextChoices):
    STARTED = "gestart", _("gestart")
    RUNNING = "lopend", _("lopend")
    CLOSED = "afgesloten", _("afgesloten")


FOLLOW_UP_TRANSITIONS: dict[str, set[str]] = {
    FollowUpStatus.STARTED: {FollowUpStatus.RUNNING, FollowUpStatus.CLOSED},
    FollowUpStatus.RUNNING: {FollowUpStatus.CLOSED},
    FollowUpStatus.CLOSED: set(),
}


FOLLOW_UP_ORDER = [FollowUpStatus.STARTED, FollowUpStatus.RUNNING, FollowUpStatus.CLOSED]
FOLLOW_UP_ACTIONS = {
    FollowUpStatus.RUNNING: _("Markeren als lopend"),
    FollowUpStatus.CLOSED: _("Afsluiten"),
}


class FollowUpQuerySet(ScopedThroughSignal):
    def open(self):
        return self.exclude(status=FollowUpStatus.CLOSED)


class FollowUp(models.Model):
    """What happens after the decision, with dates and a status until it is closed.

    A follow-up of kind DIRECTION is ZVHD process direction: the linked registration in the
    cases app is created by the cases integration (not in this app yet).
    """

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("soort opvolging"), max_length=20, choices=FollowUpKind)
    decided_on = models.DateField(_("besluitdatum"))
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("besloten in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    responsible = models.CharField(
        _("uitgevoerd door"),
        max_length=200,
        blank=True,
        help_text=_("Organisatie of functie die de opvolging doet."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus, default=FollowUpStatus.STARTED
    )
    note = models.TextField(_("toelichting"), blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("aanmelding voor procesregie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trafficking_follow_up",
        help_text=_("De aanmelding in het casussysteem die deze opvolging heeft gemaakt."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["decided_on", "pk"]
        verbose_name = _("opvolging")
        verbose_name_plural = _("opvolgingen")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        """(status, button text) of the allowed next steps, closing last."""
        return [
            (s, FOLLOW_UP_ACTIONS[s])
            for s in sorted(FOLLOW_UP_TRANSITIONS[self.status], key=FOLLOW_UP_ORDER.index)
        ]


class AwarenessKind(models.TextChoices):
    TRAINING = "training", _("bewustwordingstraining")
    DEEPENING = "verdieping", _("verdiepingstraining")
    MEETING = "bijeenkomst", _("bijeenkomst casuïstiek en beleid")
    PRESENTATION = "voorlichting", _("voorlichting of presentatie")


class AwarenessActivity(models.Model):
    """A training or meeting given, as the year plan and the annual report count them.

    Holds no personal data (an audience and a number of participants), so it is not guarded
    beyond the pages' roles.
    """

    held_on = models.DateField(_("datum"))
    kind = models.CharField(_("soort"), max_length=20, choices=AwarenessKind)
    title = models.CharField(_("titel"), max_length=200)
    audience = models.CharField(
        _("doelgroep"), max_length=200, help_text=_("Bijvoorbeeld 'wijkteams gemeente Emmen'.")
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    participants = models.PositiveIntegerField(_("aantal deelnemers"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("bewustwordingsactiviteit")
        verbose_name_plural = _("bewustwordingsactiviteiten")

    def __str__(self):
        return self.title
