"""django-simple-history's history manager, made once per model instead of once per use.

simple-history reaches a record's history through a descriptor (`Case.history`,
`case.history`) whose `__get__` builds a new manager class each time:
`HistoryManager.from_queryset(HistoricalQuerySet)`, which walks the queryset's methods with
`inspect.getmembers`. Its `post_save` handler goes through that descriptor for every history
row it writes, only to read the historical model. Profiled on the demo seed (issue 24), that
class building was 3.3 s of 41: ~0.7 ms for each saved record, in requests too.

`install()` (zvhd.apps.ZvhdConfig.ready) keeps one class per (manager, queryset) pair; each
access still gets a manager instance of its own, bound to its model and record, as before.
tests/zvhd/test_history.py fails if a simple-history upgrade changes the descriptor.
"""

from __future__ import annotations

import functools

from simple_history.manager import HistoryDescriptor


@functools.cache
def _manager_class(manager, queryset):
    return manager.from_queryset(queryset)


def _get(self, instance, owner):
    return _manager_class(self.manager_class, self.queryset_class)(self.model, instance)


def install() -> None:
    HistoryDescriptor.__get__ = _get
