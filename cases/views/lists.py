"""Case lists: keyset pagination (never a COUNT over the table, never an OFFSET; the house's
`zvhd.paging`), open work first unless the reader sorts by a column, saved filters per user and
an export of the list as it is filtered (issue 23)."""

from __future__ import annotations

from django.db.models import Case as When_
from django.db.models import Exists, F, OuterRef, When
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cases.extensions import list_badges
from cases.filters import CaseFilter, TriageFilter
from cases.models import (
    Case,
    open_first,
    review_key,
    status_rank,
)
from cases.policy import REGISTER_ROLES, named_column, names_filter
from cases.tables import CaseTable, row_fields, sort_keys
from zvhd import formats
from zvhd.lists.views import ListToolsMixin
from zvhd.network.models import Role
from zvhd.paging import PARAM, KeysetOrder, keyset_page
from zvhd.permissions import VIEW
from zvhd.views import ScopedListMixin

PAGE_SIZE = 25
# The total above a list counts at most this many rows (a COUNT over a LIMIT): "meer dan
# 1.000" tells a reader enough, and a list of 100,000 cases costs no more than one of 1,000.
TOTAL_CAP = 1000

SORT_PARAM = "sort"
# The list's own order: open cases before closed ones, newest first (issue 23). Its index is
# `case_open_first` (cases.models).
OPEN_FIRST = KeysetOrder((open_first(),), descending=True)
# A sort key of `?sort=` ("-" before it: descending) -> its order; each has its own index.
SORTS = {
    "nummer": lambda descending: KeysetOrder((F("number"),), descending),
    "status": lambda descending: KeysetOrder((status_rank(),), descending),
    "aangemeld": lambda descending: KeysetOrder((F("registered_at"),), descending),
    "evaluatie": lambda descending: KeysetOrder((review_key(descending=descending),), descending),
}
SORT_NAMES = {
    "nummer": _("nummer"),
    "status": _("status"),
    "aangemeld": _("aanmelddatum"),
    "evaluatie": _("evaluatiedatum"),
}


class CaseListBase(ListToolsMixin, ScopedListMixin, TemplateView):
    """A filtered, keyset-paginated list of the cases the user may see; saved filters and the
    export are the house's (zvhd.lists, zvhd.exports). The search term (`q`: a name or a
    BSN) is never kept in a saved filter, which has no retention term of its own."""

    model = Case
    template_name = "cases/case_list.html"
    title = _("Alle casussen")
    caption = _("Casussen die u mag zien")
    triage = False  # the triage list's columns (cases.tables.TRIAGE_HEADERS)
    filter_class = CaseFilter
    list_name = "cases:case_list"  # its URL name: saved filters are per list
    export_name = "cases:case_list_export"
    list_noun = _("casussen")
    # The list's own order as (sort key, descending), or None: open cases first, newest first.
    default_sort: tuple[str, bool] | None = None
    default_caption = _("open casussen eerst, daarna de nieuwste eerst")

    def base_queryset(self):
        return self.scoped_queryset(VIEW)

    def extra_columns(self, user) -> dict:
        """Annotations read with the rows for this list's own columns (none by default)."""
        return {}

    def sorted_by(self) -> tuple[str, bool] | None:
        """The column the reader sorts by and whether descending; None for the list's own
        order. A key of a column this list does not show is ignored, quietly (a sort on what
        the reader does not see would tell them something: tests/zvhd/test_filter_oracle)."""
        value = self.request.GET.get(SORT_PARAM, "")
        descending = value.startswith("-")
        key = value[1:] if descending else value
        if key not in sort_keys(triage=self.triage):
            return self.default_sort
        return key, descending

    def order(self) -> KeysetOrder:
        sort = self.sorted_by()
        return OPEN_FIRST if sort is None else SORTS[sort[0]](sort[1])

    def filtered(self):
        """The filter set and the queryset the reader sees: the list and its export both."""
        filterset = self.filter_class(
            self.request.GET or None, queryset=self.base_queryset(), user=self.request.user
        )
        qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        return filterset, qs

    def with_columns(self, qs):
        """`qs` with what the rows show beside the case fields; returns it, the `values()`
        fields, whether any name may show and the badge columns."""
        user = self.request.user
        # Who the case is about, only where the user may open the file (cases.policy.NAMES).
        names = names_filter(user)
        columns = {"named": named_column(names)}
        # What other apps show beside a case (safety flags, cases.extensions): one more
        # column of the same query, read only where the name is (a summary reader gets none).
        # A reader who sees no name at all (the municipal contact) gets no such column either.
        badges = list_badges() if names is not None else []
        for badge in badges:
            columns[badge.key] = When_(When(named=True, then=badge.expression()), default=None)
        extra = self.extra_columns(user)
        columns.update(extra)
        # One annotate (each call copies the query): `named` first, the badges refer to it.
        qs = qs.annotate(**columns)
        fields = [*row_fields(names), *columns]
        return qs, fields, badges, "enriched" in extra

    def table(self, rows, *, badges, enriched_column, sort=None, sort_link=None) -> CaseTable:
        enriched = {row["pk"] for row in rows if row["enriched"]} if enriched_column else None
        return CaseTable(
            rows,
            named={row["pk"] for row in rows if row["named"]},
            caption=self.caption_for(sort),
            badges=badges,
            triage=self.triage,
            enriched=enriched,
            sort_link=sort_link,
            sorted_by=sort,
        )

    def caption_for(self, sort) -> str:
        if sort == self.default_sort:
            return _("%(list)s: %(order)s") % {"list": self.caption, "order": self.default_caption}
        direction = _("aflopend") if sort[1] else _("oplopend")
        return _("%(list)s, gesorteerd op %(key)s (%(direction)s)") % {
            "list": self.caption,
            "key": SORT_NAMES[sort[0]],
            "direction": direction,
        }

    def sort_link(self, key: str) -> str:
        """The link that sorts by `key`: ascending first, then the other way round; the
        filters are kept, the page starts again."""
        query = self.request.GET.copy()
        query.pop(PARAM, None)
        current = self.sorted_by()
        query[SORT_PARAM] = f"-{key}" if current == (key, False) else key
        return f"?{query.urlencode()}"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset, qs = self.filtered()
        total = qs.order_by()[: TOTAL_CAP + 1].count()  # any 1,001 rows: no sort
        qs, fields, badges, enriched_column = self.with_columns(qs)
        sort = self.sorted_by()
        page = keyset_page(self.request, qs, fields=fields, size=PAGE_SIZE, order=self.order())
        rows = page.rows
        table = self.table(
            rows,
            badges=badges,
            enriched_column=enriched_column,
            sort=sort,
            sort_link=self.sort_link,
        )
        return super().get_context_data(
            shown_ids=[row["pk"] for row in rows],
            table=table,
            filter=filterset,
            title=self.title,
            can_register=user.has_role(*REGISTER_ROLES),
            total=formats.number(min(total, TOTAL_CAP)),
            total_capped=total > TOTAL_CAP,
            total_count=total,
            page_size=PAGE_SIZE,
            next_query=page.next_query,
            first_query=page.first_query,
            list_tools=self.list_tools(),
            # Filtering keeps the column sorted by (a known one only: nothing else is echoed).
            sort_value=("-" if sort[1] else "") + sort[0] if sort else "",
            **kwargs,
        )


class CaseListView(CaseListBase):
    pass


class MyCasesView(CaseListBase):
    title = _("Mijn casussen")
    caption = _("Casussen waarin u regisseur, ondersteuner, trajectbegeleider of teamlid bent")
    list_name = "cases:my_cases"
    export_name = "cases:my_cases_export"

    def base_queryset(self):
        from cases.worklists import mine

        return super().base_queryset().filter(mine(self.request.user))


class TriageQueueView(CaseListBase):
    title = _("Triage")
    caption = _("Aanmeldingen die wachten op screening of een besluit van de ketenkamer")
    triage = True
    # The longest waiting first, as the ketenkamer's agenda: a queue worked newest first put
    # the registrations past the five working days at the end of the last page.
    default_sort = ("aangemeld", False)
    default_caption = _("de langst wachtende eerst")
    filter_class = TriageFilter
    list_name = "cases:triage_queue"
    export_name = "cases:triage_queue_export"

    def base_queryset(self):
        qs = Case.objects.awaiting_triage(self.request.user, VIEW)
        return getattr(qs, self.read_method)() if self.read_method else qs

    def extra_columns(self, user) -> dict:
        """A liaison's work on the triage list: has their organisation added what it knows?
        Read as an EXISTS with the rows (no query per row)."""
        if not user.has_role(Role.LIAISON) or not user.organisation_id:
            return {}
        from cases.models import Enrichment

        return {
            "enriched": Exists(
                Enrichment.objects.filter(
                    case=OuterRef("pk"), source_organisation_id=user.organisation_id
                )
            )
        }


class OrganisationRegistrationsView(CaseListBase):
    title = _("Aanmeldingen van mijn organisatie")
    caption = _("De status van de aanmeldingen van uw organisatie")
    list_name = "cases:organisation_registrations"
    export_name = "cases:organisation_registrations_export"

    def base_queryset(self):
        return (
            super()
            .base_queryset()
            .filter(registering_organisation_id=self.request.user.organisation_id)
        )
