from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "zvhd.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from zvhd.navigation import NavItem, register
        from zvhd.network.models import Role

        register(
            NavItem(_("Toegangslog"), "privacy:access_log", roles={Role.PRIVACY_OFFICER}, order=90)
        )
        register(
            NavItem(
                _("Inzageverzoeken"),
                "privacy:access_requests",
                roles={Role.PRIVACY_OFFICER},
                order=91,
            )
        )
        register(
            NavItem(
                _("Toegangscontrole"),
                "privacy:access_review",
                roles={Role.PRIVACY_OFFICER},
                order=92,
            )
        )
        register(
            NavItem(
                _("Bewaartermijnen"),
                "privacy:retention_terms",
                roles={Role.PRIVACY_OFFICER},
                order=93,
            )
        )
        # The manager approves destruction lists (four eyes), so sees them in the menu too.
        register(
            NavItem(
                _("Vernietiging"),
                "privacy:destruction_lists",
                roles={Role.PRIVACY_OFFICER, Role.MANAGER},
                order=94,
            )
        )
