"""The lookup lists the functioneel beheerder keeps: problem areas, topics, closing reasons.

Records store a term's fixed code; the label, the order and whether new input may choose it
live in `zvhd.network.models.Term` (Beheer → Keuzelijsten). The rows come from each app's
reference data after `migrate` (e.g. `cases.reference`) and are never overwritten after that.

Every page needs these labels, so they are read once per process and kept: a save or delete
of a term clears this process's copy at once and bumps a generation number in the shared
cache, which tells the other processes (web workers, the Celery worker) to read the list again
on their next use. That number is asked once per request (a case file uses the lists three
times; each ask is a Redis round trip of ~0.13 ms CPU) and, outside a request (a Celery task),
at most once every `RECHECK_AFTER` seconds. Without a shared cache (or with Redis down) another
process sees the change after `MAX_AGE` seconds at the latest.

    terms.choices(Vocabulary.AFSLUITREDEN)          # active terms, for a form
    terms.choices(..., keep="verhuisd")             # plus the record's own (inactive) value
    terms.label(Vocabulary.PROBLEEMGEBIED, "lvb")   # any term, active or not
    terms.is_choosable(Vocabulary.AFSLUITREDEN, code)
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

GENERATION_KEY = "zvhd:terms:generation"
MAX_AGE = 60.0
RECHECK_AFTER = 1.0


@dataclass(frozen=True)
class Entry:
    code: str
    label: str
    active: bool


_lock = threading.Lock()
_state: dict = {"lists": None, "generation": None, "read_at": 0.0}
# The shared generation as last asked, and when; `new_request` makes the next use ask again.
_asked: dict = {"generation": None, "at": None}


def new_request(**_kwargs) -> None:
    """`request_started`: this request asks the shared cache again (once)."""
    _asked["at"] = None


def _shared_generation():
    now = time.monotonic()
    if _asked["at"] is not None and now - _asked["at"] < RECHECK_AFTER:
        return _asked["generation"]
    try:
        generation = cache.get(GENERATION_KEY)
    except Exception:  # noqa: BLE001 - a cache that is away is a miss, never an error
        generation = None
    _asked.update(generation=generation, at=now)
    return generation


def _lists() -> dict[str, list[Entry]]:
    generation = _shared_generation()
    now = time.monotonic()
    state = _state
    if (
        state["lists"] is not None
        and generation == state["generation"]
        and now - state["read_at"] < MAX_AGE
    ):
        return state["lists"]
    from django.db import DatabaseError

    from zvhd.network.models import Term

    lists: dict[str, list[Entry]] = {}
    rows = Term.objects.order_by("vocabulary", "position", "label").values_list(
        "vocabulary", "code", "label", "active"
    )
    try:
        rows = list(rows)
    except DatabaseError:
        # Not migrated yet (`manage.py check --deploy` before the first migrate builds the API
        # schema, whose registration serializer asks for the lists): empty, and not kept.
        return {}
    for vocabulary, code, label, active in rows:
        lists.setdefault(vocabulary, []).append(Entry(code, label, active))
    with _lock:
        _state.update(lists=lists, generation=generation, read_at=now)
    return lists


def forget(**_kwargs) -> None:
    """A term changed: read the lists again here, and tell the other processes."""
    with _lock:
        _state.update(lists=None, read_at=0.0)
    _asked["at"] = None
    # Without a shared cache, MAX_AGE bounds how long another process keeps the old list.
    with contextlib.suppress(Exception):
        cache.set(GENERATION_KEY, time.time_ns(), None)


def entries(vocabulary: str) -> list[Entry]:
    return _lists().get(str(vocabulary), [])


def choices(vocabulary: str, *, keep: str | list[str] | None = None) -> list[tuple[str, str]]:
    """The active terms in their order, plus the record's own `keep` codes if inactive."""
    kept = {keep} if isinstance(keep, str) else set(keep or ())
    return [(e.code, e.label) for e in entries(vocabulary) if e.active or e.code in kept]


def all_choices(vocabulary: str) -> list[tuple[str, str]]:
    """Every term, inactive ones included: what a stored code may be (model choices)."""
    return [(e.code, e.label) for e in entries(vocabulary)]


def labels(vocabulary: str) -> dict[str, str]:
    return {e.code: e.label for e in entries(vocabulary)}


def label(vocabulary: str, code: str) -> str:
    return labels(vocabulary).get(code, code)


def is_choosable(vocabulary: str, code: str) -> bool:
    return any(e.code == code and e.active for e in entries(vocabulary))


def is_known(vocabulary: str, code: str) -> bool:
    return any(e.code == code for e in entries(vocabulary))


@deconstructible
class TermValidator:
    """A model field's check that a stored code is a term of `vocabulary` (active or not)."""

    message = _("Onbekende waarde voor deze keuzelijst.")

    def __init__(self, vocabulary: str):
        self.vocabulary = str(vocabulary)

    def __call__(self, value):
        if value and not is_known(self.vocabulary, value):
            raise ValidationError(self.message, code="unknown_term")

    def __eq__(self, other):
        return isinstance(other, TermValidator) and other.vocabulary == self.vocabulary

    def __hash__(self):
        return hash(self.vocabulary)
