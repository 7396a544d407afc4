from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonsConfig(AppConfig):
    name = "persons"
    verbose_name = _("Personen")

    def ready(self):
        from persons.policy import DEDUPE_ROLES, SEARCH_ROLES
        from zvhd.apps_contract import AppContract, register
        from zvhd.navigation import NavItem

        register(
            AppContract(
                label=self.label,
                menu=[
                    NavItem(_("Personen"), "persons:search", roles=set(SEARCH_ROLES), order=15),
                    NavItem(
                        _("Dubbele personen"),
                        "persons:duplicates",
                        roles=set(DEDUPE_ROLES),
                        order=16,
                    ),
                ],
            )
        )
