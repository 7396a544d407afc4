"""The one contract between the house and its apps, registered in each app's AppConfig.ready().

The house (`zvhd/`) imports no business app. What it needs from one, the app hands it here
as a small `AppContract`: its menu entries and start-page panels, its privacy provider (find
a person for *inzage*, its records under a retention term and how to anonymise them), the
records the access review checks and who counts as involved in one, its figures for the
reports app, and its demo data. The house and the reports app ask this registry; an app that
is not installed simply has no contract, and so no menu entry, no privacy chapter, no figures.

The importer of an app is not part of this module (it is registered with the import
framework in `zvhd/imports/`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import Model, Q

    from zvhd.navigation import NavItem, Panel


@dataclass(frozen=True)
class PrivacyProvider:
    """An app that holds personal data: how the privacy app finds, lists and destroys it.

    - `find_person(*, bsn, last_name, birth_date) -> list[FoundRecord]` (for *inzage*);
    - `retention_records(*, kind, closed_until) -> list[RetainedRecord]`: its closed records
      of one of its `retention_kinds` (`zvhd.privacy.models.RetentionKind` values) that
      closed on or before a day;
    - `find_record(number)`, `records_by_id(ids)`: its records as `RetainedRecord`s;
    - `anonymise(ids, *, reason) -> int`: blank every identifying field of those records,
      their related rows and their history, keeping what the anonymous figures count.
    `record_models` are the "app_label.model" labels of the records kept under a term.
    """

    title: str  # the app's chapter in the subject-access export, e.g. "Mensenhandel"
    find_person: Callable[..., list]
    retention_kinds: Sequence[str]
    record_models: Sequence[str]
    retention_records: Callable[..., list]
    find_record: Callable[[str], Any]
    records_by_id: Callable[[list], list]
    anonymise: Callable[..., int]

    @classmethod
    def of(cls, module, *, title: str, retention_kinds, record_models) -> PrivacyProvider:
        """The provider made of an app's `privacy.py`, which defines the five functions."""
        return cls(
            title=title,
            retention_kinds=tuple(retention_kinds),
            record_models=tuple(record_models),
            **{
                name: getattr(module, name)
                for name in (
                    "find_person",
                    "retention_records",
                    "find_record",
                    "records_by_id",
                    "anonymise",
                )
            },
        )


@dataclass(frozen=True)
class AttachedData:
    """Personal data an app keeps on another app's records (journal entries and documents on
    a case): destroyed together with them, and named on the destruction certificate by id.

    - `destroy(ids, *, reason) -> int`: called by the destruction right after the owning app
      anonymised the `record_model` rows `ids`, in the same transaction;
    - `destroyed(ids) -> dict[id, list[str]]`: for the certificate, what was destroyed with
      each record, by internal id only ("document 12").
    """

    record_model: str  # "app_label.model" of the records it hangs on, e.g. "cases.case"
    destroy: Callable[..., int]
    destroyed: Callable[[list], dict]


@dataclass(frozen=True)
class ReviewedRecord:
    """A kind of person record whose reads the access review checks for involvement.

    `involved(user)` returns a filter on `model` for the records the user (an expression,
    `OuterRef("user_id")` in the review's one query) is involved in. Readers with one of
    `exempt_roles` are involved in every record of the kind (it is their job to read them).
    `column` names the count in the review's rows; `detail_url` is the record page's URL name
    (one argument: the primary key).
    """

    model: type[Model]
    column: str
    involved: Callable[[Any], Q]
    detail_url: str
    exempt_roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Definition:
    """A figure's definition as printed next to it (DOMAIN.md "Figures")."""

    key: str
    label: str
    text: str


@dataclass(frozen=True)
class FiguresProvider:
    """An app's anonymous counts of a year, for the reports app.

    `for_year(year, municipality=None)` returns JSON-able data (what a snapshot freezes), or
    None while the app has nothing to count yet; `factsheet(year, municipality)` what a
    municipal factsheet shows of the app; `factsheets(year, municipalities)` optionally the
    same for every municipality at once ({municipality pk: what `factsheet` returns}), from
    one pass grouped by municipality: what a snapshot freezes (its 12 factsheets), and equal
    to `factsheet` per municipality. `vocabulary` holds the label lists the reports
    print beside the figures (e.g. the age classes), so reports never imports the app.
    """

    for_year: Callable[..., dict | None]
    factsheet: Callable[..., dict | None] | None = None
    factsheets: Callable[..., dict[int, dict | None]] | None = None
    definitions: Sequence[Definition] = ()
    vocabulary: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Demo:
    """`seed(*, stdout, rng)` in the app's own transaction; `after_seed` once every app has
    seeded; `access_reads(calendar)` the demo reads of its records for the access review
    (`zvhd.privacy.demo_access`)."""

    seed: Callable[..., None]
    after_seed: Callable[..., None] | None = None
    access_reads: Callable[..., list] | None = None


@dataclass(frozen=True)
class AppContract:
    label: str  # the app label ("cases")
    menu: Sequence[NavItem] = ()
    panels: Sequence[Panel] = ()
    privacy: PrivacyProvider | None = None
    reviewed: Sequence[ReviewedRecord] = ()
    figures: FiguresProvider | None = None
    demo: Demo | None = None
    attached: Sequence[AttachedData] = ()
    # Values every page needs about the logged-in user, read in the one query that loads the
    # user (`zvhd.network.models.UserQuerySet.for_request`): name -> a function returning a
    # query expression on the user (e.g. the inbox's unread count as a subquery). They land
    # in `user.request_extras[name]`, so the header costs no query of its own.
    user_annotations: Mapping[str, Callable[[], Any]] = field(default_factory=dict)


_contracts: dict[str, AppContract] = {}


def register(contract: AppContract) -> None:
    """Called from the app's AppConfig.ready(); registering again replaces the contract."""
    _contracts[contract.label] = contract


def contracts() -> list[AppContract]:
    """Every registered contract, in INSTALLED_APPS order (the order apps are seeded in)."""
    from django.apps import apps

    order = {config.label: i for i, config in enumerate(apps.get_app_configs())}
    return sorted(_contracts.values(), key=lambda c: order.get(c.label, len(order)))


def contract(label: str) -> AppContract | None:
    return _contracts.get(label)


def privacy_providers() -> list[PrivacyProvider]:
    return [c.privacy for c in contracts() if c.privacy is not None]


def attached_data(record_model: str) -> list[AttachedData]:
    """What other apps keep on records of `record_model` ("cases.case")."""
    return [a for c in contracts() for a in c.attached if a.record_model == record_model]


def reviewed_records() -> list[ReviewedRecord]:
    return [r for c in contracts() for r in c.reviewed]


def user_annotations() -> dict[str, Any]:
    """Every app's per-request annotations on the user (see `AppContract.user_annotations`)."""
    return {name: make() for c in contracts() for name, make in c.user_annotations.items()}


def figures(label: str) -> FiguresProvider | None:
    """The figures of app `label`, or None when it is not installed or counts nothing."""
    found = _contracts.get(label)
    return found.figures if found is not None else None
