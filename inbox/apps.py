from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "inbox"
    verbose_name = _("Meldingen")

    def ready(self):
        from inbox import demo, privacy
        from inbox.models import unread_count_expression
        from zvhd.apps_contract import AppContract, Demo, PrivacyProvider, register

        # No menu entry: the inbox is in the header of every page, with its unread count,
        # read in the query that loads the user (no query of its own).
        register(
            AppContract(
                label=self.label,
                user_annotations={"inbox_unread": unread_count_expression},
                # The notifications about the person's cases, in the inzage (inbox/privacy.py).
                privacy=PrivacyProvider.of(
                    privacy,
                    title="Meldingen over casussen",
                    retention_kinds=(),
                    record_models=(),
                ),
                demo=Demo(seed=lambda **kwargs: None, after_seed=demo.after_seed),
            )
        )
