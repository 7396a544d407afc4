"""All writes of the api app: its machine clients (CONVENTIONS rule 4)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiClient, Scope, scope_allowed_for
from zvhd.network import services as network_services
from zvhd.network.models import Organisation, User


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(client: ApiClient, secret: str) -> bool:
    return hmac.compare_digest(client.secret_hash, hash_secret(secret))


@dataclass
class NewClient:
    client: ApiClient
    token: str  # shown once to the beheerder; only its hash is kept


@transaction.atomic
def create_client(
    *, name: str, organisation: Organisation, scopes: list[str], created_by: User
) -> NewClient:
    """A new machine client acting as `organisation`, with a fresh secret."""
    errors = {}
    if not name.strip():
        errors["name"] = _("Geef de koppeling een naam.")
    unknown = [s for s in scopes if s not in Scope.values]
    if unknown or not scopes:
        errors["scopes"] = _("Kies ten minste één bestaand recht.")
    if organisation.is_zvhd:
        errors["organisation"] = _("Een koppeling hoort bij een partnerorganisatie.")
    elif not unknown and not all(scope_allowed_for(s, organisation) for s in scopes):
        errors["scopes"] = (
            _("Vragen of een persoon bekend is kan alleen een koppeling van een ander ZVH.")
            if not scope_allowed_for(Scope.FEDERATION_ASK, organisation)
            and Scope.FEDERATION_ASK in scopes
            else _("Detentiemeldingen doen kan alleen een koppeling van DJI of de reclassering.")
        )
    if errors:
        raise ValidationError(errors)
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    account = User(
        username=f"api.{key_id}",
        first_name="API-koppeling",
        last_name=name.strip()[:150],
        organisation=organisation,
    )
    # No roles on the account itself (see ApiClient.user); it can never log in to the site.
    network_services.save_user(user=account, roles=[], changed_by=created_by)
    client = ApiClient(
        name=name.strip(),
        organisation=organisation,
        scopes=sorted(set(scopes)),
        key_id=key_id,
        secret_hash=hash_secret(secret),
        user=account,
        created_by=created_by,
    )
    client._history_user = created_by
    client.save()
    return NewClient(client=client, token=f"{key_id}.{secret}")


@transaction.atomic
def revoke_client(*, client: ApiClient, revoked_by: User, reason: str = "") -> ApiClient:
    """Refused from the next call on; the account is switched off too."""
    if client.revoked_at:
        return client
    client.revoked_at = timezone.now()
    client.revoked_by = revoked_by
    client.revoked_reason = reason[:300]
    client._history_user = revoked_by
    client.save()
    account = client.user
    account.is_active = False
    network_services.save_user(user=account, roles=list(account.role_names), changed_by=revoked_by)
    return client


def mark_used(client: ApiClient) -> None:
    """At most once a minute, so a busy client does not write on every call."""
    now = timezone.now()
    if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now
