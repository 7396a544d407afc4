"""`make totp ACCOUNT=regisseur`: the current six-digit second-factor code of a demo account.

Standard library only, so it answers at once, with or without a running database: the demo's
TOTP secrets are derived from the username (zvhd.network.demo.demo_totp_secret, which a test
keeps equal to `secret` below) and the code is RFC 6238 with 30-second steps, as allauth
checks it. Only for the demo: a real account's secret is random and stays in the database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import sys
import time

PERIOD = 30  # settings.MFA_TOTP_PERIOD
DEMO_ACCOUNTS = (
    "regisseur", "ondersteuner", "begeleider", "nazorg", "mensenhandel", "manager",
    "liaison.politie", "liaison.om", "partner", "gemeente.assen", "financien", "beheerder",
    "privacy", "drieluik",
)  # fmt: skip


def secret(username: str) -> str:
    digest = hashlib.sha256(f"zvhd-demo-totp:{username}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


def code(username: str, at: float | None = None) -> str:
    counter = int(time.time() if at is None else at) // PERIOD
    key = base64.b32decode(secret(username))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in DEMO_ACCOUNTS:
        print(
            f"'{argv[0] if argv else ''}' is geen demo-account. Kies uit: "
            + ", ".join(DEMO_ACCOUNTS)
            + "\nGebruik: make totp ACCOUNT=regisseur",
            file=sys.stderr,
        )
        return 2
    print(code(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
