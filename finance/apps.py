from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Financiën")

    def ready(self):
        from finance import panels
        from finance.models import FINANCE_ROLES
        from zvhd.navigation import NavItem, Panel, register, register_panel
        from zvhd.network.models import Role

        contact = {Role.GEMEENTELIJK_CONTACTPERSOON}
        register(NavItem(_("Financiën"), "finance:home", roles=set(FINANCE_ROLES), order=60))
        register(
            NavItem(_("Bijdrage gemeente"), "finance:my_contribution", roles=contact, order=60)
        )
        register_panel(
            Panel("finance/panels/finance.html", set(FINANCE_ROLES), panels.finance, order=40)
        )
        register_panel(
            Panel("finance/panels/contribution.html", contact, panels.contribution, order=40)
        )
