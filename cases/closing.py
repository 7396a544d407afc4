"""What is still open on a case before it closes (issue 19 part 4): the closing page's list.

One query per kind of open point (actions not done, goals not reached, escalations not
resolved) plus the review date read from the case itself, and one per kind another app adds
(`register`: the case file's documents asked of a partner and not yet received); the closing
page shows them with a link to resolve each, and `services.request_closing` stores them as text
with the closing, so the record of what was consciously left open stays readable when the
actions change later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from cases.models import ActionStatus, Case, LifeDomain
from zvhd import formats


@dataclass(frozen=True)
class OpenItem:
    kind: str  # "actie", "doel", "evaluatie", "opschaling"
    kind_label: str
    text: str
    url: str = ""  # where to resolve it
    link_text: str = ""  # the link's words, when not one of the cases app's own kinds

    def __str__(self):
        return f"{self.kind_label}: {self.text}"


# Other apps' open points: a function `(case) -> list[OpenItem]` doing one query, registered in
# the app's AppConfig.ready() (cases does not import them).
_providers: dict[str, Callable[[Case], list[OpenItem]]] = {}


def register(name: str, items: Callable[[Case], list[OpenItem]]) -> None:
    """Add (or replace) another app's kind of open point."""
    _providers[name] = items


def open_items(case: Case) -> list[OpenItem]:
    """Everything that would be left open by closing `case` now (3 queries, and one per
    registered kind)."""
    items: list[OpenItem] = []
    actions = case.actions.filter(
        status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS]
    ).select_related("owner_organisation")
    for action in actions:
        items.append(
            OpenItem(
                "actie",
                _("Actie niet afgerond"),
                _("%(what)s (%(org)s, uiterlijk %(due)s, %(status)s)")
                % {
                    "what": action.description,
                    "org": action.owner_organisation,
                    "due": formats.short_date(action.due_on),
                    "status": action.get_status_display().lower(),
                },
                reverse("cases:action_status", args=[action.pk]),
            )
        )
    domains = dict(LifeDomain.choices)
    for goal in case.goals.filter(reached=False):
        items.append(
            OpenItem(
                "doel",
                _("Doel niet bereikt"),
                f"{domains.get(goal.life_domain, goal.life_domain)}: {goal.description}",
                reverse("cases:case_plan", args=[case.pk]),
            )
        )
    for escalation in case.escalations.filter(resolved_on__isnull=True):
        items.append(
            OpenItem(
                "opschaling",
                _("Opschaling nog niet afgerond"),
                _("%(level)s, %(on)s, naar %(to)s")
                % {
                    "level": escalation.get_level_display(),
                    "on": formats.short_date(escalation.escalated_on),
                    "to": escalation.escalated_to,
                },
                reverse("cases:resolve_escalation", args=[escalation.pk]),
            )
        )
    if case.review_on:
        items.append(
            OpenItem(
                "evaluatie",
                _("Evaluatiedatum gepland"),
                _("%(on)s (vervalt bij afsluiten)") % {"on": formats.short_date(case.review_on)},
                reverse("cases:case_people", args=[case.pk]),
            )
        )
    for name in sorted(_providers):
        items.extend(_providers[name](case))
    return items
