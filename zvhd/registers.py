"""What every register (a django-tables2 list with filters) offers (issue 23): a total in its
caption, open work first (the view's queryset order), sortable columns (django-tables2's, with
aria-sort: templates/django_tables2/zvhd.html), the user's saved filters and an export of
exactly the filtered list (`zvhd.exports`, the one export of every list).

    class RecordListView(RoleRequiredMixin, RegisterMixin, ..., SingleTableMixin, FilterView):
        list_name = "aftercare:record_list"
        export_name = "aftercare:record_list_export"
        register_title = "Nazorgdossiers"
        register_noun = "nazorgdossiers"

    class RecordListExportView(RegisterExportMixin, RecordListView):
        file_stem = "nazorgdossiers"

The export view is the list view itself (same roles, scope, filters, sort and columns: a user
who may not see identities exports the pseudonymised table); only its answer is a file.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext as _

from zvhd import formats
from zvhd.exports import Export, describe_filters, export_response, over_limit, too_many
from zvhd.lists.views import ListToolsMixin
from zvhd.tables import TablePaginatesMixin


class CountedPaginator(Paginator):
    """A paginator told the list's length by the view, which counted it already (the advice
    list's counts per kind add up to it): one COUNT less per page (issue 24)."""

    def __init__(self, object_list, per_page, *args, count: int, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.count = count  # over Paginator.count, a cached_property


def table_values(table) -> tuple[list[str], list[list], list]:
    """The headers, the cell values and the record ids of every row of a django-tables2
    table: dates stay dates and numbers numbers (`Column.value`), the rest is the text the
    page shows (`zvhd.exports.cell_value` strips the markup)."""
    columns = [c for c in table.columns if c.visible]
    headers = [str(c.header) for c in columns]
    rows, ids = [], []
    for row in table.rows:
        rows.append([row.get_cell_value(column.name) for column in columns])
        ids.append(row.record.pk)
    return headers, rows, ids


def order_in_words(table, default: str) -> str:
    """How the table is sorted, in words: the column the reader sorts by, or `default`."""
    order_by = getattr(table, "order_by", None)
    if not order_by:
        return default
    alias = order_by[0]
    name = alias.lstrip("-")
    column = table.columns[name] if name in table.columns.names() else None
    if column is None:
        return default
    direction = _("aflopend") if alias.startswith("-") else _("oplopend")
    return _("gesorteerd op %(column)s (%(direction)s)") % {
        "column": str(column.header).lower(),
        "direction": direction,
    }


class RegisterMixin(TablePaginatesMixin, ListToolsMixin):
    """For a `SingleTableMixin` + `FilterView` register of one guarded model.

    - `register_title`: the list's name in the export ("Nazorgdossiers");
    - `register_noun`: its rows in the plural, for the caption "67 nazorgdossiers, lopende
      dossiers eerst" and the export's messages; `register_noun_one` the same for one row
      ("1 nazorgdossier", not "1 nazorgdossiers");
    - `register_order_note`: the list's own order in words;
    - `list_name` and `export_name` (ListToolsMixin): the URL names of the list and its
      export, the key of its saved filters.
    """

    register_title = ""
    register_noun = ""
    register_noun_one = ""
    register_order_note = ""

    @property
    def list_noun(self):
        return self.register_noun

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        table = context.get("table")
        paginator = getattr(getattr(table, "page", None), "paginator", None)
        total = paginator.count if paginator else len(table.rows) if table else 0
        if table is not None:
            order = order_in_words(table, self.register_order_note)
            note = f", {order}" if order else ""
            noun = (
                (self.register_noun_one or self.register_noun) if total == 1 else self.register_noun
            )
            table.caption = f"{formats.number(total)} {noun}{note}"
        context["register_total"] = total
        context["list_tools"] = self.list_tools()
        # Filtering keeps the column sorted by: the table's own order, so only a column that
        # sorts (django-tables2 dropped anything else) is echoed into the filter form.
        order_by = getattr(table, "order_by", None)
        context["sort_value"] = ",".join(order_by) if order_by else ""
        return context


class RegisterExportMixin:
    """Turns a register's list view into its export (GET only): the filtered, sorted list,
    all pages, in the reader's own columns, at most `zvhd.exports.EXPORT_LIMIT` rows."""

    http_method_names = ["get", "head"]
    file_stem = "register"
    saved_filters = False  # the list keeps the filters, not its export

    def get_table_pagination(self, table):
        return False

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset(self.get_filterset_class())
        self.filterset = filterset
        # As FilterView shows it: invalid filters give an empty list, not the whole register.
        if not filterset.is_bound or filterset.is_valid() or not self.get_strict():
            queryset = filterset.qs
        else:
            queryset = filterset.queryset.none()
        query = self.current_query(for_saving=False)
        back = reverse(self.list_name) + (f"?{query}" if query else "")
        if over_limit(queryset):
            return too_many(request, noun=self.register_noun, back_url=back)
        self.object_list = queryset
        table = self.get_table(**self.get_table_kwargs())
        headers, rows, ids = table_values(table)
        export = Export(
            title=self.register_title or self.register_noun.capitalize(),
            noun=self.register_noun,
            noun_one=self.register_noun_one,
            file_stem=self.file_stem,
            headers=headers,
            rows=rows,
            model=queryset.model,
            object_ids=ids,
            filters=describe_filters(filterset),
            log_filters=describe_filters(filterset, search=self.not_saved, log=True),
            order=order_in_words(table, self.register_order_note),
        )
        return export_response(request, export)
