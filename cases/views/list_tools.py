"""What a reader does with a case list besides reading it (issue 23): take it away as a
spreadsheet, and keep its filters under a name to open again.

The export is the list itself: the same view class (its scope, filters, sort and columns), read
in one query of at most EXPORT_LIMIT rows, and one access-log row that names the list and its
filters (its path) rather than one per case. Saved filters are the user's own
(`SavedFilter.objects.visible_to`: anyone else's is a 404).
"""

from __future__ import annotations

import io

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from cases import services
from cases.models import (
    SAVED_FILTER_LISTS,
    SAVED_FILTER_NAME_LENGTH,
    SAVED_FILTER_QUERY_LENGTH,
    SavedFilter,
)
from cases.views.lists import (
    NOT_SAVED,
    CaseListView,
    MyCasesView,
    OrganisationRegistrationsView,
    TriageQueueView,
)
from zvhd import formats
from zvhd.formats import XLSX_DATE
from zvhd.paging import ordered
from zvhd.privacy.models import AccessAction
from zvhd.registers import XLSX, neutralise
from zvhd.views import ScopedMixin

# The longest list one export takes away; above it the reader narrows the filters first. A
# spreadsheet of 5,000 cases is already more than anyone reads, and it is made in the request
# (about half a second at this size; a larger bound would belong on the job kernel).
EXPORT_LIMIT = 5000


def _describe_filters(filterset) -> str:
    """The filters of the list in words, for the top of the spreadsheet."""
    if not (filterset.is_bound and filterset.is_valid()):
        return _("geen")
    parts = []
    for name, field in filterset.form.fields.items():
        value = filterset.form.cleaned_data.get(name)
        if value in (None, "", []):
            continue
        if hasattr(value, "strftime"):
            shown = formats.short_date(value)
        else:
            shown = dict(getattr(field, "choices", ())).get(value, value)
            shown = dict(getattr(field, "choices", ())).get(str(value), shown)
        parts.append(f"{field.label}: {shown}")
    return "; ".join(parts) or _("geen")


class ExportMixin:
    """Turns a case list view into its spreadsheet (GET only)."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        filterset, qs = self.filtered()
        qs, fields, badges, enriched_column = self.with_columns(qs)
        sort = self.sorted_by()
        rows = list(ordered(qs, self.order()).values(*fields)[: EXPORT_LIMIT + 1])
        list_url = reverse(self.list_name) + f"?{self.current_query(for_saving=False)}"
        if len(rows) > EXPORT_LIMIT:
            messages.error(
                request,
                _(
                    "Deze lijst telt meer dan %(limit)s casussen; een export neemt er hoogstens "
                    "%(limit)s mee. Verfijn de filters (bijvoorbeeld op status, gemeente of "
                    "periode) en exporteer opnieuw."
                )
                % {"limit": formats.number(EXPORT_LIMIT)},
            )
            return HttpResponseRedirect(list_url)
        table = self.table(rows, badges=badges, enriched_column=enriched_column, sort=sort)
        content = self.workbook(table, rows, filterset)
        from zvhd.privacy.services import log_access

        # One row for the whole export; its path is the list and its filters, which the
        # access log shows where a row names no single record.
        log_access(request=request, action=AccessAction.EXPORT)
        response = HttpResponse(content, content_type=XLSX)
        name = f"{self.file_stem}-{timezone.localdate():%Y-%m-%d}.xlsx"  # as the registers
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def workbook(self, table, rows, filterset) -> bytes:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        book = Workbook(write_only=True)
        sheet = book.create_sheet(str(self.title)[:31])
        bold = Font(bold=True)

        def cells(values, *, font=None):
            out = []
            for value in values:
                cell = WriteOnlyCell(sheet, value=neutralise(value))
                if font is not None:
                    cell.font = font
                if hasattr(value, "strftime"):
                    cell.number_format = XLSX_DATE
                out.append(cell)
            return out

        sheet.append(cells([str(self.title)], font=bold))
        sheet.append(cells([_("Filters: %(filters)s") % {"filters": _describe_filters(filterset)}]))
        sheet.append(cells([str(table.caption)]))
        now = timezone.localtime()
        sheet.append(
            [
                _("Gemaakt op %(date)s om %(time)s door %(user)s; %(n)s casussen.")
                % {
                    "date": formats.short_date(now),
                    "time": f"{now:%H:%M}",
                    "user": self.request.user,
                    "n": formats.number(len(rows)),
                }
            ]
        )
        sheet.append([])
        sheet.append(cells([header.label for header in table.headers], font=bold))
        by_pk = {row["pk"]: row for row in rows}
        hidden = _("afgeschermd")
        for row, raw in zip(table.rows, rows, strict=True):
            registered = timezone.localtime(by_pk[raw["pk"]]["registered_at"]).date()
            person = row.person if row.person is not None else hidden
            if table.triage:
                values = [
                    row.number,
                    person,
                    row.status,
                    row.urgency,
                    row.municipality,
                    row.registrant,
                    registered,
                ]
            else:
                values = [
                    row.number,
                    person,
                    row.status,
                    row.kind,
                    row.municipality,
                    row.director,
                    registered,
                    raw["review_on"],
                ]
            if table.show_enriched:
                values.append(_("toegevoegd") if row.enriched else _("nog te doen"))
            values += [", ".join(labels) for labels in row.badges]
            sheet.append(cells(values))
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


class CaseListExportView(ExportMixin, CaseListView):
    file_stem = "casussen"


class MyCasesExportView(ExportMixin, MyCasesView):
    file_stem = "mijn-casussen"


class TriageQueueExportView(ExportMixin, TriageQueueView):
    file_stem = "triage"


class OrganisationRegistrationsExportView(ExportMixin, OrganisationRegistrationsView):
    file_stem = "aanmeldingen-organisatie"


# ---------------------------------------------------------------------------------------------
# Saved filters


class SaveFilterForm(forms.Form):
    list_name = forms.ChoiceField(choices=list(SAVED_FILTER_LISTS.items()))
    name = forms.CharField(label=_("Naam"), max_length=SAVED_FILTER_NAME_LENGTH)
    query = forms.CharField(required=False, max_length=SAVED_FILTER_QUERY_LENGTH)


class SavedFilterMixin(ScopedMixin):
    """A user's own saved filters: `visible_to` is the owner only (anyone else: 404)."""

    model = SavedFilter
    log_reads = False  # a filter holds no personal data (the search term is never kept)


class SaveFilterView(SavedFilterMixin, View):
    """Keep the list's current filters under a name (POST from the list page)."""

    http_method_names = ["post"]

    def post(self, request):
        form = SaveFilterForm(request.POST)
        if not form.is_valid():
            list_name = request.POST.get("list_name")
            messages.error(
                request,
                _("Geef het filter een naam van hoogstens %(n)d tekens.")
                % {"n": SAVED_FILTER_NAME_LENGTH},
            )
            target = list_name if list_name in SAVED_FILTER_LISTS else "cases:case_list"
            return HttpResponseRedirect(reverse(target))
        data = form.cleaned_data
        list_url = reverse(data["list_name"])
        # What the list page sent, without what is never kept (the search term, the page).
        kept = QueryDict(data["query"], mutable=True)
        for key in NOT_SAVED:
            kept.pop(key, None)
        query = kept.urlencode()
        try:
            saved = services.save_filter(
                owner=request.user, list_name=data["list_name"], name=data["name"], query=query
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(f"{list_url}?{query}" if query else list_url)
        messages.success(request, _("Het filter ‘%(name)s’ is bewaard.") % {"name": saved.name})
        return HttpResponseRedirect(f"{list_url}?{query}" if query else list_url)


class OpenFilterView(SavedFilterMixin, View):
    """Open the list with a saved filter's filters."""

    http_method_names = ["get", "head"]

    def get(self, request, pk):
        saved = get_object_or_404(self.get_queryset(), pk=pk)
        url = reverse(saved.list_name)
        return HttpResponseRedirect(f"{url}?{saved.query}" if saved.query else url)


class DeleteFilterView(SavedFilterMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        saved = get_object_or_404(self.get_queryset(), pk=pk)
        services.delete_filter(saved_filter=saved)
        messages.success(request, _("Het filter ‘%(name)s’ is verwijderd.") % {"name": saved.name})
        return HttpResponseRedirect(reverse(saved.list_name))


__all__ = [
    "CaseListExportView",
    "DeleteFilterView",
    "MyCasesExportView",
    "OpenFilterView",
    "OrganisationRegistrationsExportView",
    "SaveFilterView",
    "TriageQueueExportView",
]
