"""Failure drill: Redis is down and the pages keep working.

Nothing shared is stopped: the cache is pointed at a closed port on loopback (Redis refuses at
once) or at a socket that accepts and never answers (Redis hangs). The real Redis, when used,
is only our own database number, and only keys this test wrote.
"""

import logging
import os
import socket
import time

import pytest
import redis
from django.core.cache import caches
from django.test import Client

from tests.bench.server import free_port
from zvhd.cache import ResilientRedisCache

REAL_REDIS = os.environ.get("OPS_TEST_REDIS_URL", "redis://127.0.0.1:6379/6")


def resilient(location: str, **options) -> dict:
    return {
        "default": {
            "BACKEND": "zvhd.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "zvhd-ops-test",
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3, **options},
        }
    }


@pytest.fixture
def redis_refuses(settings):
    """The cache and the session cache point at a port where nothing listens."""
    settings.CACHES = resilient(f"redis://127.0.0.1:{free_port()}/6")
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return settings


@pytest.fixture
def redis_hangs(settings):
    """A socket that accepts connections (the kernel's backlog) and never says a word."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)
    settings.CACHES = resilient(f"redis://127.0.0.1:{silent.getsockname()[1]}/6")
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield settings
    silent.close()


def test_pages_keep_working_for_a_logged_in_user_when_redis_refuses(redis_refuses, cast, client):
    client.force_login(cast.regisseur)
    for _ in range(3):
        response = client.get("/")
        assert response.status_code == 200
    # The session lives in the database, so the user stays logged in through the outage.
    assert response.wsgi_request.user == cast.regisseur


def test_logging_in_works_when_redis_refuses(redis_refuses, cast, client):
    client.force_login(cast.gemeente)
    assert client.get("/").status_code == 200
    client.logout()
    assert client.get("/").status_code == 302


def test_the_outage_is_logged_once_not_on_every_call(redis_refuses, caplog):
    cache = caches["default"]
    with caplog.at_level(logging.WARNING, logger="zvhd.cache"):
        for _ in range(20):
            assert cache.get("anything") is None
            cache.set("anything", 1)
    assert len([r for r in caplog.records if r.name == "zvhd.cache"]) == 1


def test_the_cache_api_answers_as_an_empty_cache_when_redis_refuses(redis_refuses):
    cache = caches["default"]
    assert cache.get("k", "standaard") == "standaard"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("k") is False
    assert cache.add("k", 1) is False
    assert cache.set_many({"a": 1}) == ["a"]
    assert cache.get_or_set("k", 5) == 5
    with pytest.raises(ValueError):
        cache.incr("teller")
    cache.delete("k")
    cache.delete_many(["a"])
    cache.clear()


def test_a_hanging_redis_costs_one_timeout_then_is_skipped(redis_hangs, cast, client):
    client.force_login(cast.regisseur)
    started = time.monotonic()
    for _ in range(5):
        assert client.get("/").status_code == 200
    # One 0.3 s timeout opens the breaker; without it every cache call would wait 0.3 s.
    assert time.monotonic() - started < 3


@pytest.fixture
def real_redis():
    try:
        redis.Redis.from_url(REAL_REDIS, socket_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI and not reachable at {REAL_REDIS}")
        pytest.skip(f"Redis not reachable at {REAL_REDIS}")
    cache = ResilientRedisCache(
        REAL_REDIS, {"KEY_PREFIX": "zvhd-ops-test", "OPTIONS": {"retry_after": 0}}
    )
    yield cache
    cache.delete_many(["sessie", "rapport"])


def test_keys_written_during_an_outage_are_cleared_when_redis_is_back(real_redis):
    cache = real_redis
    cache.set("sessie", "ingelogd")
    # The outage: this process cannot reach Redis while the user logs out.
    cache._failed("delete", ConnectionError("drill"))
    cache._down_until = time.monotonic() + 60
    cache.delete("sessie")
    assert cache.get("sessie") is None  # a miss while down
    # Redis answers again: the stale session is gone before anyone can read it.
    cache._down_until = 0
    assert cache.get("sessie") is None
    assert cache._stale == set()
    cache.set("rapport", 1)
    assert cache.get("rapport") == 1


def test_healthz_says_degraded_but_stays_in_rotation_when_redis_is_down(redis_refuses, db):
    redis_refuses.REDIS_URL = redis_refuses.CACHES["default"]["LOCATION"]
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["redis"] == "error"


def test_one_redis_client_serves_every_call_and_the_values_still_round_trip(real_redis):
    """Django makes a redis.Redis per call (0.15 ms of CPU each); ours makes one per pool."""
    cache = real_redis
    cache.set("rapport", {"jaar": 2026})
    first = cache._cache.get_client(write=True)
    assert cache.get("rapport") == {"jaar": 2026}
    assert cache._cache.get_client() is first
    assert cache._cache.get_client(write=True) is first
    assert cache.add("teller", 1) is True
    assert cache.incr("teller") == 2
    cache.delete("teller")
    assert cache.get("teller") is None
