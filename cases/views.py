"""Pages of the cases app. Every view reaches cases through `Case.objects.visible_to` (via
ScopedMixin / ScopedListMixin) and writes through one service in `cases.services`."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from cases import forms, services
from cases.filters import CaseFilter
from cases.models import (
    TRIAGE_STATUSES,
    UPDATE_STATUS,
    Action,
    Case,
    CaseGroup,
    Escalation,
    Ketenkamer,
    Status,
    Topic,
)
from cases.policy import (
    CASE_ACTIONS,
    DETAILS,
    DIRECT,
    DUPLICATE_CHECK_ROLES,
    ENRICH,
    GROUPS,
    KETENKAMER,
    REGISTER_ROLES,
    SCREEN,
    TRIAGE,
    TRIAGE_ROLES,
    actions_filter,
    case_permissions,
    enrichment_filter,
    permission_annotations,
    permissions_of,
    sees_names,
)
from cases.tables import ROW_FIELDS, CaseTable
from zvhd.jobs import JobStatus
from zvhd.jobs.views import JobDownloadView
from zvhd.permissions import CHANGE, VIEW
from zvhd.privacy.models import AccessAction
from zvhd.views import RoleRequiredMixin, ScopedListMixin, ScopedMixin

PAGE_SIZE = 25


# ---------------------------------------------------------------------------------------------
# Lists (keyset pagination: "newer/older" by id, never a COUNT over the table)


class CaseListBase(ScopedListMixin, TemplateView):
    """A filtered, keyset-paginated list of the cases the user may see."""

    model = Case
    template_name = "cases/case_list.html"
    title = _("Alle casussen")
    caption = _("Casussen die u mag zien, nieuwste eerst")

    def base_queryset(self):
        return self.scoped_queryset(VIEW)

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = CaseFilter(self.request.GET or None, queryset=self.base_queryset(), user=user)
        qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        before = self.request.GET.get("voor", "")
        if before.isdigit():
            qs = qs.filter(pk__lt=int(before))
        rows = list(qs.order_by("-pk").values(*ROW_FIELDS)[: PAGE_SIZE + 1])
        has_more = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE]
        shown = [row["pk"] for row in rows]
        if sees_names(user):
            named = set(shown)
        else:
            named = set(
                Case.objects.visible_to(user, DETAILS)
                .filter(pk__in=shown)
                .values_list("pk", flat=True)
            )
        table = CaseTable(rows, named=named, caption=self.caption)
        query = self.request.GET.copy()
        query.pop("voor", None)
        next_query = None
        if has_more:
            query["voor"] = shown[-1]
            next_query = query.urlencode()
            query.pop("voor")
        return super().get_context_data(
            shown_ids=shown,
            table=table,
            filter=filterset,
            title=self.title,
            can_register=user.has_role(*REGISTER_ROLES),
            next_query=next_query,
            first_query=query.urlencode() if before else None,
            **kwargs,
        )


class CaseListView(CaseListBase):
    pass


class MyCasesView(CaseListBase):
    title = _("Mijn casussen")
    caption = _("Casussen waarin u regisseur, ondersteuner, trajectbegeleider of teamlid bent")

    def base_queryset(self):
        from django.db.models import Q

        from cases.models import TeamMember

        user = self.request.user
        mine = (
            Q(director=user)
            | Q(support=user)
            | Q(guide=user)
            | Q(pk__in=TeamMember.objects.filter(user=user).values("case_id"))
        )
        return super().base_queryset().filter(mine)


class TriageQueueView(CaseListBase):
    title = _("Triage")
    caption = _("Aanmeldingen die wachten op screening of een besluit van de ketenkamer")

    def base_queryset(self):
        return super().base_queryset().filter(status__in=TRIAGE_STATUSES)


class OrganisationRegistrationsView(CaseListBase):
    title = _("Aanmeldingen van mijn organisatie")
    caption = _("De status van de aanmeldingen van uw organisatie")

    def base_queryset(self):
        return (
            super()
            .base_queryset()
            .filter(registering_organisation_id=self.request.user.organisation_id)
        )


# ---------------------------------------------------------------------------------------------
# Registration


class RegisterView(RoleRequiredMixin, FormView):
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
            if data["topic"] in Topic.values:
                initial["topic"] = data["topic"]
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["duplicate_check"] = self.request.user.has_role(*DUPLICATE_CHECK_ROLES)
        context["source_advice"] = self.source_advice
        return context

    def form_valid(self, form):
        advice = self.source_advice
        origin = {}
        if advice is not None:
            origin = {
                "origin": str(_("Adviesvraag van %(date)s"))
                % {"date": advice.date.strftime("%d-%m-%Y")},
                "origin_url": reverse("advice:detail", args=[advice.pk]),
            }
        try:
            with transaction.atomic():
                case = services.register_case(
                    registered_by=self.request.user, **form.service_kwargs(), **origin
                )
                if advice is not None:
                    from advice.services import link_registration

                    link_registration(advice=advice, case=case, linked_by=self.request.user)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        return redirect("cases:registered", pk=case.pk)


class KnownPersonView(RoleRequiredMixin, TemplateView):
    """The duplicate check at intake (htmx partial), for ZVHD staff only."""

    roles = DUPLICATE_CHECK_ROLES
    template_name = "cases/partials/known_person.html"

    def get_context_data(self, **kwargs):
        from django.utils.dateparse import parse_date

        context = super().get_context_data(**kwargs)
        bsn = self.request.GET.get("bsn", "").strip()
        last_name = self.request.GET.get("last_name", "").strip()
        try:
            birth_date = parse_date(self.request.GET.get("birth_date", "") or "")
        except ValueError:
            birth_date = None
        asked = bool(bsn or (last_name and birth_date))
        known = (
            list(
                services.find_known_cases(bsn=bsn, last_name=last_name, birth_date=birth_date)[:10]
            )
            if asked
            else []
        )
        context.update(asked=asked, known=known)
        return context


class RegisteredView(ScopedMixin, DetailView):
    """The confirmation the registrant sees: received, with number and status only."""

    model = Case
    template_name = "cases/registered.html"
    log_reads = False  # shows no personal data


# ---------------------------------------------------------------------------------------------
# The case file


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class CasePageMixin(ScopedMixin, SingleObjectMixin):
    model = Case
    read_method = "for_detail"
    tab = "overzicht"

    @property
    def log_action(self) -> str:
        return AccessAction.VIEW if self.action in (VIEW, DETAILS) else AccessAction.CHANGE

    def dispatch(self, request, *args, **kwargs):
        # Scope first: a case out of reach is a 404 (and a refused action a 403) before any
        # form or context is built.
        self.get_case()
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # The page's buttons (and the check of `action` below) are answered by the query that
        # reads the case: `can_<action>` from the same policy table as `visible_to`.
        return super().get_queryset().annotate(**permission_annotations(self.request.user))

    def allows(self, obj, action: str) -> bool:
        if action in CASE_ACTIONS:
            return getattr(obj, f"can_{action}")
        return super().allows(obj, action)

    def get_case(self):
        if not hasattr(self, "_case"):
            self._case = self.object = self.get_object()
        return self._case

    def case_context(self):
        case = self.get_case()
        return {"case": case, "can": permissions_of(case), "tab": self.tab}


class CaseDetailView(CasePageMixin, TemplateView):
    template_name = "cases/case_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.case_context())
        case, can, user = context["case"], context["can"], self.request.user
        context["show_names"] = can[DETAILS] or sees_names(user)
        if can[DETAILS]:
            context["problem_areas"] = list(case.problem_areas.all())
            context["related_persons"] = list(case.related_persons.all())
            context["invited"] = list(case.invited_organisations.all())
            context["enrichments"] = list(
                case.enrichments.filter(enrichment_filter(user)).select_related(
                    "source_organisation", "added_by"
                )
            )
            context["team"] = list(case.team.select_related("user", "organisation"))
            # Only a case that has been in direction can have been escalated.
            context["escalations"] = list(case.escalations.all()) if case.started_on else []
            context["triage"] = (
                getattr(case, "triage", None) if case.status not in TRIAGE_STATUSES else None
            )
        # The duplicate check matters at intake and triage, not in a running case.
        if case.in_triage and user.has_role(*DUPLICATE_CHECK_ROLES):
            context["known"] = list(
                services.find_known_cases(
                    bsn=case.person.bsn,
                    last_name=case.person.last_name,
                    birth_date=case.person.birth_date,
                ).exclude(pk=case.pk)[:10]
            )
        return context


class CaseTabView(CasePageMixin, TemplateView):
    """A tab of the case file: needs the file itself ("details")."""

    action = DETAILS


class PlanView(CaseTabView):
    template_name = "cases/case_plan.html"
    tab = "plan"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.case_context())
        case = context["case"]
        context["plan"] = getattr(case, "plan", None)
        context["goals"] = list(case.goals.all())
        context["actions"] = list(
            case.actions.filter(actions_filter(self.request.user)).select_related(
                "owner", "owner_organisation", "goal"
            )
        )
        context["conflicts"] = list(
            case.conflict_copies.filter(saved_by=self.request.user, what="plan")[:3]
        )
        return context


class MeetingsView(CaseTabView):
    template_name = "cases/case_meetings.html"
    tab = "overleggen"

    def get_context_data(self, **kwargs):
        from django.db.models import Prefetch

        context = super().get_context_data(**kwargs)
        context.update(self.case_context())
        context["meetings"] = list(
            context["case"]
            .meetings.prefetch_related(
                "attendees",
                Prefetch(
                    "actions",
                    queryset=Action.objects.filter(actions_filter(self.request.user)),
                ),
            )
            .select_related("created_by")
        )
        return context


class HistoryView(CaseTabView):
    template_name = "cases/case_history.html"
    tab = "geschiedenis"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.case_context())
        case = context["case"]
        context["transitions"] = list(case.transitions.select_related("by"))
        # One query for the records; each is compared with the next older one in Python
        # (simple-history's prev_record would cost a query per row).
        records = list(case.history.select_related("history_user").order_by("-history_date")[:51])
        changes = []
        for record, previous in zip(records[:50], [*records[1:], None], strict=False):
            delta = []
            if previous is not None:
                delta = [
                    (c.field, c.old, c.new)
                    for c in record.diff_against(previous).changes
                    if c.field != "version"
                ]
            changes.append({"record": record, "delta": delta})
        context["changes"] = changes
        from cases.models import Plan

        context["plan_changes"] = self.plan_changes(case)
        context["plan_history"] = list(
            Plan.history.filter(case_id=case.pk)
            .select_related("history_user")
            .order_by("-history_date")[:20]
        )
        return context

    def plan_changes(self, case, limit: int = 50) -> list[dict]:
        """Goals, actions and meetings as they were created, changed and removed, newest first:
        one UNION query over the three history tables. A partner sees the changes of their own
        organisation's actions only, as on the plan tab."""
        from django.db.models import CharField, F, Value
        from django.db.models.functions import Cast, Coalesce, Concat, Left, NullIf, Trim

        from cases.models import ActionStatus, CaseMeeting, Goal

        columns = ("history_date", "who", "history_type", "kind", "summary", "detail")
        # The full name, as User.__str__ gives it everywhere else (the username if none).
        full_name = Coalesce(
            NullIf(
                Trim(
                    Concat(
                        "history_user__first_name",
                        Value(" "),
                        "history_user__last_name",
                        output_field=CharField(),
                    )
                ),
                Value(""),
            ),
            "history_user__username",
            output_field=CharField(),
        )

        def rows(history, kind, summary, detail):
            return (
                history.filter(case_id=case.pk)
                .annotate(
                    who=full_name,
                    kind=Value(kind, output_field=CharField()),
                    summary=Left(summary, 120),
                    detail=detail,
                )
                .values_list(*columns)
            )

        goals = rows(
            Goal.history,
            "goal",
            F("description"),
            Cast("reached", output_field=CharField()),
        )
        actions = rows(
            Action.history.filter(actions_filter(self.request.user)),
            "action",
            F("description"),
            F("status"),
        )
        meetings = rows(
            CaseMeeting.history,
            "meeting",
            Cast("date", output_field=CharField()),
            Value("", output_field=CharField()),
        )
        kinds = {"goal": _("Doel"), "action": _("Actie"), "meeting": _("Overleg")}
        verbs = {"+": _("aangemaakt"), "~": _("gewijzigd"), "-": _("verwijderd")}
        statuses = dict(ActionStatus.choices)
        result = []
        union = goals.union(actions, meetings, all=True).order_by("-history_date")[:limit]
        for at, who, history_type, kind, summary, detail in union:
            if kind == "meeting":
                summary = date.fromisoformat(summary).strftime("%d-%m-%Y")
                detail = ""
            elif kind == "goal":
                detail = _("bereikt") if detail == "true" else ""
            else:
                detail = statuses.get(detail, detail)
            result.append(
                {
                    "at": at,
                    "by": who,
                    "kind": kinds[kind],
                    "verb": verbs.get(history_type, ""),
                    "summary": summary,
                    "detail": detail,
                }
            )
        return result


# ---------------------------------------------------------------------------------------------
# Actions on a case: one form, one service


class CaseFormView(CasePageMixin, FormView):
    """A form on one case that calls one service. Subclasses set `action` and `perform`."""

    template_name = "cases/case_form.html"
    heading = ""
    intro = ""
    submit = _("Opslaan")
    success_message = _("Opgeslagen.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(self.extra_form_kwargs())
        return kwargs

    def extra_form_kwargs(self):
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.case_context())
        context.update(heading=self.heading, intro=self.intro, submit=self.submit)
        return context

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        except services.EditConflict as conflict:
            return self.conflict(form, conflict)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def conflict(self, form, conflict):  # pragma: no cover - only forms with versions
        raise NotImplementedError

    def get_success_url(self):
        return reverse("cases:case_detail", args=[self.get_case().pk])

    def perform(self, form):  # pragma: no cover - abstract
        raise NotImplementedError


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
        "u bepaalt of ook het casusteam het mag zien."
    )
    success_message = _("Uw informatie is toegevoegd.")

    def perform(self, form):
        services.add_enrichment(
            case=self.get_case(),
            added_by=self.request.user,
            text=form.cleaned_data["text"],
            shared_with=form.cleaned_data["shared_with"],
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
        context = super().get_context_data(**kwargs)
        context["ketenkamer"] = self.ketenkamer()
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


class DirectFormView(CaseFormView):
    action = DIRECT


class VersionedFormView(DirectFormView):
    """A form on a record with a `version` (optimistic locking): when someone else saved in
    between, the service raises EditConflict and the form comes back with the user's input, the
    current version next to it and the new version number, so a second save overwrites nothing
    unseen."""

    conflict_message = ""

    def conflict(self, form, conflict):
        form.add_error(None, self.conflict_message)
        data = form.data.copy()
        data["version"] = conflict.current.version
        form.data = data
        context = self.get_context_data(form=form)
        context["current"] = conflict.current
        return self.render_to_response(context)


class CasePeopleView(VersionedFormView):
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


class PlanEditView(VersionedFormView):
    form_class = forms.PlanForm
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
    heading = _("Doel toevoegen")
    success_message = _("Het doel is toegevoegd.")

    def perform(self, form):
        services.add_goal(case=self.get_case(), added_by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("cases:case_plan", args=[self.get_case().pk])


class ActionCreateView(DirectFormView):
    form_class = forms.ActionForm
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
    heading = _("Maatwerkoverleg vastleggen")
    success_message = _("Het overleg is vastgelegd.")

    def extra_form_kwargs(self):
        return {"case": self.get_case()}

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
    form_class = forms.CloseForm
    heading = _("Afschalen of afsluiten")
    intro = _(
        "Kies de reden. Bij verhuizing draagt u de casus over aan een ander "
        "Zorg- en Veiligheidshuis."
    )
    success_message = _("De casus is afgesloten.")

    def perform(self, form):
        services.close_case(case=self.get_case(), closed_by=self.request.user, **form.cleaned_data)


class ReopenView(DirectFormView):
    form_class = forms.ReasonForm
    heading = _("Heropenen")
    success_message = _("De casus is heropend.")

    def perform(self, form):
        services.reopen_case(
            case=self.get_case(), reopened_by=self.request.user, reason=form.cleaned_data["reason"]
        )


class WithdrawView(CaseFormView):
    action = SCREEN
    form_class = forms.ReasonForm
    heading = _("Aanmelding intrekken")
    success_message = _("De aanmelding is ingetrokken.")

    def perform(self, form):
        services.withdraw_case(
            case=self.get_case(), withdrawn_by=self.request.user, reason=form.cleaned_data["reason"]
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


# ---------------------------------------------------------------------------------------------
# Child records acted on by id (scoped through their case)


class ChildActionView(ScopedMixin, SingleObjectMixin, FormView):
    action = CHANGE
    template_name = "cases/case_form.html"
    log_reads = False

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object.case
        context.update(
            case=case,
            can=case_permissions(self.request.user, case.pk),
            heading=self.heading,
            submit=_("Opslaan"),
            tab="",
        )
        return context

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Opgeslagen."))
        return redirect(self.success_url_name, self.object.case_id)


class ActionStatusView(ChildActionView):
    model = Action
    action = UPDATE_STATUS

    def get_queryset(self):
        # A partner does not see the other organisations' actions on the plan: not found.
        return super().get_queryset().filter(actions_filter(self.request.user))

    form_class = forms.ActionStatusForm
    heading = _("Status van de actie")
    success_url_name = "cases:case_plan"

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


# ---------------------------------------------------------------------------------------------
# Ketenkamer


class KetenkamerListView(RoleRequiredMixin, ScopedMixin, FormView):
    """The ketenkamers: planned and held. Attendees read; the bureau plans them."""

    roles = KETENKAMER[VIEW]
    model = Ketenkamer
    template_name = "cases/ketenkamer_list.html"
    form_class = forms.KetenkamerForm
    log_reads = False  # dates only

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ketenkamers"] = list(self.scoped_queryset(VIEW)[:30])
        context["can_plan"] = self.request.user.has_role(*KETENKAMER[CHANGE])
        context["waiting"] = (
            Case.objects.visible_to(self.request.user).filter(status=Status.IN_TRIAGE).count()
        )
        return context

    def post(self, request, *args, **kwargs):
        _require(request.user, KETENKAMER[CHANGE])
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        ketenkamer = services.plan_ketenkamer(
            date=form.cleaned_data["date"], planned_by=self.request.user
        )
        return redirect("cases:ketenkamer_detail", ketenkamer.pk)


def _require(user, roles) -> None:
    """A write on a page others may read: a logged 403 for those who may not."""
    if not user.has_role(*roles):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied


class KetenkamerDetailView(ScopedMixin, SingleObjectMixin, FormView):
    """The meeting: its agenda (every registration in triage) and the decisions taken."""

    model = Ketenkamer
    read_method = "for_detail"
    template_name = "cases/ketenkamer_detail.html"
    form_class = forms.AttendanceForm
    log_reads = False  # the agenda rows are logged as a list below

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {
            "attendees": list(self.object.attendees.all()),
            "notes": self.object.attendance_notes,
        }

    def get_context_data(self, **kwargs):
        from cases.models import TriageDecision
        from zvhd.privacy.services import log_list_access

        context = super().get_context_data(**kwargs)
        user = self.request.user
        agenda = list(
            Case.objects.visible_to(user, DETAILS)
            .filter(status=Status.IN_TRIAGE, registered_at__date__lte=self.object.date)
            .for_list()
            .order_by("registered_at")
        )
        decisions = list(
            TriageDecision.objects.filter(ketenkamer=self.object)
            .filter(case__in=Case.objects.visible_to(user).values("pk"))
            .select_related("case", "case__person", "case__director")
        )
        log_list_access(request=self.request, objects=agenda + [d.case for d in decisions])
        context.update(
            ketenkamer=self.object,
            agenda=agenda,
            decisions=decisions,
            can_change=user.has_role(*KETENKAMER[CHANGE]),
            can_triage=user.has_role(*TRIAGE_ROLES),
        )
        return context

    def post(self, request, *args, **kwargs):
        _require(request.user, KETENKAMER[CHANGE])
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        services.record_attendance(
            ketenkamer=self.object,
            attendees=form.cleaned_data["attendees"],
            notes=form.cleaned_data["notes"],
            recorded_by=self.request.user,
        )
        messages.success(self.request, _("De aanwezigheid is opgeslagen."))
        return redirect("cases:ketenkamer_detail", self.object.pk)


class DecisionListView(JobDownloadView):
    """POST: queue the PDF. GET: its status (htmx polls this) or, when done, the file."""

    model = Ketenkamer
    file_field = "decision_list_file"

    def get_filename(self, obj) -> str:
        return f"besluitenlijst-ketenkamer-{obj.date:%Y-%m-%d}.pdf"

    def post(self, request, *args, **kwargs):
        self.action = CHANGE
        ketenkamer = self.get_object()
        services.request_decision_list(ketenkamer=ketenkamer, requested_by=request.user)
        if request.htmx:
            return self._status(ketenkamer)
        messages.success(request, _("De besluitenlijst wordt gemaakt."))
        return redirect("cases:ketenkamer_detail", ketenkamer.pk)

    def get(self, request, *args, **kwargs):
        ketenkamer = self.get_object()
        if request.GET.get("download") and ketenkamer.decision_list_status == JobStatus.DONE:
            return self.file_response(ketenkamer)
        return self._status(ketenkamer)

    def _status(self, ketenkamer):
        from django.shortcuts import render

        return render(
            self.request, "cases/partials/decision_list_status.html", {"ketenkamer": ketenkamer}
        )


# ---------------------------------------------------------------------------------------------
# Groups


class GroupListView(RoleRequiredMixin, ScopedMixin, FormView):
    roles = GROUPS[VIEW]
    model = CaseGroup
    template_name = "cases/group_list.html"
    form_class = forms.GroupForm
    log_reads = False

    def get_context_data(self, **kwargs):
        from django.db.models import Count

        context = super().get_context_data(**kwargs)
        context["groups"] = list(
            self.scoped_queryset(VIEW).select_related("director").annotate(size=Count("cases"))
        )
        context["can_create"] = self.request.user.has_role(*GROUPS[CHANGE])
        return context

    def post(self, request, *args, **kwargs):
        _require(request.user, GROUPS[CHANGE])
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        group = services.create_group(
            director=self.request.user, created_by=self.request.user, **form.cleaned_data
        )
        return redirect("cases:group_detail", group.pk)


class GroupDetailView(ScopedMixin, SingleObjectMixin, FormView):
    model = CaseGroup
    template_name = "cases/group_detail.html"
    form_class = forms.GroupForm

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {
            "name": self.object.name,
            "description": self.object.description,
            "plan": self.object.plan,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["group"] = self.object
        context["cases"] = list(
            Case.objects.visible_to(self.request.user).filter(group=self.object).for_list()
        )
        context["can_change"] = self.request.user.has_role(*GROUPS[CHANGE])
        return context

    def post(self, request, *args, **kwargs):
        _require(request.user, GROUPS[CHANGE])
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        services.save_group_plan(
            group=self.object,
            saved_by=self.request.user,
            plan=form.cleaned_data["plan"],
            description=form.cleaned_data["description"],
        )
        messages.success(self.request, _("Het plan van de groep is opgeslagen."))
        return redirect("cases:group_detail", self.object.pk)
