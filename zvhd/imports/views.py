"""The import pages (functioneel beheerder only): upload, the check's report, confirm.

The request keeps the file and queues the check; the page then polls the job's progress.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views import View
from django.views.generic import DetailView, ListView

from zvhd.imports import registry, services
from zvhd.imports.forms import UploadForm
from zvhd.imports.models import ImportJob
from zvhd.network.models import Role
from zvhd.views import (
    PageOrLastMixin,
    RoleRequiredMixin,
    ScopedListMixin,
    ScopedMixin,
    apply_service_errors,
)

BEHEER = {Role.FUNCTIONEEL_BEHEERDER}


class ImportListView(RoleRequiredMixin, PageOrLastMixin, ScopedListMixin, ListView):
    roles = BEHEER
    model = ImportJob
    read_method = "for_list"
    template_name = "imports/import_list.html"
    paginate_by = 25
    log_reads = False  # the jobs hold counts and row numbers, no personal data

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", UploadForm())
        context["guides"] = [
            {"kind": cls.kind, "label": cls.label, "columns": cls.guide()}
            for cls in registry.importer_classes()
        ]
        return context

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = services.upload_import(
                    kind=form.cleaned_data["kind"],
                    upload=form.cleaned_data["file"],
                    requested_by=request.user,
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                return redirect("imports:detail", pk=job.pk)
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ImportTemplateView(RoleRequiredMixin, View):
    """An empty file with the header an import of `kind` needs, to fill in a spreadsheet
    program (CSV with `;` and a byte-order mark, so a Dutch Excel opens it as UTF-8)."""

    roles = BEHEER

    def get(self, request, kind):
        try:
            importer_class = registry.importer_class_for(kind)
        except LookupError:
            raise Http404 from None
        response = HttpResponse(
            "\ufeff" + importer_class.header_line() + "\r\n", content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="import-{kind}-kopregel.csv"'
        return response


class ImportDetailView(RoleRequiredMixin, ScopedMixin, DetailView):
    roles = BEHEER
    model = ImportJob
    read_method = "for_detail"
    log_reads = False

    def get_template_names(self):
        # htmx polls only the status block while the job runs.
        if self.request.htmx:
            return ["imports/import_status.html"]
        return ["imports/import_detail.html"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            services.confirm_import(job=self.object, confirmed_by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("imports:detail", pk=self.object.pk)
