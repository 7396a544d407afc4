"""What every register (a django-tables2 list with filters) offers (issue 23): a total in its
caption, open work first, and an export of exactly the filtered list for people who take
lists away.

The export is the list the user sees, all pages of it, in the columns of their own table (a
user who may not see identities exports the pseudonymised table), as an XLSX whose numbers and
dates a Dutch spreadsheet shows the Dutch way (`zvhd.formats`). Every record in the file is one
"geëxporteerd" row in the access log, written in one INSERT.
"""

from __future__ import annotations

import io
from datetime import date

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django_tables2 import RequestConfig

from zvhd.formats import xlsx_apply_formats

EXPORT_PARAM = "export"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A text cell that starts like a formula is written as text (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


def table_values(table) -> tuple[list[str], list[list]]:
    """The headers and the cell values of every row of a django-tables2 table: dates stay
    dates, numbers stay numbers, the rest is the plain text the page shows."""
    columns = [c for c in table.columns if c.visible]
    headers = [str(c.header) for c in columns]
    rows = []
    for row in table.rows:
        values = []
        for column in columns:
            raw = row.get_cell_value(column.name)
            if isinstance(raw, date | int | float) and not isinstance(raw, bool):
                values.append(raw)
            else:
                values.append(neutralise(strip_tags(str(raw if raw is not None else "")).strip()))
        rows.append(values)
    return headers, rows


def xlsx_response(*, title: str, filename: str, headers: list[str], rows: list[list]):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    xlsx_apply_formats(sheet, min_row=2)
    for index in range(1, len(headers) + 1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = 20
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class RegisterMixin:
    """For a `SingleTableMixin` + `FilterView` register of one guarded model.

    - `register_noun`: "nazorgdossiers", for the caption "67 nazorgdossiers, open eerst";
    - `export_name`: the file name's start ("nazorg" gives nazorg-2026-12-06.xlsx);
    - `?export=xlsx` answers the file instead of the page.
    """

    register_noun = ""
    register_order_note = ""
    export_name = "register"

    def get(self, request, *args, **kwargs):
        if request.GET.get(EXPORT_PARAM) == "xlsx":
            return self.export(request)
        return super().get(request, *args, **kwargs)

    def export(self, request):
        from zvhd.privacy.models import AccessAction
        from zvhd.privacy.services import log_records_access

        filterset_class = self.get_filterset_class()
        self.filterset = self.get_filterset(filterset_class)
        queryset = self.filterset.qs if self.filterset.is_valid() else self.get_queryset().none()
        table = self.get_table_class()(queryset, request=request)
        RequestConfig(request, paginate=False).configure(table)
        headers, rows = table_values(table)
        log_records_access(
            request=request,
            model=queryset.model,
            object_ids=[row.record.pk for row in table.rows],
            action=AccessAction.EXPORT,
        )
        name = f"{self.export_name}-{timezone.localdate():%Y-%m-%d}.xlsx"
        return xlsx_response(
            title=self.register_noun or self.export_name,
            filename=name,
            headers=headers,
            rows=rows,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        table = context.get("table")
        paginator = getattr(getattr(table, "page", None), "paginator", None)
        total = paginator.count if paginator else len(table.rows) if table else 0
        if table is not None:
            from zvhd.formats import number

            note = f", {self.register_order_note}" if self.register_order_note else ""
            table.caption = f"{number(total)} {self.register_noun}{note}"
        context["register_total"] = total
        query = self.request.GET.copy()
        query.pop("page", None)
        query[EXPORT_PARAM] = "xlsx"
        context["export_query"] = query.urlencode()
        return context
