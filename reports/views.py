"""Pages of the reports app: the figures dashboard, exports, the annual report and factsheets.

Who sees what is `reports.policy`: management sees every figure and makes the documents; a
gemeentelijk contactpersoon sees the figures of their municipality (sensitive counts under 5
as "<5", also in the exports) and the factsheets made for it; process support keeps the
thematic counts. Figures are anonymous counts, so the dashboard logs no record reads; the PDFs
are served through the scoped download view, never as public media. The dashboard and its
exports compute no figures: they read the published version or what the worker stored
(`reports.live`), with its time.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin
from django_htmx.http import HttpResponseClientRefresh

from reports import live, services
from reports.charts import bars
from reports.exports import table_csv, tables_xlsx
from reports.forms import DocumentForm, TextsForm, ThematicForm, YearForm
from reports.models import (
    DocumentKind,
    JobStatus,
    ReportDocument,
    ReportText,
    ThematicCount,
    YearSnapshot,
)
from reports.policy import ALL, OWN_MUNICIPALITY, roles_for, scope_for
from reports.tables import build_tables, table_by_slug
from zvhd.jobs import NOT_QUEUED_MESSAGE
from zvhd.jobs.views import JobDownloadView
from zvhd.network.models import Municipality
from zvhd.permissions import CHANGE
from zvhd.views import (
    RoleRequiredMixin,
    ScopedListMixin,
    ScopedMixin,
    ServiceFormMixin,
    apply_service_errors,
)


def default_year() -> int:
    """The last complete year: what a report is about."""
    return timezone.localdate().year - 1


def crumbs(*pairs):
    return [{"label": label, "url": url} for label, url in pairs]


def _year_from(request) -> tuple[int, YearForm]:
    """The year asked for and the year form to show. A year that is no year (`?jaar=twintig`)
    keeps the form as it was sent, with its Dutch message next to the field, and the page
    shows the default year."""
    form = YearForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return default_year(), form
    year = (form.cleaned_data.get("jaar") if form.is_bound else None) or default_year()
    if not live.has_figures(year):
        form.add_error("jaar", _("Van %(year)s zijn er (nog) geen cijfers.") % {"year": year})
        return default_year(), form
    return year, YearForm(initial={"jaar": year})


class FiguresMixin(RoleRequiredMixin):
    """The figures pages read the stored figures (`reports.live`): no request computes them."""

    roles = roles_for("dashboard")
    years_shown = 3

    def municipality(self):
        if not hasattr(self, "_municipality"):
            self._municipality = None
            if scope_for(self.request.user, "dashboard") == OWN_MUNICIPALITY:
                self._municipality = Municipality.objects.get(pk=self.request.user.municipality_id)
        return self._municipality

    def year_figures(self, year: int) -> list[live.YearFigures]:
        years = range(year, year - self.years_shown, -1)
        return live.figures_for(years, self.municipality())

    def year_tables(self, year: int):
        """The tables of `year` and the years before it that are there (a year still being
        computed is left out), and every year's figures with their source."""
        if not live.has_figures(year):  # a year in an export's address without figures
            raise Http404
        figures = self.year_figures(year)
        ready = [f.data for f in figures if not f.computing]
        tables = build_tables(ready, mask_small=self.municipality() is not None) if ready else []
        return tables, figures

    def computing_response(self, year: int):
        """An export of a year not computed yet: back to the page that says so."""
        messages.info(
            self.request,
            _("De cijfers van %(year)s worden berekend; probeer de export zo opnieuw.")
            % {"year": year},
        )
        return redirect(reverse("reports:dashboard") + f"?jaar={year}")


# The element of the "wordt berekend" state that asks whether the figures are there yet.
COMPUTING_ID = "cijfers-berekend"


class DashboardView(FiguresMixin, TemplateView):
    template_name = "reports/dashboard.html"

    def get(self, request, *args, **kwargs):
        if request.htmx and request.htmx.trigger == COMPUTING_ID:
            # The "wordt berekend" page asks every few seconds whether its years are there:
            # nothing (204) until they are, then it reloads itself.
            year, _form = _year_from(request)
            if any(f.computing for f in self.year_figures(year)):
                return HttpResponse(status=204)
            return HttpResponseClientRefresh()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, year_form = _year_from(self.request)
        tables, figures = self.year_tables(year)
        for table in tables:
            if table.chart:
                table.chart_uri = bars(
                    table.chart["labels"],
                    table.chart["series"],
                    horizontal=table.chart["horizontal"],
                    unit=table.chart["unit"],
                )
        municipality = self.municipality()
        title = (
            _("Cijfers %(name)s") % {"name": municipality.name}
            if municipality
            else _("Cijfers en jaarverslag")
        )
        context.update(
            title=title,
            year=year,
            current=figures[0].data,
            # The oldest of the stored years shown: "Stand van" never claims more than that.
            computed_at=min((f.computed_at for f in figures if f.computed_at), default=None),
            computing=[f.year for f in figures if f.computing],
            tables=tables,
            sources=[f for f in figures if not f.computing],
            refresh_minutes=settings.REPORTS_FIGURES_REFRESH_MINUTES,
            municipality=municipality,
            year_form=year_form,
            is_manager=scope_for(self.request.user, "document", CHANGE) == ALL,
            may_refresh=scope_for(self.request.user, "dashboard", CHANGE) == ALL,
            breadcrumbs=crumbs((title, "")),
        )
        return context


class FiguresRefreshView(RoleRequiredMixin, View):
    """Management's "Nu bijwerken": the worker computes the shown years again."""

    roles = roles_for("dashboard", CHANGE)

    def post(self, request, year: int):
        if not live.has_figures(year):
            raise Http404
        answers = [live.queue_refresh(y) for y in range(year, year - FiguresMixin.years_shown, -1)]
        if live.NOT_QUEUED in answers:
            messages.error(
                request,
                _(
                    "De cijfers konden niet worden bijgewerkt: de takenserver is niet "
                    "bereikbaar. Probeer het later opnieuw."
                ),
            )
        elif live.QUEUED in answers:
            messages.success(
                request,
                _(
                    "Het bijwerken van de cijfers is gevraagd; de stand hieronder verandert "
                    "zodra het klaar is (meestal binnen een minuut)."
                ),
            )
        else:
            messages.info(request, _("De cijfers worden al bijgewerkt."))
        return redirect(reverse("reports:dashboard") + f"?jaar={year}")


class ExportCsvView(FiguresMixin, View):
    def get(self, request, year: int, slug: str):
        tables, figures = self.year_tables(year)
        if figures[0].computing:
            return self.computing_response(year)
        table = table_by_slug(tables, slug)
        if table is None:
            raise Http404
        response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="zvhd-{slug}-{year}.csv"'
        return response


class ExportXlsxView(FiguresMixin, View):
    def get(self, request, year: int):
        tables, figures = self.year_tables(year)
        if figures[0].computing:
            return self.computing_response(year)
        municipality = self.municipality()
        title = f"Cijfers {year} ZVHD" + (f" – {municipality.name}" if municipality else "")
        response = HttpResponse(
            tables_xlsx(tables, title=title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="zvhd-cijfers-{year}.xlsx"'
        return response


# ---------------------------------------------------------------------------------------------
# The annual report of a year (management)


class AnnualReportView(RoleRequiredMixin, ScopedListMixin, ListView):
    """Texts, snapshots and documents of one year. Lists only the year's own rows."""

    roles = roles_for("document", CHANGE)
    model = ReportDocument
    read_method = "for_list"
    template_name = "reports/annual_report.html"
    log_reads = False  # documents hold anonymous figures, no personal data

    def get_queryset(self):
        return super().get_queryset().filter(year=self.kwargs["year"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.kwargs["year"]
        user = self.request.user
        texts = ReportText.objects.visible_to(user).filter(year=year)
        context.update(
            year=year,
            texts_form=kwargs.get("texts_form") or TextsForm(initial=TextsForm.initial_for(texts)),
            document_form=DocumentForm(),
            # While a PDF is being made the button waits and the section follows the job
            # (issue 23: a second click started a second job).
            documents_busy=any(document.is_busy for document in context["object_list"]),
            snapshots=YearSnapshot.objects.visible_to(user).for_list().filter(year=year),
            breadcrumbs=crumbs(
                (_("Cijfers en jaarverslag"), reverse("reports:dashboard")),
                (_("Jaarverslag %(year)s") % {"year": year}, ""),
            ),
        )
        return context


class TextsSaveView(RoleRequiredMixin, ServiceFormMixin, FormView):
    """All sections of a year in one form; the form carries every section's version, and a
    save over someone else's newer texts comes back with the editor's input and the changes."""

    roles = roles_for("text", CHANGE)
    form_class = TextsForm
    http_method_names = ["post"]

    def perform(self, form):
        return services.save_report_texts(
            year=self.kwargs["year"],
            texts=form.texts(),
            expected_versions=form.expected_versions(),
            saved_by=self.request.user,
        )

    def get_success_message(self, form) -> str:
        return _("De teksten van %(year)s zijn bewaard.") % {"year": self.kwargs["year"]}

    def get_success_url(self):
        return reverse("reports:annual_report", args=[self.kwargs["year"]])

    def form_invalid(self, form):
        return self.annual_report(form, status=400)

    def conflict(self, form, conflict):
        form.add_error(None, self.conflict_message)
        form.show_versions({s: t.version for s, t in conflict.current.items()})
        form.conflict = conflict.changes
        return self.annual_report(form, status=200)

    def annual_report(self, form, *, status):
        """The annual report page with this texts form in it."""
        view = AnnualReportView()
        view.setup(self.request, year=self.kwargs["year"])
        view.object_list = view.get_queryset()
        context = view.get_context_data(texts_form=form)
        return view.response_class(self.request, view.get_template_names(), context, status=status)


class SnapshotRequestView(RoleRequiredMixin, View):
    roles = roles_for("snapshot", CHANGE)

    def post(self, request, year: int):
        snapshot = services.request_snapshot(
            year=year, requested_by=request.user, reason=request.POST.get("reason", "")
        )
        messages.success(
            request,
            _("Versie %(v)s van de cijfers van %(year)s wordt vastgelegd.")
            % {"v": snapshot.version, "year": year},
        )
        return redirect(reverse("reports:annual_report", args=[year]) + "#momentopnamen")


class SnapshotPublishView(ScopedMixin, SingleObjectMixin, View):
    model = YearSnapshot
    action = CHANGE
    log_reads = False

    def post(self, request, *args, **kwargs):
        snapshot = self.get_object()
        try:
            services.publish_snapshot(snapshot=snapshot, published_by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Versie %(v)s is nu de gepubliceerde cijfers van %(year)s.")
                % {"v": snapshot.version, "year": snapshot.year},
            )
        return redirect(reverse("reports:annual_report", args=[snapshot.year]) + "#momentopnamen")


class DocumentRequestView(RoleRequiredMixin, View):
    roles = roles_for("document", CHANGE)

    def post(self, request, year: int):
        form = DocumentForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect(reverse("reports:annual_report", args=[year]) + "#documenten")
        kind = form.cleaned_data["kind"]
        targets = [None]
        if kind == DocumentKind.FACTSHEET:
            chosen = form.cleaned_data.get("municipality")
            targets = [chosen] if chosen else list(Municipality.objects.order_by("name"))
        not_queued = 0
        for municipality in targets:
            document = services.request_document(
                kind=kind, year=year, requested_by=request.user, municipality=municipality
            )
            # The task is sent at the commit, inside request_document: the row says by now
            # whether the queue (Redis) took it.
            document.refresh_from_db(fields=["status", "error"])
            not_queued += document.error == NOT_QUEUED_MESSAGE
        if not_queued:
            messages.error(
                request,
                _(
                    "De PDF kon niet in de wachtrij worden gezet (de takenserver is niet "
                    "bereikbaar). Probeer het later opnieuw."
                ),
            )
        else:
            messages.success(request, _("De PDF wordt gemaakt; de voortgang staat hieronder."))
        return redirect(reverse("reports:annual_report", args=[year]) + "#documenten")


class DocumentStatusView(ScopedMixin, DetailView):
    """One document's progress, polled by htmx until it is done or failed."""

    model = ReportDocument
    template_name = "reports/partials/document.html"
    log_reads = False

    def get_queryset(self):
        return super().get_queryset().select_related("municipality", "snapshot")


class DocumentDownloadView(JobDownloadView):
    model = ReportDocument


class FactsheetListView(RoleRequiredMixin, ScopedListMixin, ListView):
    """A municipal contact's factsheets (management sees all of them here too)."""

    roles = roles_for("document")
    model = ReportDocument
    read_method = "for_list"
    template_name = "reports/factsheets.html"
    log_reads = False

    def get_queryset(self):
        return super().get_queryset().filter(kind=DocumentKind.FACTSHEET, status=JobStatus.DONE)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = crumbs((_("Factsheets"), ""))
        return context


# ---------------------------------------------------------------------------------------------
# Thematic tables


class ThematicView(RoleRequiredMixin, ScopedListMixin, ListView):
    roles = roles_for("thematic", CHANGE)
    model = ThematicCount
    read_method = "for_list"
    template_name = "reports/thematic.html"
    log_reads = False  # counts, no personal data

    def get_queryset(self):
        return super().get_queryset().filter(year=self.year)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.year, self.year_form = _year_from(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        from reports.thematic import thematic_for_year

        context.update(
            year=self.year,
            form=kwargs.get("form") or ThematicForm(initial={"year": self.year}),
            totals=thematic_for_year(self.year),
            year_form=self.year_form,
            breadcrumbs=crumbs((_("Thematische overleggen"), "")),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ThematicForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_thematic_count(
                    table=data["table"],
                    year=data["year"],
                    count=data["count"],
                    meeting_on=data.get("meeting_on"),
                    region=data.get("region") or "",
                    municipality=data.get("municipality"),
                    outcome=data.get("outcome") or "",
                    entered_by=request.user,
                )
            except ValidationError as exc:
                # The service's message lands next to its field; nothing typed is lost.
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("De telling is bewaard."))
                return redirect(reverse("reports:thematic") + f"?jaar={data['year']}")
        if getattr(form, "cleaned_data", {}).get("year"):
            self.year = form.cleaned_data["year"]
        self.object_list = self.get_queryset()
        context = self.get_context_data(form=form)
        return self.render_to_response(context, status=400)


class ThematicDeleteView(ScopedMixin, SingleObjectMixin, View):
    model = ThematicCount
    action = CHANGE
    log_reads = False

    def post(self, request, *args, **kwargs):
        item = self.get_object()
        year = item.year
        services.remove_thematic_count(item=item, removed_by=request.user)
        messages.success(request, _("De telling is verwijderd."))
        return redirect(reverse("reports:thematic") + f"?jaar={year}")
