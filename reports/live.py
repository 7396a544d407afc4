"""The dashboard's figures, stored: the worker computes them, the pages only read (issue 24).

Computing a year's figures takes ~0.75 s at a million cases, and the dashboard shows three
years: 4-8.5 s a page when each request computed them. Now:

- the worker computes a year for the province and every municipality in one grouped pass
  (`reports.figures.live_figures`) and stores one `LiveFigures` row per scope
  (`services.refresh_live_figures`, task `reports.tasks.refresh_figures`); beat does so
  for this year and last year every REPORTS_FIGURES_REFRESH_MINUTES;
- a page reads, per year, the published version (the province only, as before), else the
  stored row of the user's scope, and shows its time ("Stand van ..."). A row older than the
  interval is shown and a refresh is asked for; a year never computed is asked for and the
  page says it is being computed and looks again by itself;
- a refresh is queued at most once per year at a time: a cache key (Redis) held from the
  moment it is queued until the task has run (or the interval has passed, should the
  worker lose it). The task refreshes every scope of the year at once, so the year is the
  unit. With tasks run eagerly (tests, nothing configured) the task runs inside the request,
  so a page that asked for a missing year reads the store again and shows the figures.

Figures are anonymous counts: reading them logs nothing. Who reads which row is the
dashboard's scope (`reports.policy`), decided by the view: the province's rows for
management, the municipality's own for a municipal contact, never another's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from reports.models import JobStatus, LiveFigures, YearSnapshot
from zvhd.jobs import enqueue_now

REFRESH_TASK = "reports.tasks.refresh_figures"
# The oldest year the store computes: the oldest a report may be about (YEAR_VALIDATORS).
FIRST_YEAR = 2000

QUEUED = "queued"  # a refresh was sent now
WAITING = "waiting"  # one was sent earlier and has not run yet
NOT_QUEUED = "not_queued"  # the queue (Redis) could not be reached


def has_figures(year: int) -> bool:
    """Whether the store computes `year`: from FIRST_YEAR up to this year. Any other year in
    an address (0, 99999, a guess or a typo) is never queued: it would reach the date
    arithmetic as a server error, or give the worker a pass over every case for nothing."""
    return FIRST_YEAR <= year <= timezone.localdate().year


def refresh_interval() -> timedelta:
    return timedelta(minutes=settings.REPORTS_FIGURES_REFRESH_MINUTES)


def lock_key(year: int) -> str:
    return f"reports:figures-refresh:{int(year)}"


@dataclass
class YearFigures:
    """One year of the dashboard: its figures and where they come from. `data` is None while
    the year is being computed (never computed before)."""

    year: int
    data: dict | None
    snapshot: YearSnapshot | None = None
    computed_at: datetime | None = None
    stale: bool = False

    @property
    def computing(self) -> bool:
        return self.data is None


def figures_for(years, municipality=None) -> list[YearFigures]:
    """The figures of `years` (in that order) for the province or `municipality`: the
    published version first (the province's only, as the municipal figures are not in it),
    else the stored figures; asks the worker for stale and missing years. Two queries."""
    years = [y for y in map(int, years) if has_figures(y)]
    found: dict[int, YearFigures] = {}
    if municipality is None:
        published = YearSnapshot._base_manager.filter(
            year__in=years, published=True, status=JobStatus.DONE
        )
        for snapshot in published:
            found[snapshot.year] = YearFigures(snapshot.year, snapshot.data, snapshot=snapshot)
    rest = [y for y in years if y not in found]
    if rest:
        found.update(_stored(rest, municipality))
        missing = [y for y in rest if y not in found]
        asked = [y for y in rest if y in missing or found[y].stale]
        queued = [y for y in asked if queue_refresh(y) == QUEUED]
        if _eager() and any(y in missing for y in queued):
            # The task ran inline: the missing years are in the store now.
            found.update(_stored([y for y in missing if y in queued], municipality))
    return [found.get(y) or YearFigures(y, None) for y in years]


def _stored(years: list[int], municipality) -> dict[int, YearFigures]:
    rows = LiveFigures.objects.filter(year__in=years, municipality=municipality).only(
        "year", "data", "computed_at"
    )
    old = timezone.now() - refresh_interval()
    return {
        row.year: YearFigures(
            row.year, row.data, computed_at=row.computed_at, stale=row.computed_at < old
        )
        for row in rows
    }


def _eager() -> bool:
    from celery import current_app

    return bool(current_app.conf.task_always_eager)


def queue_refresh(year: int) -> str:
    """Ask the worker to compute `year` again (every scope), unless it was asked already and
    has not run yet. QUEUED, WAITING or NOT_QUEUED (the queue unreachable)."""
    if not has_figures(year):
        return WAITING  # nothing to compute (the pages refuse such a year before this)
    key = lock_key(year)
    if not cache.add(key, timezone.now().isoformat(), int(refresh_interval().total_seconds())):
        return WAITING
    if not enqueue_now(REFRESH_TASK, int(year)):
        cache.delete(key)
        return NOT_QUEUED
    return QUEUED


def release(year: int) -> None:
    """The refresh of `year` has run: a later stale page may ask for the next one."""
    cache.delete(lock_key(year))
