from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapportages")

    def ready(self):
        from reports import demo, panels
        from reports.policy import roles_for
        from zvhd.apps_contract import AppContract, Demo, register
        from zvhd.navigation import NavItem, Panel
        from zvhd.network.models import Role
        from zvhd.permissions import CHANGE

        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(
                        _("Cijfers"),
                        "reports:dashboard",
                        roles=roles_for("dashboard"),
                        order=60,
                        lead={Role.MANAGER, Role.GEMEENTELIJK_CONTACTPERSOON},
                    ),
                    NavItem(
                        _("Thematische overleggen"),
                        "reports:thematic",
                        roles=roles_for("thematic", CHANGE),
                        order=61,
                        lead={Role.MANAGER},
                    ),
                    NavItem(
                        _("Factsheets"),
                        "reports:factsheets",
                        roles={Role.GEMEENTELIJK_CONTACTPERSOON},
                        order=62,
                        lead={Role.GEMEENTELIJK_CONTACTPERSOON},
                    ),
                ],
                panels=[
                    Panel(
                        "reports/panels/figures.html",
                        roles_for("dashboard"),
                        panels.figures,
                        order=20,
                        lead={Role.MANAGER},
                    )
                ],
                demo=Demo(seed=demo.seed, after_seed=demo.after_seed),
            )
        )
