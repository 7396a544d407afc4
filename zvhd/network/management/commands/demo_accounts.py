"""Print the demo accounts with their role and TOTP secret (`make run` ends with the same table,
which `seed_demo --accounts-file` writes)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zvhd.network.demo import account_table


class Command(BaseCommand):
    help = "Toont de demo-accounts met hun rol en TOTP-geheim."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Alleen voor een demo-omgeving (DEMO_DATA_ALLOWED).")
        self.stdout.write(account_table(), ending="")
