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
from django.utils.timezone import localdate, localtime
from django.utils.translation import gettext_lazy as _

from cases.models import Kind, Status, Urgency, triage_overdue
from zvhd.network.models import display_name

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
# The triage list: a registration has no kind and no director yet (both columns were always
# empty there, issue 23); what triage sorts by is who registered it and how urgent it is.
TRIAGE_HEADERS = (
    _("Nummer"),
    _("Betrokkene"),
    _("Status"),
    _("Urgentie"),
    _("Gemeente"),
    _("Aanmelder"),
    _("Aangemeld"),
)
# A liaison's extra column on the triage list: has their organisation added what it knows?
ENRICHED_HEADER = _("Verrijking van uw organisatie")


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
    # Per extra column (cases.extensions.ListBadges): the labels beside this case.
    badges: tuple[tuple[str, ...], ...] = ()
    # The triage list's columns (see TRIAGE_HEADERS) and, for a liaison, whether their
    # organisation has enriched the registration (None: not asked).
    urgency: str = ""
    urgent: bool = False
    registrant: str = ""
    enriched: bool | None = None


# The columns a list row reads: plain values, no model instances (issue 3's profile: building
# ~160 instances per page through select_related cost ~10 ms of a 45 ms page).
ROW_FIELDS = (
    "pk",
    "number",
    "status",
    "kind",
    "registered_at",
    "person__first_name",
    "person__last_name",
    "person__birth_date",
    "municipality__name",
    "director__first_name",
    "director__last_name",
    "director__username",
    "urgency",
    "registering_organisation__name",
    "registering_organisation__short_name",
)


def _detail_url():
    """The case detail URL as a function of the pk: reversed once per page, not once per row
    (25 reverses were ~2 ms of the page)."""
    marker = 9_876_543_210  # no case has this pk; it only marks where the pk goes
    head, tail = reverse("cases:case_detail", args=[marker]).split(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


def _person(row) -> str:
    born = row["person__birth_date"]
    return f"{row['person__first_name']} {row['person__last_name']} ({born:%d-%m-%Y})"


def _director(row) -> str:
    if row["director__username"] is None:
        return "—"
    return display_name(
        row["director__first_name"], row["director__last_name"], row["director__username"]
    )


class CaseTable:
    """A page of cases (already sliced by keyset pagination: no sorting, no counting).

    `cases` are dicts of `ROW_FIELDS` (`queryset.values(*ROW_FIELDS)`); `named` holds the pks
    of the cases whose person the user may see; the others show "afgeschermd". Rendered by
    `cases/partials/case_table.html`.
    """

    template_name = "cases/partials/case_table.html"

    def __init__(self, cases, *, named, caption, badges=(), triage=False, enriched=None):
        """`triage`: the triage list's columns; `enriched`: the pks of the cases the reader's
        organisation enriched (a liaison's triage list), or None for no such column."""
        self.caption = caption
        self.triage = triage
        self.show_enriched = enriched is not None
        headers = [*(TRIAGE_HEADERS if triage else HEADERS)]
        if self.show_enriched:
            headers.append(ENRICHED_HEADER)
        self.headers = [str(header) for header in headers] + [str(b.header) for b in badges]
        urgencies = {value: str(label) for value, label in Urgency.choices}
        keys = [b.key for b in badges]
        # Labels translated once per page, not once per row.
        statuses = {value: str(label) for value, label in Status.choices}
        kinds = {value: str(label) for value, label in Kind.choices}
        today = localdate()
        detail_url = _detail_url()
        self.rows = [
            CaseRow(
                url=detail_url(case["pk"]),
                number=case["number"],
                person=_person(case) if case["pk"] in named else None,
                status=statuses.get(case["status"], case["status"]),
                status_class=STATUS_BADGE.get(case["status"], "utrecht-status-badge--inactive"),
                overdue=triage_overdue(case["status"], case["registered_at"], today),
                kind=kinds.get(case["kind"], case["kind"]) or "—",
                municipality=case["municipality__name"],
                director=_director(case),
                registered=f"{localtime(case['registered_at']):%d-%m-%Y}",
                badges=tuple(tuple(case.get(key) or ()) for key in keys),
                urgency=urgencies.get(case["urgency"], ""),
                urgent=case["urgency"] != Urgency.NORMAL,
                registrant=case["registering_organisation__short_name"]
                or case["registering_organisation__name"],
                enriched=None if enriched is None else case["pk"] in enriched,
            )
            for case in cases
        ]
