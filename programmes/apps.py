from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programma's")

    def ready(self):
        from programmes import demo, figures, privacy
        from programmes.policy import MANAGE_ROLES
        from zvhd.apps_contract import AppContract, AttachedData, Demo, PrivacyProvider, register
        from zvhd.navigation import NavItem

        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(
                        _("Programma's"), "programmes:programme_list", roles=MANAGE_ROLES, order=82
                    )
                ],
                # The periods are case data: in the inzage, and destroyed with their case.
                privacy=PrivacyProvider.of(
                    privacy, title="Programma's", retention_kinds=(), record_models=()
                ),
                attached=[
                    AttachedData(
                        record_model="cases.case",
                        destroy=privacy.destroy_with_cases,
                        destroyed=privacy.destroyed_with_cases,
                    )
                ],
                figures=figures.FIGURES,
                demo=Demo(seed=demo.seed),
            )
        )
