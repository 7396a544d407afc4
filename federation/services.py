"""All writes of the federation app (CONVENTIONS rule 4): configuration, keys, the log."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation import crypto
from federation.models import (
    FederationKey,
    House,
    KeyStatus,
    Peer,
    Query,
)
from federation.urlcheck import check_base_url
from zvhd.network.models import OrganisationKind, User
from zvhd.versions import claim_version

FEDERATION_SCOPE = "federatie:vragen"


def house() -> House | None:
    return House.objects.order_by("pk").first()


@transaction.atomic
def save_house(*, house: House, changed_by: User, expected_version: int | None = None) -> House:
    if house.pk is not None:
        claim_version(house, expected_version=expected_version)
    elif House.objects.exists():
        raise ValidationError(_("Er is al een eigen huis vastgelegd."))
    house._history_user = changed_by
    house.full_clean()
    house.save()
    return house


@transaction.atomic
def save_peer(
    *,
    peer: Peer,
    changed_by: User,
    outbound_token: str = "",
    expected_version: int | None = None,
) -> Peer:
    """Create or change a peer. An empty `outbound_token` keeps the stored one."""
    if peer.pk is not None:
        claim_version(peer, expected_version=expected_version)
    errors = {}
    try:
        peer.base_url = check_base_url(peer.base_url)
    except ValidationError as exc:
        errors["base_url"] = exc.messages
    if peer.client_id is not None:
        client = peer.client
        if client.organisation.kind != OrganisationKind.ZVH:
            errors["client"] = [
                _(
                    "Kies een koppeling van een organisatie van de soort 'Ander Zorg- en "
                    "Veiligheidshuis'."
                )
            ]
        elif FEDERATION_SCOPE not in client.scopes:
            errors["client"] = [
                _("Deze koppeling heeft het recht 'Vragen of een persoon bekend is' niet.")
            ]
    token = outbound_token.strip()
    if token:
        if any(ch.isspace() for ch in token) or not token.isascii() or len(token) > 200:
            errors["outbound_token"] = [_("Een sleutel bestaat uit tekens zonder spaties.")]
        else:
            peer.outbound_token = crypto.seal(token)
    if errors:
        raise ValidationError(errors)
    peer._history_user = changed_by
    peer.full_clean(exclude=["outbound_token"])
    peer.save()
    return peer


@transaction.atomic
def add_key(*, key_id: str, secret: str, created_by: User) -> tuple[FederationKey, str]:
    """A new shared key, not yet in use: pasted (made by another house) or made here (then
    shown once, to pass on to the other houses). Its index is built at once, so the rotation
    (`activate_key`) finds it ready."""
    errors = {}
    if FederationKey.objects.filter(key_id=key_id).exists():
        errors["key_id"] = [_("Er is al een sleutel met dit id.")]
    made = not secret.strip()
    text = crypto.new_key() if made else secret.strip()
    if not made:
        try:
            crypto.parse_key(text)
        except ValueError:
            errors["secret"] = [
                _("Dit is geen geldige sleutel: verwacht wordt base64 van ten minste 32 bytes.")
            ]
    if errors:
        raise ValidationError(errors)
    key = FederationKey(key_id=key_id, secret=crypto.seal(text), created_by=created_by)
    key._history_user = created_by
    key.full_clean(exclude=["secret"])
    key.save()
    _rebuild_later(key)
    return key, (text if made else "")


@transaction.atomic
def activate_key(*, key: FederationKey, activated_by: User) -> FederationKey:
    """The rotation: `key` becomes current, the current one previous (still accepted), the
    previous one retired (its secret wiped, its index dropped)."""
    key = FederationKey.objects.select_for_update().get(pk=key.pk)
    if key.status != KeyStatus.PENDING:
        raise ValidationError(_("Alleen een sleutel die klaar staat kan in gebruik komen."))
    for old in FederationKey.objects.select_for_update().filter(status=KeyStatus.PREVIOUS):
        old.status = KeyStatus.RETIRED
        old.secret = ""
        old._history_user = activated_by
        old.save()
        old.entries.all().delete()
    for old in FederationKey.objects.select_for_update().filter(status=KeyStatus.CURRENT):
        old.status = KeyStatus.PREVIOUS
        old._history_user = activated_by
        old.save()
    key.status = KeyStatus.CURRENT
    key.activated_at = timezone.now()
    key._history_user = activated_by
    key.save()
    _rebuild_later(key)
    return key


@transaction.atomic
def retire_key(*, key: FederationKey, retired_by: User) -> FederationKey:
    key = FederationKey.objects.select_for_update().get(pk=key.pk)
    if key.status == KeyStatus.CURRENT:
        raise ValidationError(_("De huidige sleutel gaat pas uit gebruik na een nieuwe sleutel."))
    key.status = KeyStatus.RETIRED
    key.secret = ""
    key._history_user = retired_by
    key.save()
    key.entries.all().delete()
    return key


def _rebuild_later(key: FederationKey) -> None:
    transaction.on_commit(lambda: _enqueue_rebuild(key.pk))


def _enqueue_rebuild(key_pk: int) -> None:
    """In the worker; with the broker down, here and now (a few seconds for ~100,000 BSNs)
    rather than a key that answers "not known" to everything until the nightly rebuild."""
    import logging

    from federation.tasks import rebuild_index

    try:
        rebuild_index.delay(key_pk)
    except Exception:
        logging.getLogger("federation").warning("broker onbereikbaar: index direct opgebouwd")
        rebuild_index(key_pk)


def log_query(**fields) -> Query:
    """One row of the federation log (both directions); `detail` and texts cut to their size."""
    for name, size in (("detail", 300), ("purpose", 300), ("asked_by_text", 150)):
        if name in fields:
            fields[name] = str(fields[name])[:size]
    fields["peer_name"] = str(fields.get("peer_name", ""))[:150]
    return Query.objects.create(**fields)
