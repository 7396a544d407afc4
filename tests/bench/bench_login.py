"""A login, both steps, as a person does it (issue 24: ≤ 300 ms).

    python -m tests.bench.bench_login [--logins 30]
    make bench BENCH_ARGS="login"

In-process with Django's test client against its own PostgreSQL database
(`zvhd_bench_login`, or BENCH_LOGIN_DATABASE_URL; migrated on the first run), sessions and cache
in Redis (BENCH_REDIS_URL, default database 9) as in production: the login page, the password
step (Argon2id, zvhd/hashers.py), the second-factor step with the current TOTP code, and the
start page it lands on. The user is made inside a transaction that is rolled back. Prints
p50/p95 per step and for the whole login, the load average before and after, and, beside it,
what the same password step costs with Django's own Argon2 parameters.
"""

from __future__ import annotations

import os
import statistics
import time

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/zvhd_bench_login"
TARGET_MS = 300


def _setup() -> None:
    from tests.bench.bench_timeline import _setup as in_process

    in_process(os.environ.get("BENCH_LOGIN_DATABASE_URL", DEFAULT_DB))


def _pct(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def run(argv: list[str]) -> None:
    _setup()
    logins = int(argv[argv.index("--logins") + 1]) if "--logins" in argv else 30

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
    from django.core.cache import cache
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from tests.bench.server import load_average
    from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory
    from zvhd.network.models import Role

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    steps = {"login page": [], "password step": [], "code step": [], "start page": []}
    whole = []
    with transaction.atomic():
        user = UserFactory(
            username="bench.login",
            password=make_password(TEST_PASSWORD),
            roles=[Role.PROCESREGISSEUR],
        )
        print(f"load average before: {load_average()}")
        for i in range(logins + 3):
            # Each login is a new person at the door: a new client, and no rate limit left by
            # the previous one (allauth's per-code replay guard and axes' counters).
            cache.clear()
            AccessAttempt.objects.all().delete()
            client = Client(REMOTE_ADDR=f"10.9.{i // 250}.{i % 250 + 1}")
            timings = {}
            t0 = time.perf_counter()
            assert client.get(reverse("account_login")).status_code == 200
            t1 = time.perf_counter()
            response = client.post(
                reverse("account_login"), {"login": user.username, "password": TEST_PASSWORD}
            )
            assert response["Location"] == reverse("mfa_authenticate"), response
            t2 = time.perf_counter()
            code = format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))
            response = client.post(reverse("mfa_authenticate"), {"code": code})
            assert response.status_code == 302, response.status_code
            t3 = time.perf_counter()
            assert client.get(reverse("start")).status_code == 200
            t4 = time.perf_counter()
            timings = {
                "login page": t1 - t0,
                "password step": t2 - t1,
                "code step": t3 - t2,
                "start page": t4 - t3,
            }
            if i >= 3:  # warm-up
                for name, seconds in timings.items():
                    steps[name].append(seconds * 1000)
                whole.append((t4 - t0) * 1000)
        django_hasher = Argon2PasswordHasher()
        encoded = django_hasher.encode(TEST_PASSWORD, django_hasher.salt())
        django_step = []
        for _ in range(10):
            t = time.perf_counter()
            django_hasher.verify(TEST_PASSWORD, encoded)
            django_step.append((time.perf_counter() - t) * 1000)
        print(f"load average after: {load_average()}")
        transaction.set_rollback(True)
    print()
    print(f"| step ({logins} logins) | p50 ms | p95 ms |")
    print("|---|---:|---:|")
    for name, times in steps.items():
        p50, p95 = _pct(times)
        print(f"| {name} | {p50:.1f} | {p95:.1f} |")
    p50, p95 = _pct(whole)
    print(f"| **the whole login (all four)** | **{p50:.1f}** | **{p95:.1f}** |")
    p50, p95 = _pct(django_step)
    label = "for comparison: Django's Argon2 parameters, the hash check alone"
    print(f"| {label} | {p50:.1f} | {p95:.1f} |")
    print(f"\ntarget: the whole login p95 ≤ {TARGET_MS} ms")


if __name__ == "__main__":
    import sys

    run(sys.argv[1:])
