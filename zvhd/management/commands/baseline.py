"""`manage.py baseline`: write zvhd/baseline.sql; `--check`: prove it equals the migrations.

Both work in new databases of their own beside the configured one (`<name>_baseline_*`),
dropped afterwards, on the same server: a dump depends on the server's version, so the check
compares two dumps made by one server, never a dump with the committed text.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from contextlib import contextmanager
from urllib.parse import quote

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops import devdb
from zvhd import baseline


class Command(BaseCommand):
    help = "Write zvhd/baseline.sql from the migrations, or --check that it equals them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Migrate one database from the start and one from the baseline; compare.",
        )

    def handle(self, *args, check=False, **options):
        server = settings.DATABASES["default"]
        pg_dump = devdb.program("pg_dump")
        with self.database(server, "migrations") as from_migrations:
            self.migrate(from_migrations, "--no-baseline")
            first = baseline.dump(from_migrations, pg_dump)
        # Once more through a load: PostgreSQL keeps a CHECK constraint as the parse tree of
        # the SQL it was given, so a constraint read back from a dump prints differently
        # from the one a migration wrote (`IN (...)` against `= ANY (ARRAY[...])`). After
        # one round trip the text is stable.
        with self.database(server, "roundtrip") as roundtrip:
            baseline.load_into(roundtrip, first)
            expected = baseline.dump(roundtrip, pg_dump)
        if not check:
            baseline.BASELINE.write_text(expected)
            self.stdout.write(f"{baseline.BASELINE} geschreven ({len(expected):,} tekens).")
            return
        with self.database(server, "baseline") as from_baseline:
            self.migrate(from_baseline)
            actual = baseline.dump(from_baseline, pg_dump)
        if actual != expected:
            diff = difflib.unified_diff(
                expected.splitlines(), actual.splitlines(), "migraties", "baseline", lineterm=""
            )
            self.stdout.write("\n".join(list(diff)[:120]))
            raise CommandError(
                "De baseline wijkt af van de migraties: draai `make baseline` en commit "
                "zvhd/baseline.sql."
            )
        self.stdout.write("De baseline is gelijk aan de migraties.")

    @contextmanager
    def database(self, server: dict, purpose: str):
        name = f"{server['NAME']}_baseline_{purpose}"[:63]
        info = baseline.conninfo(server, "postgres")
        with psycopg.connect(**info, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        try:
            yield {**server, "NAME": name}
        finally:
            with psycopg.connect(**info, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def migrate(self, database: dict, *extra: str) -> None:
        info = baseline.conninfo(database)
        url = (
            f"postgres://{quote(info['user'])}:{quote(info['password'])}@{info['host']}:"
            f"{info['port']}/{info['dbname']}"
        )
        subprocess.run(  # noqa: S603 - this project's manage.py
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0", *extra],
            cwd=settings.BASE_DIR,
            env={**os.environ, "DATABASE_URL": url},
            check=True,
        )
