"""The committed baseline: what every migration together makes of an empty database, as SQL.

Applying the project's ~110 migrations to a new database costs about a minute of CPU (Django
renders the model states of every operation; every model relates to the user), twice what
`make run` may take in all. So `migrate` (zvhd/management/commands/migrate.py) first loads
`zvhd/baseline.sql` into an *empty* PostgreSQL database - the tables, indexes, constraints,
extensions and the reference rows the migrations insert, with their `django_migrations` rows
- and then applies, as always, only the migrations that are newer than the baseline. A
database that has tables is never touched by it; `migrate --no-baseline` applies every
migration from the start. Rails (structure.sql) and GitLab (db/structure.sql) work the same way.

Kept honest by two checks:

- `manage.py baseline --check` (CI, `.ci/run`): migrates one new database from the start and
  another from the baseline, dumps both and compares them - same tables, same constraints,
  same rows;
- tests/zvhd/test_baseline.py: the baseline records exactly the migrations on disk, so a new
  migration without `make baseline` fails the suite with a message saying what to run.

The file is made by `manage.py baseline` (`make baseline`) with pg_dump, normalised so that it
is the same text for the same migrations: no owners, grants, comments or psql meta-commands,
rows as INSERTs (loaded through the Django connection, no psql needed), and the timestamps
the migrations wrote (`applied`, `history_date`) set to one fixed moment, which loading
replaces by the moment of loading.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import psycopg
from django.db import transaction

BASELINE = Path(__file__).resolve().parent / "baseline.sql"
FIXED_MOMENT = "2000-01-01 00:00:00+00"

# psql meta-commands (pg_dump 17.6+ writes \restrict with a random key), the version header,
# settings an older server does not know, and comments only an extension's owner may set.
_DROP_LINE = re.compile(
    r"^(\\(un)?restrict .*|-- Dumped (from|by) .*|SET transaction_timeout = .*"
    r"|COMMENT ON EXTENSION .*"
    # Attribute options some server builds keep of their own (not part of any schema).
    r"|ALTER TABLE ONLY \S+ ALTER COLUMN \S+ SET \(pg_attver=\d+\);)$"
)


def applicable(connection) -> bool:
    """Whether the baseline may be loaded: PostgreSQL, and not one table in the database yet."""
    if connection.vendor != "postgresql" or not BASELINE.exists():
        return False
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def prepared(sql: str) -> str:
    """The baseline's SQL with its session settings made local to the loading transaction."""
    sql = re.sub(r"^SET (\w+) = ", r"SET LOCAL \1 = ", sql, flags=re.MULTILINE)
    return sql.replace(
        "pg_catalog.set_config('search_path', '', false)",
        "pg_catalog.set_config('search_path', '', true)",
    )


def load(connection) -> None:
    """Load the baseline in one transaction, its timestamps set to the moment of loading."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(prepared(BASELINE.read_text()))
        cursor.execute(STAMP_NOW)


_STAMP = """
    DO $$
    DECLARE c record;
    BEGIN
      FOR c IN SELECT table_name, column_name FROM information_schema.columns
               WHERE table_schema = 'public' AND data_type = 'timestamp with time zone'
      LOOP
        EXECUTE format('UPDATE public.%I SET %I = MOMENT WHERE %I IS NOT NULL',
                       c.table_name, c.column_name, c.column_name);
      END LOOP;
    END $$;
"""
# Every timestamp the migrations wrote (when they were applied, when a reference row or its
# history row was made): the moment of loading, or the fixed moment of the committed file.
STAMP_NOW = _STAMP.replace("MOMENT", "now()")
STAMP_FIXED = _STAMP.replace("MOMENT", f"''{FIXED_MOMENT}''")


def normalise(dump: str) -> str:
    """pg_dump's text without what differs between two dumps of the same migrations: the
    lines above, and the order of a table's rows (pg_dump writes them as they lie on disk)."""
    lines = [line for line in dump.splitlines() if not _DROP_LINE.match(line)]
    out: list[str] = []
    rows: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("INSERT INTO ") and (not rows or _table(line) == _table(rows[0])):
            rows.append(line)
            continue
        out += sorted(rows, key=_row_key)
        rows = [line] if line.startswith("INSERT INTO ") else []
        if not rows:
            out.append(line)
    text = "\n".join(out).rstrip("\n") + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)


def _table(insert: str) -> str:
    return insert.split(" ", 3)[2]


def _row_key(insert: str) -> tuple:
    values = insert.split(" VALUES (", 1)[1]
    first = values.split(",", 1)[0]
    return (int(first), values) if first.isdigit() else (0, values)


def conninfo(settings_dict: dict, database: str | None = None) -> dict:
    """psycopg/libpq connection keywords of a Django database's settings."""
    return {
        "host": settings_dict.get("HOST") or "127.0.0.1",
        "port": str(settings_dict.get("PORT") or 5432),
        "user": settings_dict.get("USER") or "postgres",
        "password": settings_dict.get("PASSWORD") or "",
        "dbname": database or settings_dict["NAME"],
    }


def load_into(settings_dict: dict, sql: str) -> None:
    """Load a dump's SQL into another (empty) database, as `load` does through Django."""
    with psycopg.connect(**conninfo(settings_dict)) as connection:
        connection.execute(prepared(sql))


def dump(settings_dict: dict, pg_dump: str) -> str:
    """The normalised dump of a database, its timestamps set to FIXED_MOMENT first."""
    info = conninfo(settings_dict)
    with psycopg.connect(**info) as connection:
        connection.execute(STAMP_FIXED)
    command = [
        pg_dump,
        "--no-owner",
        "--no-privileges",
        "--no-comments",
        "--inserts",
        "--rows-per-insert=1",
        f"--host={info['host']}",
        f"--port={info['port']}",
        f"--username={info['user']}",
        info["dbname"],
    ]
    result = subprocess.run(  # noqa: S603 - the project's own pg_dump, arguments from settings
        command,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PGPASSWORD": info["password"]},
    )
    return normalise(result.stdout)
