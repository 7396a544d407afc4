import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The cast's 17 passwords with the production hasher cost ~10 s per test; these tests
    are not about passwords (tests/e2e logs in for real)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
