"""Every authentication step is limited and locks out like the password (zvhd/network/lockout.py).

Before: after the right password, 60 wrong TOTP codes all answered "Ongeldige code" and the
right code then logged in; nothing reached axes, nothing was logged. API keys could be guessed
without limit.
"""

import logging

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.api.factories import make_client
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET

pytestmark = pytest.mark.django_db

API = "/api/v1/aanmeldingen/"


def current_code():
    import time

    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))


def wrong_code():
    right = current_code()
    return next(c for c in ("000000", "111111", "222222") if c != right)


def password_step(client, username="regisseur", address="10.0.0.1"):
    response = client.post(
        reverse("account_login"),
        {"login": username, "password": TEST_PASSWORD},
        REMOTE_ADDR=address,
    )
    assert response["Location"] == reverse("mfa_authenticate")


def code_step(client, code, address="10.0.0.1"):
    return client.post(reverse("mfa_authenticate"), {"code": code}, REMOTE_ADDR=address)


def test_sixty_wrong_totp_codes_lock_the_account_and_the_right_code_is_then_refused(client, cast):
    password_step(client)
    statuses = [code_step(client, wrong_code()).status_code for _ in range(60)]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert set(statuses[limit - 1 :]) == {429}, "locked from the fifth wrong code on"

    response = code_step(client, current_code())
    assert response.status_code == 429
    body = response.content.decode()
    assert "tijdelijk geblokkeerd" in body and "functioneel beheerder" in body
    assert "de komende 30 minuten niet inloggen" in body and "PT30M" not in body
    assert client.get(reverse("start")).status_code == 302, "not logged in"


def test_the_beheerders_unlock_lets_the_right_code_in_again(client, cast):
    password_step(client)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        code_step(client, wrong_code())
    assert code_step(client, current_code()).status_code == 429

    from zvhd.network.services import unlock

    unlock(user=cast.regisseur)
    response = code_step(client, current_code())
    assert response.status_code == 302
    assert client.get(reverse("start")).status_code == 200


def test_the_beheerder_page_unlocks_a_second_factor_lockout(client, cast, client_for):
    password_step(client)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        code_step(client, wrong_code())
    assert AccessAttempt.objects.filter(username="regisseur").exists()
    beheer = Client()
    beheer.force_login(cast.beheerder)
    detail = beheer.get(reverse("network:user_detail", args=[cast.regisseur.pk]))
    assert detail.context["locked"]
    beheer.post(reverse("network:user_unlock", args=[cast.regisseur.pk]))
    assert not AccessAttempt.objects.filter(username="regisseur").exists()
    assert code_step(client, current_code()).status_code == 302


def test_wrong_recovery_codes_lock_like_totp_codes_and_the_right_one_is_then_refused(client, cast):
    codes = RecoveryCodes.activate(cast.regisseur).get_unused_codes()
    password_step(client)
    statuses = [
        code_step(client, f"zz{n:06d}").status_code for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429 and statuses[0] == 200
    assert code_step(client, codes[0]).status_code == 429
    recovery = Authenticator.objects.get(user=cast.regisseur, type="recovery_codes")
    assert codes[0] in recovery.wrap().get_unused_codes(), "the refused code is not used up"


def test_wrong_passwords_and_wrong_codes_count_together(client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(
            reverse("account_login"),
            {"login": "regisseur", "password": "fout"},
            REMOTE_ADDR="10.0.0.1",
        )
    password_step(client)
    assert code_step(client, wrong_code()).status_code == 429


def test_an_account_is_locked_after_failures_from_many_addresses(client, cast, settings):
    settings.AUTH_ACCOUNT_FAILURE_LIMIT = 8
    statuses = []
    for n in range(8):
        password_step(client, address=f"10.0.1.{n}")
        statuses.append(code_step(client, wrong_code(), address=f"10.0.1.{n}").status_code)
    assert statuses == [200] * 7 + [429], "one failure per address, locked at the eighth"
    # A ninth address, never seen before, with the right password: locked all the same.
    response = Client().post(
        reverse("account_login"),
        {"login": "regisseur", "password": TEST_PASSWORD},
        REMOTE_ADDR="10.0.1.99",
    )
    assert response.status_code == 429
    # The beheer page shows it as locked (with the unlock button), and the unlock lifts it.
    beheer = Client()
    beheer.force_login(cast.beheerder)
    detail = beheer.get(reverse("network:user_detail", args=[cast.regisseur.pk]))
    assert detail.context["locked"]
    beheer.post(reverse("network:user_unlock", args=[cast.regisseur.pk]))
    password_step(Client(), address="10.0.1.99")


def test_an_address_is_locked_after_failures_for_many_accounts(client, cast, settings):
    settings.AUTH_ADDRESS_FAILURE_LIMIT = 6
    for n in range(6):
        client.post(
            reverse("account_login"),
            {"login": f"gok{n}", "password": "fout"},
            REMOTE_ADDR="10.0.2.1",
        )
    response = client.post(
        reverse("account_login"),
        {"login": "regisseur", "password": TEST_PASSWORD},
        REMOTE_ADDR="10.0.2.1",
    )
    assert response.status_code == 429
    # Another address is not affected.
    password_step(client, address="10.0.2.2")


def test_api_key_guessing_is_limited_per_address(client, cast, settings):
    api_client, token = make_client(organisation=cast.ggz, created_by=cast.beheerder)
    limit = settings.AUTH_ADDRESS_FAILURE_LIMIT
    statuses = [
        client.get(
            API, HTTP_AUTHORIZATION=f"Bearer k{n:07d}.geraden", REMOTE_ADDR="10.0.3.1"
        ).status_code
        for n in range(limit + 5)
    ]
    assert statuses[:limit] == [401] * limit
    assert statuses[limit:] == [429] * 5
    response = client.get(API, HTTP_AUTHORIZATION=f"Bearer {token}", REMOTE_ADDR="10.0.3.1")
    assert response.status_code == 429, "even the right key, from the guessing address"
    assert response["Content-Type"].startswith("application/json")
    assert "Te veel mislukte pogingen" in response.json()["detail"]
    ok = client.get(API, HTTP_AUTHORIZATION=f"Bearer {token}", REMOTE_ADDR="10.0.3.2")
    assert ok.status_code == 200


def test_a_wrong_secret_for_a_real_key_locks_that_key_from_that_address(client, cast):
    api_client, token = make_client(organisation=cast.ggz, created_by=cast.beheerder)
    key_id = token.split(".", 1)[0]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.get(API, HTTP_AUTHORIZATION=f"Bearer {key_id}.fout", REMOTE_ADDR="10.0.4.1")
    assert (
        client.get(API, HTTP_AUTHORIZATION=f"Bearer {token}", REMOTE_ADDR="10.0.4.1").status_code
        == 429
    )


def test_every_failure_is_logged_without_what_was_typed(client, cast, caplog):
    caplog.set_level(logging.WARNING, logger="zvhd.auth")
    client.post(reverse("account_login"), {"login": "regisseur", "password": "geheim-fout"})
    password_step(client, address="127.0.0.1")
    code_step(client, "123456", address="127.0.0.1")
    code_step(client, "abcd-efgh", address="127.0.0.1")
    client.get(API, HTTP_AUTHORIZATION="Bearer raadsel.gok")
    records = [r for r in caplog.records if r.name == "zvhd.auth"]
    assert [r.auth_step for r in records] == ["wachtwoord", "code", "herstelcode", "api-sleutel"]
    assert records[1].user_id == cast.regisseur.pk
    text = " ".join(r.getMessage() for r in records)
    for secret in ("geheim-fout", "123456", "abcd-efgh", "raadsel", "regisseur"):
        assert secret not in text
    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert "123456" not in stored and "abcd-efgh" not in stored, "axes keeps no codes"


def test_wrong_codes_when_asked_again_for_the_second_factor_lock_out_too(cast, client_for):
    client = client_for(cast.regisseur)
    url = reverse("mfa_reauthenticate")
    assert client.get(url).status_code == 200
    statuses = [client.post(url, {"code": wrong_code()}).status_code for _ in range(6)]
    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[-1] == 429
    assert client.post(url, {"code": current_code()}).status_code == 429
