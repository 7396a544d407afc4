from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AftercareConfig(AppConfig):
    name = "aftercare"
    verbose_name = _("Nazorg ex-gedetineerden")

    def ready(self):
        from aftercare import panels
        from zvhd.navigation import NavItem, Panel, register, register_panel
        from zvhd.network.models import Role

        register(NavItem(_("Nazorg"), "aftercare:record_list", {Role.NAZORGCOORDINATOR}, 30))
        register(
            NavItem(_("Nazorg"), "aftercare:municipal_list", {Role.GEMEENTELIJK_CONTACTPERSOON}, 30)
        )
        register(NavItem(_("Cijfers nazorg"), "aftercare:figures", {Role.MANAGER}, 70))
        register_panel(
            Panel(
                "aftercare/panels/releases.html",
                {Role.NAZORGCOORDINATOR},
                panels.releases,
                order=20,
            )
        )
        register_panel(
            Panel(
                "aftercare/panels/municipality.html",
                {Role.GEMEENTELIJK_CONTACTPERSOON},
                panels.municipality,
                order=30,
            )
        )
