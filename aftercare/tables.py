import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from aftercare.models import AftercareRecord, Status
from zvhd.tables import DateColumn, status_badge

STATUS_BADGE = {
    Status.OPEN: "neutral",
    Status.GUIDANCE: "success",
    Status.ESCALATED: "warning",
    Status.CLOSED: "inactive",
}


class RecordTable(tables.Table):
    number = tables.Column(
        _("Dossier"),
        accessor="pk",
        order_by=("notified_on", "pk"),
        attrs={"td": {"class": "zvhd-nowrap"}},
    )
    name = tables.Column(_("Naam"), accessor="last_name", order_by=("last_name", "first_names"))
    municipality = tables.Column(_("Gemeente"), accessor="municipality__name")
    institution = tables.Column(_("Inrichting"))
    expected_release = DateColumn("d-m-Y", verbose_name=_("Verwacht ontslag"))
    open_conditions = tables.Column(_("Open voorwaarden"), attrs={"td": {"class": "zvhd-numeric"}})
    consent = tables.Column(_("Toestemming"))
    status = tables.Column(_("Status"), order_by=("status", "expected_release"))

    class Meta:
        model = AftercareRecord
        fields = []
        sequence = [
            "number",
            "name",
            "municipality",
            "institution",
            "expected_release",
            "open_conditions",
            "consent",
            "status",
        ]
        empty_text = _("Geen nazorgdossiers gevonden.")

    def render_number(self, record):
        return format_html(
            '<a class="utrecht-link" href="{}">{}</a>', record.get_absolute_url(), record.number
        )

    def render_name(self, record):
        return record.full_name

    def render_status(self, value, record):
        # `value` is the status's label already (django-tables2 reads a choice field through
        # get_status_display(); zvhd.tables.table_rows_html from labels read once per page).
        return status_badge(value, STATUS_BADGE.get(record.status, "neutral"))

    def render_consent(self, value):
        return value  # the label already (get_consent_display(), read once per page)
