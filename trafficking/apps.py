from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraffickingConfig(AppConfig):
    """Human trafficking: signals, the Drieluik, follow-up, CoMensha, awareness work."""

    name = "trafficking"
    verbose_name = _("Mensenhandel")

    def ready(self):
        from trafficking import panels
        from trafficking.models import FIGURE_ROLES, POLICY
        from zvhd.navigation import NavItem, Panel, register, register_panel
        from zvhd.network.models import Role

        register_roles = set(POLICY)
        register(NavItem(_("Mensenhandel"), "trafficking:signal_list", register_roles, order=40))
        register(NavItem(_("Drieluik"), "trafficking:meeting_list", register_roles, order=41))
        # Everyone else sees the anonymous counts only.
        register(
            NavItem(
                _("Cijfers mensenhandel"),
                "trafficking:figures",
                FIGURE_ROLES - register_roles,
                order=80,
            )
        )
        register_panel(
            Panel(
                "trafficking/panels/chain_director.html",
                {Role.KETENREGISSEUR_MENSENHANDEL},
                panels.chain_director,
                order=20,
            )
        )
        register_panel(
            Panel(
                "trafficking/panels/drieluik.html",
                {Role.DRIELUIK_LID},
                panels.drieluik_member,
                order=20,
            )
        )
        register_panel(
            Panel("trafficking/panels/manager.html", {Role.MANAGER}, panels.manager, order=40)
        )
