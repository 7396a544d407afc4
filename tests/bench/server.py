"""Shared benchmark plumbing: a database, gunicorn on loopback, a logged-in session, a load loop.

Everything stays on 127.0.0.1 and every loop is bounded in requests and seconds.
"""

from __future__ import annotations

import http.client
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]
PY = sys.executable


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: a timing on a shared machine means little
    without them (every bench prints them before and after)."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f} ({os.cpu_count()} CPUs)"


def bench_env(database_url: str, **extra) -> dict:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "STATIC_MANIFEST": "false",
        "DEMO_DATA_ALLOWED": "true",
        "BENCH_PAGES": "true",
        "CELERY_BROKER_URL": "",
        "LOG_LEVEL": "WARNING",
    }
    env.update(extra)
    return env


def default_database_url(name: str, *, fresh: bool = False) -> str:
    """BENCH_DATABASE_URL; else the PostgreSQL on loopback's port 5432 when it answers (as in
    CI); else the project's own embedded server (ops/devdb.py), started if needed. `fresh`:
    the bench's own database `name` is made anew (a run then does not start from what the
    runs before it wrote)."""
    from ops import devdb

    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return url
    psql = [devdb.program("psql"), "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-tAc"]
    if subprocess.run([*psql, "select 1"], capture_output=True, text=True).returncode:
        port = devdb.start()
        psql = [devdb.program("psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
                "-d", "postgres", "-tAc"]  # fmt: skip
        base = f"postgres://postgres@127.0.0.1:{port}"
    else:
        base = "postgres://postgres@127.0.0.1:5432"
    exists = subprocess.run(
        [*psql, f"select 1 from pg_database where datname='{name}'"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if exists and fresh:
        subprocess.run([*psql, f'drop database "{name}" with (force)'], check=True)
    if not exists or fresh:
        subprocess.run([*psql, f'create database "{name}"'], check=True)
    return f"{base}/{name}"


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=BASE, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def session_cookie(env: dict, username: str) -> str:
    """A session for `username` made with Django's test client (second factor counted done)."""
    code = (
        "from django.test import Client; from django.conf import settings; "
        "from zvhd.network.models import User; c = Client(); "
        f"c.force_login(User.objects.get(username={username!r})); "
        "print(c.cookies[settings.SESSION_COOKIE_NAME].value)"
    )
    return manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(
    env: dict,
    workers: int = 2,
    access_log: str = os.devnull,
    config: str = "zvhd/gunicorn.conf.py",
):
    """gunicorn with the production config (zvhd/gunicorn.conf.py: the workers' warm-up, the
    scrubbed access line), its access lines to `access_log`. Without Redis (bench_house on a
    machine without one) each worker keeps its own cache, which the config otherwise refuses.
    `config`: the load bench's tests/bench/gunicorn_cpu.conf.py adds the CPU per view."""
    if not env.get("REDIS_URL"):
        env = {**env, "ALLOW_PROCESS_LOCAL_CACHE": "true"}
    port = free_port()
    process = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "zvhd.wsgi",
            "--config",
            config,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--access-logfile",
            access_log,
        ],
        cwd=BASE,
        env=env,
    )
    try:
        # Generous: three workers import Django at once, on two cores that may be busy.
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                conn.getresponse().read()
                break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("gunicorn did not start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def load(
    port: int,
    path: str,
    cookie: str,
    *,
    requests: int = 300,
    concurrency: int = 4,
    max_seconds: float = 60,
) -> dict:
    """GET `path` `requests` times from `concurrency` threads; returns rps, p50, p95, errors."""
    headers = {"Cookie": f"sessionid={cookie}"}
    deadline = time.monotonic() + max_seconds

    def one(_):
        if time.monotonic() > deadline:
            return None
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        return time.perf_counter() - start, response.status

    for _ in range(10):  # warm-up: imports, template cache, connections
        one(None)
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = [r for r in pool.map(one, range(requests)) if r is not None]
    elapsed = time.perf_counter() - started
    latencies = sorted(r[0] for r in results)
    errors = sum(1 for r in results if r[1] != 200)
    if errors:
        print(f"  {path}: status codes {sorted({r[1] for r in results})}")
    return {
        "requests": len(results),
        "rps": len(results) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "errors": errors,
    }


def print_table(rows: list[tuple[str, dict]]) -> None:
    print(f"{'page':<34} {'req':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
    for name, r in rows:
        print(
            f"{name:<34} {r['requests']:>5} {r['rps']:>8.1f} {r['p50_ms']:>8.1f} "
            f"{r['p95_ms']:>8.1f} {r['errors']:>6}"
        )
