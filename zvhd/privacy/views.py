from django.views.generic import ListView

from zvhd.network.models import Role
from zvhd.privacy.forms import AccessLogSearchForm
from zvhd.privacy.models import AccessLog
from zvhd.views import RoleRequiredMixin, ScopedListMixin


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
