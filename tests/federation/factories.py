"""Federation test data, made through the services as the beheer pages make it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid

from api.models import Scope
from federation import services
from federation.index import rebuild_key
from federation.models import House
from tests.api.factories import make_client
from tests.factories import OrganisationFactory
from zvhd.network.models import OrganisationKind

# A fixed shared key (base64 of 32 bytes), as the houses would exchange it.
SHARED_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
KNOWN_BSN = "111222333"  # passes the elfproef; fictitious
OTHER_BSN = "123456782"


def subject(bsn: str, key: str = SHARED_KEY) -> str:
    """The protocol's HMAC, written out independently of federation.crypto (README)."""
    raw = base64.b64decode(key)
    return hmac.new(raw, b"bsn:" + bsn.encode(), hashlib.sha256).hexdigest()


def make_house(by, **changes) -> House:
    fields = {
        "house_id": "zvh-drenthe",
        "name": "Zorg- en Veiligheidshuis Drenthe",
        "contact_role": "Procesregie, dienstdoend",
        "contact_email": "procesregie@zvhdrenthe.example",
        "contact_phone": "0592 123 456",
    }
    fields.update(changes)
    return services.save_house(house=House(**fields), changed_by=by)


def make_key(by, key_id: str = "2026-1", secret: str = SHARED_KEY, activate: bool = True):
    key, _made = services.add_key(key_id=key_id, secret=secret, created_by=by)
    if activate:
        key = services.activate_key(key=key, activated_by=by)
    rebuild_key(key)
    key.refresh_from_db()
    return key


def make_peer(by, *, name="Zorg- en Veiligheidshuis Groningen", base_url="https://zvh.example/",
              outbound_token="abc.def", with_client=True, active=True,
              organisation_name=None):  # fmt: skip
    """A peer; with `with_client`, also the api client it asks us with. Returns (peer, token)."""
    from federation.models import Peer

    client, token = None, None
    if with_client:
        organisation = OrganisationFactory(
            name=organisation_name or name, kind=OrganisationKind.ZVH
        )
        client, token = make_client(
            organisation=organisation, created_by=by, scopes=[Scope.FEDERATION_ASK], name=name
        )
    peer = services.save_peer(
        peer=Peer(name=name, base_url=base_url, client=client, active=active),
        changed_by=by,
        outbound_token=outbound_token,
    )
    return peer, token


def question(bsn: str = KNOWN_BSN, **changes) -> dict:
    data = {
        "protocol": "zvh-federatie/1",
        "request_id": str(uuid.uuid4()),
        "key_id": "2026-1",
        "subject": subject(bsn),
        "purpose": "Intake van een aanmelding",
        "asked_by": "P. Regisseur (procesregisseur)",
        "house": "zvh-groningen",
    }
    data.update(changes)
    return data
