"""The timeline of a case (issue 19 part 3): everything that happened, newest first, as far as
the reader may see it.

A small registry of *sources*. A source is a function `(case, user) -> iterable of
TimelineItem` that reads ONE query (never one per row) and applies the same rules as the tab
of the case file that shows the same records: enrichment through `enrichment_filter`, actions
through `actions_filter`, and so on. The timeline page asks every source whose kinds the reader
selected, merges the items in Python (a case holds hundreds of entries, not millions) and
pages the result. The kind filter lists the kinds of the registered sources, so an app that
registers a source gets its kind in the filter too.

Other apps register their sources in their AppConfig.ready():

    from cases.timeline import register
    register("journal", journal_items, kinds={"logboek": _("Logboek")}, order=60)

The caller of `timeline()` has already checked that `user` may read the case file
(`details`); a source only narrows further, never widens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import (
    Action,
    ActionStatus,
    CaseMeeting,
    Closing,
    ClosingStatus,
    Enrichment,
    Escalation,
    Goal,
    LifeDomain,
    Plan,
    Status,
    TeamMember,
    Transition,
)
from cases.policy import actions_filter, enrichment_filter

DETAIL_LENGTH = 300  # characters of free text an item shows; the full text is one click away


@dataclass(frozen=True)
class TimelineItem:
    when: datetime
    kind: str
    kind_label: str
    title: str
    actor: str = ""
    url: str = ""
    detail: str = ""
    all_day: bool = False  # recorded as a date without a time (a meeting, an escalation)


@dataclass(frozen=True)
class Source:
    name: str
    items: Callable[..., Iterable[TimelineItem]]
    kinds: Mapping[str, object]  # kind code -> label (lazy text)
    order: int = 50


_sources: dict[str, Source] = {}


def register(name: str, items: Callable, *, kinds: Mapping[str, object], order: int = 50):
    """Add (or replace) a source; `kinds` are the kinds its items carry, with their labels."""
    _sources[name] = Source(name=name, items=items, kinds=dict(kinds), order=order)


def sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.name))


def kinds() -> list[tuple[str, str]]:
    """Every kind of the registered sources, in the order of the sources (the kind filter)."""
    seen: dict[str, str] = {}
    for source in sources():
        for code, label in source.kinds.items():
            seen.setdefault(code, str(label))
    return list(seen.items())


def timeline(case, user, *, only: Iterable[str] | None = None) -> list[TimelineItem]:
    """Every item of `case` that `user` may see, newest first; `only` limits the kinds.

    One query per source asked; a source none of whose kinds is wanted is not asked at all.
    """
    wanted = set(only) if only else None
    items: list[TimelineItem] = []
    for source in sources():
        if wanted is not None and not wanted & set(source.kinds):
            continue
        for item in source.items(case, user):
            if wanted is None or item.kind in wanted:
                items.append(item)
    items.sort(key=lambda item: item.when, reverse=True)
    return items


# ---------------------------------------------------------------------------------------------
# Helpers


def at_noon(day: date) -> datetime:
    """A date-only record placed on its day (shown without a time)."""
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def short(text: str) -> str:
    return Truncator(text or "").chars(DETAIL_LENGTH)


def name_of(user) -> str:
    return str(user) if user is not None else ""


# ---------------------------------------------------------------------------------------------
# The sources of the cases app

REGISTRATION = "aanmelding"
SCREENING = "screening"
DECISION = "besluit"
STATUS = "status"
CLOSING = "afsluiting"
ENRICHMENT = "verrijking"
TEAM = "team"
PLAN = "plan"
MEETING = "overleg"
ACTION = "actie"
ESCALATION = "opschaling"

LABELS = {
    REGISTRATION: gettext_lazy("Aanmelding"),
    SCREENING: gettext_lazy("Screening"),
    DECISION: gettext_lazy("Besluit ketenkamer"),
    STATUS: gettext_lazy("Statuswijziging"),
    ENRICHMENT: gettext_lazy("Verrijking"),
    TEAM: gettext_lazy("Casusteam"),
    PLAN: gettext_lazy("Plan van aanpak"),
    MEETING: gettext_lazy("Overleg"),
    ACTION: gettext_lazy("Actie"),
    ESCALATION: gettext_lazy("Opschaling"),
    CLOSING: gettext_lazy("Afsluiting"),
}


def _kind_of_transition(t) -> str | None:
    """Which kind a status move is; None when another source tells it better (escalations
    have their own rows with level and addressee)."""
    if not t.from_status:
        return REGISTRATION
    if Status.OPGESCHAALD in (t.from_status, t.to_status) and t.to_status != Status.AFGESLOTEN:
        return None
    if t.to_status == Status.AFGESLOTEN:
        return CLOSING
    if t.to_status == Status.IN_TRIAGE or (
        t.from_status == Status.IN_TRIAGE and t.to_status == Status.AANGEMELD
    ):
        return SCREENING
    if t.from_status == Status.IN_TRIAGE and t.to_status != Status.INGETROKKEN:
        return DECISION
    return STATUS


def status_items(case, user) -> Iterable[TimelineItem]:
    """Registration, screening, the ketenkamer's decision, closing and every other move of
    the life cycle, from the transitions (who, when, why)."""
    history = reverse("cases:case_history", args=[case.pk])
    for t in Transition.objects.filter(case_id=case.pk).select_related("by"):
        kind = _kind_of_transition(t)
        if kind is None:
            continue
        to = Status(t.to_status).label
        if kind == REGISTRATION:
            title = _("Aangemeld door %(org)s") % {"org": case.registering_organisation}
        elif kind == SCREENING:
            title = (
                _("Gescreend: op de agenda van de ketenkamer")
                if t.to_status == Status.IN_TRIAGE
                else _("Teruggezet voor aanvulling")
            )
        elif kind == DECISION:
            title = _("Besluit: %(to)s") % {"to": to}
        elif kind == CLOSING:
            title = _("Casus afgesloten")
        elif t.from_status == Status.AFGESLOTEN:
            title = _("Casus heropend")
        else:
            title = _("Status: %(to)s") % {"to": to}
        yield TimelineItem(
            when=t.at,
            kind=kind,
            kind_label=str(LABELS[kind]),
            title=title,
            actor=name_of(t.by),
            url=history,
            detail=short(t.reason),
        )


def enrichment_items(case, user) -> Iterable[TimelineItem]:
    """What the partners added, as far as the reader may see it (the overview's rule)."""
    url = reverse("cases:case_detail", args=[case.pk]) + "#h-enrichment"
    rows = (
        Enrichment.objects.filter(case_id=case.pk)
        .filter(enrichment_filter(user))
        .select_related("source_organisation", "added_by")
    )
    for item in rows:
        yield TimelineItem(
            when=item.added_at,
            kind=ENRICHMENT,
            kind_label=str(LABELS[ENRICHMENT]),
            title=_("Verrijking door %(org)s") % {"org": item.source_organisation},
            actor=name_of(item.added_by),
            url=url,
            detail=short(item.text),
        )


def team_items(case, user) -> Iterable[TimelineItem]:
    """Professionals added to and removed from the case team (its history)."""
    url = reverse("cases:case_detail", args=[case.pk]) + "#h-team"
    rows = (
        TeamMember.history.filter(case_id=case.pk)
        .filter(history_type__in=["+", "-"])
        .select_related("history_user", "user", "organisation")
    )
    for row in rows:
        who = f"{row.user} ({row.organisation})"
        title = (
            _("%(who)s toegevoegd aan het casusteam")
            if row.history_type == "+"
            else _("%(who)s uit het casusteam gehaald")
        ) % {"who": who}
        yield TimelineItem(
            when=row.history_date,
            kind=TEAM,
            kind_label=str(LABELS[TEAM]),
            title=title,
            actor=name_of(row.history_user),
            url=url,
            detail=row.task,
        )


def plan_items(case, user) -> Iterable[TimelineItem]:
    """Every saved version of the plan of approach."""
    url = reverse("cases:case_plan", args=[case.pk])
    for row in Plan.history.filter(case_id=case.pk).select_related("history_user"):
        title = (
            _("Plan van aanpak opgesteld")
            if row.history_type == "+"
            else _("Plan van aanpak gewijzigd (versie %(v)s)") % {"v": row.version}
        )
        yield TimelineItem(
            when=row.history_date,
            kind=PLAN,
            kind_label=str(LABELS[PLAN]),
            title=title,
            actor=name_of(row.history_user),
            url=url,
            detail=short(row.summary),
        )


def goal_items(case, user) -> Iterable[TimelineItem]:
    """Goals added, changed (reached) and removed: the plan's changes per life domain."""
    url = reverse("cases:case_plan", args=[case.pk])
    domains = dict(LifeDomain.choices)
    for row in Goal.history.filter(case_id=case.pk).select_related("history_user"):
        domain = domains.get(row.life_domain, row.life_domain)
        if row.history_type == "+":
            title = _("Doel toegevoegd (%(domain)s)")
        elif row.history_type == "-":
            title = _("Doel verwijderd (%(domain)s)")
        elif row.reached:
            title = _("Doel bereikt (%(domain)s)")
        else:
            title = _("Doel gewijzigd (%(domain)s)")
        yield TimelineItem(
            when=row.history_date,
            kind=PLAN,
            kind_label=str(LABELS[PLAN]),
            title=title % {"domain": domain},
            actor=name_of(row.history_user),
            url=url,
            detail=short(row.description),
        )


def meeting_items(case, user) -> Iterable[TimelineItem]:
    url = reverse("cases:case_meetings", args=[case.pk])
    for meeting in CaseMeeting.objects.filter(case_id=case.pk).select_related("created_by"):
        yield TimelineItem(
            when=at_noon(meeting.date),
            kind=MEETING,
            kind_label=str(LABELS[MEETING]),
            title=_("Maatwerkoverleg"),
            actor=name_of(meeting.created_by),
            url=f"{url}#m-{meeting.pk}",
            detail=short(meeting.decisions or meeting.notes),
            all_day=True,
        )


def action_items(case, user) -> Iterable[TimelineItem]:
    """Actions agreed and every change of their status, as far as the plan tab shows them to
    the reader (a partner: their own organisation's actions)."""
    url = reverse("cases:case_plan", args=[case.pk])
    statuses = dict(ActionStatus.choices)
    rows = (
        Action.history.filter(case_id=case.pk)
        .filter(actions_filter(user))
        .select_related("history_user", "owner_organisation")
    )
    for row in rows:
        if row.history_type == "+":
            title = _("Actie afgesproken voor %(org)s, uiterlijk %(due)s") % {
                "org": row.owner_organisation,
                "due": row.due_on.strftime("%d-%m-%Y"),
            }
        elif row.history_type == "-":
            title = _("Actie verwijderd")
        else:
            title = _("Actie op ‘%(status)s’ gezet") % {
                "status": statuses.get(row.status, row.status).lower()
            }
        yield TimelineItem(
            when=row.history_date,
            kind=ACTION,
            kind_label=str(LABELS[ACTION]),
            title=title,
            actor=name_of(row.history_user),
            url=url,
            detail=short(row.description),
        )


def escalation_items(case, user) -> Iterable[TimelineItem]:
    url = reverse("cases:case_detail", args=[case.pk]) + "#h-escalations"
    for e in Escalation.objects.filter(case_id=case.pk).select_related("escalated_by"):
        yield TimelineItem(
            when=at_noon(e.escalated_on),
            kind=ESCALATION,
            kind_label=str(LABELS[ESCALATION]),
            title=_("Opgeschaald (%(level)s) naar %(to)s")
            % {"level": e.get_level_display().lower(), "to": e.escalated_to},
            actor=name_of(e.escalated_by),
            url=url,
            detail=short(e.reason),
            all_day=True,
        )
        if e.resolved_on:
            yield TimelineItem(
                when=at_noon(e.resolved_on),
                kind=ESCALATION,
                kind_label=str(LABELS[ESCALATION]),
                title=_("Opschaling afgerond"),
                url=url,
                detail=short(e.outcome),
                all_day=True,
            )


def closing_items(case, user) -> Iterable[TimelineItem]:
    """Proposals to close and the manager's decision on them (a direct closing is told by its
    transition, with the open points and the reason in its text)."""
    rows = (
        Closing.objects.filter(case_id=case.pk)
        .exclude(status=ClosingStatus.CLOSED)
        .select_related("proposed_by", "decided_by")
    )
    for c in rows:
        url = reverse("cases:closing_decide", args=[c.pk])
        open_points = (
            _("%(n)s open punt(en) bewust open gelaten: %(why)s")
            % {"n": len(c.open_items), "why": c.open_items_reason}
            if c.open_items
            else ""
        )
        yield TimelineItem(
            when=c.proposed_at,
            kind=CLOSING,
            kind_label=str(LABELS[CLOSING]),
            title=_("Afsluiten voorgesteld: %(reason)s") % {"reason": c.get_reason_display()},
            actor=name_of(c.proposed_by),
            url=url,
            detail=short(" ".join(p for p in (c.note, open_points) if p)),
        )
        if c.decided_at:
            title = (
                _("Afsluiten goedgekeurd")
                if c.status == ClosingStatus.APPROVED
                else _("Afsluiten afgewezen")
            )
            yield TimelineItem(
                when=c.decided_at,
                kind=CLOSING,
                kind_label=str(LABELS[CLOSING]),
                title=title,
                actor=name_of(c.decided_by),
                url=url,
                detail=short(c.decision_note),
            )


def register_case_sources() -> None:
    """The cases app's own sources (called from CasesConfig.ready)."""
    register(
        "status",
        status_items,
        kinds={k: LABELS[k] for k in (REGISTRATION, SCREENING, DECISION, STATUS, CLOSING)},
        order=10,
    )
    register("enrichment", enrichment_items, kinds={ENRICHMENT: LABELS[ENRICHMENT]}, order=20)
    register("team", team_items, kinds={TEAM: LABELS[TEAM]}, order=30)
    register("plan", plan_items, kinds={PLAN: LABELS[PLAN]}, order=40)
    register("goals", goal_items, kinds={PLAN: LABELS[PLAN]}, order=41)
    register("meetings", meeting_items, kinds={MEETING: LABELS[MEETING]}, order=50)
    register("actions", action_items, kinds={ACTION: LABELS[ACTION]}, order=51)
    register("escalations", escalation_items, kinds={ESCALATION: LABELS[ESCALATION]}, order=70)
    register("closings", closing_items, kinds={CLOSING: LABELS[CLOSING]}, order=80)
