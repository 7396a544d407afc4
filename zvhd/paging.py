"""Keyset paging for the big lists: "newer / older" by id, never a COUNT over the table.

A list of 100,000 cases costs the same per page as one of 100: the page is the next `size`
rows below the last id shown (`?voor=<id>`), read with one LIMIT query that asks one row more
than it shows to know whether there is an older page.
"""

from __future__ import annotations

from dataclasses import dataclass

PARAM = "voor"


@dataclass(frozen=True)
class KeysetPage:
    rows: list[dict]
    next_query: str | None  # the query string of the older page, if there is one
    first_query: str | None  # the query string of the newest page, when this is not it


def keyset_page(request, queryset, *, fields, size: int, param: str = PARAM) -> KeysetPage:
    """The page of `queryset` (newest first by pk) that `request` asks for, as `values(*fields)`
    rows (`fields` includes "pk"); the other query parameters (the filters) are kept."""
    before = request.GET.get(param, "")
    if before.isdigit():
        queryset = queryset.filter(pk__lt=int(before))
    rows = list(queryset.order_by("-pk").values(*fields)[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    query = request.GET.copy()
    query.pop(param, None)
    next_query = None
    if has_more:
        query[param] = rows[-1]["pk"]
        next_query = query.urlencode()
        query.pop(param)
    return KeysetPage(rows, next_query, query.urlencode() if before else None)
