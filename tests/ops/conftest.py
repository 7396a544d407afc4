"""Helpers for the operations drills: PostgreSQL of our own, never a shared server's state."""

import os
import subprocess

import pytest
from django.conf import settings


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "postgres_drill: needs PostgreSQL on loopback (runs in CI, skipped locally without it)",
    )


def postgres_or_skip():
    """The configured PostgreSQL, or a skip locally and a failure in CI."""
    db = settings.DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        if os.environ.get("CI"):
            pytest.fail("CI runs the drills against PostgreSQL; DATABASE_URL is not PostgreSQL")
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    return db


def psql(db: dict, sql: str, database: str = "postgres") -> str:
    env = {**os.environ, "PGHOST": db["HOST"] or "127.0.0.1", "PGPORT": str(db["PORT"] or 5432)}
    if db["USER"]:
        env["PGUSER"] = db["USER"]
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    result = subprocess.run(
        ["psql", "-d", database, "-tAX", "-v", "ON_ERROR_STOP=1"],
        input=sql,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def drill_database_url() -> tuple[str, str]:
    """`<DATABASE_URL's database>_restore` on the same server: the drills' own database."""
    import environ

    url = os.environ.get("DATABASE_URL", "")
    name = environ.Env.db_url_config(url)["NAME"] if url.startswith("postgres") else "zvhd"
    drill = os.environ.get("OPS_DRILL_DATABASE", f"{name}_restore")
    return drill, url.rsplit("/", 1)[0] + f"/{drill}"


def manage(env: dict, *args: str) -> str:
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


@pytest.fixture(scope="session")
def seeded_drill_database(tmp_path_factory):
    """A database of the drills' own, migrated and seeded with the demo data, once a run."""
    db = postgres_or_skip()
    name, url = drill_database_url()
    media = tmp_path_factory.mktemp("drill-media")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(media),
        "DEBUG": "true",
        "DEMO_DATA_ALLOWED": "true",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
        "LOG_LEVEL": "WARNING",
    }
    psql(db, f'drop database if exists "{name}" with (force);')
    psql(db, f'create database "{name}";')
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo")
    yield {"db": db, "name": name, "url": url, "env": env, "media": media}
    psql(db, f'drop database if exists "{name}" with (force);')
