"""The record kinds that point to the register, registered by each app in its ready().

The persons app imports no other app (tests/zvhd/test_import_graph.py: apps import persons,
never the other way round). Each app that keeps records about persons tells the register,
through a `RecordKind`, how to answer two questions through its own door:

- `person_ids(user)`: the register persons (a queryset of ids) of its records whose identity
  `user` may see — the app's own "names" rule (cases: `names_filter`, aftercare: the record
  itself, trafficking: IDENTIFY);
- `records(person_ids, user)`: its records of those persons as `RecordRef`s, newest first,
  each saying whether `user` may open it (`in_scope`) and, when not, who to contact. A
  `secret` kind (trafficking) never names itself to a reader outside its scope. With
  `window=slice(...)` (a person's page): only the records in scope, that slice of them, so
  a person with thousands of records costs one page of them (issue 24).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RecordRef:
    person_id: int
    kind: str  # the RecordKind's key
    label: str  # "Casus 2026-0012" (only when in scope)
    status: str = ""
    url: str = ""
    in_scope: bool = False
    contact: str = ""  # "Petra Regisseur (procesregisseur)", for a record out of scope


@dataclass(frozen=True)
class RecordKind:
    key: str  # "cases", "aftercare", "trafficking"
    title: str  # "Casussen", shown above the records on a person's page
    person_ids: Callable  # (user) -> QuerySet of register person ids, or None
    records: Callable  # (person_ids, user, *, window=None) -> list[RecordRef]
    all_person_ids: Callable  # () -> QuerySet of every register person id of the kind
    secret: bool = False
    # Records pointing to the register: (model, field name), for merge and split.
    pointers: tuple = ()


_kinds: dict[str, RecordKind] = {}


def register(kind: RecordKind) -> None:
    _kinds[kind.key] = kind


def kinds() -> list[RecordKind]:
    return [_kinds[key] for key in sorted(_kinds)]


def pointers() -> list[tuple]:
    return [pointer for kind in kinds() for pointer in kind.pointers]
