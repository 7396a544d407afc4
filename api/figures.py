"""The key figures the API delivers (`GET /api/v1/cijfers/{year}/`, issue 9).

A year whose snapshot has been published is delivered from that snapshot: a published report
must not change, not after later edits and not after retention destroyed records. A year
without one is computed live. Either way the body is `reports.figures.key_figures`, the same
as `python manage.py figures YEAR --format json` (with `--published` for a published year).

A read helper of the API, kept here rather than in reports/ (which the API only reads).
"""

from __future__ import annotations

from reports.figures import key_figures
from reports.models import YearSnapshot


def published_data(year: int) -> dict | None:
    """The frozen figures of `year`'s published snapshot, or None when it has none.

    Not scoped to a user: the data are aggregates without a person in them, and the API
    view's door is the client's scope `cijfers:lezen` (as the `figures` command's is shell
    access). One query, reading only the data column.
    """
    return YearSnapshot.objects.published().filter(year=year).values_list("data", flat=True).first()


def key_figures_for_api(year: int) -> dict:
    return key_figures(year, data=published_data(year))
