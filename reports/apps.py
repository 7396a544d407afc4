from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapportages")

    def ready(self):
        from reports import panels
        from reports.policy import roles_for
        from zvhd.navigation import NavItem, Panel, register, register_panel
        from zvhd.network.models import Role
        from zvhd.permissions import CHANGE

        register(NavItem(_("Cijfers"), "reports:dashboard", roles=roles_for("dashboard"), order=60))
        register(
            NavItem(
                _("Thematische overleggen"),
                "reports:thematic",
                roles=roles_for("thematic", CHANGE),
                order=61,
            )
        )
        register(
            NavItem(
                _("Factsheets"),
                "reports:factsheets",
                roles={Role.GEMEENTELIJK_CONTACTPERSOON},
                order=62,
            )
        )
        register_panel(
            Panel("reports/panels/figures.html", roles_for("dashboard"), panels.figures, order=20)
        )
