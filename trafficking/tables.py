"""Tables of the signal list: with identities, and without (the manager's view)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from trafficking.models import Signal, SignalStatus
from zvhd.tables import DateColumn, status_badge

STATUS_BADGE = {
    SignalStatus.REGISTERED: "warning",
    SignalStatus.DISCUSSED: "warning",
    SignalStatus.FOLLOW_UP: "success",
    SignalStatus.CLOSED: "inactive",
}


class PseudonymisedSignalTable(tables.Table):
    """No column here reads an identity field: the queryset does not even select them."""

    reference = tables.LinkColumn(
        "trafficking:signal_detail",
        args=[tables.A("pk")],
        verbose_name=_("Nummer"),
        attrs={"td": {"class": "zvhd-nowrap"}},  # never "MH-2026-" above "064"
    )
    received_on = DateColumn("d-m-Y", verbose_name=_("Datum"))
    forms = tables.Column(_("Vormen"), accessor="form_labels", orderable=False)
    municipality = tables.Column(_("Gemeente"), default="—")
    reporting_organisation = tables.Column(_("Melder"))
    status = tables.Column(_("Status"), order_by=("status", "-received_on"))

    class Meta:
        model = Signal
        fields = [
            "reference",
            "received_on",
            "forms",
            "municipality",
            "reporting_organisation",
            "status",
        ]

    def render_forms(self, value):
        return ", ".join(value)

    def render_status(self, value, record):
        # `value` is the status's label already (django-tables2 reads a choice field through
        # get_status_display(); zvhd.tables.table_rows_html from labels read once per page).
        return status_badge(value, STATUS_BADGE.get(record.status, "neutral"))


class SignalTable(PseudonymisedSignalTable):
    person = tables.Column(_("Persoon"), accessor="person_label", orderable=False)
    # A trait of the person (trafficking.models.PERSON_TRAITS): only with the identities.
    minor = tables.Column(_("Minderjarig"))

    class Meta(PseudonymisedSignalTable.Meta):
        sequence = ("reference", "received_on", "person", "...", "minor", "status")

    def render_minor(self, record):
        return {"ja": _("ja"), "nee": _("nee")}.get(record.minor, _("onbekend"))

    def render_person(self, record, value):
        if record.person_unknown:
            return format_html("<em>{}</em>", value)
        return value
