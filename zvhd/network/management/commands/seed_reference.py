"""Load the reference data that is missing (zvhd/network/reference.py). Safe to run any time.

`migrate` does the same at its end (post_migrate); this command is for a database that was
migrated while the loader could not run, and to see what it adds.
"""

from django.core.management.base import BaseCommand

from zvhd.network.reference import seed_reference


class Command(BaseCommand):
    help = "Laadt de ontbrekende referentiegegevens (gemeenten, organisaties, aandachtsgebieden)."

    def handle(self, *args, **options):
        added = seed_reference()
        if not added:
            self.stdout.write("Referentiegegevens: alles was er al.")
        for kind, number in sorted(added.items()):
            self.stdout.write(f"Referentiegegevens: {number} {kind} toegevoegd.")
