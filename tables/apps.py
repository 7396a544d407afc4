from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TablesConfig(AppConfig):
    """Thematic tables: one engine for the casustafels, the routeeroverleg, the youth-group
    tables, the TVO, ... (issue 20, part 6); the ketenkamer is one kind of it."""

    name = "tables"
    verbose_name = _("Tafels")

    def ready(self):
        from cases import extensions
        from tables import demo, privacy
        from tables.models import CONFIGURE_ROLES, sits_at_ketenkamer
        from zvhd.apps_contract import AppContract, AttachedData, Demo, PrivacyProvider, register
        from zvhd.navigation import NavItem
        from zvhd.network.models import Role
        from zvhd.privacy.models import RetentionKind

        # Anyone may sit at a table (a member organisation's people too); the page shows each
        # person only the tables they are a member of.
        everyone = (
            {role.value for role in Role}
            - set(CONFIGURE_ROLES)
            - {
                Role.FINANCIEEL_MEDEWERKER,
                Role.PRIVACY_OFFICER,
            }
        )
        # The ketenkamer's meetings stay in cases; who sits at it is this app's table.
        extensions.seat_the_ketenkamer(sits_at_ketenkamer)
        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(_("Tafels"), "tables:table_list", everyone, order=13),
                    NavItem(
                        _("Soorten tafels"), "tables:kind_list", set(CONFIGURE_ROLES), order=82
                    ),
                ],
                # Person and household items have a term of their own; a case's items go with
                # the case (tables/privacy.py).
                privacy=PrivacyProvider.of(
                    privacy,
                    title="Tafels",
                    retention_kinds=(RetentionKind.TABLE_SUBJECT,),
                    record_models=("tables.agendaitem",),
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
