from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "inbox"
    verbose_name = _("Meldingen")

    def ready(self):
        from inbox import demo
        from inbox.models import unread_count_expression
        from zvhd.apps_contract import AppContract, Demo, register

        # No menu entry: the inbox is in the header of every page, with its unread count,
        # read in the query that loads the user (no query of its own).
        register(
            AppContract(
                label=self.label,
                user_annotations={"inbox_unread": unread_count_expression},
                demo=Demo(seed=lambda **kwargs: None, after_seed=demo.after_seed),
            )
        )
