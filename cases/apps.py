from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Casussen")

    def ready(self):
        from cases.imports import CaseImporter
        from zvhd.imports.registry import register as register_importer

        register_importer(CaseImporter)
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
        from cases.policy import GROUPS, KETENKAMER, POLICY, REGISTER_ROLES
        from zvhd.navigation import NavItem, Panel, register, register_panel
        from zvhd.network.models import BUREAU_ROLES, Role
        from zvhd.permissions import VIEW

        case_readers = set(POLICY)
        register(NavItem(_("Casussen"), "cases:case_list", roles=case_readers, order=10))
        register(
            NavItem(
                _("Triage"),
                "cases:triage_queue",
                roles={Role.PROCESREGISSEUR, Role.PROCESONDERSTEUNER, Role.MANAGER, Role.LIAISON},
                order=11,
            )
        )
        register(
            NavItem(_("Ketenkamer"), "cases:ketenkamer_list", roles=KETENKAMER[VIEW], order=12)
        )
        register(NavItem(_("Aanmelden"), "cases:register", roles=REGISTER_ROLES, order=13))
        register(NavItem(_("Groepsaanpak"), "cases:group_list", roles=GROUPS[VIEW], order=14))

        register_panel(
            Panel("cases/panels/my_work.html", set(BUREAU_ROLES), panels.my_work, order=1)
        )
        register_panel(
            Panel(
                "cases/panels/triage.html",
                {Role.PROCESREGISSEUR, Role.PROCESONDERSTEUNER, Role.MANAGER, Role.LIAISON},
                panels.triage,
                order=2,
            )
        )
        register_panel(
            Panel(
                "cases/panels/partner.html",
                {Role.PARTNERPROFESSIONAL},
                panels.partner,
                order=1,
            )
        )
        register_panel(
            Panel(
                "cases/panels/municipality.html",
                {Role.GEMEENTELIJK_CONTACTPERSOON},
                panels.municipality,
                order=1,
            )
        )
