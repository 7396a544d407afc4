"""The federated "known elsewhere?" lookup between Zorg- en Veiligheidshuizen (issue 21, part 5).

- `House`: this installation's own house id and contact point (one row).
- `Peer`: another house we ask and/or that asks us. Outbound we present `outbound_token`
  (kept encrypted, see `federation.crypto`); inbound the peer presents a token of the api app's
  `ApiClient` with the scope `federatie:vragen` (hashed there, revocable there).
- `FederationKey`: the key the houses share for HMAC-SHA256 of a BSN; one `current`, one
  `previous` still accepted after a rotation, the rest `retired` (secret wiped).
- `IndexEntry`: the keyed hash of every BSN this house holds, per key, so a question is one
  indexed lookup instead of hashing every stored BSN (`federation.index`).
- `Query`: every question asked and answered, both directions (the privacy officer's list).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zvhd import formats
from zvhd.network.models import Role
from zvhd.permissions import CHANGE, VIEW, GuardedQuerySet
from zvhd.versions import Versioned

ASK = "ask"
# Who may do what: one table, read by the querysets below (CONVENTIONS rule 1). Asking other
# houses is for the bureau roles of the duplicate check (cases.policy.DUPLICATE_CHECK_ROLES),
# decided in the views, since asking reads no stored record.
POLICY: dict[str, set[str]] = {
    VIEW: {Role.FUNCTIONEEL_BEHEERDER},
    CHANGE: {Role.FUNCTIONEEL_BEHEERDER},
}
LOG_ROLES = {Role.PRIVACY_OFFICER}


class BeheerQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        if user.is_authenticated and user.has_role(*POLICY.get(action, set())):
            return self
        return self.none()


class House(Versioned, models.Model):
    """This installation: what a peer is told in every answer (never a person)."""

    house_id = models.SlugField(
        _("code van dit huis"),
        max_length=50,
        help_text=_("Kort en vast, bijvoorbeeld 'zvh-drenthe'. Andere huizen zien deze code."),
    )
    name = models.CharField(_("naam"), max_length=150)
    contact_role = models.CharField(
        _("contactpunt (functie of team)"),
        max_length=150,
        help_text=_("Een functie of team, geen persoon: bijvoorbeeld 'Procesregie, dienstdoend'."),
    )
    contact_email = models.EmailField(_("e-mailadres van het contactpunt"), max_length=200)
    contact_phone = models.CharField(_("telefoonnummer van het contactpunt"), max_length=30)
    answer_from_trafficking = models.BooleanField(
        _("ook antwoorden uit het register mensenhandel"),
        default=False,
        help_text=_(
            "Uit: iemand die alleen in het register mensenhandel staat, is voor andere huizen "
            "'niet bekend'. Zo blijft de kring die van die identiteiten weet zo klein mogelijk."
        ),
    )
    answering = models.BooleanField(
        _("vragen van andere huizen beantwoorden"),
        default=True,
    )
    history = HistoricalRecords()
    objects = BeheerQuerySet.as_manager()

    class Meta:
        verbose_name = _("eigen huis")
        verbose_name_plural = _("eigen huis")

    def __str__(self):
        return self.name

    def contact(self) -> dict:
        return {
            "role": self.contact_role,
            "email": self.contact_email,
            "phone": self.contact_phone,
        }


class PeerQuerySet(BeheerQuerySet):
    def active(self):
        return self.filter(active=True)

    def for_list(self):
        return self.select_related("client", "client__organisation").order_by("name")


class Peer(Versioned, models.Model):
    name = models.CharField(
        _("naam"),
        max_length=150,
        unique=True,
        help_text=_("Zoals medewerkers hem kennen: 'Zorg- en Veiligheidshuis Groningen'."),
    )
    base_url = models.URLField(
        _("adres van het systeem"),
        max_length=200,
        help_text=_("Het beginadres, bijvoorbeeld https://zvhd.zvhgroningen.nl/"),
    )
    # What we present to them (their ApiClient token for us). Encrypted (federation.crypto):
    # it must be sent, so it cannot be a one-way hash like the tokens they present to us.
    outbound_token = models.TextField(blank=True, editable=False)
    client = models.OneToOneField(
        "api.ApiClient",
        verbose_name=_("koppeling waarmee dit huis ons vraagt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="federation_peer",
    )
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["outbound_token"])
    objects = PeerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("ander Zorg- en Veiligheidshuis")
        verbose_name_plural = _("andere Zorg- en Veiligheidshuizen")

    def __str__(self):
        return self.name

    @property
    def asks_us(self) -> bool:
        return self.client_id is not None and self.client.is_active

    @property
    def we_ask(self) -> bool:
        return self.active and bool(self.outbound_token)


class KeyStatus(models.TextChoices):
    CURRENT = "huidig", _("Huidige sleutel")
    PREVIOUS = "vorig", _("Vorige sleutel (nog geaccepteerd)")
    PENDING = "klaar", _("Klaar voor gebruik")
    RETIRED = "buiten_gebruik", _("Buiten gebruik")


# Peers accept a question under these keys (the current one, and the previous one while every
# house moves over after a rotation).
ACCEPTED = (KeyStatus.CURRENT, KeyStatus.PREVIOUS)


class KeyQuerySet(BeheerQuerySet):
    def accepted(self):
        return self.filter(status__in=ACCEPTED)

    def current(self):
        return self.filter(status=KeyStatus.CURRENT).first()


class FederationKey(models.Model):
    key_id = models.SlugField(
        _("sleutel-id"),
        max_length=32,
        unique=True,
        help_text=_("Voor alle huizen gelijk, bijvoorbeeld '2026-1'."),
    )
    secret = models.TextField(editable=False)  # encrypted (federation.crypto); wiped when retired
    status = models.CharField(
        _("status"), max_length=20, choices=KeyStatus.choices, default=KeyStatus.PENDING
    )
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    activated_at = models.DateTimeField(_("in gebruik sinds"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("index opgebouwd op"), null=True, blank=True)
    indexed_count = models.PositiveIntegerField(_("aantal BSN's in de index"), default=0)
    history = HistoricalRecords(excluded_fields=["secret"])
    objects = KeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("federatiesleutel")
        verbose_name_plural = _("federatiesleutels")

    def __str__(self):
        return self.key_id


class IndexEntry(models.Model):
    """One keyed hash of one stored BSN. Holds no BSN and no name: a digest and where it came
    from (so a change or a deletion of that record can update it)."""

    key = models.ForeignKey(FederationKey, on_delete=models.CASCADE, related_name="entries")
    digest = models.CharField(max_length=64)
    source = models.CharField(max_length=40)  # "cases.person", "aftercare.aftercarerecord", ...
    source_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key", "source", "source_id"], name="federation_one_entry_per_record"
            )
        ]
        indexes = [models.Index(fields=["key", "digest"], name="federation_lookup")]

    def __str__(self):
        return f"{self.source} {self.source_id}"


class Direction(models.TextChoices):
    OUTGOING = "uit", _("Wij vroegen")
    INCOMING = "in", _("Ons gevraagd")


class Outcome(models.TextChoices):
    KNOWN = "bekend", _("Bekend")
    UNKNOWN = "niet_bekend", _("Niet bekend")
    NO_ANSWER = "geen_antwoord", _("Geen antwoord")
    REFUSED = "geweigerd", _("Geweigerd")


class QueryQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        if action == VIEW and user.is_authenticated and user.has_role(*LOG_ROLES):
            return self
        return self.none()

    def for_list(self):
        return self.select_related("peer", "asked_by")


class Query(models.Model):
    """One question to one peer, or from one peer: who asked, when, why, and the answer.

    Holds the keyed hash, not the BSN: the privacy officer finds the questions about one
    person by typing the BSN (hashed with the keys still held)."""

    direction = models.CharField(_("richting"), max_length=5, choices=Direction.choices)
    request_id = models.UUIDField(_("vraagnummer"), default=uuid.uuid4, db_index=True)
    asked_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True, db_index=True)
    peer = models.ForeignKey(
        Peer, verbose_name=_("huis"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    peer_name = models.CharField(_("huis"), max_length=150)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gevraagd door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    # Incoming: who asked at the other house, as that house says.
    asked_by_text = models.CharField(_("gevraagd door (ander huis)"), max_length=150, blank=True)
    purpose = models.CharField(_("doel"), max_length=300)
    key_id = models.CharField(_("sleutel-id"), max_length=32, blank=True)
    digest = models.CharField(max_length=64, blank=True, db_index=True)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices)
    detail = models.CharField(_("toelichting"), max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(_("duur (ms)"), default=0)
    objects = QueryQuerySet.as_manager()

    class Meta:
        ordering = ["-asked_at", "-id"]
        verbose_name = _("federatievraag")
        verbose_name_plural = _("federatievragen")

    def __str__(self):
        return (
            f"{self.get_direction_display()} {self.peer_name} {formats.short_date(self.asked_at)}"
        )
