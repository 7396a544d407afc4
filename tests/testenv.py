"""Loaded by pytest before Django (`-p tests.testenv` in pyproject.toml): the test environment.

Tests run with DEBUG off, like production, but over plain HTTP on the test client and
Playwright's live server, so the secure-transport redirects and cookie flags are relaxed here
(and asserted in tests/zvhd/test_security.py with production values).
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-that-is-long-enough-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("DEMO_DATA_ALLOWED", "true")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("DEBUG", "false")
# Tasks run eagerly in tests, even where REDIS_URL gives the cache a Redis (CI); the real
# worker has a test of its own (tests/zvhd/test_celery_worker.py).
os.environ.setdefault("CELERY_BROKER_URL", "")
# The browser tests run the app in a thread of the test process: Django refuses synchronous
# ORM calls from Playwright's event loop unless told this is a test.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# `make test` runs the suite in two processes (pytest-xdist, one per core): each has its own
# test database (pytest-django adds `_gw0`, `_gw1`) and, with Redis, its own Redis database,
# because every test starts by emptying the cache (FLUSHDB). The first keeps REDIS_URL's
# number, the others take 10, 11, ... (the drills' fixed numbers 6, 7 and 9 stay free).
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
_later = _worker.startswith("gw") and _worker[2:].isdigit() and int(_worker[2:]) > 0
if _later and os.environ.get("REDIS_URL"):
    _base, _, _db = os.environ["REDIS_URL"].rpartition("/")
    if _db.isdigit():
        os.environ["REDIS_URL"] = f"{_base}/{9 + int(_worker[2:])}"

# PostgreSQL is the only engine. Without DATABASE_URL (a fresh clone, `make test`) the suite
# starts the project's own embedded server (ops/devdb.py) and stops it when the run ends,
# unless a `make run` on the same checkout still uses it.
_embedded = None
if not os.environ.get("DATABASE_URL"):
    from ops import devdb

    if not devdb.configured_url():
        _embedded = devdb.in_use()
        os.environ["DATABASE_URL"] = _embedded.__enter__()


def pytest_unconfigure(config):
    if _embedded is not None:
        _embedded.__exit__(None, None, None)
