"""The case file: its tabs, and the base of every form on one case."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from cases import extensions, services
from cases.models import TRIAGE_STATUSES, UNKNOWN_BASIS, Action, Case
from cases.policy import (
    CASE_ACTIONS,
    DETAILS,
    DIRECT,
    DUPLICATE_CHECK_ROLES,
    actions_filter,
    enrichment_filter,
    permission_annotations,
    permissions_of,
)
from zvhd import formats
from zvhd.permissions import VIEW
from zvhd.prepared import PreparedGet
from zvhd.privacy.models import AccessAction
from zvhd.views import ScopedMixin, ServiceFormMixin


def refuse_closed(view, request, case=None):
    """A write on a closed case: a GET goes back to the case with the reason, a POST shows
    the form again with the Dutch message above it and the input kept (409)."""
    from django.contrib import messages
    from django.shortcuts import redirect

    case = case or view.get_case()
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        messages.error(request, services.CLOSED_MESSAGE)
        return redirect("cases:case_detail", case.pk)
    form = view.get_form()
    form.is_valid()
    form.add_error(None, services.CLOSED_MESSAGE)
    return view.render_to_response(view.get_context_data(form=form), status=409)


def may_open(user, url: str) -> bool:
    """Whether `user` gets the page at `url` (another app's page: a case's origin), asked the
    way that page's own view asks (zvhd.views.ScopedMixin: the record visible, then allowed
    for the view's action; RoleRequiredMixin's roles), in one query.

    Issue 23: "Herkomst: Signaal mensenhandel MH-2026-040" linked to a 404 for everyone who
    may see the case but not the signal. A page this cannot judge gets no link.
    """
    from django.urls import Resolver404, resolve

    try:
        match = resolve(url)
    except Resolver404:
        return False
    view = getattr(match.func, "view_class", None)
    model = getattr(view, "model", None)
    pk = match.kwargs.get("pk")
    if model is None or pk is None or not hasattr(model.objects, "visible_to"):
        return False
    roles = getattr(view, "roles", None)
    if roles and not user.has_role(*roles):
        return False
    found = model.objects.visible_to(user, VIEW).filter(pk=pk)
    action = getattr(view, "action", VIEW)
    if action != VIEW:
        found = found.filter(pk__in=model.objects.visible_to(user, action).values("pk"))
    return found.exists()


# The case file's own tabs: the value of a page's `tab`, its label and its page. Other apps add
# theirs through cases.extensions (risk: "Risico en veiligheid").
TABS = {
    "overzicht": (_("Overzicht"), "cases:case_detail"),
    "plan": (_("Plan van aanpak"), "cases:case_plan"),
    "overleggen": (_("Overleggen"), "cases:case_meetings"),
    "logboek": (_("Logboek"), "casefile:journal"),
    "documenten": (_("Documenten"), "casefile:documents"),
    "tijdlijn": (_("Tijdlijn"), "cases:case_timeline"),
    "programmas": (_("Programma's"), "programmes:case_programmes"),
    "geschiedenis": (_("Geschiedenis"), "cases:case_history"),
}


def case_frame(request, case, *, tab: str, can: dict, heading: str = "") -> dict:
    """What cases/_case_base.html needs around any page of one case: the side menu with
    `tab` marked current, and the breadcrumbs Casussen › 2026-0054 › tab › form (issue 23:
    the forms of a case marked no tab, or the wrong one).

    Also tells the main menu that the page lies under the case (a risk page's URL is
    /risico/casus/N/, not under /casussen/), through `request.menu_path` (zvhd.navigation).
    """
    case_tabs = extensions.tabs()
    known = dict(TABS) | {t.tab: (t.label, t.url_name) for t in case_tabs}
    crumbs = []
    if tab in known and tab != "overzicht":
        label, url_name = known[tab]
        crumbs.append({"label": label, "url": reverse(url_name, args=[case.pk])})
    if heading and not (crumbs and str(crumbs[-1]["label"]) == heading):
        crumbs.append({"label": heading, "url": ""})
    request.menu_path = reverse("cases:case_detail", args=[case.pk])
    return {
        "case": case,
        "can": can,
        "tab": tab,
        "case_tabs": case_tabs,
        "case_crumbs": crumbs,
    }


# The reads of a case page by its key, compiled once per process: `read_method` -> PreparedGet.
# Not `for_timeline`: its three joins compile in less than the extra round trip costs.
PREPARED_READS = {
    "for_detail": PreparedGet(lambda: Case.objects.for_detail()),
}


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

    def door(self):
        """The cases this reader may see, each with the page's buttons (and the check of
        `action` below) answered in the same query: `can_<action>` from the same policy table
        as `visible_to`. Every read of a case page goes through it."""
        user = self.request.user
        return Case.objects.visible_to(user, VIEW).annotate(**permission_annotations(user))

    def get_queryset(self):
        door = self.door()
        return getattr(door, self.read_method)() if self.read_method else door

    def read_object(self, queryset=None):
        """The door first, then the file's row with its joins (zvhd/prepared.py).

        `get_queryset()` in one query cost Django 5.6 ms of CPU to compile on every page of a
        case (the 14 joins of `for_detail` 3.4 ms, against 0.9 ms to run it). Here the door
        (`visible_to`, and the page's permissions from the same policy) answers for this key
        in a small query of its own, and only then is the row read, by its key, with SQL
        compiled once per process. Same object, same `can_*` attributes; one round trip more."""
        prepared = PREPARED_READS.get(self.read_method)
        if (
            queryset is not None
            or prepared is None
            # A page that narrows the door in its own way reads through it as before.
            or type(self).get_queryset is not CasePageMixin.get_queryset
        ):
            return super().read_object(queryset)
        pk = self.kwargs.get(self.pk_url_kwarg)
        door = self.door()
        answer = next(iter(door.filter(pk=pk).values(*door.query.annotations)), None)
        case = prepared.get(pk) if answer is not None else None
        if case is None:
            raise Http404(_("Deze casus bestaat niet of u heeft er geen toegang toe."))
        for name, value in answer.items():
            setattr(case, name, value)
        return case

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
        return case_frame(
            self.request,
            case,
            tab=self.tab,
            can=permissions_of(case),
            heading=str(getattr(self, "heading", "") or ""),
        )


class CaseDetailView(CasePageMixin, TemplateView):
    template_name = "cases/case_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.case_context())
        case, can, user = context["case"], context["can"], self.request.user
        context["show_names"] = can[DETAILS]  # cases.policy.names_filter: the same cases
        # The origin (an advice question, a trafficking signal, an aftercare record) links
        # only for whom its page opens; the others read where the case came from.
        context["origin_link"] = bool(case.origin_url) and may_open(user, case.origin_url)
        context["unknown_basis"] = UNKNOWN_BASIS
        if can[DETAILS]:
            context["problem_areas"] = list(case.problem_areas.all())
            context["related_persons"] = list(case.related_persons.all())
            from persons.views import household_of

            context["household"] = household_of(user, case.person.registered_person_id)
            context["invited"] = list(case.invited_organisations.all())
            context["enrichments"] = list(
                case.enrichments.filter(enrichment_filter(user)).select_related(
                    "source_organisation", "added_by", "legal_basis"
                )
            )
            context["team"] = list(case.team.select_related("user", "organisation"))
            # What other apps add to the file (risk: safety flags and the latest assessment).
            context["extension_sections"] = [
                {"template": section.template, **section.context(request=self.request, case=case)}
                for section in extensions.detail_sections()
            ]
            # Only a case that has been in direction can have been escalated.
            context["escalations"] = list(case.escalations.all()) if case.started_on else []
            context["triage"] = (
                getattr(case, "triage", None) if case.status not in TRIAGE_STATUSES else None
            )
            if case.in_direction:
                from cases.models import CLOSING_APPROVER_ROLES, ClosingStatus

                context["pending_closing"] = (
                    case.closings.filter(status=ClosingStatus.PROPOSED)
                    .select_related("proposed_by")
                    .first()
                )
                context["can_decide_closing"] = can[DIRECT] and user.has_role(
                    *CLOSING_APPROVER_ROLES
                )
        # The duplicate check matters at intake and triage, not in a running case.
        # Only for who sees who it is about: the other cases of a person are about that person.
        if case.in_triage and can[DETAILS] and user.has_role(*DUPLICATE_CHECK_ROLES):
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
        from zvhd.versions import history_changes

        records = list(case.history.select_related("history_user").order_by("-history_date")[:51])
        context["changes"] = [
            {"record": record, "delta": delta}
            for record, delta in history_changes(type(case), records, limit=50)
        ]
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
            # No ORDER BY inside a part of the UNION (the history models order by date by
            # default): the union as a whole is ordered once, below.
            return (
                history.filter(case_id=case.pk)
                .order_by()
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
                summary = formats.short_date(date.fromisoformat(summary))
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


TIMELINE_PAGE_SIZE = 50


class TimelineView(CaseTabView):
    """Everything that happened on the case, newest first, as far as the reader may see it
    (cases.timeline: one query for every source), with a filter by kind and pages of 50."""

    template_name = "cases/case_timeline.html"
    tab = "tijdlijn"
    read_method = "for_timeline"

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        from cases import timeline

        context = super().get_context_data(**kwargs)
        context.update(self.case_context())
        known = timeline.kinds()
        codes = {code for code, _label in known}
        chosen = [k for k in self.request.GET.getlist("soort") if k in codes]
        # The timeline reads its newest page × 50 events (and their count) in one query and
        # builds items only for the page shown; a page past the end reads them all.
        # Not a number: the paginator shows page 1; a page it turns into the last one (0, a
        # negative or huge number) gets every item.
        asked = self.request.GET.get("page") or "1"
        try:
            number = int(asked)
        except ValueError:
            number = 1
        limit = number * TIMELINE_PAGE_SIZE if 0 < number < 10**6 else None
        items = timeline.newest(
            context["case"], self.request.user, limit=limit, only=chosen or None
        )
        page = Paginator(items, TIMELINE_PAGE_SIZE).get_page(asked)
        context.update(kinds=known, chosen=chosen, page_obj=page, items=page.object_list)
        return context


class CaseFormView(CasePageMixin, ServiceFormMixin, FormView):
    """A form on one case that calls one service (the house's form-to-service view).
    Subclasses set `action` and `perform`."""

    template_name = "cases/case_form.html"
    heading = ""
    intro = ""
    submit = _("Opslaan")
    success_message = _("Opgeslagen.")
    # A case that is no longer open is read-only: only the reopening form may be used.
    allowed_when_closed = False

    def dispatch(self, request, *args, **kwargs):
        case = self.get_case()  # the scope first: 404 / 403 before anything else
        if not case.is_open and not self.allowed_when_closed:
            return refuse_closed(self, request)
        return super().dispatch(request, *args, **kwargs)

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

    def get_success_url(self):
        return reverse("cases:case_detail", args=[self.get_case().pk])
