from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AftercareConfig(AppConfig):
    name = "aftercare"
    verbose_name = _("Nazorg ex-gedetineerden")

    def ready(self):
        from aftercare.person_register import KIND
        from persons.registry import register as register_person_kind

        register_person_kind(KIND)
        from django.db.models import Q

        from aftercare import demo, figures, panels, privacy
        from aftercare.models import AftercareRecord
        from zvhd.apps_contract import AppContract, Demo, PrivacyProvider, ReviewedRecord, register
        from zvhd.navigation import NavItem, Panel
        from zvhd.network.models import Role
        from zvhd.privacy.models import RetentionKind

        coordinator, contact = {Role.NAZORGCOORDINATOR}, {Role.GEMEENTELIJK_CONTACTPERSOON}
        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(
                        _("Nazorg"),
                        "aftercare:record_list",
                        coordinator,
                        30,
                        lead=coordinator,
                    ),
                    NavItem(_("Nazorg"), "aftercare:municipal_list", contact, 30, lead=contact),
                    NavItem(
                        _("Cijfers nazorg"),
                        "aftercare:figures",
                        {Role.MANAGER},
                        70,
                        lead={Role.MANAGER},
                    ),
                ],
                panels=[
                    Panel("aftercare/panels/releases.html", coordinator, panels.releases, order=20),
                    Panel(
                        "aftercare/panels/municipality.html",
                        contact,
                        panels.municipality,
                        order=30,
                    ),
                ],
                privacy=PrivacyProvider.of(
                    privacy,
                    title="Nazorg ex-gedetineerden",
                    retention_kinds=(RetentionKind.AFTERCARE,),
                    record_models=("aftercare.aftercarerecord",),
                ),
                reviewed=[
                    # Involved: the record's coordinator or guide.
                    ReviewedRecord(
                        model=AftercareRecord,
                        column="aftercare",
                        involved=lambda user: Q(coordinator=user) | Q(guide=user),
                        detail_url="aftercare:record_detail",
                    )
                ],
                figures=figures.FIGURES,
                demo=Demo(seed=demo.seed, access_reads=demo.access_reads),
            )
        )
