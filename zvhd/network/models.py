"""Who is who: municipalities, partner organisations, users and their roles.

Roles are Django groups (named by `Role`), so the functioneel beheerder can give and take them
in the app. What a role may see is not decided here but in each guarded model's
`visible_to(user, action)`; this module only answers "who is this user".
"""

from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zvhd.permissions import GuardedQuerySet
from zvhd.versions import Versioned


class Region(models.TextChoices):
    NOORD = "noord", _("Noord")
    ZUIDWEST = "zuidwest", _("Zuidwest")
    ZUIDOOST = "zuidoost", _("Zuidoost")


class Role(models.TextChoices):
    """The roles of DOMAIN.md; each is a group with this name."""

    PROCESREGISSEUR = "procesregisseur", _("Procesregisseur")
    PROCESONDERSTEUNER = "procesondersteuner", _("Procesondersteuner")
    TRAJECTBEGELEIDER = "trajectbegeleider", _("Trajectbegeleider")
    NAZORGCOORDINATOR = "nazorgcoordinator", _("Nazorgcoördinator")
    KETENREGISSEUR_MENSENHANDEL = "ketenregisseur_mensenhandel", _("Ketenregisseur mensenhandel")
    MANAGER = "manager", _("Manager")
    LIAISON = "liaison", _("Liaison")
    PARTNERPROFESSIONAL = "partnerprofessional", _("Partnerprofessional")
    GEMEENTELIJK_CONTACTPERSOON = "gemeentelijk_contactpersoon", _("Gemeentelijk contactpersoon")
    FINANCIEEL_MEDEWERKER = "financieel_medewerker", _("Financieel medewerker")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    # Care coordinators for trafficking and the police who sit in the Drieluik; they see the
    # identities in the trafficking register (issue 6). Not bureau staff.
    DRIELUIK_LID = "drieluik_lid", _("Drieluik-lid")


# The roles that work at the ZVHD bureau itself (as opposed to partners and municipalities).
BUREAU_ROLES = frozenset(
    {
        Role.PROCESREGISSEUR,
        Role.PROCESONDERSTEUNER,
        Role.TRAJECTBEGELEIDER,
        Role.NAZORGCOORDINATOR,
        Role.KETENREGISSEUR_MENSENHANDEL,
        Role.MANAGER,
    }
)


class Municipality(Versioned, models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    cbs_code = models.CharField(
        _("CBS-gemeentecode"),
        max_length=6,
        unique=True,
        validators=[
            RegexValidator(r"^GM[0-9]{4}$", _("Een CBS-gemeentecode is GM met vier cijfers."))
        ],
    )
    region = models.CharField(_("regio"), max_length=20, choices=Region.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name


class Population(models.Model):
    """Number of inhabitants of a municipality in a year (CBS, 1 January)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    inhabitants = models.PositiveIntegerField(_("inwoners"), validators=[MinValueValidator(1)])
    source = models.CharField(_("bron"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "municipality__name"]
        verbose_name = _("inwonertal")
        verbose_name_plural = _("inwonertallen")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="population_unique_year")
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}: {self.inhabitants}"


class OrganisationKind(models.TextChoices):
    ZVHD = "zvhd", _("Zorg- en Veiligheidshuis Drenthe")
    GEMEENTE = "gemeente", _("Gemeente")
    POLITIE = "politie", _("Politie")
    OM = "om", _("Openbaar Ministerie")
    DJI = "dji", _("Dienst Justitiële Inrichtingen")
    RECLASSERING = "reclassering", _("Reclassering")
    GGZ = "ggz", _("GGZ")
    GGD = "ggd", _("GGD")
    VERSLAVINGSZORG = "verslavingszorg", _("Verslavingszorg")
    JEUGD = "jeugd", _("Jeugdbescherming en jeugdzorg")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    ZORG = "zorg", _("Zorg en welzijn")
    ZVH = "zvh", _("Ander Zorg- en Veiligheidshuis")
    OVERIG = "overig", _("Overig")


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def partners(self):
        return self.exclude(kind=OrganisationKind.ZVHD)


class Organisation(Versioned, models.Model):
    """A convenant partner, a municipality's organisation, or the ZVHD bureau itself."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    short_name = models.CharField(_("korte naam"), max_length=50, blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    figure_category = models.CharField(
        _("categorie in de cijfers"),
        max_length=100,
        blank=True,
        help_text=_(
            "Onder welke aanmelder deze organisatie in het jaarverslag telt. Bij een gemeente "
            "bepaalt het domein van de aanmelding (veiligheid of sociaal domein) de categorie."
        ),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("Alleen voor de organisatie van een gemeente."),
    )
    active = models.BooleanField(_("actief"), default=True)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="gemeente") | models.Q(municipality__isnull=False),
                name="organisation_municipal_has_municipality",
                violation_error_message=_("Een gemeentelijke organisatie hoort bij een gemeente."),
            )
        ]

    def __str__(self):
        return self.short_name or self.name

    @property
    def is_zvhd(self):
        return self.kind == OrganisationKind.ZVHD


# Role (group) names are slugs without commas; StringAgg joins them with this.
ROLE_SEPARATOR = ","
# Annotations that apps add to the per-request user (zvhd.apps_contract.user_annotations).
EXTRA_PREFIX = "request_extra_"


def display_name(first_name: str, last_name: str, username: str) -> str:
    """How a user is named on a page: the full name, else the username (`User.__str__`)."""
    return f"{first_name} {last_name}".strip() or username


class UserQuerySet(GuardedQuerySet):
    def visible_to(self, user, action="view"):
        """The functioneel beheerder manages all accounts; everyone else sees only their own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_role(Role.FUNCTIONEEL_BEHEERDER):
            return self
        if action == "view":
            return self.filter(pk=user.pk)
        return self.none()

    def for_list(self):
        return self.select_related("organisation", "municipality").prefetch_related("groups")

    def for_request(self):
        """The logged-in user as every page needs it, in one query (zvhd.network.backends):
        organisation and municipality joined, the role names and whether a second factor is set
        up as subqueries. `User.with_request_annotations()` turns the two into what `role_names`
        and `zvhd.middleware.has_second_factor` would otherwise each query."""
        from allauth.mfa.models import Authenticator
        from django.contrib.auth.models import Group
        from django.db.models import Exists, OuterRef, StringAgg, Subquery, Value

        role_names = (
            Group.objects.filter(user=OuterRef("pk"))
            .order_by()
            .values("user")
            .annotate(names=StringAgg("name", Value(ROLE_SEPARATOR)))
            .values("names")
        )
        from zvhd.apps_contract import user_annotations

        return self.select_related("organisation", "municipality").annotate(
            request_role_names=Subquery(role_names),
            request_second_factor=Exists(Authenticator.objects.filter(user=OuterRef("pk"))),
            # What apps add for every page (the inbox's unread count): zvhd.apps_contract.
            **{f"{EXTRA_PREFIX}{name}": value for name, value in user_annotations().items()},
        )


class ZVHDUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(Versioned, AbstractUser):
    """A person who logs in: bureau staff, liaison, partner professional, municipal contact."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        help_text=_(
            "Alleen voor een gemeentelijk contactpersoon: de gemeente die hij of zij volgt."
        ),
    )
    job_title = models.CharField(_("functie"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = ZVHDUserManager()

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return display_name(self.first_name, self.last_name, self.username)

    def with_request_annotations(self):
        """Fill `role_names` and the second-factor flag from `UserQuerySet.for_request()`."""
        names = self.__dict__.pop("request_role_names", None) or ""
        if self.is_active:
            self.__dict__["role_names"] = frozenset(n for n in names.split(ROLE_SEPARATOR) if n)
        self._zvhd_second_factor = self.__dict__.pop("request_second_factor")
        self.request_extras = {
            name[len(EXTRA_PREFIX) :]: self.__dict__.pop(name)
            for name in [n for n in self.__dict__ if n.startswith(EXTRA_PREFIX)]
        }
        return self

    @cached_property
    def role_names(self) -> frozenset[str]:
        """The user's roles, read once per request (the user object lives one request)."""
        if not self.pk or not self.is_active:
            return frozenset()
        if "groups" in getattr(self, "_prefetched_objects_cache", {}):
            return frozenset(group.name for group in self.groups.all())
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_names.intersection(roles))

    @property
    def roles(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels.get(name, name)) for name in sorted(self.role_names)]

    @property
    def is_bureau_staff(self) -> bool:
        return self.has_role(*BUREAU_ROLES)


class ReferenceRow(models.Model):
    """One row of reference data that `manage.py seed_reference` has loaded, by natural key.

    The loader adds a reference row only when its key is not in this ledger yet, so a row the
    functioneel beheerder renamed, changed or retired is never put back or overwritten by a
    later `migrate` or `seed_reference` (zvhd/network/reference.py).
    """

    kind = models.CharField(_("soort"), max_length=50)
    key = models.CharField(_("sleutel"), max_length=200)
    loaded_at = models.DateTimeField(_("geladen op"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "key"]
        verbose_name = _("geladen referentiegegeven")
        verbose_name_plural = _("geladen referentiegegevens")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="reference_row_unique_key")
        ]

    def __str__(self):
        return f"{self.kind}: {self.key}"


class Vocabulary(models.TextChoices):
    """The lookup lists the functioneel beheerder keeps (`Term`). Their codes are fixed: records
    and figures store the code, the list decides the label, the order and what new input may
    choose."""

    PROBLEEMGEBIED = "probleemgebied", _("Probleemgebieden")
    AANDACHTSGEBIED = "aandachtsgebied", _("Aandachtsgebieden")
    AFSLUITREDEN = "afsluitreden", _("Redenen van afsluiten")


class Term(Versioned, models.Model):
    """One choice of a lookup list (zvhd.terms reads them, cached).

    The code is what records store and never changes once saved; the label and the order can
    be changed, and a term that is no longer used is made inactive: it then stays readable on
    the records that have it, but new input cannot choose it.
    """

    vocabulary = models.CharField(_("keuzelijst"), max_length=30, choices=Vocabulary.choices)
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_(
            "Kleine letters, cijfers en liggende streepjes; wordt in de gegevens opgeslagen en "
            "is na het opslaan niet meer te wijzigen."
        ),
    )
    label = models.CharField(_("omschrijving"), max_length=120)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    active = models.BooleanField(
        _("actief"), default=True, help_text=_("Alleen actieve termen zijn te kiezen.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["vocabulary", "position", "label"]
        verbose_name = _("term")
        verbose_name_plural = _("termen")
        constraints = [
            models.UniqueConstraint(
                fields=["vocabulary", "code"],
                name="term_unique_code",
                violation_error_message=_("Deze keuzelijst heeft al een term met deze code."),
            ),
            models.UniqueConstraint(
                fields=["vocabulary", "label"],
                name="term_unique_label",
                violation_error_message=_(
                    "Deze keuzelijst heeft al een term met deze omschrijving."
                ),
            ),
        ]

    def __str__(self):
        return self.label
