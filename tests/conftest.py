import pytest
from django.core.cache import cache

from tests.cast import build_cast


@pytest.fixture
def cast(db):
    """One user per role (see tests/cast.py)."""
    return build_cast()


@pytest.fixture
def client_for(client):
    """`client_for(user)`: the test client logged in as `user` (second factor already done)."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (it is Redis in CI and keeps used TOTP codes)."""
    cache.clear()
    yield
