"""`Authorization: Bearer <key_id>.<secret>`: a machine client acting as its organisation."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from zvhd.network import lockout
from zvhd.network.models import Role


class ClientTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _sep, token = header.partition(" ")
        if keyword != self.keyword:
            return None
        key_id, _dot, secret = token.strip().partition(".")
        from api.models import ApiClient
        from api.services import mark_used, secret_matches

        # Key guessing counts like password guessing (zvhd/network/lockout.py): per key and
        # address, and per address over all keys, so random key ids hit the address limit.
        account = f"api:{key_id[:64]}"
        if lockout.is_locked(request, account):
            raise exceptions.Throttled(
                detail="Te veel mislukte pogingen met een sleutel vanaf dit adres. "
                "Probeert u het later opnieuw."
            )
        client = (
            ApiClient.objects.select_related("user", "organisation").filter(key_id=key_id).first()
            if key_id and secret
            else None
        )
        if client is None or not secret_matches(client, secret):
            lockout.report_failure(request, username=account, step=lockout.API_KEY)
            raise exceptions.AuthenticationFailed("Onbekende of ongeldige sleutel.")
        if not client.is_active or not client.user.is_active:
            raise exceptions.AuthenticationFailed("Deze koppeling is ingetrokken.")
        user = client.user
        # The client acts exactly as a partner professional of its organisation: the cases
        # policy then decides what it sees, as it would for a person (issue 9, API point 3).
        user.__dict__["role_names"] = frozenset({Role.PARTNERPROFESSIONAL})
        mark_used(client)
        return user, client

    def authenticate_header(self, request):
        return 'Bearer realm="zvhd"'


class ClientTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ClientTokenAuthentication"
    name = "clientToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Sleutel van de koppeling: `<sleutel-id>.<geheim>`.",
        }
