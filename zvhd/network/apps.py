from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "zvhd.network"
    label = "network"
    verbose_name = _("Netwerk")

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from zvhd.navigation import NavItem, register
        from zvhd.network import lockout

        # After axes' receiver (axes is installed before us), so the line knows the count.
        user_login_failed.connect(lockout.log_failure, dispatch_uid="zvhd-log-auth-failure")
        from zvhd.network.models import Role

        register(
            NavItem(
                _("Gebruikers"), "network:user_list", roles={Role.FUNCTIONEEL_BEHEERDER}, order=80
            )
        )
        register(
            NavItem(
                _("Organisaties"),
                "network:organisation_list",
                roles={Role.FUNCTIONEEL_BEHEERDER},
                order=81,
            )
        )
