from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API for partner systems and its machine clients (imports: zvhd.imports)."""

    name = "api"
    verbose_name = _("API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from api import panels
        from zvhd.apps_contract import AppContract, register
        from zvhd.navigation import NavItem, Panel
        from zvhd.network.models import Role

        beheer = {Role.FUNCTIONEEL_BEHEERDER}
        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(_("API-koppelingen"), "api:client_list", roles=beheer, order=91),
                ],
                panels=[Panel("api/panels/beheer.html", beheer, panels.beheer, order=11)],
            )
        )
