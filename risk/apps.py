from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    name = "risk"
    verbose_name = _("Risicotaxatie en veiligheid")

    def ready(self):
        from django.contrib.postgres.expressions import ArraySubquery
        from django.db.models import OuterRef, Q

        from cases import extensions
        from risk import demo, panels, privacy
        from risk.policy import MANAGE_ROLES
        from zvhd.apps_contract import AppContract, Demo, PrivacyProvider, register
        from zvhd.navigation import NavItem, Panel
        from zvhd.network.models import BUREAU_ROLES

        def flag_labels():
            """The kinds of the flags in force on a case: its own and its person's, as an
            array in the list's one query (a correlated subquery, no query per row)."""
            from risk.models import SafetyFlag

            return ArraySubquery(
                SafetyFlag.objects.filter(lifted_on=None)
                .filter(Q(case_id=OuterRef("pk")) | Q(person_id=OuterRef("person_id")))
                .order_by("kind__order", "kind__name")
                .values("kind__name")
                .distinct()
            )

        extensions.register_list_badges(
            extensions.ListBadges(
                key="safety_flag_labels", header=_("Veiligheid"), expression=flag_labels
            )
        )
        extensions.register_detail_section(
            extensions.DetailSection(
                template="risk/partials/case_section.html", context=panels.case_section, order=10
            )
        )
        extensions.register_tab(
            extensions.CaseTab(_("Risico en veiligheid"), "risk:case_risk", "risico", order=60)
        )
        extensions.on_anonymise("risk", privacy.erase_cases)
        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(
                        _("Risico-instrumenten"),
                        "risk:instrument_list",
                        roles=MANAGE_ROLES,
                        order=82,
                    )
                ],
                panels=[
                    Panel(
                        "risk/panels/reviews.html", set(BUREAU_ROLES), panels.reviews_due, order=3
                    )
                ],
                privacy=PrivacyProvider.of(
                    privacy,
                    title="Risicotaxaties en veiligheidssignalen",
                    retention_kinds=(),
                    record_models=(),
                ),
                demo=Demo(seed=demo.seed),
            )
        )
