"""The case lists as spreadsheets (issue 23): the house's one export (`zvhd.exports`) of the
list itself: the same view class (its scope, filters, sort and columns), read in one query of
at most EXPORT_LIMIT rows, one access-log row per case in the file (one INSERT). Saved filters
are the house's too (`zvhd.lists`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from cases.models import Case
from cases.views.lists import (
    CaseListView,
    MyCasesView,
    OrganisationRegistrationsView,
    TriageQueueView,
)
from zvhd import exports
from zvhd.exports import Export, describe_filters, too_many
from zvhd.paging import ordered


class ExportMixin:
    """Turns a case list view into its spreadsheet (GET only)."""

    http_method_names = ["get", "head"]
    file_stem = "casussen"
    saved_filters = False  # the list keeps the filters, not its export

    def get(self, request, *args, **kwargs):
        filterset, qs = self.filtered()
        qs, fields, badges, enriched_column = self.with_columns(qs)
        sort = self.sorted_by()
        limit = exports.EXPORT_LIMIT
        rows = list(ordered(qs, self.order()).values(*fields)[: limit + 1])
        if len(rows) > limit:
            query = self.current_query(for_saving=False)
            back = reverse(self.list_name) + (f"?{query}" if query else "")
            return too_many(request, noun=_("casussen"), back_url=back)
        export = Export(
            title=str(self.title),
            noun=_("casussen"),
            noun_one=_("casus"),
            file_stem=self.file_stem,
            headers=[],
            rows=[],
            model=Case,
            object_ids=[row["pk"] for row in rows],
            filters=describe_filters(filterset),
            log_filters=describe_filters(filterset, search=self.not_saved, log=True),
        )
        # The log's rows are written while the table and the file are made (issue 24).
        with exports.logged(request, export):
            table = self.table(rows, badges=badges, enriched_column=enriched_column, sort=sort)
            export.headers = [header.label for header in table.headers]
            export.rows = self.values(table, rows)
            export.order = str(table.caption)
            content = exports.workbook(export, user=request.user)
        return exports.file_response(export, content)

    def values(self, table, rows) -> list[list]:
        """The cells of each row as the list shows them; dates as dates."""
        hidden = _("afgeschermd")
        added, to_do = _("toegevoegd"), _("nog te doen")
        out = []
        for row, raw in zip(table.rows, rows, strict=True):
            registered = row.registered_on
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
                values.append(added if row.enriched else to_do)
            values += [", ".join(labels) for labels in row.badges]
            out.append(values)
        return out


class CaseListExportView(ExportMixin, CaseListView):
    file_stem = "casussen"


class MyCasesExportView(ExportMixin, MyCasesView):
    file_stem = "mijn-casussen"


class TriageQueueExportView(ExportMixin, TriageQueueView):
    file_stem = "triage"


class OrganisationRegistrationsExportView(ExportMixin, OrganisationRegistrationsView):
    file_stem = "aanmeldingen-organisatie"


__all__ = [
    "CaseListExportView",
    "MyCasesExportView",
    "OrganisationRegistrationsExportView",
    "TriageQueueExportView",
]
