import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cases.models import Case

STATUS_BADGE = {
    "aangemeld": "utrecht-status-badge--neutral",
    "in_triage": "utrecht-status-badge--warning",
    "actief": "utrecht-status-badge--active",
    "opgeschaald": "utrecht-status-badge--danger",
    "ondersteuning": "utrecht-status-badge--active",
}


def status_badge(case) -> str:
    return format_html(
        '<span class="utrecht-status-badge {}">{}</span>',
        STATUS_BADGE.get(case.status, "utrecht-status-badge--inactive"),
        case.get_status_display(),
    )


class CaseTable(tables.Table):
    """A page of cases (already sliced by keyset pagination; no sorting, no counting)."""

    number = tables.Column(_("Nummer"), orderable=False)
    person = tables.Column(_("Betrokkene"), orderable=False, empty_values=())
    status = tables.Column(_("Status"), orderable=False)
    kind = tables.Column(_("Soort"), orderable=False)
    municipality = tables.Column(_("Gemeente"), orderable=False)
    director = tables.Column(_("Regisseur"), orderable=False, default="—")
    registered_at = tables.DateColumn(format="d-m-Y", verbose_name=_("Aangemeld"), orderable=False)

    class Meta:
        model = Case
        fields = ["number", "person", "status", "kind", "municipality", "director", "registered_at"]
        orderable = False

    def __init__(self, data, *, named, caption, **kwargs):
        super().__init__(data, **kwargs)
        self.named = named
        self.caption = caption

    def render_number(self, record):
        return format_html(
            '<a class="utrecht-link" href="{}">{}</a>',
            reverse("cases:case_detail", args=[record.pk]),
            record.number,
        )

    def render_person(self, record):
        if record.pk not in self.named:
            return format_html('<span class="zvhd-muted">{}</span>', _("afgeschermd"))
        p = record.person
        return f"{p.first_name} {p.last_name} ({p.birth_date:%d-%m-%Y})"

    def render_status(self, record):
        badge = status_badge(record)
        if record.overdue_for_triage:
            badge += format_html(
                ' <span class="utrecht-status-badge utrecht-status-badge--danger">{}</span>',
                _("langer dan 5 werkdagen"),
            )
        return badge

    def render_kind(self, record):
        return record.get_kind_display() or "—"

    def render_director(self, record):
        return str(record.director) if record.director else "—"
