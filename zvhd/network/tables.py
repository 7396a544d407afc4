import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from zvhd.network.models import Organisation, User


class UserTable(tables.Table):
    username = tables.LinkColumn("network:user_detail", args=[tables.A("pk")])
    name = tables.Column(_("Naam"), accessor="get_full_name", order_by=("last_name",))
    organisation = tables.Column(_("Organisatie"))
    roles = tables.Column(_("Rollen"), accessor="roles", orderable=False)
    is_active = tables.BooleanColumn(_("Actief"))

    class Meta:
        model = User
        fields = ["username", "name", "organisation", "roles", "is_active"]

    def render_roles(self, value):
        return ", ".join(value)


class OrganisationTable(tables.Table):
    name = tables.LinkColumn("network:organisation_update", args=[tables.A("pk")])

    class Meta:
        model = Organisation
        fields = ["name", "short_name", "kind", "figure_category", "municipality", "active"]
