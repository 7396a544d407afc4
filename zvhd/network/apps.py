import sys

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def load_reference_data(
    sender, using=DEFAULT_DB_ALIAS, plan=None, verbosity=1, stdout=None, **kwargs
):
    """After `migrate` (and `flush`): load the reference data that is missing.

    Sent once per app; connected for this app only, so it runs once, after every app's
    migrations. Skipped when a migration was unapplied or a table is missing (a `migrate` to
    an older state): the loader needs the schema of today.
    """
    from zvhd.network.reference import seed_reference

    if using != DEFAULT_DB_ALIAS or any(backwards for _migration, backwards in plan or []):
        return
    introspection = connections[using].introspection
    if set(introspection.django_table_names()) - set(introspection.table_names()):
        return
    added = seed_reference()
    if added and verbosity >= 1:
        counts = ", ".join(f"{number} {kind}" for kind, number in sorted(added.items()))
        (stdout or sys.stdout).write(f"  Referentiegegevens toegevoegd: {counts}\n")


class NetworkConfig(AppConfig):
    name = "zvhd.network"
    label = "network"
    verbose_name = _("Netwerk")

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from zvhd.apps_contract import AppContract, Demo, register
        from zvhd.navigation import NavItem
        from zvhd.network import demo, lockout

        # After axes' receiver (axes is installed before us), so the line knows the count.
        user_login_failed.connect(lockout.log_failure, dispatch_uid="zvhd-log-auth-failure")
        post_migrate.connect(load_reference_data, sender=self, dispatch_uid="zvhd-reference-data")
        from django.db.models.signals import post_delete, post_save

        from zvhd import terms
        from zvhd.network.models import Role, Term

        post_save.connect(terms.forget, sender=Term, dispatch_uid="zvhd-terms-saved")
        post_delete.connect(terms.forget, sender=Term, dispatch_uid="zvhd-terms-deleted")
        from django.core.signals import request_started

        request_started.connect(terms.new_request, dispatch_uid="zvhd-terms-new-request")

        beheer = {Role.FUNCTIONEEL_BEHEERDER}
        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(
                        _("Gebruikers"),
                        "network:user_list",
                        roles=beheer,
                        order=80,
                        lead=beheer,
                    ),
                    NavItem(
                        _("Organisaties"),
                        "network:organisation_list",
                        roles=beheer,
                        order=81,
                        lead=beheer,
                    ),
                    NavItem(
                        _("Gemeenten"),
                        "network:municipality_list",
                        roles=beheer,
                        order=82,
                        lead=beheer,
                    ),
                    NavItem(
                        _("Keuzelijsten"),
                        "network:term_list",
                        roles=beheer,
                        order=83,
                        lead=beheer,
                    ),
                ],
                demo=Demo(seed=demo.seed),
            )
        )
