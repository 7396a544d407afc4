"""`migrate`, which on an empty database first loads the committed baseline (zvhd/baseline.py).

Everything else is Django's own command: after the baseline it applies the migrations that
are newer than it, and runs the post-migrate steps (content types, permissions, the
reference data) as always. `--no-baseline` applies every migration from the start.
"""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

from zvhd import baseline


class Command(DjangoMigrate):
    help = (
        DjangoMigrate.help
        + " On an empty PostgreSQL database the committed baseline (zvhd/baseline.sql) is"
        " loaded first; only newer migrations are then applied."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-baseline",
            action="store_true",
            help="Apply every migration from the start, without the committed baseline.",
        )

    def handle(self, *args, **options):
        whole_project = not options.get("app_label") and not options.get("migration_name")
        changes_nothing = options.get("plan") or options.get("check_unapplied")
        if (
            whole_project
            and not changes_nothing
            and not options.get("fake")
            and not options.get("no_baseline")
        ):
            connection = connections[options["database"]]
            if baseline.applicable(connection):
                if options["verbosity"] >= 1:
                    self.stdout.write(
                        self.style.MIGRATE_HEADING("Lege database: de baseline laden")
                        + f" ({baseline.BASELINE.name})"
                    )
                baseline.load(connection)
        return super().handle(*args, **options)
