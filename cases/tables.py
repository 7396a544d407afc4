"""The table of the case lists: a view-model of plain rows and one template loop.

Not django-tables2, which the other lists use: its per-cell machinery (a signature inspection
per cell to call `render_*`, attributes built per cell, `get_*_display` run twice per choice
column, and `DateColumn` compiling a template for every date cell) cost about 35 ms for a page
of 25 cases in 7 columns, most of the list page's time (issue 3's profile, BENCHMARKS.md). This
table has no paging of its own (the view pages by keyset, also in a sorted order: the headers
only carry the links), so rows built in Python give the same NL Design System markup as
`django_tables2/zvhd.html` for a fraction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape as html_escape

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone, localdate
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import DIRECTION_STATUSES, Kind, Status, Urgency, triage_overdue
from zvhd import formats
from zvhd.network.models import display_name

STATUS_BADGE = {
    "aangemeld": "utrecht-status-badge--neutral",
    "in_triage": "utrecht-status-badge--warning",
    "actief": "utrecht-status-badge--active",
    "opgeschaald": "utrecht-status-badge--danger",
    "ondersteuning": "utrecht-status-badge--active",
}

# Each column: its header and the sort key of the list's `?sort=` (None: not sortable). Sorting
# is where people sort (issue 23): number, status, registration date and the next review; each
# of those orders has its own index (cases.models, the list orders) so any page is a seek.
HEADERS = (
    (_("Nummer"), "nummer"),
    (_("Betrokkene"), None),
    (_("Status"), "status"),
    (_("Soort"), None),
    (_("Gemeente"), None),
    (_("Regisseur"), None),
    (_("Aangemeld"), "aangemeld"),
    (_("Evaluatie"), "evaluatie"),
)
# The triage list: a registration has no kind and no director yet (both columns were always
# empty there, issue 23); what triage sorts by is who registered it and how urgent it is. No
# review date either: that comes with process direction.
TRIAGE_HEADERS = (
    (_("Nummer"), "nummer"),
    (_("Betrokkene"), None),
    (_("Status"), "status"),
    (_("Urgentie"), None),
    (_("Gemeente"), None),
    (_("Aanmelder"), None),
    (_("Aangemeld"), "aangemeld"),
)
ENRICHED_HEADER = _("Verrijking van uw organisatie")


@dataclass(slots=True)  # not frozen: its __init__ would set each field through object.__setattr__
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
    registered_on: date | None = None  # the local day, for an export (`registered` is its text)
    review: str = ""
    # A running case whose evaluation date has passed: the row's form of the condition the
    # start page counts and "evaluatie=verlopen" filters (cases.worklists.review_overdue on
    # DIRECTION_STATUSES); the list marked it nowhere.
    review_overdue: bool = False
    # Per extra column (cases.extensions.ListBadges): the labels beside this case.
    badges: tuple[tuple[str, ...], ...] = ()
    # The triage list's columns (see TRIAGE_HEADERS) and, for a liaison, whether their
    # organisation has enriched the registration (None: not asked).
    urgency: str = ""
    urgent: bool = False
    registrant: str = ""
    enriched: bool | None = None

    @property
    def person_parts(self) -> tuple[str, str]:
        """The name and "(17-04-1973)" apart, so the page never breaks a birth date over two
        lines ("(17-04-" above "1973)"); exports keep `person` whole."""
        name, _sep, born = (self.person or "").rpartition(" (")
        return (name, f"({born}") if name else (self.person or "", "")


# The columns a list row reads: plain values, no model instances (issue 3's profile: building
# ~160 instances per page through select_related cost ~10 ms of a 45 ms page).
# Who the case is about, read only for a reader who may see some names (`row_fields`).
PERSON_FIELDS = ("person__first_name", "person__last_name", "person__birth_date")
ROW_FIELDS = (
    "pk",
    "number",
    "status",
    "kind",
    "registered_at",
    *PERSON_FIELDS,
    "municipality__name",
    "director__first_name",
    "director__last_name",
    "director__username",
    "urgency",
    "registering_organisation__name",
    "registering_organisation__short_name",
    "review_on",
)


def row_fields(names) -> tuple[str, ...]:
    """The `values()` fields of a list's rows for a reader with `names_filter(user)` =
    `names`. A reader who may see no case's person (None: the municipal contact) gets rows
    without them: the database is not asked for names nobody will be shown, and the rows need
    no join with the person register (a municipality's 2,400-row export: 2,400 person lookups
    fewer at 1,000,000 cases, issue 24)."""
    if names is None:
        return tuple(field for field in ROW_FIELDS if field not in PERSON_FIELDS)
    return ROW_FIELDS


@dataclass(frozen=True)
class Header:
    label: str
    href: str | None = None  # the link that sorts by this column; None: not sortable
    aria_sort: str | None = None  # "ascending" / "descending" on the column sorted by


def sort_keys(*, triage: bool) -> set[str]:
    """The sort keys of the columns a list shows: nothing else may sort it."""
    return {key for _label, key in (TRIAGE_HEADERS if triage else HEADERS) if key}


def esc(value) -> str:
    """Django's `conditional_escape`, the same text, without its per-call costs: the check of
    every argument for a lazy string and a SafeString made of each result (~20 function calls
    a value, a sixth of the case list's calls for 25 rows). The values are texts built for
    this table; `rows_html` marks the whole of them safe once."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html_escape(str(value))


def _detail_url():
    """The case detail URL as a function of the pk: reversed once per page, not once per row
    (25 reverses were ~2 ms of the page)."""
    marker = 9_876_543_210  # no case has this pk; it only marks where the pk goes
    head, tail = reverse("cases:case_detail", args=[marker]).split(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


def _person(row) -> str:
    born = row["person__birth_date"]
    return f"{row['person__first_name']} {row['person__last_name']} ({formats.short_date(born)})"


def _director(row) -> str:
    if row["director__username"] is None:
        return "—"
    return display_name(
        row["director__first_name"], row["director__last_name"], row["director__username"]
    )


class CaseTable:
    """A page of cases (already sorted and sliced by keyset pagination: no counting).

    `cases` are dicts of `row_fields(names)` (`queryset.values(*row_fields(names))`); `named`
    holds the pks of the cases whose person the user may see (the person's fields are read
    only when some may be); the others show "afgeschermd". Rendered by
    `cases/partials/case_table.html`.
    """

    template_name = "cases/partials/case_table.html"

    def __init__(
        self,
        cases,
        *,
        named,
        caption,
        badges=(),
        triage=False,
        enriched=None,
        sort_link=None,
        sorted_by=None,
    ):
        """`triage`: the triage list's columns; `enriched`: the pks of the cases the reader's
        organisation enriched (a liaison's triage list), or None for no such column;
        `sort_link(key)`: the link that sorts by a column; `sorted_by`: (key, descending) of
        the column the rows are sorted by, or None for the list's own order."""
        self.caption = caption
        self.triage = triage
        self.show_enriched = enriched is not None
        self.headers = []
        for label, key in TRIAGE_HEADERS if triage else HEADERS:
            if key is None or sort_link is None:
                self.headers.append(Header(str(label)))
                continue
            aria = None
            if sorted_by and sorted_by[0] == key:
                aria = "descending" if sorted_by[1] else "ascending"
            self.headers.append(Header(str(label), sort_link(key), aria))
        if self.show_enriched:
            self.headers.append(Header(str(ENRICHED_HEADER)))
        self.headers += [Header(str(b.header)) for b in badges]
        urgencies = {value: str(label) for value, label in Urgency.choices}
        keys = [b.key for b in badges]
        # Labels translated once per page, not once per row.
        statuses = {value: str(label) for value, label in Status.choices}
        kinds = {value: str(label) for value, label in Kind.choices}
        today = localdate()
        detail_url = _detail_url()
        zone = get_current_timezone()  # once: Django's localtime() asks for it per call
        self.rows = [
            CaseRow(
                url=detail_url(case["pk"]),
                number=case["number"],
                person=_person(case) if case["pk"] in named else None,
                status=statuses.get(case["status"], case["status"]),
                status_class=STATUS_BADGE.get(case["status"], "utrecht-status-badge--inactive"),
                overdue=triage_overdue(case["status"], registered_on, today),
                kind=kinds.get(case["kind"], case["kind"]) or "—",
                municipality=case["municipality__name"],
                director=_director(case),
                registered=formats.short_date(registered_on),
                registered_on=registered_on,
                review=formats.short_date(case["review_on"]) if case["review_on"] else "—",
                review_overdue=case["review_on"] is not None
                and case["review_on"] < today
                and case["status"] in DIRECTION_STATUSES,
                badges=tuple(tuple(case.get(key) or ()) for key in keys),
                urgency=urgencies.get(case["urgency"], ""),
                urgent=case["urgency"] != Urgency.NORMAL,
                registrant=case["registering_organisation__short_name"]
                or case["registering_organisation__name"],
                enriched=None if enriched is None else case["pk"] in enriched,
            )
            for case in cases
            for registered_on in (case["registered_at"].astimezone(zone).date(),)
        ]

    def headers_html(self) -> str:
        """The `<th>`s, as the template's header loop drew them (kept as `case_headers.html`;
        tests/cases/test_case_table.py compares the two): a link that sorts, and where the
        column is the one sorted by, the arrow and the words for a screen reader."""
        out = []
        for header in self.headers:
            aria = f' aria-sort="{esc(header.aria_sort)}"' if header.aria_sort else ""
            if not header.href:
                out.append(f'<th scope="col"{aria}>{esc(header.label)}</th>')
                continue
            if header.aria_sort == "ascending":
                state = (
                    ' <span aria-hidden="true">▲</span><span class="zvhd-visually-hidden">, '
                    f"{esc(gettext('oplopend gesorteerd'))}</span>"
                )
            elif header.aria_sort:
                state = (
                    ' <span aria-hidden="true">▼</span><span class="zvhd-visually-hidden">, '
                    f"{esc(gettext('aflopend gesorteerd'))}</span>"
                )
            else:
                state = f'<span class="zvhd-visually-hidden">, {esc(gettext("sorteren"))}</span>'
            out.append(
                f'<th scope="col"{aria}><a class="utrecht-link zvhd-nowrap" '
                f'href="{esc(header.href)}">{esc(header.label)}{state}</a></th>'
            )
        return mark_safe("".join(out))  # noqa: S308 - every value escaped above

    def rows_html(self) -> str:
        """The `<tr>`s of the rows, as `cases/partials/case_table.html`'s row loop drew them
        (kept there as `case_rows.html`; tests/cases/test_case_table.py compares the two): the
        same markup written in Python, ~2 ms of the list page's CPU under load for 25 rows
        through the template engine (issue 24)."""
        shielded = esc(gettext("afgeschermd"))
        overdue = esc(gettext("Langer dan 5 werkdagen"))
        added = esc(gettext("toegevoegd"))
        to_do = esc(gettext("Nog te doen"))
        late = esc(gettext("Verlopen"))
        danger = '<span class="utrecht-status-badge utrecht-status-badge--danger">'
        out = []
        for row in self.rows:
            if row.person is None:
                person = f'<span class="zvhd-muted">{shielded}</span>'
            else:
                name, born = row.person_parts
                person = f'{esc(name)} <span class="zvhd-nowrap">{esc(born)}</span>'
            cells = [
                f'<td class="zvhd-nowrap"><a class="utrecht-link" href="{esc(row.url)}">'
                f"{esc(row.number)}</a></td>",
                f"<td>{person}</td>",
                f'<td><span class="utrecht-status-badge {esc(row.status_class)}">'
                f"{esc(row.status)}</span>"
                + (f" {danger}{overdue}</span>" if row.overdue else "")
                + "</td>",
            ]
            if self.triage:
                urgency = f"{danger}{esc(row.urgency)}</span>" if row.urgent else esc(row.urgency)
                cells += [
                    f"<td>{urgency}</td>",
                    f"<td>{esc(row.municipality)}</td>",
                    f"<td>{esc(row.registrant)}</td>",
                ]
            else:
                cells += [
                    f"<td>{esc(row.kind)}</td>",
                    f"<td>{esc(row.municipality)}</td>",
                    f"<td>{esc(row.director)}</td>",
                ]
            cells.append(f'<td class="zvhd-nowrap">{esc(row.registered)}</td>')
            if not self.triage:
                review = f'<span class="zvhd-nowrap">{esc(row.review)}</span>'
                if row.review_overdue:
                    review += f" {danger}{late}</span>"
                cells.append(f"<td>{review}</td>")
            if self.show_enriched:
                enriched = (
                    added
                    if row.enriched
                    else '<span class="utrecht-status-badge utrecht-status-badge--warning">'
                    f"{to_do}</span>"
                )
                cells.append(f"<td>{enriched}</td>")
            for labels in row.badges:
                flags = "".join(f"{danger}{esc(label)}</span> " for label in labels)
                cells.append(f'<td class="zvhd-flags">{flags}</td>')
            out.append('<tr class="utrecht-table__row">' + "".join(cells) + "</tr>")
        return mark_safe("\n".join(out))  # noqa: S308 - every value escaped above
