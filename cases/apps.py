from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Casussen")

    def ready(self):
        from cases.person_register import KIND
        from persons.registry import register as register_person_kind

        register_person_kind(KIND)
        from cases.imports import CaseImporter
        from zvhd.imports.registry import register as register_importer

        register_importer(CaseImporter)
        from cases.timeline import register_case_sources

        # Other apps add theirs in their own ready() (cases.timeline.register).
        register_case_sources()
        from django.db.models import Q
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from cases import panels
        from cases.filters import forget_filter_choices
        from zvhd.network.models import Municipality, User

        for model in (Municipality, User):
            for signal in (post_save, post_delete):
                signal.connect(forget_filter_choices, sender=model, dispatch_uid=f"cases-{model}")
        m2m_changed.connect(
            forget_filter_choices, sender=User.groups.through, dispatch_uid="cases-user-groups"
        )
        from cases.models import EXCHANGE_TOTALS
        from zvhd.querycache import forgetter

        forget_totals = forgetter(EXCHANGE_TOTALS)
        for model in ("Case", "Enrichment"):
            for signal in (post_save, post_delete):
                # weak=False: the receiver is a closure nothing else holds; a weak reference
                # died with this method, and the totals were never forgotten.
                signal.connect(
                    forget_totals,
                    sender=f"cases.{model}",
                    weak=False,
                    dispatch_uid=f"cases-exchange-totals-{model}",
                )
        from cases import demo, figures, privacy
        from cases.models import CLOSING_APPROVER_ROLES, Case
        from cases.policy import (
            EXCHANGES_ROLES,
            GROUPS,
            KETENKAMER,
            LEGAL_BASIS_ROLES,
            POLICY,
            REGISTER_ROLES,
            TRIAGE_QUEUE_ROLES,
        )
        from zvhd.apps_contract import AppContract, Demo, PrivacyProvider, ReviewedRecord, register
        from zvhd.navigation import NavItem, Panel
        from zvhd.network.models import BUREAU_ROLES, Role
        from zvhd.permissions import VIEW
        from zvhd.privacy.models import RetentionKind

        case_readers = set(POLICY)
        triage = set(TRIAGE_QUEUE_ROLES)
        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(_("Casussen"), "cases:case_list", roles=case_readers, order=10),
                    NavItem(_("Triage"), "cases:triage_queue", roles=triage, order=11),
                    NavItem(
                        _("Ketenkamer"), "cases:ketenkamer_list", roles=KETENKAMER[VIEW], order=12
                    ),
                    NavItem(_("Aanmelden"), "cases:register", roles=REGISTER_ROLES, order=13),
                    NavItem(_("Groepsaanpak"), "cases:group_list", roles=GROUPS[VIEW], order=14),
                    NavItem(
                        _("Instellingen casussen"),
                        "cases:settings",
                        roles={Role.FUNCTIONEEL_BEHEERDER},
                        order=82,
                    ),
                    NavItem(
                        _("Uitwisselingen"), "cases:exchanges", roles=EXCHANGES_ROLES, order=92
                    ),
                    NavItem(
                        _("Grondslagen"),
                        "cases:legal_basis_list",
                        roles=LEGAL_BASIS_ROLES,
                        order=83,
                    ),
                ],
                panels=[
                    Panel(
                        "cases/panels/my_work.html",
                        set(BUREAU_ROLES),
                        panels.my_work,
                        order=1,
                        lead=set(panels.CASE_WORK_ROLES),
                    ),
                    Panel(
                        "cases/panels/triage.html",
                        triage,
                        panels.triage,
                        order=2,
                        lead={Role.LIAISON},  # the ketenkamer's triage first, then the teams
                    ),
                    Panel(
                        "cases/panels/closings.html",
                        set(CLOSING_APPROVER_ROLES),
                        panels.closings,
                        order=45,
                        # Deciding on a proposal to close is the manager's own work: after the
                        # figures, trafficking and the budget, before anyone else's lists.
                        lead=set(CLOSING_APPROVER_ROLES),
                    ),
                    Panel(
                        "cases/panels/partner.html",
                        # A liaison works as a partner does outside the ketenkamer: on the
                        # teams of running cases (the police on most of them) and registering
                        # cases; their start page showed the triage alone.
                        {Role.PARTNERPROFESSIONAL, Role.LIAISON},
                        panels.partner,
                        order=1,
                        lead={Role.PARTNERPROFESSIONAL},
                    ),
                    Panel(
                        "cases/panels/municipality.html",
                        {Role.GEMEENTELIJK_CONTACTPERSOON},
                        panels.municipality,
                        order=1,
                    ),
                ],
                privacy=PrivacyProvider.of(
                    privacy,
                    title="Casussen (procesregie)",
                    retention_kinds=(
                        RetentionKind.CASE_MAATWERK,
                        RetentionKind.CASE_PGA,
                        RetentionKind.REGISTRATION,
                    ),
                    record_models=("cases.case",),
                ),
                reviewed=[
                    # Involved: the director, support, guide or a member of the case team.
                    ReviewedRecord(
                        model=Case,
                        column="cases",
                        involved=lambda user: (
                            Q(director=user) | Q(support=user) | Q(guide=user) | Q(team__user=user)
                        ),
                        detail_url="cases:case_detail",
                    )
                ],
                figures=figures.FIGURES,
                demo=Demo(seed=demo.seed, access_reads=demo.access_reads),
            )
        )
