"""Intake: registration, the duplicate check, screening, enrichment, the triage decision."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, TemplateView

from cases import forms, services
from cases.models import Case, Ketenkamer
from cases.policy import DUPLICATE_CHECK_ROLES, ENRICH, REGISTER_ROLES, SCREEN, TRIAGE
from cases.views.case_file import CaseFormView
from zvhd import terms
from zvhd.network.models import Vocabulary
from zvhd.permissions import CHANGE
from zvhd.views import RoleRequiredMixin, ScopedMixin, ServiceFormMixin


class RegisterView(RoleRequiredMixin, ServiceFormMixin, FormView):
    roles = REGISTER_ROLES
    form_class = forms.RegistrationForm
    template_name = "cases/register.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    @cached_property
    def source_advice(self):
        """The advice record this registration is made from (`?advies=<pk>`), if the user may
        convert it; read through the advice app's own door, so nothing personal is in the URL."""
        pk = self.request.GET.get("advies", "")
        if not pk.isdigit():
            return None
        from advice.models import AdviceRecord

        return (
            AdviceRecord.objects.visible_to(self.request.user, "convert")
            .select_related("topic")
            .filter(pk=int(pk), registration__isnull=True)
            .first()
        )

    def get_initial(self):
        initial = super().get_initial()
        advice = self.source_advice
        if advice is not None:
            from advice.services import registration_initial

            data = registration_initial(advice)
            reason = data["reason"]
            if data["advice_given"]:
                reason += "\n\n" + str(_("Eerder gegeven advies: ")) + data["advice_given"]
            initial.update(
                registering_organisation=data["registering_organisation"],
                municipality=data["municipality"],
                person_municipality=data["municipality"],
                registrant_name=data["registered_by_name"],
                reason=reason,
            )
            if terms.is_choosable(Vocabulary.AANDACHTSGEBIED, data["topic"]):
                initial["topic"] = data["topic"]
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["duplicate_check"] = self.request.user.has_role(*DUPLICATE_CHECK_ROLES)
        context["source_advice"] = self.source_advice
        return context

    def perform(self, form):
        advice = self.source_advice
        if advice is None:
            return services.register_case(registered_by=self.request.user, **form.service_kwargs())
        from advice.services import register_from_advice

        return register_from_advice(
            advice=advice,
            registered_by=self.request.user,
            register=services.register_case,
            **form.service_kwargs(),
        )

    def get_success_url(self):
        return reverse("cases:registered", args=[self.result.pk])


class KnownPersonView(RoleRequiredMixin, TemplateView):
    """The duplicate check at intake (htmx partial), for ZVHD staff only.

    A POST, not a GET: a BSN, a name and a birth date in a query string end up in access
    logs, proxies and browser history. The answer is the person register's fuzzy search
    across every app (persons.hits), each hit shown as far as the reader may see it.
    """

    roles = DUPLICATE_CHECK_ROLES
    template_name = "persons/partials/hits.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        from persons.views import known_for

        return self.render_to_response(known_for(request, request.POST))


class RegisteredView(ScopedMixin, DetailView):
    """The confirmation the registrant sees: received, with number and status only."""

    model = Case
    template_name = "cases/registered.html"
    log_reads = False  # shows no personal data


class ScreenView(CaseFormView):
    action = SCREEN
    form_class = forms.ScreeningForm
    heading = _("Screenen")
    intro = _(
        "Controleer of de aanmelding compleet is. Een complete aanmelding komt op de agenda "
        "van de eerstvolgende ketenkamer."
    )
    success_message = _("De screening is vastgelegd.")

    def get_initial(self):
        return {"notes": self.get_case().screening_notes}

    def perform(self, form):
        services.screen_case(
            case=self.get_case(),
            screened_by=self.request.user,
            notes=form.cleaned_data["notes"],
            complete=form.cleaned_data["complete"] == "ja",
        )


class EnrichView(CaseFormView):
    action = ENRICH
    form_class = forms.EnrichmentForm
    heading = _("Verrijken")
    intro = _(
        "Vul aan wat uw organisatie weet. Het wordt gemarkeerd met uw organisatie als bron; "
        "u bepaalt of ook het casusteam het mag zien. Vermeld de grondslag waaronder u het "
        "verstrekt en met welk doel: zonder grondslag wordt niets vastgelegd."
    )
    success_message = _("Uw informatie is toegevoegd.")

    def perform(self, form):
        services.add_enrichment(
            case=self.get_case(),
            added_by=self.request.user,
            text=form.cleaned_data["text"],
            shared_with=form.cleaned_data["shared_with"],
            legal_basis=form.cleaned_data["legal_basis"],
            purpose=form.cleaned_data["purpose"],
        )


class TriageView(CaseFormView):
    action = TRIAGE
    form_class = forms.TriageForm
    template_name = "cases/triage_form.html"
    heading = _("Besluit van de ketenkamer")
    success_message = _("Het besluit is vastgelegd; de aanmelder krijgt bericht.")

    def ketenkamer(self):
        pk = self.request.GET.get("ketenkamer") or self.request.POST.get("ketenkamer")
        if pk and str(pk).isdigit():
            return Ketenkamer.objects.visible_to(self.request.user, CHANGE).filter(pk=pk).first()
        return None

    def get_context_data(self, **kwargs):
        from django.utils import timezone

        from cases.models import UNKNOWN_BASIS
        from cases.policy import enrichment_filter

        context = super().get_context_data(**kwargs)
        case = context["case"]
        ketenkamer = self.ketenkamer()
        context["ketenkamer"] = ketenkamer
        if ketenkamer is not None and ketenkamer.date > timezone.localdate():
            context["not_held"] = services.ketenkamer_not_held_message(ketenkamer)
        # What the decision is about: the registration and what the partners added to it
        # (issue 23: the form asked for a decision without showing either).
        context["problem_areas"] = list(case.problem_areas.all())
        context["enrichments"] = list(
            case.enrichments.filter(enrichment_filter(self.request.user)).select_related(
                "source_organisation", "added_by", "legal_basis"
            )
        )
        context["unknown_basis"] = UNKNOWN_BASIS
        form = context["form"]
        context["criteria_fields"] = [form[name] for name in form.CRITERIA_FIELDS]
        context["decision_fields"] = [
            form[name] for name in form.fields if name not in form.CRITERIA_FIELDS
        ]
        return context

    def perform(self, form):
        d = form.cleaned_data
        if d["decision"] == "ingetrokken":
            services.withdraw_case(
                case=self.get_case(),
                withdrawn_by=self.request.user,
                reason=d["reason"] or _("Ingetrokken in de ketenkamer"),
            )
            return
        services.decide_triage(
            case=self.get_case(),
            decided_by=self.request.user,
            decision=d["decision"],
            criteria=form.criteria(),
            reason=d["reason"],
            referred_to=d["referred_to"],
            ketenkamer=self.ketenkamer(),
            director=d["director"],
            support=d["support"],
            guide=d["guide"],
        )

    def get_success_url(self):
        ketenkamer = self.ketenkamer()
        if ketenkamer:
            return reverse("cases:ketenkamer_detail", args=[ketenkamer.pk])
        return super().get_success_url()


class WithdrawView(CaseFormView):
    action = SCREEN
    form_class = forms.ReasonForm
    heading = _("Aanmelding intrekken")
    success_message = _("De aanmelding is ingetrokken.")

    def perform(self, form):
        services.withdraw_case(
            case=self.get_case(), withdrawn_by=self.request.user, reason=form.cleaned_data["reason"]
        )
