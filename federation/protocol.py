"""The wire format of the question "is this person known to you?" (README, "Federatie").

Kept apart from the views and the client so that both sides read the same rules.
"""

from __future__ import annotations

import re
import uuid

PROTOCOL = "zvh-federatie/1"
PATH = "api/v1/federatie/vraag/"  # below a peer's base URL
REQUEST_FIELDS = {"protocol", "request_id", "key_id", "subject", "purpose", "asked_by", "house"}
HEX64 = re.compile(r"[0-9a-f]{64}")
KEY_ID = re.compile(r"[-a-zA-Z0-9_]{1,32}")
HOUSE_ID = re.compile(r"[-a-zA-Z0-9_]{1,50}")
MAX_ANSWER_BYTES = 8 * 1024


class Malformed(ValueError):
    """A request or answer that does not follow the protocol; `errors` per field, in Dutch."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def _text(data, name, errors, *, low, high, label):
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        errors[name] = f"{label} is verplicht."
        return ""
    value = value.strip()
    if len(value) < low:
        errors[name] = f"{label} is te kort (ten minste {low} tekens)."
    elif len(value) > high:
        errors[name] = f"{label} is te lang (ten hoogste {high} tekens)."
    elif any(ord(ch) < 32 for ch in value):
        errors[name] = f"{label} bevat stuurtekens."
    return value


def parse_request(data) -> dict:
    """The validated question, or `Malformed` with a Dutch message per field."""
    if not isinstance(data, dict):
        raise Malformed({"detail": "Het verzoek moet een JSON-object zijn."})
    errors = {}
    unknown = sorted(set(data) - REQUEST_FIELDS)
    if unknown:
        errors["detail"] = "Onbekende velden: " + ", ".join(unknown[:5]) + "."
    if data.get("protocol") != PROTOCOL:
        errors["protocol"] = f"Het protocol moet '{PROTOCOL}' zijn."
    request_id = data.get("request_id")
    try:
        request_id = str(uuid.UUID(request_id)) if isinstance(request_id, str) else None
    except ValueError:
        request_id = None
    if request_id is None:
        errors["request_id"] = "Het vraagnummer moet een UUID zijn."
    key_id = data.get("key_id")
    if not isinstance(key_id, str) or not KEY_ID.fullmatch(key_id):
        errors["key_id"] = "Het sleutel-id ontbreekt of is ongeldig."
    subject = data.get("subject")
    if not isinstance(subject, str) or not HEX64.fullmatch(subject):
        errors["subject"] = "Het onderwerp moet de HMAC-SHA256 zijn: 64 kleine hexadecimale tekens."
    house = data.get("house")
    if not isinstance(house, str) or not HOUSE_ID.fullmatch(house):
        errors["house"] = "De code van het vragende huis ontbreekt of is ongeldig."
    purpose = _text(data, "purpose", errors, low=5, high=300, label="Het doel")
    asked_by = _text(data, "asked_by", errors, low=2, high=150, label="Wie vraagt")
    if errors:
        raise Malformed(errors)
    return {
        "request_id": request_id,
        "key_id": key_id,
        "subject": subject,
        "purpose": purpose,
        "asked_by": asked_by,
        "house": house,
    }


def parse_answer(data, *, request_id: str) -> dict:
    """A peer's answer, checked as strictly as a question: `Malformed` when it is not one."""
    if not isinstance(data, dict):
        raise Malformed({"detail": "geen JSON-object"})
    if data.get("protocol") != PROTOCOL or data.get("request_id") != request_id:
        raise Malformed({"detail": "protocol of vraagnummer klopt niet"})
    known = data.get("known")
    if not isinstance(known, bool):
        raise Malformed({"known": "geen ja of nee"})
    contact = data.get("contact")
    if not isinstance(contact, dict):
        raise Malformed({"contact": "geen contactpunt"})
    cleaned = {}
    for name, size in (("role", 150), ("email", 200), ("phone", 30)):
        value = contact.get(name, "")
        if not isinstance(value, str) or len(value) > size or any(ord(c) < 32 for c in value):
            raise Malformed({"contact": f"{name} ongeldig"})
        cleaned[name] = value.strip()
    house = data.get("house")
    if not isinstance(house, str) or not HOUSE_ID.fullmatch(house):
        raise Malformed({"house": "ongeldig"})
    return {"known": known, "contact": cleaned, "house": house}
