from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import CreateView, ListView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from zvhd.jobs.views import JobDownloadView
from zvhd.network.models import Role
from zvhd.privacy import services
from zvhd.privacy.forms import AccessLogSearchForm, SubjectAccessRequestForm
from zvhd.privacy.models import AccessLog, SubjectAccessRequest
from zvhd.privacy.services import request_access_pdf
from zvhd.views import RoleRequiredMixin, ScopedListMixin, ScopedMixin, ServiceFormMixin


class AccessLogView(RoleRequiredMixin, ScopedListMixin, ListView):
    """The privacy officer searches the access log by user, record and period."""

    roles = {Role.PRIVACY_OFFICER}
    model = AccessLog
    read_method = "for_search"
    paginate_by = 50
    template_name = "privacy/access_log.html"
    log_reads = False  # reading the log is the privacy officer's job, not a record access

    def get_queryset(self):
        queryset = super().get_queryset()
        self.form = AccessLogSearchForm(self.request.GET or None)
        if self.form.is_bound and self.form.is_valid():
            queryset = self.form.filter(queryset)
        elif self.form.is_bound:
            queryset = queryset.none()
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


# ---------------------------------------------------------------------------------------------
# Subject access (inzage)


class SubjectAccessMixin(RoleRequiredMixin, ScopedMixin):
    roles = {Role.PRIVACY_OFFICER}
    model = SubjectAccessRequest


class SubjectAccessListView(SubjectAccessMixin, ListView):
    template_name = "privacy/access_requests.html"
    paginate_by = 50
    log_reads = False

    def get_queryset(self):
        return super().get_queryset().select_related("registered_by")


class SubjectAccessCreateView(SubjectAccessMixin, ServiceFormMixin, CreateView):
    form_class = SubjectAccessRequestForm
    template_name = "privacy/access_request_form.html"
    success_message = "Het inzageverzoek is geregistreerd."

    def perform(self, form):
        return services.register_access_request(
            access_request=form.save(commit=False), registered_by=self.request.user
        )

    def get_success_url(self):
        return reverse("privacy:access_request_edit", args=[self.result.pk])


class SubjectAccessUpdateView(SubjectAccessMixin, ServiceFormMixin, UpdateView):
    form_class = SubjectAccessRequestForm
    template_name = "privacy/access_request_form.html"
    success_message = "Het inzageverzoek is bijgewerkt."

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.update_access_request(
            access_request=form.save(commit=False),
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("privacy:access_request_edit", args=[self.object.pk])


class SubjectAccessGenerateView(SubjectAccessMixin, SingleObjectMixin, View):
    """POST: queue the PDF of everything ZVHD holds on the person (a Celery task makes it).
    GET: the job's status partial, which the edit page polls while the PDF is being made."""

    http_method_names = ["get", "post"]
    log_reads = False  # the status only: the PDF itself is read through the download view

    def get(self, request, *args, **kwargs):
        return render(
            request, "privacy/partials/access_pdf_status.html", {"object": self.get_object()}
        )

    def post(self, request, *args, **kwargs):
        access_request = self.get_object()
        request_access_pdf(access_request=access_request, user=request.user, request=request)
        messages.success(request, "De inzage-PDF wordt gemaakt; ververs de pagina over even.")
        return redirect("privacy:access_request_edit", pk=access_request.pk)


class SubjectAccessDownloadView(SubjectAccessMixin, JobDownloadView):
    file_field = "pdf"

    def get_filename(self, obj) -> str:
        return f"inzage-{obj.pk}.pdf"
