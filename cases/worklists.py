"""What the start panels count and the case lists filter on: one definition for both.

Issue 23: "77 evaluaties binnen twee weken" counted overdue reviews too, "Acties die vervallen"
listed actions from 2023 and "138 casussen waarin u in het team zit" counted closed cases. A
panel's figure now comes from the same condition as the list its link opens (the case list's
filters `status`, `evaluatie` and `acties`), so the two cannot drift apart.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cases.models import DIRECTION_STATUSES, OPEN_STATUSES, TRIAGE_STATUSES, Action, ActionStatus
from cases.policy import actions_filter, pk_in

# A review "soon": today up to and including two weeks from today; before today it is overdue.
REVIEW_SOON_DAYS = 14
# An action "due soon": today up to and including a week from today.
ACTION_SOON_DAYS = 7
# Actions someone still has to do (done and cancelled ones are not work).
PENDING_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

# The status filter's groups (beside the single statuses): value, label, statuses. Short
# labels: a select cannot wrap, and "Lopend (alle niet a..." was all the filter showed.
STATUS_GROUPS = {
    "lopend": (_("Alle lopende"), OPEN_STATUSES),  # every status but closed
    "procesregie": (_("In procesregie"), DIRECTION_STATUSES),  # actief or opgeschaald
    "triage": (_("Aangemeld of in triage"), TRIAGE_STATUSES),  # no decision yet
}

REVIEW_CHOICES = [
    ("verlopen", _("Evaluatiedatum verstreken")),
    ("binnenkort", _("Evaluatie binnen twee weken")),
]
ACTION_CHOICES = [("verlopen", _("Met verlopen acties"))]


def mine(user) -> Q:
    """On Case: the cases of "Mijn casussen": the user directs, supports or guides them, or is
    on the case team. The start panel counts these too, so its figure is that list's length."""
    from cases.models import TeamMember

    # The team's cases as an array (cases.policy.pk_in): all four arms are index scans.
    return (
        Q(director=user)
        | Q(support=user)
        | Q(guide=user)
        | pk_in(TeamMember.objects.filter(user=user).values("case_id"))
    )


def review_overdue(today: date) -> Q:
    return Q(review_on__lt=today)


def review_soon(today: date) -> Q:
    return Q(review_on__gte=today, review_on__lte=today + timedelta(days=REVIEW_SOON_DAYS))


def pending_actions(user):
    """The actions `user` sees that someone still has to do."""
    return Action.objects.visible_to(user).filter(
        actions_filter(user), status__in=PENDING_ACTION_STATUSES
    )


def overdue_actions(user, today: date):
    return pending_actions(user).filter(due_on__lt=today)


def actions_due_soon(user, today: date):
    return pending_actions(user).filter(
        due_on__gte=today, due_on__lte=today + timedelta(days=ACTION_SOON_DAYS)
    )


def has_overdue_actions(user, today: date) -> Q:
    """On Case: the case has an action past its date that `user` sees (one EXISTS per case)."""
    return Q(Exists(overdue_actions(user, today).filter(case=OuterRef("pk"))))
