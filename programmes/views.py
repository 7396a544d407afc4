"""Pages of the programmes app: a case's programmes (a tab of the case file) and the list of
programmes the functioneel beheerder keeps.

The case pages stand on the cases app's case-file mixin, so the door is the case's own: a case
out of reach is a 404, reading the tab needs the case file ("details"), adding or changing a
period needs directing the case ("change", a 403 otherwise), and every read is in the access
log like any tab of the file.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, ListView, TemplateView, UpdateView, View

from cases.policy import DETAILS
from cases.views.case_file import CaseFormView, CasePageMixin
from programmes import services
from programmes.forms import CaseProgrammeForm, PeriodForm, ProgrammeForm
from programmes.models import CaseProgramme, Programme
from programmes.policy import MANAGE_ROLES
from zvhd.permissions import CHANGE
from zvhd.views import RoleRequiredMixin, ServiceFormMixin


class CaseProgrammesView(CasePageMixin, TemplateView):
    """The tab: every programme period of the case, and (for its director) the form to add."""

    template_name = "programmes/case_programmes.html"
    action = DETAILS
    tab = "programmas"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.case_context())
        case = context["case"]
        context["periods"] = list(
            CaseProgramme.objects.visible_to(self.request.user).filter(case=case).for_case_page()
        )
        if context["can"][CHANGE]:
            context["form"] = kwargs.get("form") or CaseProgrammeForm()
        return context


class CaseProgrammeAddView(CaseFormView):
    action = CHANGE
    form_class = CaseProgrammeForm
    template_name = "programmes/case_programmes.html"
    tab = "programmas"
    success_message = _("Het programma is toegevoegd.")

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["periods"] = list(
            CaseProgramme.objects.visible_to(self.request.user)
            .filter(case=self.get_case())
            .for_case_page()
        )
        return context

    def perform(self, form):
        data = form.cleaned_data
        return services.add_case_programme(
            case=self.get_case(),
            programme=data["programme"],
            started_on=data["started_on"],
            ended_on=data.get("ended_on"),
            added_by=self.request.user,
        )

    def get_success_url(self):
        return reverse("programmes:case_programmes", args=[self.get_case().pk])


class PeriodMixin:
    """The period `period` of the case `pk`, reached through the case's door for "change"."""

    # For the IDOR probe (tests/ops/test_idor_probe.py): `period` is looked up inside the case.
    scoped_children = ("period",)

    def get_period(self) -> CaseProgramme:
        if not hasattr(self, "_period"):
            found = (
                CaseProgramme.objects.visible_to(self.request.user, CHANGE)
                .filter(case=self.get_case(), pk=self.kwargs["period"])
                .select_related("programme", "case")
                .first()
            )
            if found is None:
                raise Http404
            self._period = found
        return self._period


class CaseProgrammeEditView(PeriodMixin, CaseFormView):
    action = CHANGE
    form_class = PeriodForm
    template_name = "programmes/period_form.html"
    tab = "programmas"
    success_message = _("De periode is opgeslagen.")
    version_fields = ["started_on", "ended_on"]

    def versioned_object(self):
        return self.get_period()

    def get_initial(self):
        period = self.get_period()
        return {"started_on": period.started_on, "ended_on": period.ended_on}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["period"] = self.get_period()
        return context

    def perform(self, form):
        data = form.cleaned_data
        return services.change_case_programme(
            period=self.get_period(),
            started_on=data["started_on"],
            ended_on=data.get("ended_on"),
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("programmes:case_programmes", args=[self.get_case().pk])


class CaseProgrammeRemoveView(PeriodMixin, CasePageMixin, View):
    """Remove a period entered by mistake (POST only); its history stays."""

    action = CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.remove_case_programme(period=self.get_period(), removed_by=request.user)
        messages.success(request, _("De periode is verwijderd."))
        return HttpResponseRedirect(
            reverse("programmes:case_programmes", args=[self.get_case().pk])
        )


# ---------------------------------------------------------------------------------------------
# Functioneel beheer: the list of programmes


class ProgrammeListView(RoleRequiredMixin, ListView):
    roles = MANAGE_ROLES
    model = Programme
    template_name = "programmes/programme_list.html"

    def get_queryset(self):
        return Programme.objects.visible_to(self.request.user, CHANGE).order_by("order", "name")


class ProgrammeFormMixin(RoleRequiredMixin, ServiceFormMixin):
    roles = MANAGE_ROLES
    model = Programme
    form_class = ProgrammeForm
    template_name = "programmes/programme_form.html"

    def get_queryset(self):
        return Programme.objects.visible_to(self.request.user, CHANGE)

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.save_programme(
            programme=form.save(commit=False),
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_message(self, form):
        return _("Het programma is opgeslagen.")

    def get_success_url(self):
        return reverse("programmes:programme_list")


class ProgrammeCreateView(ProgrammeFormMixin, CreateView):
    pass


class ProgrammeUpdateView(ProgrammeFormMixin, UpdateView):
    pass
