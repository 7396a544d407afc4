"""Demo data of the house: one fictitious user per role.

Run by `manage.py seed_demo` (which then runs every app's own `demo.seed`). The municipalities
and organisations are reference data, loaded by `migrate` (zvhd/network/reference.py), not
demo data. Safe to run twice: every account is looked up by its username and updated in place.
"""

import base64
import functools
import hashlib

from django.contrib.auth.hashers import make_password
from django.db import transaction

from zvhd.network.models import Municipality, Organisation, OrganisationKind, Role, User
from zvhd.network.reference import seed_reference
from zvhd.network.services import ensure_role_groups, save_user

DEMO_PASSWORD = "demo-zvhd-2026"

# (username, first name, last name, role, organisation short name or kind, municipality)
DEMO_USERS = [
    ("regisseur", "Ria", "Regisseur", Role.PROCESREGISSEUR, "ZVHD", None),
    ("ondersteuner", "Otto", "Ondersteuner", Role.PROCESONDERSTEUNER, "ZVHD", None),
    ("begeleider", "Bea", "Begeleider", Role.TRAJECTBEGELEIDER, "ZVHD", None),
    ("nazorg", "Nina", "Nazorg", Role.NAZORGCOORDINATOR, "ZVHD", None),
    ("mensenhandel", "Mees", "Ketenregisseur", Role.KETENREGISSEUR_MENSENHANDEL, "ZVHD", None),
    ("manager", "Mila", "Manager", Role.MANAGER, "ZVHD", None),
    ("liaison.politie", "Pim", "Politie", Role.LIAISON, OrganisationKind.POLITIE, None),
    ("liaison.om", "Olga", "Officier", Role.LIAISON, OrganisationKind.OM, None),
    ("partner", "Petra", "Partner", Role.PARTNERPROFESSIONAL, OrganisationKind.GGZ, None),
    ("gemeente.assen", "Gijs", "Gemeente", Role.GEMEENTELIJK_CONTACTPERSOON, "gemeente", "Assen"),
    ("financien", "Femke", "Financiën", Role.FINANCIEEL_MEDEWERKER, "ZVHD", None),
    ("beheerder", "Bram", "Beheerder", Role.FUNCTIONEEL_BEHEERDER, "ZVHD", None),
    ("privacy", "Pia", "Privacy", Role.PRIVACY_OFFICER, "ZVHD", None),
]


@functools.cache
def demo_password_hash() -> str:
    """DEMO_PASSWORD hashed once a run for every demo account.

    A password hash costs about half a second of CPU by design (PBKDF2); fourteen accounts
    hashed one by one were the slowest part of seeding the house. The accounts share the salt,
    which tells nothing here: their password is printed on the screen anyway.
    """
    return make_password(DEMO_PASSWORD)


def demo_totp_secret(username: str) -> str:
    """A fixed secret per demo user, so a re-seed keeps the authenticator app working."""
    digest = hashlib.sha256(f"zvhd-demo-totp:{username}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


def _organisation_for(key, municipality):
    if key == "ZVHD":
        return Organisation.objects.filter(kind=OrganisationKind.ZVHD).first()
    if key == "gemeente":
        return Organisation.objects.filter(
            kind=OrganisationKind.GEMEENTE, municipality=municipality
        ).first()
    return Organisation.objects.filter(kind=key).order_by("name").first()


def seed_users(stdout) -> list[tuple[str, str, str]]:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    ensure_role_groups()
    created = []
    for username, first, last, role, org_key, municipality_name in DEMO_USERS:
        municipality = (
            Municipality.objects.get(name=municipality_name) if municipality_name else None
        )
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@zvhd.example"
        user.organisation = _organisation_for(org_key, municipality)
        user.municipality = municipality
        user.is_active = True
        user.password = demo_password_hash()
        save_user(user=user, roles=[role], changed_by=None)
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, demo_totp_secret(username))
            RecoveryCodes.activate(user)
        created.append((username, str(Role(role).label), demo_totp_secret(username)))
    return created


@transaction.atomic
def seed(*, stdout, rng) -> None:
    # The reference data is there after `migrate` (zvhd/network/reference.py); loading what is
    # missing costs one query when it is, and makes the demo work on a database that was
    # migrated before the loader existed.
    seed_reference()
    users = seed_users(stdout)
    stdout.write(account_table(users))


def account_table(users=None) -> str:
    """The demo accounts as `make run` prints them: username, role, TOTP secret.

    Without `users`, every active account with a second factor, the house's first and then
    the ones the apps' demos added (the Drieluik member), as the database has them.
    """
    if users is None:
        from allauth.mfa.models import Authenticator

        order = {username: index for index, (username, *_rest) in enumerate(DEMO_USERS)}
        accounts = (
            User.objects.filter(is_active=True, authenticator__type=Authenticator.Type.TOTP)
            .prefetch_related("groups")
            .distinct()
        )
        users = [
            (user.username, ", ".join(user.roles), demo_totp_secret(user.username))
            for user in sorted(accounts, key=lambda u: (order.get(u.username, 99), u.username))
        ]
    lines = [
        f"\nDemo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD})",
        "Tweede factor: voeg het TOTP-geheim toe aan een authenticator-app, of vraag de",
        "huidige code op met: make totp ACCOUNT=<gebruikersnaam>",
        "",
        *(
            f"  {username:<18} {label:<30} TOTP-geheim {secret}"
            for username, label, secret in users
        ),
    ]
    return "\n".join(lines) + "\n"
