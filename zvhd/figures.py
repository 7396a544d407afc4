"""What every app's figures share: the year they count (DOMAIN.md "Figures").

Figures are anonymous counts of a calendar year; each app computes its own in its
`figures.py` and offers them to the reports app through its contract
(`zvhd.apps_contract.FiguresProvider`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction

# The passes already made in the current figures session (None outside one): see `session`.
_passes: ContextVar[dict | None] = ContextVar("figures_session_passes", default=None)


@contextmanager
def session():
    """Run figure queries in one transaction with PostgreSQL's JIT compiler off, and make each
    shared pass over the records once (`once`).

    Each figure query is a single aggregate over the year's rows; PostgreSQL's cost estimate
    for one over a million cases passes `jit_above_cost`, and compiling the expressions then
    took longer (2.8 s in EXPLAIN ANALYZE, issue 8) than running them. `SET LOCAL` ends with
    the transaction, so nothing else on the connection is affected. Sessions nest: an inner
    one (a year's figures inside a snapshot) shares the outer one's passes.
    """
    if _passes.get() is not None:
        yield
        return
    token = _passes.set({})
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
            yield
    finally:
        _passes.reset(token)


def once[T](key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per figures session for `key` (and on every call outside a session).

    For a pass over the records that several apps' figures read (the cases' one pass over the
    year, whose active PGA cases per municipality the programmes' PGA split also needs): one
    scan of a million cases instead of one per app. The result is shared, so callers must not
    change it.
    """
    passes = _passes.get()
    if passes is None:
        return compute()
    if key not in passes:
        passes[key] = compute()
    return passes[key]


def made(key: Hashable):
    """What `once(key, ...)` made earlier in this figures session, or None (also outside one):
    for a figure that can be summed from a finer pass when that pass is there anyway."""
    passes = _passes.get()
    return None if passes is None else passes.get(key)


@dataclass(frozen=True)
class Year:
    """Year Y = 1 January up to and including 31 December, in Dutch local time."""

    year: int

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, 12, 31)

    @property
    def start_moment(self) -> datetime:
        return datetime(self.year, 1, 1, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def next_start_moment(self) -> datetime:
        return datetime(self.year + 1, 1, 1, tzinfo=ZoneInfo(settings.TIME_ZONE))


def pct(part: int, whole: int) -> int | None:
    """Whole percent, half up; None when there is nothing to divide by."""
    if not whole:
        return None
    return int((Decimal(part) * 100 / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def pcts_summing_to_100(counts: dict[str, int]) -> dict[str, int | None]:
    """Whole percentages that add up to exactly 100 (largest remainder), as a report prints."""
    total = sum(counts.values())
    if not total:
        return dict.fromkeys(counts)
    exact = {key: Decimal(n) * 100 / total for key, n in counts.items()}
    floors = {key: int(value) for key, value in exact.items()}
    short = 100 - sum(floors.values())
    by_remainder = sorted(exact, key=lambda k: (exact[k] - floors[k], counts[k]), reverse=True)
    for key in by_remainder[:short]:
        floors[key] += 1
    return floors
