"""Tools the apps' `anonymise()` use to remove personal data together with its history.

simple-history keeps a copy of every version of a row, names and BSN included, so blanking a
field is not enough: the old versions go too. Each scrubbed row keeps one fresh history row
(its anonymised state, with the reason "vernietigd volgens vernietigingslijst N"), so the
history still says what happened to it, and the destruction list says who decided it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models


def _history_model(model: type[models.Model]):
    manager = getattr(model, "history", None)
    return getattr(manager, "model", None)


def forget_history(model: type[models.Model], ids) -> int:
    """Delete every history row of `model` rows `ids` (their old versions hold personal data)."""
    historical = _history_model(model)
    if historical is None or not ids:
        return 0
    deleted, _ = historical._default_manager.filter(
        **{f"{model._meta.pk.attname}__in": list(ids)}
    ).delete()
    return deleted


def scrub(
    queryset: models.QuerySet, values: dict[str, Any | Callable[[models.Model], Any]], *, reason
) -> int:
    """Set `values` (a value, or a function of the row) on every row, without the old history.

    Rows with history get one new history row with `reason`; rows without history are
    updated in place (they have no copies to forget).
    """
    model = queryset.model
    rows = list(queryset)
    if not rows:
        return 0
    for row in rows:
        for name, value in values.items():
            setattr(row, name, value(row) if callable(value) else value)
    ids = [row.pk for row in rows]
    if _history_model(model) is not None:
        from simple_history.utils import bulk_update_with_history

        forget_history(model, ids)
        bulk_update_with_history(
            rows, model, list(values), default_change_reason=reason, batch_size=500
        )
    else:
        for row in rows:
            model._base_manager.filter(pk=row.pk).update(
                **{name: getattr(row, name) for name in values}
            )
    return len(rows)


def erase(queryset: models.QuerySet) -> int:
    """Delete the rows and every history row of them (the deletion's own copy included)."""
    model = queryset.model
    ids = list(queryset.values_list("pk", flat=True))
    if not ids:
        return 0
    model._base_manager.filter(pk__in=ids).delete()
    forget_history(model, ids)
    return len(ids)
