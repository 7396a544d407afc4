"""Every error of the machine API as JSON with a Dutch `detail`, including the unexpected one."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

logger = logging.getLogger("api")

SERVER_ERROR = (
    "Er ging aan de kant van het ZVHD iets mis. Het is vastgelegd; probeert u het later opnieuw."
)


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return Response(
            {"detail": f"Het verzoek is te groot (meer dan {max(limit // 1024, 1)} kB)."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    response = drf_exception_handler(exc, context)
    if response is not None:
        return response
    # A bug, not the client's fault: logged with its traceback (scrubbed by the log filter),
    # answered as JSON instead of Django's HTML page. Never the exception text to the client.
    request = context.get("request")
    logger.error(
        "Onverwachte fout in de API",
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status_code": 500, "request": getattr(request, "_request", None)},
    )
    set_rollback()
    return Response({"detail": SERVER_ERROR}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
