"""Start-page panels of the cases app: the person's own work first."""

from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from cases import worklists
from cases.dates import last_day_overdue
from cases.models import (
    DIRECTION_STATUSES,
    OPEN_STATUSES,
    TRIAGE_OVERDUE_WORKING_DAYS,
    TRIAGE_STATUSES,
    Case,
    Status,
    TeamMember,
)
from cases.policy import pk_in
from zvhd.network.models import Role

# The roles whose daily work is cases: their start page always opens with "Mijn casussen".
CASE_WORK_ROLES = (Role.PROCESREGISSEUR, Role.PROCESONDERSTEUNER, Role.TRAJECTBEGELEIDER)


def my_work(request):
    """The user's cases in direction ("Mijn casussen": directs, supports, guides or is on the
    team), and what is due.

    Each figure is the condition of the list its link opens (cases.worklists): reviews due
    within two weeks apart from reviews already past, overdue actions apart from the ones due
    this week. Counted in one aggregate (the overdue actions as an EXISTS per case).
    """
    user = request.user
    today = timezone.localdate()
    mine = Case.objects.visible_to(user).filter(worklists.mine(user))
    # The status in WHERE, not only in the FILTER clauses: the count then reads the running
    # cases (an index on status) instead of every case the user ever directed.
    running = mine.filter(status__in=DIRECTION_STATUSES)
    counts = running.aggregate(
        active=Count("pk"),
        review_soon=Count("pk", filter=worklists.review_soon(today)),
        review_overdue=Count("pk", filter=worklists.review_overdue(today)),
        with_overdue_actions=Count("pk", filter=worklists.has_overdue_actions(user, today)),
    )
    due = list(
        worklists.actions_due_soon(user, today)
        .filter(case__in=running.values("pk"))
        .select_related("case", "owner_organisation")
        .order_by("due_on", "pk")[:5]
    )
    if not counts["active"] and not due and not user.has_role(*CASE_WORK_ROLES):
        # A manager, nazorgcoördinator or ketenregisseur without cases of their own: no
        # empty "Mijn casussen 0" on their start page (issue 23). For the case-work roles
        # the 0 is news, and their panel stays.
        return None
    return {**counts, "due": due, "today": today}


def triage(request):
    """Registrations without a decision, and how many of them waited over 5 working days.

    Counted in one query (the overdue ones: registered on or before the last overdue day),
    not by reading up to 200 of them and asking each.
    """
    today = timezone.localdate()
    last = last_day_overdue(today, TRIAGE_OVERDUE_WORKING_DAYS)
    cutoff = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    qs = Case.objects.awaiting_triage(request.user)
    return qs.aggregate(
        waiting=Count("pk"), overdue=Count("pk", filter=Q(registered_at__lt=cutoff))
    )


def partner(request):
    """A partner's own work, and a liaison's after the triage: the open cases of their teams,
    their organisation's latest registrations, and their actions (overdue apart from those
    due this week)."""
    user = request.user
    today = timezone.localdate()
    own = Case.objects.visible_to(user).filter(registering_organisation_id=user.organisation_id)
    team = Case.objects.visible_to(user).filter(
        # As an array (`pk_in`): the team's cases are read by their key and then tested
        # against the scope, not the scope's every case joined with the team (a liaison's
        # scope holds the whole triage queue: 64 ms at 1M, issue 24).
        pk_in(TeamMember.objects.filter(user=user).values("case_id")),
        status__in=OPEN_STATUSES,  # a closed case is no work (issue 23: 136 of 138 were closed)
    )
    counts = team.aggregate(
        team_cases=Count("pk"),
        with_overdue_actions=Count("pk", filter=worklists.has_overdue_actions(user, today)),
    )
    actions = list(
        worklists.actions_due_soon(user, today)
        .filter(case__status__in=OPEN_STATUSES)  # a closed case's actions are read-only
        .select_related("case")
        .order_by("due_on", "pk")[:5]
    )
    return {
        "registrations": list(own.only("pk", "number", "status").order_by("-pk")[:5]),
        **counts,
        "actions": actions,
    }


def municipality(request):
    user = request.user
    # Only open cases are counted, so only open cases are read (not the municipality's archive).
    # In procesregie, in ondersteuning (ZVHD supports, the direction stays local) and in
    # triage: the three kinds of open case a municipality has (it said "1 actieve casussen"
    # while three more were in ondersteuning).
    qs = Case.objects.visible_to(user).filter(
        status__in=DIRECTION_STATUSES | TRIAGE_STATUSES | {Status.ONDERSTEUNING}
    )
    return {
        "municipality": user.municipality,
        **qs.aggregate(
            active=Count("pk", filter=Q(status__in=DIRECTION_STATUSES)),
            support=Count("pk", filter=Q(status=Status.ONDERSTEUNING)),
            in_triage=Count("pk", filter=Q(status__in=TRIAGE_STATUSES)),
        ),
    }


def closings(request):
    """For a manager: the proposals to close a maatwerk case waiting for approval (four eyes:
    the manager's own proposals are listed apart, another manager decides on them)."""
    from cases.models import Closing, ClosingStatus

    pending = list(
        Closing.objects.visible_to(request.user, "change")
        .filter(status=ClosingStatus.PROPOSED)
        .select_related("case", "proposed_by")
        .order_by("proposed_at")[:10]
    )
    return {"closings": pending, "user_id": request.user.pk}
