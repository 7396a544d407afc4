from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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
        from zvhd.network.models import Role

        beheer = {Role.FUNCTIONEEL_BEHEERDER}
        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(_("Gebruikers"), "network:user_list", roles=beheer, order=80),
                    NavItem(_("Organisaties"), "network:organisation_list", roles=beheer, order=81),
                ],
                demo=Demo(seed=demo.seed),
            )
        )
