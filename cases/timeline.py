"""The timeline of a case (issue 19 part 3): everything that happened, newest first, as far as
the reader may see it.

A small registry of *sources*. A source reads its records with ONE queryset (never one per
row) that applies the same rules as the tab of the case file that shows the same records:
enrichment through `enrichment_filter`, actions through `actions_filter`, the journal and the
documents through their door (`visible_to`), and so on. The kind filter lists the kinds of the
registered sources, so an app that registers a source gets its kind in the filter too.

**One query for the whole timeline.** A source gives `rows(case, user, wanted)`: a list of
querysets (usually one; a record that tells two events, such as an escalation and its
resolution, gives one per event) shaped by `shape()` into the timeline's common columns (when,
kind, a record id, a few texts, who). `newest` joins every source's querysets with UNION ALL
(each keeps its own WHERE: the door is per source, the union only composes), sorts the
union newest first in the database and reads the newest `limit` rows with the total
(`COUNT(*) OVER ()`) in the same statement. Only the rows the page shows are then turned into
items, by the source's `build(case)`, which prepares its texts once per page.

Measured (BENCHMARKS.md): a request was 12 queries to build, compile and send one by one, while
PostgreSQL executed each in a fraction of a millisecond; one statement costs one round trip.

Other apps register their sources in their AppConfig.ready():

    from cases.timeline import register
    register("journal", rows=journal_rows, build=journal_item, kinds={"logboek": _("Logboek")},
             order=60)

A source that reads no database (or a test) may still give finished items, `items(case,
user) -> iterable of TimelineItem`: they are merged in Python with the union's rows.

The caller of `newest()` has already checked that `user` may read the case file
(`details`); a source only narrows further, never widens.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    BigIntegerField,
    CharField,
    DateTimeField,
    F,
    Func,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models import Case as SQLCase
from django.db.models.query import EmptyQuerySet
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


class Row(NamedTuple):
    """One event as the union reads it: the common columns of every source (`shape`)."""

    at: datetime
    source: int  # the source's place in `sources()`: equal times keep the sources' order
    tie: int  # within a source and an equal time, the order of its events
    kind: str
    pk: int  # the record's id (for a link to it)
    a: str
    b: str
    c: str
    d: str
    e: str
    actor: str


COLUMNS = tuple(f"tl_{name}" for name in Row._fields)


@dataclass(frozen=True)
class Source:
    name: str
    kinds: Mapping[str, object]  # kind code -> label (lazy text)
    order: int = 50
    # rows(case, user, wanted kinds or None) -> querysets shaped by `shape()` (minus `source`)
    rows: Callable[..., list[QuerySet]] | None = None
    # build(case) -> a function that turns a Row of this source into a TimelineItem
    build: Callable[..., Callable[[Row], TimelineItem]] | None = None
    # or: items(case, user) -> every TimelineItem (merged in Python; for sources without rows)
    items: Callable[..., Iterable[TimelineItem]] | None = None


_sources: dict[str, Source] = {}


def register(
    name: str,
    items: Callable | None = None,
    *,
    kinds: Mapping[str, object],
    order: int = 50,
    rows: Callable | None = None,
    build: Callable | None = None,
):
    """Add (or replace) a source; `kinds` are the kinds its items carry, with their labels.

    Either `rows` and `build` (the source's querysets join the timeline's one query), or
    `items` (finished items, merged in Python)."""
    if (rows is None) != (build is None) or (rows is None) == (items is None):
        raise ValueError(f"Timeline source {name!r}: give rows and build, or items")
    _sources[name] = Source(
        name=name, kinds=dict(kinds), order=order, rows=rows, build=build, items=items
    )


def sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.name))


def kinds() -> list[tuple[str, str]]:
    """Every kind of the registered sources, in the order of the sources (the kind filter)."""
    seen: dict[str, str] = {}
    for source in sources():
        for code, label in source.kinds.items():
            seen.setdefault(code, str(label))
    return list(seen.items())


class Merged:
    """The newest events of a case (at least the `limit` asked, when there are that many),
    newest first, and how many there are in all: what the paginator needs. An event becomes
    a `TimelineItem` only when it is read (a page reads 50 of them)."""

    def __init__(self, case, listed: list[Source], entries: list, total: int):
        self.case = case
        self._sources = listed
        self._entries = entries  # Row or TimelineItem, newest first
        self._builders: dict[int, Callable[[Row], TimelineItem]] = {}
        self.total = total

    def __len__(self) -> int:
        return self.total

    def _item(self, entry) -> TimelineItem:
        if isinstance(entry, TimelineItem):
            return entry
        build = self._builders.get(entry.source)
        if build is None:
            build = self._builders[entry.source] = self._sources[entry.source].build(self.case)
        return build(entry)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._item(entry) for entry in self._entries[index]]
        return self._item(self._entries[index])

    @property
    def items(self) -> list[TimelineItem]:
        return self[:]


def newest(case, user, *, limit: int | None, only: Iterable[str] | None = None) -> Merged:
    """The newest `limit` events of `case` that `user` may see (all of them with None) and
    the total; `only` limits the kinds. One query for every source with rows; a source none
    of whose kinds is wanted is not asked at all.

    Events with the same time keep the order of the sources, and within a source the order
    it gives (`tie`): the same on every page, so no event is shown twice or skipped between
    pages.
    """
    wanted = set(only) if only else None
    listed = sources()
    parts: list[QuerySet] = []
    loose: list[tuple[int, Source]] = []
    for index, source in enumerate(listed):
        if wanted is not None and not wanted & set(source.kinds):
            continue
        if source.rows is None:
            loose.append((index, source))
            continue
        for part in source.rows(case, user, wanted):
            parts.append(part.annotate(tl_source=Value(index)).values_list(*COLUMNS))
    entries, total = _read(parts, limit)
    if loose:
        # Every item of these sources, merged by time: the first `limit` of the merged list
        # are then exact (the union gave its own first `limit`).
        for index, source in loose:
            for n, item in enumerate(source.items(case, user)):
                if wanted is None or item.kind in wanted:
                    entries.append((item.when, index, n, item))
                    total += 1
        entries.sort(key=lambda entry: (entry[1], entry[2]))
        entries.sort(key=lambda entry: entry[0], reverse=True)  # stable: ties keep their order
        entries = [entry if isinstance(entry, Row) else entry[3] for entry in entries]
    return Merged(case, listed, entries, total)


def _read(parts: list[QuerySet], limit: int | None) -> tuple[list, int]:
    """The newest `limit` rows of the UNION ALL of `parts` and how many rows it has in all,
    in one statement: the window count is taken before the LIMIT."""
    parts = [part for part in parts if not isinstance(part, EmptyQuerySet)]
    if not parts:
        return [], 0
    # No ORDER BY inside (not even a model's default ordering): the statement orders once.
    union = parts[0].union(*parts[1:], all=True).order_by() if len(parts) > 1 else parts[0]
    try:
        sql, params = union.query.sql_with_params()
    except EmptyResultSet:  # every part is empty for this reader (a door said "none")
        return [], 0
    # Ordered by position (the names are the first part's): the time, newest first, then
    # the source's place and its own order. LIMIT NULL is no limit.
    statement = (
        f"SELECT *, COUNT(*) OVER () FROM ({sql}) AS timeline "  # noqa: S608 - Django's SQL
        "ORDER BY 1 DESC, 2, 3 LIMIT %s"
    )
    with connections[union.db].cursor() as cursor:
        cursor.execute(statement, (*params, limit))
        found = cursor.fetchall()
    return [Row._make(row[:-1]) for row in found], (found[0][-1] if found else 0)


def timeline(case, user, *, only: Iterable[str] | None = None) -> list[TimelineItem]:
    """Every item of `case` that `user` may see, newest first; `only` limits the kinds."""
    return newest(case, user, limit=None, only=only).items


# ---------------------------------------------------------------------------------------------
# Helpers for sources: the common shape of a row, and its texts.

TEXT = TextField()

# The helpers below write their SQL in one piece: a request builds about fifteen parts of the
# union, and Django's generic expressions (Concat, Coalesce, Cast, arithmetic) cost a clone
# and a resolution per node, which was most of the time the timeline spent in Python.


def _text(value):
    """A text column: '' for nothing, a text field's name, or an expression that gives text
    (`as_text` for a field of another type: the union's columns need one type)."""
    if value is None:
        return Value("", output_field=TEXT)
    if isinstance(value, str):
        return F(value)
    return value


class _Sql(Func):
    """An expression written as one SQL template over its fields (no nested expressions)."""

    output_field = TEXT
    sql = ""

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, found = compiler.compile(expression)
            parts.append(sql)
            params.extend(found)
        return self.sql.format(*parts), params


class as_text(_Sql):  # noqa: N801 - reads as a function where a source lists its columns
    """A field of any type as text (a number, a date in ISO form, JSON)."""

    sql = "({0})::text"


class full_name(_Sql):  # noqa: N801
    """`display_name` of the user `prefix`: the full name, else the username; '' when there is
    no user."""

    sql = "COALESCE(NULLIF(TRIM(CONCAT({0}, ' ', {1})), ''), {2}, '')"

    def __init__(self, prefix: str):
        super().__init__(
            F(f"{prefix}__first_name"), F(f"{prefix}__last_name"), F(f"{prefix}__username")
        )


class organisation_name(_Sql):  # noqa: N801
    """The organisation `prefix`'s short name, else its name; '' when there is none."""

    sql = "COALESCE(NULLIF({0}, ''), {1}, '')"

    def __init__(self, prefix: str):
        super().__init__(F(f"{prefix}__short_name"), F(f"{prefix}__name"))


class detail(_Sql):  # noqa: N801
    """A free text (the first non-empty of the fields given) as much as an item can show
    (`short` makes the same text of it)."""

    def __init__(self, *fields: str):
        nonempty = ", ".join(f"NULLIF({{{i}}}, '')" for i in range(len(fields)))
        self.sql = f"LEFT(COALESCE({nonempty}, ''), {DETAIL_LENGTH + 1})"
        super().__init__(*(F(field) for field in fields))


class AtNoon(Func):
    """`at_noon` in SQL: a date placed at noon of its day, in the current time zone."""

    output_field = DateTimeField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        zone = timezone.get_current_timezone_name()
        return f"(({sql} + TIME '12:00') AT TIME ZONE %s)", (*params, zone)


class _Tie(_Sql):
    output_field = BigIntegerField()

    def __init__(self, field: str, sql: str):
        self.sql = sql
        super().__init__(F(field))


def newest_first(field: str = "pk"):
    """The tie of a source read newest first: the higher id first."""
    return _Tie(field, "-{0}")


def in_order(event: int = 0, field: str = "pk"):
    """The tie of a source whose records tell up to two events: by id, then the event."""
    return _Tie(field, f"({{0}} * 2 + {int(event)})")


def shape(
    queryset: QuerySet,
    *,
    at,
    kind,
    tie,
    pk: str = "pk",
    actor: str | None = None,
    a=None,
    b=None,
    c=None,
    d=None,
    e=None,
) -> QuerySet:
    """`queryset` with the timeline's columns (`Row`, except `source`, which `newest` adds):
    `at` a field or expression giving the moment, `kind` a code (or an expression),
    `tie` the order of equal moments within the source, `actor` the prefix of the user who did
    it, `a`-`e` texts the source's `build` reads back (a text field's name or an expression
    giving text)."""
    return queryset.order_by().annotate(
        tl_at=F(at) if isinstance(at, str) else at,
        tl_tie=tie,
        tl_kind=Value(kind, output_field=TEXT) if isinstance(kind, str) else kind,
        tl_pk=F(pk),
        tl_a=_text(a),
        tl_b=_text(b),
        tl_c=_text(c),
        tl_d=_text(d),
        tl_e=_text(e),
        tl_actor=full_name(actor) if actor else Value("", output_field=TEXT),
    )


@cache
def history(model):
    """The manager of `model`'s historical records. `Model.history` (simple_history's
    descriptor) makes a new manager class on every access (0.15 ms each)."""
    return model.history.model._default_manager


def at_noon(day: date) -> datetime:
    """A date-only record placed on its day (shown without a time)."""
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def short(text: str | None) -> str:
    text = text or ""
    return text if len(text) <= DETAIL_LENGTH else text[: DETAIL_LENGTH - 1].rstrip() + "…"


def day(value: str) -> str:
    """A date read as text (ISO) as a page shows it (zvhd.formats, like every date)."""
    return formats.short_date(date.fromisoformat(value)) if value else ""


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
STATUS_KINDS = (REGISTRATION, SCREENING, DECISION, STATUS, CLOSING)


def transition_kind():
    """Which kind a status move is (in SQL, so the kind filter is applied by the query)."""
    return SQLCase(
        When(from_status="", then=Value(REGISTRATION)),
        When(to_status=Status.AFGESLOTEN, then=Value(CLOSING)),
        When(
            Q(to_status=Status.IN_TRIAGE)
            | Q(from_status=Status.IN_TRIAGE, to_status=Status.AANGEMELD),
            then=Value(SCREENING),
        ),
        When(
            Q(from_status=Status.IN_TRIAGE) & ~Q(to_status=Status.INGETROKKEN),
            then=Value(DECISION),
        ),
        default=Value(STATUS),
        output_field=CharField(),
    )


def status_rows(case, user, wanted=None) -> list[QuerySet]:
    """Registration, screening, the ketenkamer's decision, closing and every other move of
    the life cycle, from the transitions (who, when, why). A move to or from "opgeschaald"
    is left out (unless it closes the case): the escalations tell it better, with level and
    addressee."""
    rows = (
        Transition.objects.filter(case_id=case.pk)
        .exclude(
            ~Q(from_status="")
            & (Q(from_status=Status.OPGESCHAALD) | Q(to_status=Status.OPGESCHAALD))
            & ~Q(to_status=Status.AFGESLOTEN)
        )
        .annotate(tl_move=transition_kind())
    )
    if wanted is not None:
        rows = rows.filter(tl_move__in=wanted)
    return [
        shape(
            rows,
            at="at",
            kind=F("tl_move"),
            tie=F("pk"),
            actor="by",
            a="from_status",
            b="to_status",
            c=detail("reason"),
        )
    ]


def status_item(case) -> Callable[[Row], TimelineItem]:
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

    def item(row: Row) -> TimelineItem:
        kind, from_status, to_status = row.kind, row.a, row.b
        to = {"to": statuses.get(to_status, to_status)}
        if kind == REGISTRATION:
            title = registered
        elif kind == SCREENING:
            title = screened if to_status == Status.IN_TRIAGE else sent_back
        elif kind == DECISION:
            # "Actief" says little here: the decision was direction (its kind is in the reason).
            title = direction if to_status == Status.ACTIEF else decision % to
        elif kind == CLOSING:
            title = closed
        elif from_status == Status.AFGESLOTEN:
            title = reopened
        else:
            title = status % to
        return TimelineItem(
            when=row.at,
            kind=kind,
            kind_label=labels[kind],
            title=title,
            actor=row.actor,
            url=history,
            detail=short(row.c),
        )

    return item


def enrichment_rows(case, user, wanted=None) -> list[QuerySet]:
    """What the partners added, as far as the reader may see it (the overview's rule)."""
    rows = Enrichment.objects.filter(case_id=case.pk).filter(enrichment_filter(user))
    return [
        shape(
            rows,
            at="added_at",
            kind=ENRICHMENT,
            tie=newest_first(),
            actor="added_by",
            a=organisation_name("source_organisation"),
            c=detail("text"),
        )
    ]


def enrichment_item(case) -> Callable[[Row], TimelineItem]:
    url = reverse("cases:case_detail", args=[case.pk]) + "#h-enrichment"
    label, title = str(LABELS[ENRICHMENT]), _("Verrijking door %(org)s")

    def item(row: Row) -> TimelineItem:
        return TimelineItem(
            when=row.at,
            kind=ENRICHMENT,
            kind_label=label,
            title=title % {"org": row.a},
            actor=row.actor,
            url=url,
            detail=short(row.c),
        )

    return item


def team_rows(case, user, wanted=None) -> list[QuerySet]:
    """Professionals added to and removed from the case team (its history)."""
    rows = history(TeamMember).filter(case_id=case.pk, history_type__in=["+", "-"])
    return [
        shape(
            rows,
            at="history_date",
            kind=TEAM,
            tie=newest_first("history_id"),
            pk="id",
            actor="history_user",
            a="history_type",
            b=full_name("user"),
            c=organisation_name("organisation"),
            d="task",
        )
    ]


def team_item(case) -> Callable[[Row], TimelineItem]:
    url = reverse("cases:case_detail", args=[case.pk]) + "#h-team"
    label = str(LABELS[TEAM])
    added, removed = (
        _("%(who)s toegevoegd aan het casusteam"),
        _("%(who)s uit het casusteam gehaald"),
    )

    def item(row: Row) -> TimelineItem:
        who = {"who": f"{row.b} ({row.c})"}
        return TimelineItem(
            when=row.at,
            kind=TEAM,
            kind_label=label,
            title=(added if row.a == "+" else removed) % who,
            actor=row.actor,
            url=url,
            detail=row.d,
        )

    return item


def plan_rows(case, user, wanted=None) -> list[QuerySet]:
    """Every saved version of the plan of approach."""
    return [
        shape(
            history(Plan).filter(case_id=case.pk),
            at="history_date",
            kind=PLAN,
            tie=newest_first("history_id"),
            pk="id",
            actor="history_user",
            a="history_type",
            b=as_text("version"),
            c=detail("summary"),
        )
    ]


def plan_item(case) -> Callable[[Row], TimelineItem]:
    url = reverse("cases:case_plan", args=[case.pk])
    label = str(LABELS[PLAN])
    made, changed = _("Plan van aanpak opgesteld"), _("Plan van aanpak gewijzigd (versie %(v)s)")

    def item(row: Row) -> TimelineItem:
        return TimelineItem(
            when=row.at,
            kind=PLAN,
            kind_label=label,
            title=made if row.a == "+" else changed % {"v": row.b},
            actor=row.actor,
            url=url,
            detail=short(row.c),
        )

    return item


def goal_rows(case, user, wanted=None) -> list[QuerySet]:
    """Goals added, changed (reached) and removed: the plan's changes per life domain."""
    return [
        shape(
            history(Goal).filter(case_id=case.pk),
            at="history_date",
            kind=PLAN,
            tie=newest_first("history_id"),
            pk="id",
            actor="history_user",
            a="history_type",
            b="life_domain",
            c=detail("description"),
            d=SQLCase(When(reached=True, then=Value("1")), default=Value(""), output_field=TEXT),
        )
    ]


def goal_item(case) -> Callable[[Row], TimelineItem]:
    url = reverse("cases:case_plan", args=[case.pk])
    label = str(LABELS[PLAN])
    domains = dict(LifeDomain.choices)
    titles = {
        "+": _("Doel toegevoegd (%(domain)s)"),
        "-": _("Doel verwijderd (%(domain)s)"),
        "reached": _("Doel bereikt (%(domain)s)"),
        "~": _("Doel gewijzigd (%(domain)s)"),
    }

    def item(row: Row) -> TimelineItem:
        key = "reached" if row.a == "~" and row.d else row.a
        return TimelineItem(
            when=row.at,
            kind=PLAN,
            kind_label=label,
            title=titles[key] % {"domain": domains.get(row.b, row.b)},
            actor=row.actor,
            url=url,
            detail=short(row.c),
        )

    return item


def meeting_rows(case, user, wanted=None) -> list[QuerySet]:
    return [
        shape(
            CaseMeeting.objects.filter(case_id=case.pk),
            at=AtNoon("date"),
            kind=MEETING,
            tie=newest_first(),
            actor="created_by",
            c=detail("decisions", "notes"),
        )
    ]


def meeting_item(case) -> Callable[[Row], TimelineItem]:
    url = reverse("cases:case_meetings", args=[case.pk])
    label, title = str(LABELS[MEETING]), _("Maatwerkoverleg")

    def item(row: Row) -> TimelineItem:
        return TimelineItem(
            when=row.at,
            kind=MEETING,
            kind_label=label,
            title=title,
            actor=row.actor,
            url=f"{url}#m-{row.pk}",
            detail=short(row.c),
            all_day=True,
        )

    return item


def action_rows(case, user, wanted=None) -> list[QuerySet]:
    """Actions agreed and every change of their status, as far as the plan tab shows them to
    the reader (a partner: their own organisation's actions)."""
    rows = history(Action).filter(case_id=case.pk).filter(actions_filter(user))
    return [
        shape(
            rows,
            at="history_date",
            kind=ACTION,
            tie=newest_first("history_id"),
            pk="id",
            actor="history_user",
            a="history_type",
            b="status",
            c=detail("description"),
            d=organisation_name("owner_organisation"),
            e=as_text("due_on"),
        )
    ]


def action_item(case) -> Callable[[Row], TimelineItem]:
    url = reverse("cases:case_plan", args=[case.pk])
    label = str(LABELS[ACTION])
    statuses = {code: str(name).lower() for code, name in ActionStatus.choices}
    agreed = _("Actie afgesproken voor %(org)s, uiterlijk %(due)s")
    removed, changed = _("Actie verwijderd"), _("Actie op ‘%(status)s’ gezet")

    def item(row: Row) -> TimelineItem:
        if row.a == "+":
            title = agreed % {"org": row.d, "due": day(row.e)}
        elif row.a == "-":
            title = removed
        else:
            title = changed % {"status": statuses.get(row.b, row.b)}
        return TimelineItem(
            when=row.at,
            kind=ACTION,
            kind_label=label,
            title=title,
            actor=row.actor,
            url=url,
            detail=short(row.c),
        )

    return item


ESCALATED, RESOLVED = "escalated", "resolved"


def escalation_rows(case, user, wanted=None) -> list[QuerySet]:
    """An escalation and, once resolved, its resolution: two events of one record."""
    rows = Escalation.objects.filter(case_id=case.pk)
    return [
        shape(
            rows,
            at=AtNoon("escalated_on"),
            kind=ESCALATION,
            tie=in_order(0),
            actor="escalated_by",
            a=Value(ESCALATED),
            b="level",
            c=detail("reason"),
            d="escalated_to",
        ),
        shape(
            rows.filter(resolved_on__isnull=False),
            at=AtNoon("resolved_on"),
            kind=ESCALATION,
            tie=in_order(1),
            a=Value(RESOLVED),
            c=detail("outcome"),
        ),
    ]


def escalation_item(case) -> Callable[[Row], TimelineItem]:
    url = reverse("cases:case_detail", args=[case.pk]) + "#h-escalations"
    label = str(LABELS[ESCALATION])
    levels = {code: str(name).lower() for code, name in EscalationLevel.choices}
    escalated, resolved = _("Opgeschaald (%(level)s) naar %(to)s"), _("Opschaling afgerond")

    def item(row: Row) -> TimelineItem:
        if row.a == RESOLVED:
            title = resolved
        else:
            title = escalated % {"level": levels.get(row.b, row.b), "to": row.d}
        return TimelineItem(
            when=row.at,
            kind=ESCALATION,
            kind_label=label,
            title=title,
            actor=row.actor,
            url=url,
            detail=short(row.c),
            all_day=True,
        )

    return item


PROPOSED, DECIDED = "proposed", "decided"


def closing_rows(case, user, wanted=None) -> list[QuerySet]:
    """Proposals to close and the manager's decision on them (a direct closing is told by its
    transition, with the open points and the reason in its text)."""
    rows = Closing.objects.filter(case_id=case.pk).exclude(status=ClosingStatus.CLOSED)
    return [
        shape(
            rows,
            at="proposed_at",
            kind=CLOSING,
            tie=in_order(0),
            actor="proposed_by",
            a=Value(PROPOSED),
            b="reason",
            c=detail("note"),
            d=as_text("open_items"),
            e="open_items_reason",
        ),
        shape(
            rows.filter(decided_at__isnull=False),
            at="decided_at",
            kind=CLOSING,
            tie=in_order(1),
            actor="decided_by",
            a=Value(DECIDED),
            b="status",
            c=detail("decision_note"),
        ),
    ]


def closing_item(case) -> Callable[[Row], TimelineItem]:
    label = str(LABELS[CLOSING])
    reasons = dict(ClosingReason.choices)
    proposed = _("Afsluiten voorgesteld: %(reason)s")
    approved, refused = _("Afsluiten goedgekeurd"), _("Afsluiten afgewezen")
    left_open = _("%(n)s open punt(en) bewust open gelaten: %(why)s")

    def item(row: Row) -> TimelineItem:
        url = reverse("cases:closing_decide", args=[row.pk])
        if row.a == DECIDED:
            return TimelineItem(
                when=row.at,
                kind=CLOSING,
                kind_label=label,
                title=approved if row.b == ClosingStatus.APPROVED else refused,
                actor=row.actor,
                url=url,
                detail=short(row.c),
            )
        open_items = json.loads(row.d) if row.d else []
        points = left_open % {"n": len(open_items), "why": row.e} if open_items else ""
        return TimelineItem(
            when=row.at,
            kind=CLOSING,
            kind_label=label,
            title=proposed % {"reason": reasons.get(row.b, row.b)},
            actor=row.actor,
            url=url,
            detail=short(" ".join(p for p in (row.c, points) if p)),
        )

    return item


def register_case_sources() -> None:
    """The cases app's own sources (called from CasesConfig.ready)."""
    register(
        "status",
        rows=status_rows,
        build=status_item,
        kinds={k: LABELS[k] for k in STATUS_KINDS},
        order=10,
    )
    for name, rows, build, kind, order in (
        ("enrichment", enrichment_rows, enrichment_item, ENRICHMENT, 20),
        ("team", team_rows, team_item, TEAM, 30),
        ("plan", plan_rows, plan_item, PLAN, 40),
        ("goals", goal_rows, goal_item, PLAN, 41),
        ("meetings", meeting_rows, meeting_item, MEETING, 50),
        ("actions", action_rows, action_item, ACTION, 51),
        ("escalations", escalation_rows, escalation_item, ESCALATION, 70),
        ("closings", closing_rows, closing_item, CLOSING, 80),
    ):
        register(name, rows=rows, build=build, kinds={kind: LABELS[kind]}, order=order)
