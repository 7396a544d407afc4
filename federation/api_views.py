"""The federation endpoint: another house asks "is this person known to you?" (README).

Authenticated with the api app's client tokens (`ClientTokenAuthentication`: hashed secrets,
revocation, and wrong keys counted by the lockout like wrong passwords), the scope
`federatie:vragen`, a client of an organisation of the kind "Ander ZVH" that the beheerder
linked to a configured peer. Throttled per peer. The answer is yes/no and this house's contact
point, nothing else; every question, answered or refused, is in the federation log.
"""

from __future__ import annotations

import time

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import ParseError
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from api.api_views import ClientAPIView, HasScopeForOrganisation
from api.models import Scope
from federation import index, protocol, services
from federation.models import ACCEPTED, Direction, FederationKey, Outcome


class PeerRateThrottle(SimpleRateThrottle):
    """Per peer: a house asks at intake and on request, a few times an hour; a loop or a
    stolen token trying BSNs is stopped here (FEDERATION_RATE, default 30 a minute)."""

    def get_rate(self):
        return settings.FEDERATION_RATE

    def get_cache_key(self, request, view):
        client = getattr(request, "auth", None)
        ident = f"client-{client.pk}" if client is not None else self.get_ident(request)
        return f"throttle:federation:{ident}"


class IsConfiguredPeer(permissions.BasePermission):
    message = "Deze koppeling hoort niet bij een gekoppeld Zorg- en Veiligheidshuis."

    def has_permission(self, request, view):
        peer = getattr(request.auth, "federation_peer", None) if request.auth else None
        return peer is not None and peer.active


@extend_schema(exclude=True)  # a protocol between houses, written out in the README
class AskView(ClientAPIView):
    permission_classes = [permissions.IsAuthenticated, HasScopeForOrganisation, IsConfiguredPeer]
    throttle_classes = [PeerRateThrottle]
    required_scope = Scope.FEDERATION_ASK
    model = None

    def throttled(self, request, wait):
        # DRF's own message is half English ("Expected available in 60 seconds.").
        from rest_framework.exceptions import Throttled

        seconds = max(int(wait or 0), 1)
        exc = Throttled(
            detail=f"Te veel vragen van dit huis. Probeert u het over {seconds} seconden opnieuw."
        )
        exc.wait = seconds  # the Retry-After header
        raise exc

    def post(self, request):
        started = time.monotonic()
        peer = request.auth.federation_peer
        try:
            data = request.data
        except ParseError as exc:
            self._log(peer, {}, Outcome.REFUSED, "Geen geldige JSON", started)
            raise exc
        try:
            question = protocol.parse_request(data)
        except protocol.Malformed as exc:
            self._log(
                peer,
                data if isinstance(data, dict) else {},
                Outcome.REFUSED,
                "Ongeldig verzoek: " + "; ".join(exc.errors.values()),
                started,
            )
            detail = exc.errors.pop("detail", "Het verzoek volgt het protocol niet.")
            return Response({"detail": detail, "fields": exc.errors}, status=400)
        house = services.house()
        if house is None or not house.answering:
            self._log(peer, question, Outcome.REFUSED, "Beantwoorden staat uit", started)
            return Response(
                {"detail": "Dit huis beantwoordt op dit moment geen vragen."},
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
            )
        key = FederationKey.objects.filter(key_id=question["key_id"], status__in=ACCEPTED).first()
        if key is None or key.indexed_at is None:
            accepted = list(
                FederationKey.objects.filter(
                    status__in=ACCEPTED, indexed_at__isnull=False
                ).values_list("key_id", flat=True)
            )
            self._log(peer, question, Outcome.REFUSED, "Onbekend sleutel-id", started)
            return Response(
                {
                    "detail": "Dit sleutel-id kennen wij niet (meer).",
                    "code": "onbekende_sleutel",
                    "accepted_key_ids": accepted,
                },
                status=422,
            )
        known = index.known_locally(
            question["subject"], key, trafficking=house.answer_from_trafficking
        )
        self._log(peer, question, Outcome.KNOWN if known else Outcome.UNKNOWN, "", started)
        return Response(
            {
                "protocol": protocol.PROTOCOL,
                "request_id": question["request_id"],
                "house": house.house_id,
                "known": known,
                "contact": house.contact(),
            }
        )

    def _log(self, peer, question, outcome, detail, started):
        request_id = question.get("request_id")
        extra = {"request_id": request_id} if _is_uuid(request_id) else {}
        services.log_query(
            direction=Direction.INCOMING,
            peer=peer,
            peer_name=peer.name,
            asked_by_text=_short(question.get("asked_by")),
            purpose=_short(question.get("purpose")) or "(geen doel opgegeven)",
            key_id=_short(question.get("key_id"))[:32],
            digest=question.get("subject") if _is_digest(question.get("subject")) else "",
            outcome=outcome,
            detail=detail,
            duration_ms=int((time.monotonic() - started) * 1000),
            **extra,
        )


def _short(value) -> str:
    return value.strip()[:300] if isinstance(value, str) else ""


def _is_digest(value) -> bool:
    return isinstance(value, str) and bool(protocol.HEX64.fullmatch(value))


def _is_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except (TypeError, ValueError, AttributeError):
        return False
    return True
