"""Print the current second-factor code of a demo user, for a newcomer without an app."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zvhd.network.demo import DEMO_USERS, demo_totp_secret
from zvhd.network.models import User


class Command(BaseCommand):
    help = "Toont de huidige TOTP-code van een demo-account."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        import time

        from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Alleen voor een demo-omgeving (DEMO_DATA_ALLOWED).")
        known = {u[0] for u in DEMO_USERS} | set(
            User.objects.filter(is_active=True).values_list("username", flat=True)
        )
        if username not in known:
            raise CommandError(f"'{username}' is geen demo-account.")
        counter = int(time.time()) // settings.MFA_TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(demo_totp_secret(username), counter)))
