"""What every app's figures share: the year they count (DOMAIN.md "Figures").

Figures are anonymous counts of a calendar year; each app computes its own in its
`figures.py` and offers them to the reports app through its contract
(`zvhd.apps_contract.FiguresProvider`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings


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
