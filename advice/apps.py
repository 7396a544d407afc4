from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    """Advice and information hub, the sociale kaart, signalling patterns."""

    name = "advice"
    verbose_name = _("Advies en informatieknooppunt")

    def ready(self):
        from advice.imports import AdviceImporter
        from zvhd.imports.registry import register as register_importer

        register_importer(AdviceImporter)
        from advice import panels
        from advice.models import ADVICE_POLICY, DIRECTORY_POLICY, SIGNAL_POLICY, roles_for
        from zvhd.navigation import NavItem, Panel, register, register_panel
        from zvhd.permissions import CHANGE, VIEW

        writers = roles_for(ADVICE_POLICY, CHANGE)
        register(
            NavItem(_("Vraag vastleggen"), "advice:quick", roles=writers, order=15, accesskey="v")
        )
        register(
            NavItem(_("Advies"), "advice:list", roles=roles_for(ADVICE_POLICY, VIEW), order=30)
        )
        register(
            NavItem(
                _("Sociale kaart"),
                "advice:directory",
                roles=roles_for(DIRECTORY_POLICY, VIEW),
                order=70,
            )
        )
        register(
            NavItem(
                _("Signalen"), "advice:signal_list", roles=roles_for(SIGNAL_POLICY, VIEW), order=75
            )
        )
        # The quick form first on the start page of whoever answers the phone.
        register_panel(Panel("advice/panels/quick.html", writers, panels.quick, order=5))
        register_panel(
            Panel(
                "advice/panels/summary.html",
                roles_for(ADVICE_POLICY, VIEW),
                panels.summary,
                order=40,
            )
        )
