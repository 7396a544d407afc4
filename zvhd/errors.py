"""Error pages: Django's HTML pages for people, JSON for the machine API.

A partner system that calls an address under `API_JSON_PREFIXES` gets a JSON body with a
Dutch `detail` for every status, also where DRF never ran: an unknown address (404), a body
Django refused (400) or a failure before or after the view (500). DRF's own views answer
through `api.exceptions.exception_handler`.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.views import defaults

API_JSON_PREFIXES = ("/api/v1/", "/api/schema/")

MESSAGES = {
    400: "Het verzoek is ongeldig.",
    403: "U heeft geen toegang tot dit adres.",
    404: "Dit adres bestaat niet in de API.",
    500: "Er ging aan de kant van het ZVHD iets mis. Het is vastgelegd; probeert u het later "
    "opnieuw.",
}


def wants_json(request) -> bool:
    return request.path.startswith(API_JSON_PREFIXES)


def _json(status: int) -> JsonResponse:
    return JsonResponse({"detail": MESSAGES[status]}, status=status)


def bad_request(request, exception=None):
    return _json(400) if wants_json(request) else defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    if wants_json(request):
        return _json(403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    return _json(404) if wants_json(request) else defaults.page_not_found(request, exception)


def server_error(request):
    return _json(500) if wants_json(request) else defaults.server_error(request)
