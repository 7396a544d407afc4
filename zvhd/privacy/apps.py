from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "zvhd.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from zvhd.apps_contract import AppContract, Demo, register
        from zvhd.navigation import NavItem
        from zvhd.network.models import Role
        from zvhd.privacy import demo

        officer = {Role.PRIVACY_OFFICER}
        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(
                        _("Toegangslog"),
                        "privacy:access_log",
                        roles=officer,
                        order=90,
                        lead=officer,
                    ),
                    NavItem(
                        _("Inzageverzoeken"),
                        "privacy:access_requests",
                        roles=officer,
                        order=91,
                        lead=officer,
                    ),
                    NavItem(
                        _("Toegangscontrole"),
                        "privacy:access_review",
                        roles=officer,
                        order=92,
                        lead=officer,
                    ),
                    NavItem(
                        _("Bewaartermijnen"),
                        "privacy:retention_terms",
                        roles=officer,
                        order=93,
                        lead=officer,
                    ),
                    # The manager approves destruction lists (four eyes), so sees them too.
                    NavItem(
                        _("Vernietiging"),
                        "privacy:destruction_lists",
                        roles={Role.PRIVACY_OFFICER, Role.MANAGER},
                        order=94,
                        lead=officer,
                    ),
                ],
                demo=Demo(seed=demo.seed, after_seed=demo.after_seed),
            )
        )
