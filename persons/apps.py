from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonsConfig(AppConfig):
    name = "persons"
    verbose_name = _("Personen")

    def ready(self):
        from persons import demo
        from persons.policy import DEDUPE_ROLES, SEARCH_ROLES
        from zvhd.apps_contract import AppContract, Demo, register
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
                # The register fills itself as the other apps seed; its demo retypes a few
                # of their records as second registrations, once all of them have seeded.
                demo=Demo(seed=lambda **kwargs: None, after_seed=demo.after_seed),
            )
        )
