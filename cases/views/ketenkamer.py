"""The ketenkamer: the meetings, their agenda and attendance, the decision list PDF.

The ketenkamer is one kind of table (tables/, issue 20 part 6): its door lets in who sits at the
ketenkamer's table with a role that attends it; the table's page lists these meetings. The
pages stay here, under Casussen, where the triage work is.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django.views.generic.detail import SingleObjectMixin

from cases import forms, services
from cases.extensions import sits_at_ketenkamer
from cases.filters import local_midnight
from cases.models import Case, Ketenkamer, Status, TriageDecision
from cases.policy import DETAILS, KETENKAMER, TRIAGE_ROLES
from zvhd.meetings import views as meetings
from zvhd.permissions import CHANGE, VIEW
from zvhd.views import RoleRequiredMixin, ScopedMixin, ServiceFormMixin, require_action


def triage_recorders() -> str:
    """ "de procesregisseur, de procesondersteuner of de manager": who records the ketenkamer's
    decisions, read from the policy table so the page and the permission never disagree."""
    from zvhd.network.models import Role

    names = [f"{_('de')} {str(role.label).lower()}" for role in Role if role in TRIAGE_ROLES]
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {_('of')} {names[-1]}"


class KetenkamerListView(RoleRequiredMixin, ScopedMixin, ServiceFormMixin, FormView):
    """The ketenkamers: planned and held. Attendees read; the bureau plans them."""

    roles = KETENKAMER[VIEW]
    model = Ketenkamer
    template_name = "cases/ketenkamer_list.html"
    form_class = forms.KetenkamerForm
    log_reads = False  # dates only

    # A year of weekly ketenkamers on two pages; the older ones a page further (the list
    # stopped at the latest 30: a ketenkamer of last spring could not be reached).
    PAGE_SIZE = 26

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        page = Paginator(self.scoped_queryset(VIEW), self.PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        context["page_obj"] = page
        ketenkamers = list(page.object_list)
        # How many registrations each meeting decided on (one count over the page's meetings,
        # from the foreign key's index): "held or only planned" and "what came of it" at a
        # glance, instead of opening each meeting.
        decided = dict(
            TriageDecision.objects.filter(ketenkamer__in=[k.pk for k in ketenkamers])
            .values_list("ketenkamer")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for ketenkamer in ketenkamers:
            ketenkamer.decided = decided.get(ketenkamer.pk, 0)
        context["ketenkamers"] = ketenkamers
        # The door's two halves, for the page: a seat at the ketenkamer's table and the role.
        # A role that attends the ketenkamer without a seat is told why the list is empty.
        seated = sits_at_ketenkamer(user)
        context["no_seat"] = not seated
        context["can_plan"] = seated and user.has_role(*KETENKAMER[CHANGE])
        context["waiting"] = Case.objects.awaiting_triage(
            self.request.user, statuses={Status.IN_TRIAGE}
        ).count()
        return context

    def post(self, request, *args, **kwargs):
        # A write on a page others may read: the door answers, a refusal is a logged 403.
        require_action(request, Ketenkamer, CHANGE)
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.plan_ketenkamer(
            date=form.cleaned_data["date"], planned_by=self.request.user
        )

    def get_success_url(self):
        return reverse("cases:ketenkamer_detail", args=[self.result.pk])


AGENDA_LIMIT = 100
DECISIONS_PAGE = 50


class KetenkamerDetailView(ScopedMixin, SingleObjectMixin, ServiceFormMixin, FormView):
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
            "notes": self.object.other_attendees,
        }

    def get_context_data(self, **kwargs):
        from cases.models import TriageDecision
        from zvhd.privacy.services import log_list_access

        context = super().get_context_data(**kwargs)
        user = self.request.user
        # A meeting after which another one has been held is over: its agenda has moved on.
        # What still waits is not what this meeting discussed, so the page shows its decisions
        # and points to the latest meeting held (the page showed today's waiting registrations
        # on a meeting of last spring). The latest meeting held keeps its agenda: decisions
        # are often recorded the day after.
        later = (
            Ketenkamer.objects.visible_to(user)
            .filter(date__gt=self.object.date, date__lte=timezone.localdate())
            .order_by("-date")
            .first()
        )
        agenda, more = ([], False) if later else self.agenda(user)
        # The decisions a page at a time, in the order they were taken: a meeting of the 1M
        # bench took 679 of them, all on one page and in the access log (issue 24).
        decisions = Paginator(
            TriageDecision.objects.filter(ketenkamer=self.object)
            .filter(case__in=Case.objects.visible_to(user).values("pk"))
            .select_related("case", "case__person", "case__director")
            .order_by("pk"),
            DECISIONS_PAGE,
        ).get_page(self.request.GET.get("page"))
        log_list_access(
            request=self.request, objects=agenda + [d.case for d in decisions.object_list]
        )
        context.update(
            ketenkamer=self.object,
            later=later,
            page_obj=decisions,
            # Decisions taken, none on a case this reader may open (a liaison, once the
            # registrations left triage): said so, not "Nog geen besluiten".
            decisions_hidden=not decisions.paginator.count and self.object.decisions.exists(),
            agenda=agenda,
            agenda_more=more,
            agenda_limit=AGENDA_LIMIT,
            # The meeting came through the door (a seat): the role says the rest.
            can_change=user.has_role(*KETENKAMER[CHANGE]),
            can_triage=user.has_role(*TRIAGE_ROLES),
            recorders=triage_recorders(),
        )
        return context

    def agenda(self, user):
        """The registrations waiting for this meeting, and whether there are more than shown."""
        # The oldest registrations first, at most AGENDA_LIMIT of them: a meeting discusses
        # tens, and an agenda of every waiting registration grew with the backlog (issue 24:
        # 15,000 rows, a 6 MB page and as many access-log rows at 1M cases).
        agenda = list(
            Case.objects.awaiting_triage(user, DETAILS, statuses={Status.IN_TRIAGE})
            # Registered before the end of the meeting's day, written on the column itself
            # (not `registered_at__date`): the partial index then reads the oldest 101 and
            # stops (147 -> 4 ms at 15,000 waiting registrations, issue 24).
            .filter(registered_at__lt=local_midnight(self.object.date + timedelta(days=1)))
            .for_list()
            .order_by("registered_at", "pk")[: AGENDA_LIMIT + 1]
        )
        return agenda[:AGENDA_LIMIT], len(agenda) > AGENDA_LIMIT

    def post(self, request, *args, **kwargs):
        require_action(request, Ketenkamer, CHANGE, obj=self.object)
        return super().post(request, *args, **kwargs)

    success_message = _("De aanwezigheid is opgeslagen.")
    version_fields = ["other_attendees"]

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.record_attendance(
            ketenkamer=self.object,
            attendees=form.cleaned_data["attendees"],
            notes=form.cleaned_data["notes"],
            recorded_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("cases:ketenkamer_detail", args=[self.object.pk])


class DecisionListView(meetings.DecisionListView):
    """The ketenkamer's decision list: the meeting kernel's view, through this door."""

    model = Ketenkamer
    meeting_url_name = "cases:ketenkamer_detail"
