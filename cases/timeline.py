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

**Only what the page needs.** A page shows 50 of hundreds of items; building every item of
every source cost most of the request (BENCHMARKS.md). A source registered with
`limited=True` takes a `limit` and returns a `Batch`: its newest `limit` items (one item per
row, of its one kind, newest first: the query orders by the time and then the id) and how
many it has in all (a `COUNT(*) OVER ()` in the same query, see `newest`). For page p the
timeline asks each such source for p × 50 items: none of the first p × 50 items of the merged
list can be missing, since each source gave its own first p × 50. The other sources (a row
that gives two items, or a row that may give none: a handful per case) give everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import (
    Action,
    ActionStatus,
    CaseMeeting,
    Closing,
    ClosingReason,
    ClosingStatus,
    Enrichment,
    Escalation,
    EscalationLevel,
    Goal,
    LifeDomain,
    Plan,
    Status,
    TeamMember,
    Transition,
)
from cases.policy import actions_filter, enrichment_filter
from zvhd import formats
from zvhd.network.models import display_name

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
class Batch:
    """What a limited source gives: its newest items (at most the limit asked) and how many
    it has in all."""

    items: list[TimelineItem]
    total: int


@dataclass(frozen=True)
class Source:
    name: str
    items: Callable[..., Iterable[TimelineItem] | Batch]
    kinds: Mapping[str, object]  # kind code -> label (lazy text)
    order: int = 50
    limited: bool = False  # items(case, user, limit) -> Batch


_sources: dict[str, Source] = {}


def register(
    name: str,
    items: Callable,
    *,
    kinds: Mapping[str, object],
    order: int = 50,
    limited: bool = False,
):
    """Add (or replace) a source; `kinds` are the kinds its items carry, with their labels.

    `limited`: `items(case, user, limit)` returns a `Batch` of its newest `limit` items, one
    kind only (so the kind filter never drops some of them: the page would have gaps)."""
    if limited and len(kinds) != 1:
        raise ValueError(f"A limited timeline source has one kind, {name!r} has {len(kinds)}")
    _sources[name] = Source(name=name, items=items, kinds=dict(kinds), order=order, limited=limited)


def sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.name))


def kinds() -> list[tuple[str, str]]:
    """Every kind of the registered sources, in the order of the sources (the kind filter)."""
    seen: dict[str, str] = {}
    for source in sources():
        for code, label in source.kinds.items():
            seen.setdefault(code, str(label))
    return list(seen.items())


@dataclass(frozen=True)
class Merged:
    """The newest items of a case (at least the `limit` asked, when there are that many),
    newest first, and how many there are in all: what the paginator needs."""

    items: list[TimelineItem]
    total: int

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        return self.items[index]


def newest(case, user, *, limit: int | None, only: Iterable[str] | None = None) -> Merged:
    """The newest `limit` items of `case` that `user` may see (all of them with None) and
    the total; `only` limits the kinds. One query per source asked; a source none of whose
    kinds is wanted is not asked at all.

    Items with the same time keep the order of the sources, and within a source the order
    of its query (the time, then the id): the same on every page, so no item is shown twice
    or skipped between pages.
    """
    wanted = set(only) if only else None
    items: list[TimelineItem] = []
    total = 0
    for source in sources():
        if wanted is not None and not wanted & set(source.kinds):
            continue
        if source.limited:
            batch = source.items(case, user, limit)
            items.extend(batch.items)
            total += batch.total
            continue
        for item in source.items(case, user):
            if wanted is None or item.kind in wanted:
                items.append(item)
                total += 1
    items.sort(key=lambda item: item.when, reverse=True)  # stable: ties keep their order
    return Merged(items=items, total=total)


def timeline(case, user, *, only: Iterable[str] | None = None) -> list[TimelineItem]:
    """Every item of `case` that `user` may see, newest first; `only` limits the kinds."""
    return newest(case, user, limit=None, only=only).items


# ---------------------------------------------------------------------------------------------
# Helpers. The sources read plain rows (`values()`), not model instances: a case of 500
# entries builds 500 items per request, and historical model instances cost ten times more.


def at_noon(day: date) -> datetime:
    """A date-only record placed on its day (shown without a time)."""
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def short(text: str | None) -> str:
    text = text or ""
    return text if len(text) <= DETAIL_LENGTH else text[: DETAIL_LENGTH - 1].rstrip() + "…"


def person(row: dict, prefix: str) -> str:
    """The name of the user `prefix` of a row read with USER_FIELDS(prefix)."""
    if row.get(f"{prefix}__username") is None:
        return ""
    return display_name(
        row[f"{prefix}__first_name"], row[f"{prefix}__last_name"], row[f"{prefix}__username"]
    )


def user_fields(prefix: str) -> list[str]:
    return [f"{prefix}__first_name", f"{prefix}__last_name", f"{prefix}__username"]


def organisation(row: dict, prefix: str) -> str:
    return row[f"{prefix}__short_name"] or row[f"{prefix}__name"] or ""


def organisation_fields(prefix: str) -> list[str]:
    return [f"{prefix}__short_name", f"{prefix}__name"]


TOTAL = "timeline_total"


def newest_rows(rows, limit: int | None, *order: str) -> tuple[list[dict], int]:
    """The first `limit` rows of a `values()` query in `order` (newest first, the id last so
    that equal times are always in the same order), and how many rows there are in all,
    counted in the same query by a window (`COUNT(*) OVER ()`, before the LIMIT)."""
    rows = rows.order_by(*order)
    if limit is None:
        found = list(rows)
        return found, len(found)
    found = list(rows.annotate(**{TOTAL: Window(Count("*"))})[:limit])
    return found, (found[0][TOTAL] if found else 0)


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


def _kind_of_transition(from_status: str, to_status: str) -> str | None:
    """Which kind a status move is; None when another source tells it better (escalations
    have their own rows with level and addressee)."""
    if not from_status:
        return REGISTRATION
    if Status.OPGESCHAALD in (from_status, to_status) and to_status != Status.AFGESLOTEN:
        return None
    if to_status == Status.AFGESLOTEN:
        return CLOSING
    if to_status == Status.IN_TRIAGE or (
        from_status == Status.IN_TRIAGE and to_status == Status.AANGEMELD
    ):
        return SCREENING
    if from_status == Status.IN_TRIAGE and to_status != Status.INGETROKKEN:
        return DECISION
    return STATUS


def status_items(case, user) -> Iterable[TimelineItem]:
    """Registration, screening, the ketenkamer's decision, closing and every other move of
    the life cycle, from the transitions (who, when, why)."""
    history = reverse("cases:case_history", args=[case.pk])
    labels = {kind: str(LABELS[kind]) for kind in LABELS}
    statuses = dict(Status.choices)
    registered = _("Aangemeld door %(org)s") % {"org": case.registering_organisation}
    screened, sent_back = (
        _("Gescreend: op de agenda van de ketenkamer"),
        _("Teruggezet voor aanvulling"),
    )
    decision, status = _("Besluit: %(to)s"), _("Status: %(to)s")
    direction = _("Besluit: procesregie door het Zorg- en Veiligheidshuis")
    closed, reopened = _("Casus afgesloten"), _("Casus heropend")
    rows = (
        Transition.objects.filter(case_id=case.pk)
        .order_by("at", "pk")
        .values("at", "from_status", "to_status", "reason", *user_fields("by"))
    )
    for t in rows:
        kind = _kind_of_transition(t["from_status"], t["to_status"])
        if kind is None:
            continue
        to = {"to": statuses.get(t["to_status"], t["to_status"])}
        if kind == REGISTRATION:
            title = registered
        elif kind == SCREENING:
            title = screened if t["to_status"] == Status.IN_TRIAGE else sent_back
        elif kind == DECISION:
            # "Actief" says little here: the decision was direction (its kind is in the reason).
            title = direction if t["to_status"] == Status.ACTIEF else decision % to
        elif kind == CLOSING:
            title = closed
        elif t["from_status"] == Status.AFGESLOTEN:
            title = reopened
        else:
            title = status % to
        yield TimelineItem(
            when=t["at"],
            kind=kind,
            kind_label=labels[kind],
            title=title,
            actor=person(t, "by"),
            url=history,
            detail=short(t["reason"]),
        )


def enrichment_items(case, user, limit: int | None = None) -> Batch:
    """What the partners added, as far as the reader may see it (the overview's rule)."""
    url = reverse("cases:case_detail", args=[case.pk]) + "#h-enrichment"
    label, title = str(LABELS[ENRICHMENT]), _("Verrijking door %(org)s")
    rows, total = newest_rows(
        Enrichment.objects.filter(case_id=case.pk)
        .filter(enrichment_filter(user))
        .values(
            "added_at",
            "text",
            *organisation_fields("source_organisation"),
            *user_fields("added_by"),
        ),
        limit,
        "-added_at",
        "-pk",
    )
    items = [
        TimelineItem(
            when=row["added_at"],
            kind=ENRICHMENT,
            kind_label=label,
            title=title % {"org": organisation(row, "source_organisation")},
            actor=person(row, "added_by"),
            url=url,
            detail=short(row["text"]),
        )
        for row in rows
    ]
    return Batch(items, total)


def team_items(case, user, limit: int | None = None) -> Batch:
    """Professionals added to and removed from the case team (its history)."""
    url = reverse("cases:case_detail", args=[case.pk]) + "#h-team"
    label = str(LABELS[TEAM])
    added, removed = (
        _("%(who)s toegevoegd aan het casusteam"),
        _("%(who)s uit het casusteam gehaald"),
    )
    rows, total = newest_rows(
        TeamMember.history.filter(case_id=case.pk, history_type__in=["+", "-"]).values(
            "history_date",
            "history_type",
            "task",
            *user_fields("history_user"),
            *user_fields("user"),
            *organisation_fields("organisation"),
        ),
        limit,
        "-history_date",
        "-history_id",
    )
    items = []
    for row in rows:
        who = {"who": f"{person(row, 'user')} ({organisation(row, 'organisation')})"}
        items.append(
            TimelineItem(
                when=row["history_date"],
                kind=TEAM,
                kind_label=label,
                title=(added if row["history_type"] == "+" else removed) % who,
                actor=person(row, "history_user"),
                url=url,
                detail=row["task"],
            )
        )
    return Batch(items, total)


def plan_items(case, user, limit: int | None = None) -> Batch:
    """Every saved version of the plan of approach."""
    url = reverse("cases:case_plan", args=[case.pk])
    label = str(LABELS[PLAN])
    made, changed = _("Plan van aanpak opgesteld"), _("Plan van aanpak gewijzigd (versie %(v)s)")
    rows, total = newest_rows(
        Plan.history.filter(case_id=case.pk).values(
            "history_date", "history_type", "version", "summary", *user_fields("history_user")
        ),
        limit,
        "-history_date",
        "-history_id",
    )
    items = [
        TimelineItem(
            when=row["history_date"],
            kind=PLAN,
            kind_label=label,
            title=made if row["history_type"] == "+" else changed % {"v": row["version"]},
            actor=person(row, "history_user"),
            url=url,
            detail=short(row["summary"]),
        )
        for row in rows
    ]
    return Batch(items, total)


def goal_items(case, user, limit: int | None = None) -> Batch:
    """Goals added, changed (reached) and removed: the plan's changes per life domain."""
    url = reverse("cases:case_plan", args=[case.pk])
    label = str(LABELS[PLAN])
    domains = dict(LifeDomain.choices)
    titles = {
        "+": _("Doel toegevoegd (%(domain)s)"),
        "-": _("Doel verwijderd (%(domain)s)"),
        "reached": _("Doel bereikt (%(domain)s)"),
        "~": _("Doel gewijzigd (%(domain)s)"),
    }
    rows, total = newest_rows(
        Goal.history.filter(case_id=case.pk).values(
            "history_date",
            "history_type",
            "life_domain",
            "description",
            "reached",
            *user_fields("history_user"),
        ),
        limit,
        "-history_date",
        "-history_id",
    )
    items = []
    for row in rows:
        key = "reached" if row["history_type"] == "~" and row["reached"] else row["history_type"]
        items.append(
            TimelineItem(
                when=row["history_date"],
                kind=PLAN,
                kind_label=label,
                title=titles[key] % {"domain": domains.get(row["life_domain"], row["life_domain"])},
                actor=person(row, "history_user"),
                url=url,
                detail=short(row["description"]),
            )
        )
    return Batch(items, total)


def meeting_items(case, user, limit: int | None = None) -> Batch:
    url = reverse("cases:case_meetings", args=[case.pk])
    label, title = str(LABELS[MEETING]), _("Maatwerkoverleg")
    rows, total = newest_rows(
        CaseMeeting.objects.filter(case_id=case.pk).values(
            "pk", "date", "notes", "decisions", *user_fields("created_by")
        ),
        limit,
        "-date",
        "-pk",
    )
    items = [
        TimelineItem(
            when=at_noon(row["date"]),
            kind=MEETING,
            kind_label=label,
            title=title,
            actor=person(row, "created_by"),
            url=f"{url}#m-{row['pk']}",
            detail=short(row["decisions"] or row["notes"]),
            all_day=True,
        )
        for row in rows
    ]
    return Batch(items, total)


def action_items(case, user, limit: int | None = None) -> Batch:
    """Actions agreed and every change of their status, as far as the plan tab shows them to
    the reader (a partner: their own organisation's actions)."""
    url = reverse("cases:case_plan", args=[case.pk])
    label = str(LABELS[ACTION])
    statuses = {code: str(name).lower() for code, name in ActionStatus.choices}
    agreed = _("Actie afgesproken voor %(org)s, uiterlijk %(due)s")
    removed, changed = _("Actie verwijderd"), _("Actie op ‘%(status)s’ gezet")
    rows, total = newest_rows(
        Action.history.filter(case_id=case.pk)
        .filter(actions_filter(user))
        .values(
            "history_date",
            "history_type",
            "description",
            "status",
            "due_on",
            *organisation_fields("owner_organisation"),
            *user_fields("history_user"),
        ),
        limit,
        "-history_date",
        "-history_id",
    )
    items = []
    for row in rows:
        if row["history_type"] == "+":
            title = agreed % {
                "org": organisation(row, "owner_organisation"),
                "due": formats.short_date(row["due_on"]),
            }
        elif row["history_type"] == "-":
            title = removed
        else:
            title = changed % {"status": statuses.get(row["status"], row["status"])}
        items.append(
            TimelineItem(
                when=row["history_date"],
                kind=ACTION,
                kind_label=label,
                title=title,
                actor=person(row, "history_user"),
                url=url,
                detail=short(row["description"]),
            )
        )
    return Batch(items, total)


def escalation_items(case, user) -> Iterable[TimelineItem]:
    url = reverse("cases:case_detail", args=[case.pk]) + "#h-escalations"
    label = str(LABELS[ESCALATION])
    levels = {code: str(name).lower() for code, name in EscalationLevel.choices}
    escalated, resolved = _("Opgeschaald (%(level)s) naar %(to)s"), _("Opschaling afgerond")
    rows = (
        Escalation.objects.filter(case_id=case.pk)
        .order_by("pk")
        .values(
            "level",
            "escalated_to",
            "escalated_on",
            "reason",
            "resolved_on",
            "outcome",
            *user_fields("escalated_by"),
        )
    )
    for e in rows:
        yield TimelineItem(
            when=at_noon(e["escalated_on"]),
            kind=ESCALATION,
            kind_label=label,
            title=escalated
            % {"level": levels.get(e["level"], e["level"]), "to": e["escalated_to"]},
            actor=person(e, "escalated_by"),
            url=url,
            detail=short(e["reason"]),
            all_day=True,
        )
        if e["resolved_on"]:
            yield TimelineItem(
                when=at_noon(e["resolved_on"]),
                kind=ESCALATION,
                kind_label=label,
                title=resolved,
                url=url,
                detail=short(e["outcome"]),
                all_day=True,
            )


def closing_items(case, user) -> Iterable[TimelineItem]:
    """Proposals to close and the manager's decision on them (a direct closing is told by its
    transition, with the open points and the reason in its text)."""
    label = str(LABELS[CLOSING])
    reasons = dict(ClosingReason.choices)
    proposed = _("Afsluiten voorgesteld: %(reason)s")
    approved, refused = _("Afsluiten goedgekeurd"), _("Afsluiten afgewezen")
    left_open = _("%(n)s open punt(en) bewust open gelaten: %(why)s")
    rows = (
        Closing.objects.filter(case_id=case.pk)
        .exclude(status=ClosingStatus.CLOSED)
        .order_by("pk")
        .values(
            "pk",
            "status",
            "reason",
            "note",
            "open_items",
            "open_items_reason",
            "proposed_at",
            "decided_at",
            "decision_note",
            *user_fields("proposed_by"),
            *user_fields("decided_by"),
        )
    )
    for c in rows:
        url = reverse("cases:closing_decide", args=[c["pk"]])
        points = (
            left_open % {"n": len(c["open_items"]), "why": c["open_items_reason"]}
            if c["open_items"]
            else ""
        )
        yield TimelineItem(
            when=c["proposed_at"],
            kind=CLOSING,
            kind_label=label,
            title=proposed % {"reason": reasons.get(c["reason"], c["reason"])},
            actor=person(c, "proposed_by"),
            url=url,
            detail=short(" ".join(p for p in (c["note"], points) if p)),
        )
        if c["decided_at"]:
            yield TimelineItem(
                when=c["decided_at"],
                kind=CLOSING,
                kind_label=label,
                title=approved if c["status"] == ClosingStatus.APPROVED else refused,
                actor=person(c, "decided_by"),
                url=url,
                detail=short(c["decision_note"]),
            )


def register_case_sources() -> None:
    """The cases app's own sources (called from CasesConfig.ready)."""
    register(
        "status",
        status_items,
        kinds={k: LABELS[k] for k in (REGISTRATION, SCREENING, DECISION, STATUS, CLOSING)},
        order=10,
    )
    # One item per row, newest first: they give only what the page needs (`newest`).
    register(
        "enrichment",
        enrichment_items,
        kinds={ENRICHMENT: LABELS[ENRICHMENT]},
        order=20,
        limited=True,
    )
    register("team", team_items, kinds={TEAM: LABELS[TEAM]}, order=30, limited=True)
    register("plan", plan_items, kinds={PLAN: LABELS[PLAN]}, order=40, limited=True)
    register("goals", goal_items, kinds={PLAN: LABELS[PLAN]}, order=41, limited=True)
    register("meetings", meeting_items, kinds={MEETING: LABELS[MEETING]}, order=50, limited=True)
    register("actions", action_items, kinds={ACTION: LABELS[ACTION]}, order=51, limited=True)
    register("escalations", escalation_items, kinds={ESCALATION: LABELS[ESCALATION]}, order=70)
    register("closings", closing_items, kinds={CLOSING: LABELS[CLOSING]}, order=80)
