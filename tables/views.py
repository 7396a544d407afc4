"""Pages of the thematic tables: the tables, a table, a meeting with its agenda, decisions
and actions, the decision list PDF, one's own actions, and the kinds (functioneel beheer).

Every record is reached through its door (`visible_to`): a table one is no member of is a 404,
a member without the right to prepare it gets a 403 on a change.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from cases.models import Case, CaseGroup, Ketenkamer
from cases.policy import DETAILS
from tables import forms, services
from tables.lookup import other_registrations
from tables.models import (
    CONFIGURE_ROLES,
    OPEN_ACTION_STATUSES,
    UPDATE_STATUS,
    AgendaItem,
    ItemKind,
    Meeting,
    Table,
    TableAction,
    TableKind,
)
from zvhd.meetings import views as meetings
from zvhd.permissions import ADD, CHANGE, VIEW
from zvhd.views import RoleRequiredMixin, ScopedMixin, ServiceFormMixin, require_action


def _can(user, obj, action: str) -> bool:
    return type(obj).objects.visible_to(user, action).filter(pk=obj.pk).exists()


class TableListView(ScopedMixin, ServiceFormMixin, FormView):
    """The tables the user sits at (the manager: all); the bureau starts new ones here."""

    model = Table
    template_name = "tables/table_list.html"
    form_class = forms.TableForm
    log_reads = False  # names of tables, no personal data
    PAGE_SIZE = 25

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def get_initial(self):
        group = self.request.GET.get("groep", "")
        return {"group": int(group)} if group.isdigit() else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        tables = self.scoped_queryset(VIEW).for_list()
        # The group approach: its meetings and actions are those of the tables of the group.
        group = self.request.GET.get("groep", "")
        context["group"] = None
        if group.isdigit():
            context["group"] = CaseGroup.objects.visible_to(user).filter(pk=int(group)).first()
            tables = tables.filter(group=context["group"]) if context["group"] else tables.none()
        from django.core.paginator import Paginator

        page = Paginator(tables, self.PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["page_obj"] = page
        context["tables"] = list(page.object_list)
        # The ketenkamer's tables: their meetings are the ketenkamers, counted once for the
        # page however many of them it shows (it counted them again for each, issue 24).
        ketenkamer_tables = [table for table in context["tables"] if table.is_ketenkamer]
        if ketenkamer_tables:
            ketenkamers = Ketenkamer.objects.visible_to(user)
            count = ketenkamers.count()
            upcoming = (
                ketenkamers.filter(date__gte=timezone.localdate())
                .order_by("date")
                .values_list("date", flat=True)
                .first()
            )
            for table in ketenkamer_tables:
                table.meeting_count = count
                table.next_meeting = upcoming
        context["can_create"] = not Table.objects.visible_to(user, ADD).query.is_empty()
        return context

    def post(self, request, *args, **kwargs):
        require_action(request, Table, ADD)
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        return services.create_table(created_by=self.request.user, **data)

    success_message = _("De tafel is aangemaakt.")

    def get_success_url(self):
        return reverse("tables:table_detail", args=[self.result.pk])


class TableDetailView(ScopedMixin, SingleObjectMixin, ServiceFormMixin, FormView):
    """A table: chair, members, its meetings; the chair plans the next meeting here. The
    ketenkamer's table lists the ketenkamers, which are planned on the ketenkamer's page."""

    model = Table
    read_method = "for_detail"
    template_name = "tables/table_detail.html"
    form_class = forms.MeetingPlanForm
    log_reads = False  # who sits at the table: professionals, no data subjects

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from django.db.models import Count

        context = super().get_context_data(**kwargs)
        table = self.object
        user = self.request.user
        if table.is_ketenkamer:
            # The ketenkamers are this table's meetings; their items are the decisions taken.
            meetings = [
                {
                    "date": k.date,
                    "url": reverse("cases:ketenkamer_detail", args=[k.pk]),
                    "item_count": k.item_count,
                    "decision_list_status": k.decision_list_status,
                }
                for k in Ketenkamer.objects.visible_to(user)
                .annotate(item_count=Count("decisions", distinct=True))
                .order_by("-date")[:50]
            ]
        else:
            meetings = [
                {
                    "date": m.date,
                    "url": reverse("tables:meeting_detail", args=[m.pk]),
                    "item_count": m.item_count,
                    "decision_list_status": m.decision_list_status,
                }
                for m in Meeting.objects.filter(table=table)
                .annotate(item_count=Count("items", distinct=True))
                .order_by("-date", "-id")[:50]
            ]
        context.update(
            table=table,
            meetings=meetings,
            can_change=_can(user, table, CHANGE),
        )
        return context

    def post(self, request, *args, **kwargs):
        require_action(request, Table, CHANGE, obj=self.object)
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.plan_meeting(
            table=self.object, date=form.cleaned_data["date"], planned_by=self.request.user
        )

    success_message = _("Het overleg is gepland.")

    def get_success_url(self):
        return reverse("tables:meeting_detail", args=[self.result.pk])


class TableEditView(ScopedMixin, SingleObjectMixin, ServiceFormMixin, FormView):
    """Name, kind, chair and members of a table (the chair or the manager)."""

    model = Table
    action = CHANGE
    template_name = "tables/table_form.html"
    form_class = forms.TableForm
    log_reads = False
    version_fields = ["name", "kind", "chair", "description", "group"]

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def versioned_object(self):
        return self.object

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user, "table": self.object}

    def get_initial(self):
        t = self.object
        return {
            "name": t.name,
            "kind": t.kind_id,
            "chair": t.chair_id,
            "members": list(t.members.values_list("pk", flat=True)),
            "member_organisations": list(t.member_organisations.values_list("pk", flat=True)),
            "group": t.group_id,
            "description": t.description,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"table": self.object}

    def perform(self, form):
        return services.update_table(
            table=self.object,
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
            **{k: v for k, v in form.cleaned_data.items() if k != "version"},
        )

    success_message = _("De tafel is opgeslagen.")

    def get_success_url(self):
        return reverse("tables:table_detail", args=[self.object.pk])


def agenda_rows(user, meeting, items):
    """Each item as the user may see it: a case at the level `cases.policy` gives the user
    (the file's name only with "details", the number with "view", else neither); two queries
    for the whole agenda, plus one for the routeeroverleg's other registrations."""
    case_ids = [i.case_id for i in items if i.case_id]
    details = set()
    summary = set()
    if case_ids:
        details = set(
            Case.objects.visible_to(user, DETAILS)
            .filter(pk__in=case_ids)
            .values_list("pk", flat=True)
        )
        summary = set(
            Case.objects.visible_to(user, VIEW).filter(pk__in=case_ids).values_list("pk", flat=True)
        )
    group_visible = bool(items) and not CaseGroup.objects.visible_to(user).query.is_empty()
    known = {}
    if meeting.table.kind.shows_other_registrations:
        known = other_registrations({i.pk: i.bsn_list for i in items if i.bsn_list})
    rows = []
    for item in items:
        row = {"item": item, "label": "", "url": "", "known": known.get(item.pk), "named": None}
        if item.case_id:
            if item.case_id in details:
                row["label"] = f"{item.case.number} — {item.case.person}"
                row["url"] = reverse("cases:case_detail", args=[item.case_id])
                row["named"] = item.case
            elif item.case_id in summary:
                row["label"] = item.case.number
                row["url"] = reverse("cases:case_detail", args=[item.case_id])
            else:
                row["label"] = _("Casus waarin u geen inzage heeft")
        elif item.group_id:
            row["label"] = item.group.name
            if group_visible:
                row["url"] = reverse("cases:group_detail", args=[item.group_id])
        else:
            row["label"] = item.subject
        rows.append(row)
    return rows


def log_agenda_reads(request, rows) -> None:
    """The access log of a page showing agenda items, in one INSERT: each item about a case,
    person or household is read (its decision and actions are on the page), and a case whose
    person the reader sees by name is listed (as on the case lists). Group items name no one."""
    from zvhd.privacy.models import AccessAction, AccessLog
    from zvhd.privacy.services import access_log_row, request_origin

    origin = request_origin(request)
    log = [
        access_log_row(
            model=AgendaItem, object_id=row["item"].pk, action=AccessAction.VIEW, **origin
        )
        for row in rows
        if row["item"].kind != ItemKind.GROUP
    ]
    log += [
        access_log_row(model=Case, object_id=row["named"].pk, action=AccessAction.LIST, **origin)
        for row in rows
        if row["named"] is not None
    ]
    if log:
        AccessLog.objects.bulk_create(log)


class MeetingDetailView(ScopedMixin, SingleObjectMixin, ServiceFormMixin, FormView):
    """A meeting: the agenda with each item's decision and actions, attendance and minutes."""

    model = Meeting
    read_method = "for_detail"
    template_name = "tables/meeting_detail.html"
    form_class = forms.MeetingForm
    version_fields = ["date", "other_attendees", "notes"]

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def versioned_object(self):
        return self.object

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"table": self.object.table}

    def get_initial(self):
        m = self.object
        return {
            "date": m.date,
            "attendees": list(m.attendees.all()),
            "other_attendees": m.other_attendees,
            "notes": m.notes,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        meeting = self.object
        items = list(
            AgendaItem.objects.filter(meeting=meeting)
            .select_related("case", "case__person", "group")
            .prefetch_related("actions__owner", "actions__owner_organisation")
        )
        rows = agenda_rows(user, meeting, items)
        if self.request.method in ("GET", "HEAD"):
            log_agenda_reads(self.request, rows)
        can_change = _can(user, meeting.table, CHANGE)
        context.update(
            meeting=meeting,
            table=meeting.table,
            rows=rows,
            can_change=can_change,
            item_form=kwargs.get("item_form")
            or (forms.AgendaItemForm(user=user) if can_change else None),
        )
        return context

    def post(self, request, *args, **kwargs):
        require_action(request, Table, CHANGE, obj=self.object.table)
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.record_meeting(
            meeting=self.object,
            recorded_by=self.request.user,
            expected_version=self.expected_version(form),
            **{k: v for k, v in form.cleaned_data.items() if k != "version"},
        )

    success_message = _("Het overleg is opgeslagen.")

    def get_success_url(self):
        return reverse("tables:meeting_detail", args=[self.object.pk])


class AgendaItemCreateView(ScopedMixin, SingleObjectMixin, ServiceFormMixin, FormView):
    """Put a case, person, household or group on a meeting's agenda (POST; on an error the
    meeting page again, with the input and the message at the field)."""

    model = Meeting
    action = CHANGE
    form_class = forms.AgendaItemForm
    template_name = "tables/meeting_detail.html"
    log_reads = False
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def form_invalid(self, form):
        page = MeetingDetailView(request=self.request, kwargs=self.kwargs, args=self.args)
        page.object = self.object
        context = page.get_context_data(item_form=form)
        return render(self.request, page.template_name, context)

    def perform(self, form):
        return services.add_agenda_item(
            meeting=self.object, added_by=self.request.user, **form.service_kwargs()
        )

    success_message = _("Het agendapunt is toegevoegd.")

    def get_success_url(self):
        return reverse("tables:meeting_detail", args=[self.object.pk]) + "#agenda"


class DecisionView(ScopedMixin, SingleObjectMixin, ServiceFormMixin, FormView):
    """The table's decision on one agenda item and the action it creates."""

    model = AgendaItem
    action = CHANGE
    template_name = "tables/decision_form.html"
    form_class = forms.DecisionForm
    log_reads = False  # the item, and the case it names at the level shown: logged below
    version_fields = ["decision"]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "meeting", "meeting__table", "meeting__table__kind", "case", "case__person", "group"
            )
        )

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.meeting.planned:
            # The meeting page offers no form before its day; an old link or a bookmark says why.
            messages.info(request, services.meeting_not_held_message(self.object.meeting))
            return redirect("tables:meeting_detail", pk=self.object.meeting_id)
        return super().dispatch(request, *args, **kwargs)

    def versioned_object(self):
        return self.object

    def get_form_kwargs(self):
        meeting = self.object.meeting
        return super().get_form_kwargs() | {"table": meeting.table, "meeting_date": meeting.date}

    def get_initial(self):
        return {"decision": self.object.decision}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        (row,) = agenda_rows(self.request.user, item.meeting, [item])
        if self.request.method == "GET":
            from zvhd.privacy.services import log_access

            # Who opened the item (also one about a person without a case), then the case
            # it names at the level shown.
            if item.kind != ItemKind.GROUP:
                log_access(request=self.request, obj=item)
            if row["named"] is not None:
                log_access(request=self.request, obj=row["named"])
        context.update(item=item, row=row, meeting=item.meeting, table=item.meeting.table)
        return context

    def perform(self, form):
        return services.record_decision(
            item=self.object,
            decided_by=self.request.user,
            expected_version=self.expected_version(form),
            **form.service_kwargs(),
        )

    success_message = _("Het besluit is vastgelegd.")

    def get_success_url(self):
        return reverse("tables:meeting_detail", args=[self.object.meeting_id]) + "#agenda"


class DecisionListView(meetings.DecisionListView):
    """A meeting's decision list: the meeting kernel's view (the ketenkamer's too)."""

    model = Meeting
    meeting_url_name = "tables:meeting_detail"

    def get_queryset(self):
        return super().get_queryset().select_related("table", "table__kind")


class MyActionsView(ScopedMixin, TemplateView):
    """The actions tables gave the user or their organisation: open and running ones first,
    by due date (issue 23: the order of the status codes put finished ones first), 25 a
    page, with the total."""

    model = TableAction
    template_name = "tables/my_actions.html"
    log_reads = False  # what to do and when: the subject is shown only as agenda_rows allows
    PAGE_SIZE = 25

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator
        from django.db.models import Q

        context = super().get_context_data(**kwargs)
        user = self.request.user
        owned = Q(owner=user)
        if user.organisation_id:
            owned |= Q(owner=None, owner_organisation_id=user.organisation_id)
        actions = self.scoped_queryset(VIEW).filter(owned).for_list().open_first()
        page = Paginator(actions, self.PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["page_obj"] = page
        context["actions"] = list(page.object_list)
        context["open_count"] = actions.filter(status__in=OPEN_ACTION_STATUSES).count()
        context["status_form"] = forms.ActionStatusForm()
        return context


class ActionStatusView(ScopedMixin, SingleObjectMixin, ServiceFormMixin, FormView):
    model = TableAction
    action = UPDATE_STATUS
    form_class = forms.ActionStatusForm
    http_method_names = ["post"]
    log_reads = False

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form):
        messages.error(self.request, _("Kies een geldige status."))
        return redirect(self.get_success_url())

    def perform(self, form):
        return services.set_action_status(
            action=self.object, changed_by=self.request.user, status=form.cleaned_data["status"]
        )

    success_message = _("De status van de actie is bijgewerkt.")

    def get_success_url(self):
        return (
            self.request.POST.get("next_page") == "meeting"
            and reverse("tables:meeting_detail", args=[self.object.item.meeting_id])
            or reverse("tables:my_actions")
        )


class KindListView(RoleRequiredMixin, ServiceFormMixin, FormView):
    """The kinds of table (reference data): the functioneel beheerder adds and renames them."""

    roles = CONFIGURE_ROLES
    template_name = "tables/kind_list.html"
    form_class = forms.KindForm

    def get_context_data(self, **kwargs):
        from django.db.models import Count

        context = super().get_context_data(**kwargs)
        # Meta.ordering is not applied to a grouped query: say the order.
        context["kinds"] = list(
            TableKind.objects.annotate(table_count=Count("tables")).order_by("order", "label")
        )
        return context

    def perform(self, form):
        return services.save_kind(saved_by=self.request.user, **form.cleaned_data)

    success_message = _("De soort tafel is opgeslagen.")

    def get_success_url(self):
        return reverse("tables:kind_list")


class KindEditView(RoleRequiredMixin, ServiceFormMixin, FormView):
    roles = CONFIGURE_ROLES
    template_name = "tables/kind_form.html"
    form_class = forms.KindForm

    def dispatch(self, request, *args, **kwargs):
        from django.shortcuts import get_object_or_404

        if request.user.has_role(*self.roles):
            self.kind = get_object_or_404(TableKind, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        k = self.kind
        return {
            "code": k.code,
            "label": k.label,
            "description": k.description,
            "shows_other_registrations": k.shows_other_registrations,
            "order": k.order,
            "active": k.active,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"kind": self.kind}

    def perform(self, form):
        return services.save_kind(saved_by=self.request.user, kind=self.kind, **form.cleaned_data)

    success_message = _("De soort tafel is opgeslagen.")

    def get_success_url(self):
        return reverse("tables:kind_list")
