from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API for partner systems and its machine clients (imports: zvhd.imports)."""

    name = "api"
    verbose_name = _("API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from api import panels
        from zvhd.navigation import NavItem, Panel, register, register_panel
        from zvhd.network.models import Role

        beheer = {Role.FUNCTIONEEL_BEHEERDER}
        register(NavItem(_("API-koppelingen"), "api:client_list", roles=beheer, order=91))
        register_panel(Panel("api/panels/beheer.html", beheer, panels.beheer, order=11))
