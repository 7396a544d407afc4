"""Answers of an aggregate query kept in the cache until a record it counts changes (issue 24).

A count over 100,000-200,000 rows (the advice list's questions per kind, the exchanges of a
year per partner and basis) reads an index through on every page view: 40-60 ms under load.
Its answer depends only on the query, so it is kept under the query's own SQL and parameters (a
reader's scope and filters are in them) and its database's name for a few minutes, in a
generation of keys per `namespace`. Every write of a counted model moves its namespace on to a
new generation (at once, and again after the commit: a count another request made in between
did not see it), so the page never shows an answer older than the last change it could know of.
A write that bypasses the models' signals (raw SQL, a bulk update) is seen when the key
expires.

    rows = cached_query("advice:kind-counts", queryset, lambda: dict(queryset))
    forget_namespace("advice:kind-counts")      # or connect `forgetter(namespace)` to signals
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction

SECONDS = 300


def _generation_key(namespace: str) -> str:
    return f"{namespace}:generation"


def cached_query(namespace: str, queryset, compute: Callable, seconds: int = SECONDS):
    """`compute()` (the answer of `queryset`), from the cache when this very query was
    answered since the last change in `namespace`."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # `none()`, `pk__in=[]`: no query goes out, nothing to keep
        return compute()
    generation = cache.get(_generation_key(namespace), 0)
    # The database's name too: the same SQL on another database sharing the Redis (the 10k
    # and the 1M bench, a test database) is another answer.
    database = connections[queryset.db].settings_dict["NAME"]
    digest = hashlib.sha256(repr((database, sql, params)).encode()).hexdigest()
    key = f"{namespace}:{generation}:{digest}"
    answer = cache.get(key)
    if answer is None:
        answer = compute()
        cache.set(key, answer, seconds)
    return answer


def next_generation(namespace: str) -> None:
    cache.set(_generation_key(namespace), time.time_ns(), None)


def forget_namespace(namespace: str) -> None:
    """Every answer of `namespace` is old: now, and once more after the commit."""
    next_generation(namespace)
    transaction.on_commit(lambda: next_generation(namespace))


def forgetter(namespace: str) -> Callable:
    """A signal receiver that forgets `namespace` (post_save, post_delete of a counted model).
    Keep it in a module-level name or connect it with `weak=False`: signals hold receivers
    weakly, and a receiver only the signal holds is gone."""

    def receiver(**kwargs) -> None:
        forget_namespace(namespace)

    return receiver
