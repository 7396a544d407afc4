from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programma's")

    def ready(self):
        from programmes import demo, figures
        from programmes.policy import MANAGE_ROLES
        from zvhd.apps_contract import AppContract, Demo, register
        from zvhd.navigation import NavItem

        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(
                        _("Programma's"), "programmes:programme_list", roles=MANAGE_ROLES, order=82
                    )
                ],
                figures=figures.FIGURES,
                demo=Demo(seed=demo.seed),
            )
        )
