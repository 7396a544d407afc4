"""A bare page for `make bench`: the same middleware and base template, no data.

Mounted only when BENCH_PAGES is on, so the start page can be measured next to it.
"""

from django.views.generic import TemplateView

from zvhd.network.models import Role
from zvhd.views import RoleRequiredMixin


class BarePageView(RoleRequiredMixin, TemplateView):
    roles = {role.value for role in Role}
    template_name = "zvhd/bare.html"
