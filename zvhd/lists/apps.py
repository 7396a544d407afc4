from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListsConfig(AppConfig):
    """What every list and register of the house offers besides its rows (issue 23): the
    user's saved filters and the export (`zvhd.exports`). A list view takes them on with
    `zvhd.lists.views.ListToolsMixin`; the saved filter's key is the list's URL name."""

    name = "zvhd.lists"
    label = "lists"
    verbose_name = _("Lijsten")
    default_auto_field = "django.db.models.BigAutoField"
