from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """The one import framework of the house: upload, dry run, worker, report.

    Apps bring their importers (`<app>/imports.py`) and register them in their own ready().
    """

    name = "zvhd.imports"
    label = "imports"
    verbose_name = _("Import")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from zvhd.apps_contract import AppContract, register
        from zvhd.navigation import NavItem
        from zvhd.network.models import Role

        beheer = {Role.FUNCTIONEEL_BEHEERDER}
        register(
            AppContract(
                label=self.label,
                menu=[NavItem(_("Import"), "imports:list", roles=beheer, order=92, lead=beheer)],
            )
        )
