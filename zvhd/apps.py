from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZvhdConfig(AppConfig):
    """The house: start page, navigation, permission mixins, shared template tags."""

    name = "zvhd"
    verbose_name = _("ZVHD")

    def ready(self):
        from zvhd import (
            checks,  # noqa: F401  (registers the deploy checks)
            dates,
            history,
            panels,
        )

        # Before any app's forms are imported: every date field gets the plausible range.
        dates.install()
        history.install()
        from zvhd.apps_contract import AppContract, register
        from zvhd.navigation import Panel
        from zvhd.network.models import Role

        everyone = {role.value for role in Role}
        register(
            AppContract(
                label=self.label,
                panels=[
                    Panel("zvhd/panels/menu.html", everyone, order=98),
                    Panel("zvhd/panels/account.html", everyone, panels.account, order=99),
                    Panel(
                        "zvhd/panels/beheer.html",
                        {Role.FUNCTIONEEL_BEHEERDER},
                        panels.beheer,
                        order=10,
                    ),
                    Panel(
                        "zvhd/panels/privacy.html",
                        {Role.PRIVACY_OFFICER},
                        panels.privacy,
                        order=10,
                    ),
                ],
            )
        )
