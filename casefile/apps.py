from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasefileConfig(AppConfig):
    """The case file's journal and documents (issue 19, parts 1 and 2)."""

    name = "casefile"
    verbose_name = _("Casusdossier")

    def ready(self):
        from casefile import demo, privacy
        from casefile.closing import outstanding_requests
        from casefile.timeline import register_case_timeline_sources
        from cases import closing

        register_case_timeline_sources()
        # Documents asked of a partner and not yet received: an open point when closing.
        closing.register("casefile-requests", outstanding_requests)
        from zvhd.apps_contract import AppContract, AttachedData, Demo, PrivacyProvider, register

        register(
            AppContract(
                label=self.label,
                privacy=PrivacyProvider.of(
                    privacy,
                    title="Logboek en documenten bij casussen",
                    retention_kinds=(),
                    record_models=(),
                ),
                attached=[
                    AttachedData(
                        record_model="cases.case",
                        destroy=privacy.destroy_with_cases,
                        destroyed=privacy.destroyed_with_cases,
                    )
                ],
                demo=Demo(seed=demo.seed),
            )
        )
