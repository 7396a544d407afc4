"""Process direction: the forms of a case in direction, and its child records acted on by id
(scoped through their case)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django.views.generic.detail import SingleObjectMixin

from cases import forms, services
from cases.models import (
    CLOSING_APPROVER_ROLES,
    UPDATE_STATUS,
    Action,
    Closing,
    ClosingStatus,
    Escalation,
)
from cases.policy import DIRECT, actions_filter, case_permissions
from cases.views.case_file import CaseFormView, case_frame, refuse_closed
from zvhd import formats
from zvhd.network.models import Role
from zvhd.permissions import CHANGE
from zvhd.views import RoleRequiredMixin, ScopedMixin, ServiceFormMixin, deny


class DirectFormView(CaseFormView):
    action = DIRECT


class CasePeopleView(DirectFormView):
    """The case's people, with its `version` (zvhd.versions): a stale save is refused, kept as
    a ConflictCopy, and the form comes back with the editor's input next to the current one."""

    form_class = forms.CasePeopleForm
    heading = _("Regisseur, ondersteuning en evaluatie")
    success_message = _("De casus is bijgewerkt.")
    conflict_message = _(
        "Iemand anders heeft deze casus intussen gewijzigd. Uw versie is bewaard; "
        "hieronder staat de huidige versie. Neem over wat u wilt behouden en sla "
        "opnieuw op."
    )

    def get_initial(self):
        case = self.get_case()
        return {
            "director": case.director_id,
            "support": case.support_id,
            "guide": case.guide_id,
            "review_on": case.review_on,
            "version": case.version,
        }

    def perform(self, form):
        d = form.cleaned_data
        services.update_case_people(
            case=self.get_case(),
            changed_by=self.request.user,
            expected_version=d["version"],
            director=d["director"],
            support=d["support"],
            guide=d["guide"],
            review_on=d["review_on"],
        )


class PlanEditView(DirectFormView):
    form_class = forms.PlanForm
    tab = "plan"
    template_name = "cases/plan_form.html"
    heading = _("Plan van aanpak")
    success_message = _("Het plan van aanpak is opgeslagen.")
    conflict_message = _(
        "Iemand anders heeft het plan intussen opgeslagen. Uw versie is bewaard (hieronder "
        "in het formulier); de nieuwe versie staat ernaast. Voeg ze samen en sla "
        "opnieuw op."
    )

    def get_initial(self):
        plan = getattr(self.get_case(), "plan", None) if hasattr(self.get_case(), "plan") else None
        if plan is None:
            return {"version": 0}
        return {"summary": plan.summary, "review_on": plan.review_on, "version": plan.version}

    def perform(self, form):
        d = form.cleaned_data
        services.save_plan(
            case=self.get_case(),
            saved_by=self.request.user,
            summary=d["summary"],
            review_on=d["review_on"],
            expected_version=d["version"] or None,
        )

    def get_success_url(self):
        return reverse("cases:case_plan", args=[self.get_case().pk])


class GoalCreateView(DirectFormView):
    form_class = forms.GoalForm
    tab = "plan"
    heading = _("Doel toevoegen")
    success_message = _("Het doel is toegevoegd.")

    def perform(self, form):
        services.add_goal(case=self.get_case(), added_by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("cases:case_plan", args=[self.get_case().pk])


class ActionCreateView(DirectFormView):
    form_class = forms.ActionForm
    tab = "plan"
    heading = _("Actie toevoegen")
    success_message = _("De actie is toegevoegd.")

    def extra_form_kwargs(self):
        return {"case": self.get_case()}

    def perform(self, form):
        services.add_action(
            case=self.get_case(), added_by=self.request.user, **form.service_kwargs()
        )

    def get_success_url(self):
        return reverse("cases:case_plan", args=[self.get_case().pk])


class MeetingCreateView(DirectFormView):
    form_class = forms.MeetingForm
    tab = "overleggen"
    heading = _("Maatwerkoverleg vastleggen")
    success_message = _("Het overleg is vastgelegd.")

    template_name = "cases/meeting_form.html"

    def extra_form_kwargs(self):
        return {"case": self.get_case()}

    def form_invalid(self, form):
        if form.wants_more:
            # "Meer acties": the same form with more empty rows, not a list of errors.
            from django.forms.utils import ErrorDict, ErrorList

            for each in (form, *form.action_forms.forms):
                each._errors = ErrorDict()
            form.action_forms._errors = [ErrorDict() for _each in form.action_forms.forms]
            form.action_forms._non_form_errors = ErrorList()
        return super().form_invalid(form)

    def perform(self, form):
        d = form.cleaned_data
        services.record_meeting(
            case=self.get_case(),
            recorded_by=self.request.user,
            date=d["date"],
            attendees=d["attendees"],
            other_attendees=d["other_attendees"],
            notes=d["notes"],
            decisions=d["decisions"],
            actions=form.actions(),
        )

    def get_success_url(self):
        return reverse("cases:case_meetings", args=[self.get_case().pk])


class TeamMemberView(DirectFormView):
    form_class = forms.TeamMemberForm
    heading = _("Professional toevoegen aan het casusteam")
    intro = _(
        "Een teamlid krijgt toegang tot deze casus (plan, overleggen en de eigen acties) "
        "en tot niets anders."
    )
    success_message = _("De professional is toegevoegd aan het casusteam.")

    def perform(self, form):
        services.add_team_member(
            case=self.get_case(), added_by=self.request.user, **form.cleaned_data
        )


class EscalateView(DirectFormView):
    form_class = forms.EscalationForm
    heading = _("Opschalen")
    success_message = _("De casus is opgeschaald.")

    def perform(self, form):
        services.escalate_case(
            case=self.get_case(), escalated_by=self.request.user, **form.cleaned_data
        )


class CloseView(DirectFormView):
    """The closing page: what is still open, resolve it or close consciously with a reason;
    when the organisation asks for it, a maatwerk case is proposed to a manager instead."""

    form_class = forms.ClosingForm
    template_name = "cases/case_close.html"
    heading = _("Afschalen of afsluiten")

    def open_items(self):
        from cases.closing import open_items

        if not hasattr(self, "_open_items"):
            self._open_items = open_items(self.get_case())
        return self._open_items

    def get_form(self, form_class=None):
        """The reason for leaving points open is asked only when there are open points, and
        then it is required (the service checks it again)."""
        form = super().get_form(form_class)
        field = form.fields["open_items_reason"]
        items = self.open_items()
        if not items:
            del form.fields["open_items_reason"]
        else:
            field.required = True
            field.help_text = _("Dit wordt bewaard in de geschiedenis en op de tijdlijn.")
            field.error_messages["required"] = _(
                "Er staan nog %(n)s punten open. Werk ze eerst af, of leg uit waarom u de "
                "casus toch afsluit."
            ) % {"n": len(items)}
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.get_case()
        context["open_items"] = self.open_items()
        context["needs_approval"] = services.closing_needs_approval(case)
        context["pending"] = case.closings.filter(status=ClosingStatus.PROPOSED).first()
        context["submit"] = (
            _("Afsluiten voorstellen aan de manager")
            if context["needs_approval"]
            else _("Casus afsluiten")
        )
        return context

    def perform(self, form):
        data = {"open_items_reason": "", **form.cleaned_data}
        return services.request_closing(
            case=self.get_case(), requested_by=self.request.user, **data
        )

    def get_success_message(self, form):
        if self.result.status == ClosingStatus.PROPOSED:
            return _("Het afsluiten is voorgesteld. Een manager beoordeelt het voorstel.")
        return _("De casus is afgesloten.")


class ReopenView(DirectFormView):
    form_class = forms.ReasonForm
    heading = _("Heropenen")
    allowed_when_closed = True  # the one way back into a closed case
    success_message = _("De casus is heropend.")

    def perform(self, form):
        services.reopen_case(
            case=self.get_case(), reopened_by=self.request.user, reason=form.cleaned_data["reason"]
        )


class LinkGroupView(DirectFormView):
    form_class = forms.LinkGroupForm
    heading = _("Groepsaanpak")
    success_message = _("De koppeling met de groep is opgeslagen.")

    def extra_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        return {"group": self.get_case().group_id}

    def perform(self, form):
        services.link_to_group(
            case=self.get_case(), group=form.cleaned_data["group"], linked_by=self.request.user
        )


class ChildActionView(ScopedMixin, SingleObjectMixin, ServiceFormMixin, FormView):
    action = CHANGE
    tab = "overzicht"  # the case tab the page belongs to, marked in the side menu
    template_name = "cases/case_form.html"
    log_reads = False
    success_message = _("Opgeslagen.")

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.case.is_open:
            return refuse_closed(self, request, self.object.case)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object.case
        context.update(
            case_frame(
                self.request,
                case,
                tab=self.tab,
                can=case_permissions(self.request.user, case.pk),
                heading=str(self.heading),
            ),
            heading=self.heading,
            submit=_("Opslaan"),
        )
        return context

    def get_success_url(self):
        return reverse(self.success_url_name, args=[self.object.case_id])


class ActionStatusView(ChildActionView):
    model = Action
    action = UPDATE_STATUS
    tab = "plan"  # an action is on the plan

    def get_queryset(self):
        # A partner does not see the other organisations' actions on the plan: not found.
        return (
            super()
            .get_queryset()
            .filter(actions_filter(self.request.user))
            .select_related("case", "owner", "owner_organisation", "goal")
        )

    form_class = forms.ActionStatusForm
    heading = _("Status van de actie")
    success_url_name = "cases:case_plan"

    def get_context_data(self, **kwargs):
        # Which action this is (issue 23: the page showed only a status select).
        action = self.object
        owner = action.owner_organisation.name
        if action.owner_id:
            owner = f"{action.owner} ({owner})"
        subject = [
            (_("Actie"), action.description),
            (_("Uitvoerder"), owner),
            (_("Uiterlijk"), formats.short_date(action.due_on)),
            (_("Huidige status"), action.get_status_display()),
        ]
        if action.goal_id:
            subject.insert(1, (_("Bij doel"), action.goal.description))
        return super().get_context_data(subject=subject, **kwargs)

    def get_initial(self):
        return {"status": self.object.status}

    def perform(self, form):
        services.set_action_status(
            action=self.object, changed_by=self.request.user, status=form.cleaned_data["status"]
        )


class ResolveEscalationView(ChildActionView):
    model = Escalation
    form_class = forms.ResolveEscalationForm
    heading = _("Opschaling afronden")
    success_url_name = "cases:case_detail"

    def perform(self, form):
        services.resolve_escalation(
            escalation=self.object,
            resolved_by=self.request.user,
            outcome=form.cleaned_data["outcome"],
        )


class ClosingDecisionView(ChildActionView):
    """A manager who did not propose it approves or refuses closing a maatwerk case (four
    eyes). Anyone else who directs the case reads the proposal here but gets 403 on it."""

    model = Closing
    form_class = forms.ClosingDecisionForm
    template_name = "cases/closing_decide.html"
    heading = _("Afsluiten beoordelen")
    success_url_name = "cases:case_detail"

    def get_queryset(self):
        return super().get_queryset().select_related("case", "proposed_by", "decided_by")

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.has_role(*CLOSING_APPROVER_ROLES):
            deny(request, obj=self.object)
        if not self.object.pending:
            from django.contrib import messages
            from django.shortcuts import redirect

            messages.info(
                request,
                _("Over dit voorstel is al besloten: %(status)s.")
                % {"status": self.object.get_status_display().lower()},
            )
            return redirect("cases:case_detail", self.object.case_id)
        # ChildActionView's own dispatch would read the object again.
        return super(ChildActionView, self).dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(closing=self.object, submit=_("Besluit vastleggen"))
        return context

    def perform(self, form):
        d = form.cleaned_data
        if d["decision"] == "goedkeuren":
            return services.approve_closing(
                closing=self.object, approved_by=self.request.user, note=d["note"]
            )
        return services.refuse_closing(
            closing=self.object, refused_by=self.request.user, note=d["note"]
        )

    def get_success_message(self, form):
        if self.result.status == ClosingStatus.APPROVED:
            return _("Het afsluiten is goedgekeurd. De casus is afgesloten.")
        return _("Het afsluiten is afgewezen. De casus blijft open.")


class CaseSettingsView(RoleRequiredMixin, ServiceFormMixin, FormView):
    """The functioneel beheerder's choices for cases (no case content on this page)."""

    roles = {Role.FUNCTIONEEL_BEHEERDER}
    form_class = forms.CaseSettingsForm
    template_name = "cases/case_settings.html"
    success_message = _("De instellingen zijn opgeslagen.")

    def get_initial(self):
        from cases.models import CaseSettings

        row = CaseSettings.current()
        return {"closing_needs_approval": row.closing_needs_approval, "version": row.version}

    def get_context_data(self, **kwargs):
        from cases.models import CaseSettings

        context = super().get_context_data(**kwargs)
        context["history"] = list(
            # Changes only: the row made with the defaults on first use is no one's choice.
            CaseSettings.history.exclude(history_type="+")
            .select_related("history_user")
            .order_by("-history_date")[:10]
        )
        return context

    def perform(self, form):
        return services.save_case_settings(
            changed_by=self.request.user,
            closing_needs_approval=form.cleaned_data["closing_needs_approval"],
            expected_version=form.cleaned_data.get("version"),
        )

    def get_success_url(self):
        return reverse("cases:settings")
