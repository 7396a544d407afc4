from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    """Advice and information hub, the sociale kaart, signalling patterns."""

    name = "advice"
    verbose_name = _("Advies en informatieknooppunt")

    def ready(self):
        from advice import demo, figures, panels
        from advice.imports import AdviceImporter
        from zvhd.imports.registry import register as register_importer

        register_importer(AdviceImporter)
        from django.db.models.signals import post_save

        from advice.topics import follow_term
        from zvhd.network.models import Term

        post_save.connect(follow_term, sender=Term, dispatch_uid="advice-topic-follows-term")
        from django.db.models.signals import post_delete

        from advice.counts import forget_counts_on_write
        from advice.models import AdviceRecord

        for signal in (post_save, post_delete):
            signal.connect(
                forget_counts_on_write, sender=AdviceRecord, dispatch_uid="advice-counts"
            )
        from advice.models import ADVICE_POLICY, DIRECTORY_POLICY, SIGNAL_POLICY, roles_for
        from zvhd.apps_contract import AppContract, Demo, register
        from zvhd.navigation import NavItem, Panel
        from zvhd.permissions import CHANGE, VIEW

        writers = roles_for(ADVICE_POLICY, CHANGE)
        readers = roles_for(ADVICE_POLICY, VIEW)
        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(
                        _("Vraag vastleggen"),
                        "advice:quick",
                        roles=writers,
                        order=15,
                        accesskey="v",
                    ),
                    NavItem(_("Advies"), "advice:list", roles=readers, order=30),
                    NavItem(
                        _("Sociale kaart"),
                        "advice:directory",
                        roles=roles_for(DIRECTORY_POLICY, VIEW),
                        order=70,
                    ),
                    NavItem(
                        _("Signalen"),
                        "advice:signal_list",
                        roles=roles_for(SIGNAL_POLICY, VIEW),
                        order=75,
                    ),
                ],
                panels=[
                    # The quick form first on the start page of whoever answers the phone.
                    Panel("advice/panels/quick.html", writers, panels.quick, order=5),
                    Panel("advice/panels/summary.html", readers, panels.summary, order=40),
                ],
                # No privacy provider: an advice record holds no person data (registry.py).
                figures=figures.FIGURES,
                demo=Demo(seed=demo.seed),
            )
        )
