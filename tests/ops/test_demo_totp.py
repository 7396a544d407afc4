"""`make totp ACCOUNT=x` (ops/demo_totp.py): the code the login accepts, at once."""

import subprocess
import sys
import time
from pathlib import Path

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from ops import demo_totp
from zvhd.network.demo import DEMO_USERS, demo_totp_secret

BASE = Path(__file__).resolve().parents[2]


def test_every_demo_account_has_the_secret_seed_demo_gives_it():
    for username, *_ in [*DEMO_USERS, ("drieluik",)]:
        assert demo_totp.secret(username) == demo_totp_secret(username)
    assert {u[0] for u in DEMO_USERS} | {"drieluik"} == set(demo_totp.DEMO_ACCOUNTS)


def test_the_code_is_the_one_allauth_computes_for_now():
    now = time.time()
    counter = int(now) // 30
    expected = format_hotp_value(hotp_value(demo_totp_secret("regisseur"), counter))
    assert demo_totp.code("regisseur", at=now) == expected


def test_make_totp_needs_neither_django_nor_a_database():
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "ops/demo_totp.py", "drieluik"],
        cwd=BASE, capture_output=True, text=True,
    )  # fmt: skip
    assert "django" not in result.stderr
    assert result.returncode == 0 and len(result.stdout.strip()) == 6


def test_an_unknown_account_gets_the_list_to_choose_from():
    result = subprocess.run(
        [sys.executable, "ops/demo_totp.py", "niemand"], cwd=BASE, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "'niemand' is geen demo-account" in result.stderr and "regisseur" in result.stderr
