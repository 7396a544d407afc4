"""Passwords are hashed with Argon2id; a PBKDF2 hash is upgraded at the next login."""

import pytest
from django.contrib.auth.hashers import identify_hasher, make_password
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_a_new_password_is_hashed_with_argon2id():
    encoded = make_password("een-lang-nieuw-wachtwoord")
    assert encoded.startswith("argon2$argon2id$")
    assert identify_hasher(encoded).algorithm == "argon2"


def test_a_pbkdf2_hash_becomes_argon2id_at_the_next_login(client):
    user = UserFactory(
        username="oudgediende", password=make_password(TEST_PASSWORD, hasher="pbkdf2_sha256")
    )
    assert user.password.startswith("pbkdf2_sha256$")
    response = client.post(
        reverse("account_login"), {"login": "oudgediende", "password": TEST_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(TEST_PASSWORD)


def test_a_wrong_password_does_not_touch_the_old_hash(client):
    old = make_password(TEST_PASSWORD, hasher="pbkdf2_sha256")
    user = UserFactory(username="oudgediende", password=old)
    client.post(reverse("account_login"), {"login": "oudgediende", "password": "fout"})
    user.refresh_from_db()
    assert user.password == old


def test_new_hashes_use_owasps_argon2id_parameters():
    """19 MiB, two passes, one lane (zvhd/hashers.py): a login costs tens of milliseconds."""
    encoded = make_password("een-lang-nieuw-wachtwoord")
    assert "$m=19456,t=2,p=1$" in encoded


def test_a_hash_with_djangos_argon2_parameters_is_rewritten_at_the_next_login(client):
    from django.contrib.auth.hashers import Argon2PasswordHasher

    old = Argon2PasswordHasher().encode(TEST_PASSWORD, Argon2PasswordHasher().salt())
    assert "$m=102400,t=2,p=8$" in old
    user = UserFactory(username="oudgediende", password=old)
    response = client.post(
        reverse("account_login"), {"login": "oudgediende", "password": TEST_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    user.refresh_from_db()
    assert "$m=19456,t=2,p=1$" in user.password
    assert user.check_password(TEST_PASSWORD)
