"""The table of the case lists: a view-model of plain rows and one template loop.

Not django-tables2, which the other lists use: its per-cell machinery (a signature inspection
per cell to call `render_*`, attributes built per cell, `get_*_display` run twice per choice
column, and `DateColumn` compiling a template for every date cell) cost about 35 ms for a page
of 25 cases in 7 columns, most of the list page's time (issue 3's profile, BENCHMARKS.md). This
table has no sorting and no paging of its own (the view pages by keyset), so rows built in
Python give the same NL Design System markup as `django_tables2/zvhd.html` for a fraction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from cases.models import Kind, Status

STATUS_BADGE = {
    "aangemeld": "utrecht-status-badge--neutral",
    "in_triage": "utrecht-status-badge--warning",
    "actief": "utrecht-status-badge--active",
    "opgeschaald": "utrecht-status-badge--danger",
    "ondersteuning": "utrecht-status-badge--active",
}

HEADERS = (
    _("Nummer"),
    _("Betrokkene"),
    _("Status"),
    _("Soort"),
    _("Gemeente"),
    _("Regisseur"),
    _("Aangemeld"),
)


@dataclass(frozen=True)
class CaseRow:
    url: str
    number: str
    person: str | None  # None: the user may not see who the case is about
    status: str
    status_class: str
    overdue: bool
    kind: str
    municipality: str
    director: str
    registered: str


class CaseTable:
    """A page of cases (already sliced by keyset pagination: no sorting, no counting).

    `named` holds the pks of the cases whose person the user may see; the others show
    "afgeschermd". Rendered by `cases/partials/case_table.html`.
    """

    template_name = "cases/partials/case_table.html"

    def __init__(self, cases, *, named, caption):
        self.caption = caption
        self.headers = [str(header) for header in HEADERS]
        # Labels translated once per page, not once per row.
        statuses = {value: str(label) for value, label in Status.choices}
        kinds = {value: str(label) for value, label in Kind.choices}
        self.rows = [
            CaseRow(
                url=reverse("cases:case_detail", args=[case.pk]),
                number=case.number,
                person=(
                    f"{case.person.first_name} {case.person.last_name} "
                    f"({case.person.birth_date:%d-%m-%Y})"
                    if case.pk in named
                    else None
                ),
                status=statuses.get(case.status, case.status),
                status_class=STATUS_BADGE.get(case.status, "utrecht-status-badge--inactive"),
                overdue=case.overdue_for_triage,
                kind=kinds.get(case.kind, case.kind) or "—",
                municipality=case.municipality.name,
                director=str(case.director) if case.director else "—",
                registered=date_format(localtime(case.registered_at), "d-m-Y"),
            )
            for case in cases
        ]
