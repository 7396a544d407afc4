"""The person register (issue 21): one record per person, shared by every app.

Cases (their `Person`, the main person of a case), aftercare records and trafficking signals
point to a register `Person` through a foreign key of their own (`registered_person`); the
app records keep their own copy of what was typed at the time, the register holds who the
person is: names (including earlier names and aliases), birth date, BSN, gender, the
addresses over time, and the links to other persons (household and system).

Who sees a register person is decided by the records that point to it (`persons.policy`):
a person is as visible as the most visible of their records, and each app decides about its
own records through its own door (the record kinds in `persons.registry`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from persons.normalise import first_name_key, last_name_key
from zvhd.network.models import Municipality
from zvhd.permissions import VIEW, GuardedQuerySet, ScopedChildQuerySet
from zvhd.vocabulary import Gender

LONG_TEXT = 2000


def validate_bsn(value: str) -> None:
    from stdnum.nl import bsn

    if value and not bsn.is_valid(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: het moet 9 cijfers hebben en de elfproef doorstaan."),
            code="invalid_bsn",
        )


def validate_not_future(value) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("De geboortedatum ligt in de toekomst."), code="future")


class PersonQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        """The one door (persons.policy): through the records that point to the person."""
        from persons.policy import person_filter

        condition = person_filter(user, action)
        if condition is None:
            return self.none()
        return self.filter(condition)

    def current(self):
        """Persons not merged into another one."""
        return self.filter(merged_into__isnull=True)

    def for_detail(self):
        return self.prefetch_related("names", "addresses")


class Person(models.Model):
    first_name = models.CharField(_("voornaam"), max_length=150, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    birth_date = models.DateField(
        _("geboortedatum"), null=True, blank=True, validators=[validate_not_future]
    )
    bsn = models.CharField(
        _("BSN"), max_length=9, blank=True, db_index=True, validators=[validate_bsn]
    )
    gender = models.CharField(
        _("geslacht"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN
    )
    # The keys the matcher compares (persons.normalise), kept in step by save().
    first_key = models.CharField(max_length=150, blank=True, editable=False)
    last_key = models.CharField(max_length=150, blank=True, editable=False)
    # A merged person stays, pointing at the survivor, so a split can bring them back.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("samengevoegd met"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_persons",
    )
    created_at = models.DateTimeField(_("in het register sinds"), auto_now_add=True)
    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["last_key", "first_key", "pk"]
        indexes = [
            GinIndex(fields=["last_key"], opclasses=["gin_trgm_ops"], name="person_last_trgm"),
            models.Index(fields=["birth_date"], name="person_birth_date"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.first_key = first_name_key(self.first_name)[:150]
        self.last_key = last_name_key(self.last_name)[:150]
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part) or str(
            _("naam niet bekend")
        )


class ChildQuerySet(ScopedChildQuerySet):
    parent_path = "person"


class NameKind(models.TextChoices):
    EARLIER = "eerder", _("Eerdere naam")
    ALIAS = "alias", _("Alias of roepnaam")


class PersonName(models.Model):
    """An earlier name or an alias: the matcher searches these as well."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    kind = models.CharField(_("soort"), max_length=10, choices=NameKind.choices)
    first_name = models.CharField(_("voornaam"), max_length=150, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=150)
    first_key = models.CharField(max_length=150, blank=True, editable=False)
    last_key = models.CharField(max_length=150, blank=True, editable=False)
    history = HistoricalRecords()
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("andere naam")
        verbose_name_plural = _("andere namen")
        ordering = ["pk"]
        indexes = [
            GinIndex(fields=["last_key"], opclasses=["gin_trgm_ops"], name="personname_last_trgm"),
        ]

    def __str__(self):
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    def save(self, *args, **kwargs):
        self.first_key = first_name_key(self.first_name)[:150]
        self.last_key = last_name_key(self.last_name)[:150]
        super().save(*args, **kwargs)


class Address(models.Model):
    """Where the person lived, from when (the address history)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    valid_from = models.DateField(_("vanaf"), null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("adres")
        verbose_name_plural = _("adressen")
        ordering = ["-valid_from", "-pk"]

    def __str__(self):
        return ", ".join(p for p in (self.address, self.postcode, self.city) if p)


class Relation(models.TextChoices):
    """How `other` relates to `person` in a link: "<other> is <relation> van <person>"."""

    PARTNER = "partner", _("Partner")
    CHILD = "kind", _("Kind")
    PARENT = "ouder", _("Ouder")
    SIBLING = "broer_zus", _("Broer of zus")
    HOUSEMATE = "huisgenoot", _("Huisgenoot")
    OTHER = "anders", _("Anders")


# Read from the other side: if B is the child of A, then A is the parent of B.
INVERSE = {
    Relation.PARTNER: Relation.PARTNER,
    Relation.CHILD: Relation.PARENT,
    Relation.PARENT: Relation.CHILD,
    Relation.SIBLING: Relation.SIBLING,
    Relation.HOUSEMATE: Relation.HOUSEMATE,
    Relation.OTHER: Relation.OTHER,
}


class LinkQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        """A link is visible when both persons are (nobody learns of a person through it)."""
        persons = Person.objects.visible_to(user, action).values("pk")
        return self.filter(person__in=persons, other__in=persons)

    def of(self, person):
        return self.filter(models.Q(person=person) | models.Q(other=person))


class Link(models.Model):
    """Household and system: `other` is `relation` of `person`."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links_out")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links_in")
    relation = models.CharField(_("relatie"), max_length=12, choices=Relation.choices)
    note = models.CharField(_("toelichting"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = LinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("relatie")
        verbose_name_plural = _("relaties")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "other"], name="person_link_once"),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("other")), name="person_link_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.other} — {self.get_relation_display()} — {self.person}"

    def seen_from(self, person) -> tuple[Person, str]:
        """The other person and how they relate to `person`."""
        if self.person_id == person.pk:
            return self.other, Relation(self.relation).label
        return self.person, Relation(INVERSE[self.relation]).label


class MergeStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("Voorgesteld")
    MERGED = "samengevoegd", _("Samengevoegd")
    REJECTED = "afgewezen", _("Afgewezen")
    SPLIT = "gesplitst", _("Teruggedraaid (gesplitst)")


MERGE_TRANSITIONS = {
    MergeStatus.PROPOSED: {MergeStatus.MERGED, MergeStatus.REJECTED},
    MergeStatus.MERGED: {MergeStatus.SPLIT},
    MergeStatus.REJECTED: set(),
    MergeStatus.SPLIT: set(),
}


class MergeQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        from persons.policy import merge_allowed

        if not merge_allowed(user):
            return self.none()
        # Never a proposal about a person whose name the reader may not see in every app.
        hidden = Person.objects.exclude(pk__in=Person.objects.visible_to(user, "dedupe"))
        return self.exclude(survivor__in=hidden).exclude(merged__in=hidden)

    def for_list(self):
        """The duplicates page: proposals waiting for a second person first (open work first,
        issue 23), then the newest."""
        waiting_last = models.Case(
            models.When(status=MergeStatus.PROPOSED, then=models.Value(0)),
            default=models.Value(1),
        )
        return self.select_related("survivor", "merged", "proposed_by", "decided_by").order_by(
            waiting_last, "-proposed_at", "-pk"
        )


class MergeProposal(models.Model):
    """Two persons that are one: proposed by one person, carried out by another (four eyes).

    `moved` records which app records moved from `merged` to `survivor` (model label -> pks),
    so a split puts exactly those back.
    """

    survivor = models.ForeignKey(
        Person, verbose_name=_("blijft"), on_delete=models.PROTECT, related_name="+"
    )
    merged = models.ForeignKey(
        Person, verbose_name=_("gaat op in"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(
        _("waarom dezelfde persoon"), validators=[MaxLengthValidator(LONG_TEXT)]
    )
    status = models.CharField(
        _("status"), max_length=15, choices=MergeStatus.choices, default=MergeStatus.PROPOSED
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
    moved = models.JSONField(default=dict, blank=True)
    split_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesplitst door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    split_at = models.DateTimeField(_("gesplitst op"), null=True, blank=True)
    split_reason = models.TextField(
        _("reden van splitsen"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    history = HistoricalRecords()
    objects = MergeQuerySet.as_manager()

    class Meta:
        verbose_name = _("samenvoeging")
        verbose_name_plural = _("samenvoegingen")
        ordering = ["-proposed_at", "-pk"]

    def __str__(self):
        return f"{self.merged} → {self.survivor}"
