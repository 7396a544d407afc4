"""The keyed hash of a BSN (the protocol's one piece of cryptography) and the encryption of
the secrets this app must be able to read back (the federation keys, our outbound tokens).

HMAC input (README, "Federatie"): the UTF-8 bytes of `"bsn:"` followed by the nine digits of
the BSN (spaces, dots and dashes removed, an eight-digit BSN padded with a leading zero, the
elfproef passed). Output: the 64 lowercase hex digits of HMAC-SHA256. A BSN has fewer than
10^9 values, so the hash protects only as long as the key stays among the houses.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

from django.conf import settings

PREFIX = b"bsn:"
KEY_BYTES = 32  # a shared key has at least 256 bits


class InvalidBSN(ValueError):
    pass


def normalise_bsn(value: str) -> str:
    """The nine digits the hash is taken of; `InvalidBSN` for anything that is not a BSN."""
    from stdnum.nl import bsn

    digits = "".join(ch for ch in str(value or "") if ch not in " .-\t")
    if not digits.isascii() or not digits.isdigit() or not 8 <= len(digits) <= 9:
        raise InvalidBSN(value)
    digits = digits.zfill(9)
    if not bsn.is_valid(digits):
        raise InvalidBSN(value)
    return digits


def digest(key: bytes, bsn: str) -> str:
    return hmac.new(key, PREFIX + normalise_bsn(bsn).encode("ascii"), hashlib.sha256).hexdigest()


def digest_or_none(key: bytes, bsn: str) -> str | None:
    try:
        return digest(key, bsn)
    except InvalidBSN:
        return None


def new_key() -> str:
    """A fresh shared key, as the houses exchange it: base64 of 32 random bytes."""
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def parse_key(text: str) -> bytes:
    """The key bytes of a pasted base64 key; ValueError when it is not one of 32+ bytes."""
    try:
        raw = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not base64") from None
    if len(raw) < KEY_BYTES:
        raise ValueError("too short")
    return raw


def _fernet():
    from cryptography.fernet import Fernet

    secret = settings.FEDERATION_SECRET_KEY or settings.SECRET_KEY
    derived = hashlib.sha256(b"zvhd-federatie:" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(derived))


def seal(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode() if plain else ""


def unseal(sealed: str) -> str:
    from cryptography.fernet import InvalidToken

    if not sealed:
        return ""
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken:
        # The encryption key changed: the beheerder enters the secret again.
        return ""


def key_bytes(key) -> bytes | None:
    """The raw bytes of a FederationKey, or None when it is retired or unreadable."""
    text = unseal(key.secret)
    if not text:
        return None
    try:
        return parse_key(text)
    except ValueError:
        return None
