import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The cast has 17 users with a password; the real hasher costs seconds per test.

    Login is not what these tests are about (tests/e2e/test_login.py covers it), so a cheap
    hasher keeps the permission matrix fast on a shared machine.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def topics(db):
    """Migration 0002 adds the topics, but a browser test's flush removes them again."""
    from advice.topics import ensure_topics

    ensure_topics()
