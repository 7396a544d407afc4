from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    """ "Known elsewhere?" between Zorg- en Veiligheidshuizen (issue 21, part 5)."""

    name = "federation"
    verbose_name = _("Federatie")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cases.policy import DUPLICATE_CHECK_ROLES
        from federation import index
        from federation.models import LOG_ROLES
        from zvhd.apps_contract import AppContract, register
        from zvhd.navigation import NavItem
        from zvhd.network.models import Role

        index.connect()
        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(
                        _("Andere huizen"),
                        "federation:beheer",
                        roles={Role.FUNCTIONEEL_BEHEERDER},
                        order=92,
                    ),
                    NavItem(
                        _("Bekend bij ander huis?"),
                        "federation:search",
                        roles=set(DUPLICATE_CHECK_ROLES),
                        order=79,
                    ),
                    NavItem(_("Federatievragen"), "federation:log", roles=LOG_ROLES, order=95),
                ],
            )
        )
