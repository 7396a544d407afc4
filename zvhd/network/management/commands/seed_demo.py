"""Fill the database with fictitious demo data. Safe to run twice.

The house seeds municipalities, organisations and one user per role; then every installed app
that offers demo data in its contract (`zvhd.apps_contract.Demo`) gets its turn
(`seed(stdout=..., rng=...)`), in INSTALLED_APPS order. A demo that builds on the other apps'
data (the privacy app's destruction list needs their closed records) also has
`after_seed(stdout=..., rng=...)`, called once every app has seeded.

Each app seeds in a transaction of its own: an app's demo that fails leaves none of its
records behind. Inside it the services' own atomic blocks make no savepoints
(`zvhd.batch.without_savepoints`): a quarter of the statements, and nothing a demo needs.
"""

import random
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from zvhd.apps_contract import contracts
from zvhd.batch import without_savepoints
from zvhd.network.demo import account_table


class Command(BaseCommand):
    help = "Laadt fictieve demogegevens (veilig om vaker te draaien)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="Seed voor het toeval.")
        parser.add_argument(
            "--accounts-file",
            default="",
            help="Schrijf na het laden de demo-accounts (als demo_accounts) naar dit bestand.",
        )

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Demogegevens maken accounts met een bekend wachtwoord; dat mag alleen als "
                "DEMO_DATA_ALLOWED aan staat (standaard alleen met DEBUG aan)."
            )
        rng = random.Random(options["seed"])
        later = []
        for contract in contracts():
            if contract.demo is None:
                continue
            config = apps.get_app_config(contract.label)
            self.stdout.write(f"Demogegevens: {config.verbose_name}")
            with transaction.atomic(), without_savepoints():
                contract.demo.seed(stdout=self.stdout, rng=rng)
            if contract.demo.after_seed is not None:
                later.append((config, contract.demo.after_seed))
        for config, after_seed in later:
            self.stdout.write(f"Demogegevens (afronding): {config.verbose_name}")
            with transaction.atomic(), without_savepoints():
                after_seed(stdout=self.stdout, rng=rng)
        self.stdout.write(self.style.SUCCESS("Klaar."))
        if options["accounts_file"]:
            # `make run` prints this table when it serves: written here, by the process that
            # is already set up, instead of a Django process of its own (3 s) at the end.
            Path(options["accounts_file"]).write_text(account_table())
