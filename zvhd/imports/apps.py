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
        from zvhd.navigation import NavItem, register
        from zvhd.network.models import Role

        register(NavItem(_("Import"), "imports:list", roles={Role.FUNCTIONEEL_BEHEERDER}, order=92))
