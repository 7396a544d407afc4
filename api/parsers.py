"""The API's JSON parser: bounded in size and depth, and Dutch when the body is not JSON.

DRF's JSONParser hands any `ValueError` to the client as "JSON parse error - Expecting value:
line 1 column 1" (English, and Python's wording), lets the RecursionError of `[` x 5000 escape
as a 500, and reads a body of any size (Django's DATA_UPLOAD_MAX_MEMORY_SIZE guards
`request.body`, which DRF does not use). No message of ours nests deeper than a few levels.
"""

from __future__ import annotations

import json

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import APIException, ParseError

MAX_DEPTH = 20
# A registration with every text field full is under 40 kB; a megabyte list of numbers took
# a second to refuse. Smaller than Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB, for forms).
MAX_BYTES = 256 * 1024
NOT_JSON = "De inhoud van het verzoek is geen geldige JSON."


def too_deep(data, limit: int = MAX_DEPTH) -> bool:
    """Whether lists and objects nest deeper than `limit` (iterative: no recursion to exhaust)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class TooLarge(APIException):
    status_code = 413
    default_code = "too_large"


def _no_constants(name):
    raise ValueError(name)  # NaN and Infinity are not JSON


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = min(MAX_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE or MAX_BYTES)
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise TooLarge(f"Het verzoek is te groot (meer dan {max(limit // 1024, 1)} kB).")
        try:
            data = json.loads(raw.decode(encoding), parse_constant=_no_constants)
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise ParseError(NOT_JSON) from None
        if too_deep(data):
            raise ParseError(
                f"{NOT_JSON[:-1]} voor deze API: lijsten en objecten zijn dieper genest dan "
                f"{MAX_DEPTH} niveaus."
            )
        return data
