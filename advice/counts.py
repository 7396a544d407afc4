"""The advice list's counts per kind, kept in the cache until an advice record changes
(zvhd.querycache): at 200,000 questions the count per kind of the whole list read the
(kind, date) index through on every page of the list, 57 ms under load (issue 24)."""

from __future__ import annotations

from zvhd.querycache import cached_query, forget_namespace, forgetter

NAMESPACE = "advice:kind-counts"


def counts_by_kind(queryset) -> dict[str, int]:
    """`queryset.counts_by_kind()`, from the cache when this very query was counted since the
    last change of an advice record."""
    query = queryset.order_by().values_list("kind")
    return cached_query(NAMESPACE, query, queryset.counts_by_kind)


def forget_counts() -> None:
    forget_namespace(NAMESPACE)


# post_save and post_delete of AdviceRecord (advice.apps).
forget_counts_on_write = forgetter(NAMESPACE)
