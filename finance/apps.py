from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Financiën")

    def ready(self):
        from finance import demo, figures, panels
        from finance.models import FINANCE_ROLES
        from zvhd.apps_contract import AppContract, Demo, register
        from zvhd.navigation import NavItem, Panel
        from zvhd.network.models import Role

        contact = {Role.GEMEENTELIJK_CONTACTPERSOON}
        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(
                        _("Financiën"),
                        "finance:home",
                        roles=set(FINANCE_ROLES),
                        order=60,
                        lead={Role.FINANCIEEL_MEDEWERKER, Role.MANAGER},
                    ),
                    NavItem(
                        _("Bijdrage gemeente"),
                        "finance:my_contribution",
                        roles=contact,
                        order=60,
                        lead=contact,
                    ),
                ],
                panels=[
                    Panel(
                        "finance/panels/finance.html",
                        set(FINANCE_ROLES),
                        panels.finance,
                        order=40,
                        lead={Role.FINANCIEEL_MEDEWERKER, Role.MANAGER},
                    ),
                    Panel(
                        "finance/panels/contribution.html",
                        contact,
                        panels.contribution,
                        order=40,
                        lead=contact,
                    ),
                ],
                figures=figures.FIGURES,
                demo=Demo(seed=demo.seed),
            )
        )
