"""`manage.py contributions YEAR`: that year's municipal contributions as CSV on stdout.

`municipality;amount`, one line per municipality (alphabetical), whole euros, no header: for
scripts and checks. Plus tasks are included in the amount (the total the municipality pays).
"""

import csv

from django.core.management.base import BaseCommand, CommandError

from finance.figures import contributions_for
from finance.models import FinanceYear


class Command(BaseCommand):
    help = "Drukt de gemeentelijke bijdragen van een jaar af als CSV (gemeente;bedrag)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument(
            "--zonder-plustaken",
            action="store_true",
            dest="key_only",
            help="Alleen de bijdrage volgens de verdeelsleutel, zonder plustaken.",
        )

    def handle(self, *args, year, key_only=False, **options):
        # A command run by an operator on the server: no user, so the unscoped base manager.
        finance_year = (
            FinanceYear._base_manager.select_related("distribution_key")
            .prefetch_related(
                "distribution_key__components__municipalities", "plus_tasks__municipalities"
            )
            .filter(year=year)
            .first()
        )
        if finance_year is None:
            raise CommandError(f"Er is geen begrotingsjaar {year}.")
        result = contributions_for(finance_year)
        if result.error:
            raise CommandError(result.error)
        writer = csv.writer(self.stdout, delimiter=";", lineterminator="\n")
        for row in result.rows:
            writer.writerow([row.municipality.name, row.key_amount if key_only else row.total])
