from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraffickingConfig(AppConfig):
    """Human trafficking: signals, the Drieluik, follow-up, CoMensha, awareness work."""

    name = "trafficking"
    verbose_name = _("Mensenhandel")

    def ready(self):
        from persons.registry import register as register_person_kind
        from trafficking.person_register import KIND

        register_person_kind(KIND)
        from django.db.models import Q

        from trafficking import demo, figures, panels, privacy
        from trafficking.models import FIGURE_ROLES, POLICY, Signal
        from zvhd.apps_contract import AppContract, Demo, PrivacyProvider, ReviewedRecord, register
        from zvhd.navigation import NavItem, Panel
        from zvhd.network.models import Role
        from zvhd.privacy.models import RetentionKind

        register_roles = set(POLICY)
        director = {Role.KETENREGISSEUR_MENSENHANDEL}
        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(
                        _("Mensenhandel"),
                        "trafficking:signal_list",
                        register_roles,
                        order=40,
                        lead=director,
                    ),
                    NavItem(
                        _("Drieluik"),
                        "trafficking:meeting_list",
                        register_roles,
                        order=41,
                        lead=director,
                    ),
                    # Everyone else sees the anonymous counts only.
                    NavItem(
                        _("Cijfers mensenhandel"),
                        "trafficking:figures",
                        FIGURE_ROLES - register_roles,
                        order=80,
                    ),
                ],
                panels=[
                    Panel(
                        "trafficking/panels/chain_director.html",
                        {Role.KETENREGISSEUR_MENSENHANDEL},
                        panels.chain_director,
                        order=20,
                    ),
                    Panel(
                        "trafficking/panels/drieluik.html",
                        {Role.DRIELUIK_LID},
                        panels.drieluik_member,
                        order=20,
                    ),
                    Panel(
                        "trafficking/panels/manager.html",
                        {Role.MANAGER},
                        panels.manager,
                        order=40,
                        lead={Role.MANAGER},
                    ),
                ],
                privacy=PrivacyProvider.of(
                    privacy,
                    title="Mensenhandel",
                    retention_kinds=(RetentionKind.TRAFFICKING,),
                    record_models=("trafficking.signal",),
                ),
                reviewed=[
                    # Involved: whoever entered the signal; the chain director reads every
                    # signal (that is her job).
                    ReviewedRecord(
                        model=Signal,
                        column="signals",
                        involved=lambda user: Q(created_by=user),
                        detail_url="trafficking:signal_detail",
                        exempt_roles=frozenset({Role.KETENREGISSEUR_MENSENHANDEL.value}),
                    )
                ],
                figures=figures.FIGURES,
                demo=Demo(seed=demo.seed, access_reads=demo.access_reads),
            )
        )
