"""The committed baseline (zvhd/baseline.py): current, loaded only into an empty database.

That the baseline *equals* the migrations is proven in CI by `manage.py baseline --check`
(two new databases, one migrated from the start, dumps compared); this suite's own test
database is made from it (pytest-django runs `migrate`, which loads it).
"""

import re

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from zvhd import baseline

RECORDED = re.compile(
    r"^INSERT INTO public\.django_migrations VALUES \(\d+, '(\w+)', '(\w+)', '[^']*'\);$",
    re.MULTILINE,
)


def recorded_migrations() -> set[tuple[str, str]]:
    return set(RECORDED.findall(baseline.BASELINE.read_text()))


def test_the_baseline_records_every_migration_on_disk():
    on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    recorded = recorded_migrations()
    assert recorded, "the baseline records no migration"
    missing, stale = on_disk - recorded, recorded - on_disk
    assert not missing and not stale, (
        f"zvhd/baseline.sql is behind the migrations (new: {sorted(missing)[:5]}, gone: "
        f"{sorted(stale)[:5]}): run `make baseline` and commit the file"
    )


def test_the_baseline_is_plain_sql_without_psql_commands_or_owners():
    text = baseline.BASELINE.read_text()
    assert not re.search(r"^\\", text, re.MULTILINE)
    assert "OWNER TO" not in text and "GRANT " not in text
    assert "-- Dumped from" not in text
    assert baseline.FIXED_MOMENT in text


def test_normalise_drops_what_differs_between_two_dumps():
    dump = (
        "\\restrict abc123\n-- Dumped from database version 15.20\n-- Dumped by pg_dump 18.6\n"
        "SET transaction_timeout = 0;\nCOMMENT ON EXTENSION x IS 'y';\nCREATE TABLE t ();\n"
        "\n\n\n\\unrestrict abc123\n"
    )
    assert baseline.normalise(dump) == "CREATE TABLE t ();\n"


def test_normalise_orders_a_tables_rows_by_their_key():
    dump = (
        "INSERT INTO public.t VALUES (10, 'b');\nINSERT INTO public.t VALUES (9, 'a');\n"
        "INSERT INTO public.u VALUES ('x');\n"
    )
    assert baseline.normalise(dump).splitlines() == [
        "INSERT INTO public.t VALUES (9, 'a');",
        "INSERT INTO public.t VALUES (10, 'b');",
        "INSERT INTO public.u VALUES ('x');",
    ]


@pytest.mark.django_db
def test_a_database_with_tables_is_never_loaded_into():
    assert not baseline.applicable(connection)


@pytest.mark.django_db
def test_loading_stamps_the_moment_of_loading():
    with connection.cursor() as cursor:
        cursor.execute("select min(applied) from django_migrations")
        (applied,) = cursor.fetchone()
    assert applied.year >= 2026
