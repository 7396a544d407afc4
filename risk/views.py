"""The risk pages: a tab of the case file, its two forms, an assessment with its history,
lifting a flag, and the functioneel beheerder's instruments and kinds of flags."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from cases.policy import DETAILS, case_permissions
from cases.views.case_file import CaseFormView, CaseTabView, case_frame
from risk import services
from risk.forms import AssessmentForm, FlagForm, FlagKindForm, InstrumentForm, LiftForm
from risk.models import Assessment, FlagKind, Instrument, SafetyFlag, Score
from risk.policy import LIFT, MANAGE_ROLES
from zvhd import formats
from zvhd.privacy.models import AccessAction
from zvhd.views import RoleRequiredMixin, ScopedMixin, ServiceFormMixin


def risk_url(case) -> str:
    return reverse("risk:case_risk", args=[case.pk])


class CaseRiskView(CaseTabView):
    """The case's assessments (newest first, with their scores) and its safety flags: those
    of the case and those set on its person at another case, in force and lifted."""

    template_name = "risk/case_risk.html"
    tab = "risico"

    def get_context_data(self, **kwargs):
        from django.db.models import Q

        context = super().get_context_data(**kwargs)
        context.update(self.case_context())
        case = context["case"]
        context["assessments"] = list(
            Assessment.objects.filter(case=case)
            .select_related("instrument", "organisation", "recorded_by")
            .prefetch_related(Prefetch("scores", Score.objects.select_related("domain")))
        )
        flags = list(
            SafetyFlag.objects.filter(Q(case=case) | Q(person_id=case.person_id))
            .select_related("kind", "set_by", "lifted_by", "case")
            .order_by("lifted_on", "-set_on", "-id")
        )
        liftable = set(
            SafetyFlag.objects.visible_to(self.request.user, LIFT)
            .filter(pk__in=[f.pk for f in flags if f.lifted_on is None])
            .values_list("pk", flat=True)
        )
        for flag in flags:
            flag.can_lift = flag.pk in liftable
        context["flags"] = flags
        context["may_add"] = case.is_open
        # The latest assessment's review date passed: "Verlopen", as on the start panel and the
        # case's own page (an earlier assessment's review date was met by the latest one).
        latest = context["assessments"][0] if context["assessments"] else None
        context["review_overdue"] = bool(
            case.is_open and latest and latest.next_review_on < timezone.localdate()
        )
        return context


class RiskFormView(CaseFormView):
    action = DETAILS  # risk.policy: assess and flag need the case file
    tab = "risico"

    def get_success_url(self):
        return risk_url(self.get_case())


class AssessmentCreateView(RiskFormView):
    form_class = AssessmentForm
    template_name = "risk/assessment_form.html"
    heading = _("Risicotaxatie vastleggen")
    submit = _("Taxatie opslaan")
    success_message = _("De risicotaxatie is vastgelegd.")

    def instrument(self):
        if not hasattr(self, "_instrument"):
            active = Instrument.objects.filter(active=True)
            chosen = self.request.GET.get("instrument") or self.request.POST.get("instrument")
            found = active.filter(pk=chosen).first() if str(chosen).isdigit() else None
            self._instrument = found or active.first()
        return self._instrument

    def get(self, request, *args, **kwargs):
        if self.instrument() is None:
            return self.render_to_response(self.get_context_data(form=None))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.instrument() is None:
            return self.render_to_response(self.get_context_data(form=None))
        return super().post(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return AssessmentForm(
            **self.get_form_kwargs(), user=self.request.user, instrument=self.instrument()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["instrument"] = self.instrument()
        context["instruments"] = list(Instrument.objects.filter(active=True))
        return context

    def perform(self, form):
        return services.record_assessment(
            case=self.get_case(), recorded_by=self.request.user, **form.service_kwargs()
        )


class FlagCreateView(RiskFormView):
    form_class = FlagForm
    heading = _("Veiligheidssignaal plaatsen")
    intro = _(
        "Een signaal staat bovenaan de casus en in de casuslijsten, voor iedereen die het "
        "dossier mag inzien. Kies 'de betrokkene' als het bij al diens casussen moet staan."
    )
    submit = _("Signaal plaatsen")
    success_message = _("Het veiligheidssignaal is geplaatst.")

    def perform(self, form):
        return services.set_flag(
            case=self.get_case(), set_by=self.request.user, **form.cleaned_data
        )


class AssessmentDetailView(ScopedMixin, DetailView):
    model = Assessment
    template_name = "risk/assessment_detail.html"
    tab = "risico"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("case", "instrument", "organisation", "recorded_by")
            .prefetch_related(Prefetch("scores", Score.objects.select_related("domain")))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessment = self.object
        context["history"] = list(
            assessment.history.select_related("history_user").order_by("-history_date")[:20]
        )
        # Inside the case's file, with "Risico en veiligheid" marked in its side menu.
        context.update(
            self.frame(
                assessment.case,
                _("Risicotaxatie van %(day)s")
                % {"day": formats.short_date(assessment.assessed_on)},
            )
        )
        return context

    def frame(self, case, heading):
        return case_frame(
            self.request,
            case,
            tab=self.tab,
            can=case_permissions(self.request.user, case.pk),
            heading=str(heading),
        )


class FlagLiftView(ScopedMixin, ServiceFormMixin, SingleObjectMixin, FormView):
    model = SafetyFlag
    action = LIFT
    form_class = LiftForm
    template_name = "risk/flag_lift.html"
    tab = "risico"
    success_message = _("Het veiligheidssignaal is opgeheven.")

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().select_related("kind", "case", "set_by")

    @property
    def log_action(self):
        return AccessAction.CHANGE

    def perform(self, form):
        return services.lift_flag(
            flag=self.object, lifted_by=self.request.user, reason=form.cleaned_data["reason"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(flag=self.object, **kwargs)
        context.update(
            case_frame(
                self.request,
                self.object.case,
                tab=self.tab,
                can=case_permissions(self.request.user, self.object.case_id),
                heading=str(_("Veiligheidssignaal opheffen")),
            )
        )
        return context

    def get_success_url(self):
        return risk_url(self.object.case)


# ---------------------------------------------------------------------------------------------
# Beheer: instruments and kinds of flags (no case content)


class ManageMixin(RoleRequiredMixin):
    roles = MANAGE_ROLES


class InstrumentListView(ManageMixin, TemplateView):
    template_name = "risk/instrument_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["instruments"] = list(Instrument.objects.prefetch_related("domains"))
        context["kinds"] = list(FlagKind.objects.all())
        return context


class InstrumentFormView(ManageMixin, ServiceFormMixin, FormView):
    form_class = InstrumentForm
    template_name = "risk/manage_form.html"
    success_message = _("Het instrument is opgeslagen.")
    instrument = None

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:
            self.instrument = get_object_or_404(Instrument, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def versioned_object(self):
        return self.instrument

    def get_initial(self):
        i = self.instrument
        if i is None:
            return {"scale_min": 0, "scale_max": 3, "active": True}
        domains = "\n".join(
            f"{d.name} | {d.guidance}" if d.guidance else d.name
            for d in i.domains.filter(active=True)
        )
        return {
            "name": i.name,
            "guidance": i.guidance,
            "scale_min": i.scale_min,
            "scale_max": i.scale_max,
            "active": i.active,
            "domains": domains,
        }

    def get_context_data(self, **kwargs):
        title = _("Instrument wijzigen") if self.instrument else _("Nieuw instrument")
        return super().get_context_data(title=title, back=reverse("risk:instrument_list"), **kwargs)

    def perform(self, form):
        return services.save_instrument(
            instrument=self.instrument,
            saved_by=self.request.user,
            expected_version=self.expected_version(form),
            **form.service_kwargs(),
        )

    def get_success_url(self):
        return reverse("risk:instrument_list")


class FlagKindFormView(ManageMixin, ServiceFormMixin, FormView):
    form_class = FlagKindForm
    template_name = "risk/manage_form.html"
    success_message = _("Het soort signaal is opgeslagen.")
    kind = None

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:
            self.kind = get_object_or_404(FlagKind, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def versioned_object(self):
        return self.kind

    def get_initial(self):
        k = self.kind
        if k is None:
            return {"order": 10, "active": True}
        return {"name": k.name, "description": k.description, "order": k.order, "active": k.active}

    def get_context_data(self, **kwargs):
        title = _("Soort signaal wijzigen") if self.kind else _("Nieuw soort signaal")
        return super().get_context_data(title=title, back=reverse("risk:instrument_list"), **kwargs)

    def perform(self, form):
        return services.save_flag_kind(
            kind=self.kind,
            saved_by=self.request.user,
            expected_version=self.expected_version(form),
            **form.cleaned_data,
        )

    def get_success_url(self):
        return reverse("risk:instrument_list")
