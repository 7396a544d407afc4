"""A Redis cache that treats an unreachable Redis as an empty cache, so pages keep working.

The cache, the session cache (cached_db sessions) and the worker heartbeat live in Redis. When
Redis is down, Django's own RedisCache raises on every call and every page becomes a 500. Here a
connection error or timeout is a miss (reads) or a no-op (writes); sessions then come from the
database, which is their real home anyway.

Django's Redis client makes a new `redis.Redis` object for every call (its constructor sets up
~170 response callbacks: 0.15 ms of CPU each time, three times on a list page); here one is
made per connection pool and kept (`ReusedClients`). A `redis.Redis` is safe to share: each
command takes a connection from the pool and gives it back (issue 24).

Two details keep an outage cheap and safe:
- After a failure this process leaves Redis alone for `RETRY_AFTER` seconds (a small circuit
  breaker), so a Redis that hangs costs one short timeout every few seconds, not one per call.
  The outage is logged once when it starts and once when it ends, not on every call.
- A write or delete that failed may leave an older value behind in Redis (a session that was
  logged out, for instance). This process remembers those keys and deletes them as soon as
  Redis answers again. Entries written by other processes expire with their own timeout
  (15 minutes for sessions).
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("zvhd.cache")

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# Keys to clear after an outage: bounded, so a long outage cannot grow memory without end.
MAX_STALE_KEYS = 10_000


class ReusedClients(RedisCacheClient):
    """Django's client, with one `redis.Redis` per connection pool instead of one per call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    RETRY_AFTER = 5.0

    def __init__(self, server, params):
        options = params.get("OPTIONS", {})
        self.RETRY_AFTER = float(options.pop("retry_after", self.RETRY_AFTER))
        super().__init__(server, params)
        self._class = ReusedClients
        self._down_until = 0.0
        self._down = False
        self._stale: set[str] = set()

    # -- the breaker -------------------------------------------------------------------------
    def _failed(self, operation: str, exc: BaseException) -> None:
        if not self._down:
            logger.warning(
                "Redis cache unreachable (%s: %s); serving without cache",
                operation,
                type(exc).__name__,
                extra={"component": "cache", "event": "cache_down"},
            )
        self._down = True
        self._down_until = time.monotonic() + self.RETRY_AFTER

    def _clear_stale(self) -> None:
        """First thing when Redis answers again: drop what may have gone stale meanwhile.

        Raises when Redis is still away, before any read could serve a stale value.
        """
        stale = list(self._stale)
        if stale:
            super().delete_many(stale)
        self._stale.difference_update(stale)
        self._down = False
        logger.warning(
            "Redis cache reachable again; %s stale keys cleared",
            len(stale),
            extra={"component": "cache", "event": "cache_up"},
        )

    def _remember_stale(self, keys) -> None:
        if keys and len(self._stale) < MAX_STALE_KEYS:
            self._stale.update(keys)

    def _call(self, operation: str, default, *args, stale_keys=(), **kwargs):
        if self._down and time.monotonic() < self._down_until:
            self._remember_stale(stale_keys)
            return default
        try:
            if self._down:
                self._clear_stale()
            return getattr(super(), operation)(*args, **kwargs)
        except UNAVAILABLE as exc:
            self._failed(operation, exc)
            self._remember_stale(stale_keys)
            return default

    # -- reads are misses ------------------------------------------------------------------
    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    # -- writes are no-ops (and their keys are cleared once Redis is back) -----------------
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version, stale_keys=(key,))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # False ("not added") is what a caller using add() as a lock must see while Redis is
        # away: nobody gets a lock that nobody else could see.
        return self._call("add", False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        keys = list(data)
        return self._call("set_many", keys, data, timeout, version, stale_keys=keys)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version, stale_keys=(key,))

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._call("delete_many", None, keys, version, stale_keys=keys)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call("incr", missing, key, delta, version, stale_keys=(key,))
        if result is missing:
            # What every Django cache says about a key it does not have.
            raise ValueError(f"Key '{key}' not found.")
        return result

    def clear(self):
        return self._call("clear", None)
