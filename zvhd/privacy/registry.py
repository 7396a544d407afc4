"""Which apps hold personal data: how to find one person in each (for *inzage*), and which
records each keeps under which retention term and how it anonymises them (for destruction).

Each app keeps its own lookup in `<app>/privacy.py`: a function
`find_person(*, bsn, last_name, birth_date) -> list[FoundRecord]`. This module names them as
dotted paths, so the privacy app never imports the internals of the other apps. An app that
starts holding personal data adds one line here.

The advice app is not listed: an `AdviceRecord` names the professional who asks, never the
person the question is about (a pseudonym or initials at most, and a BSN is refused at the
field: advice/privacy.py), so it has no person data to find or to destroy.

For retention each app offers, in the same module:
- `retention_records(*, kind, closed_until) -> list[RetainedRecord]`: its closed records of
  a retention kind (`zvhd.privacy.models.RetentionKind`) that closed on or before a day;
- `find_record(number) -> RetainedRecord | None`: one record by the number users know;
- `records_by_id(ids) -> list[RetainedRecord]`: the same, by id;
- `anonymise(ids, *, reason) -> int`: blank or replace every identifying field of those
  records, their related rows and their history, keeping what the anonymous figures count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.utils.module_loading import import_string

PROVIDERS: dict[str, str] = {
    "Casussen (procesregie)": "cases.privacy.find_person",
    "Nazorg ex-gedetineerden": "aftercare.privacy.find_person",
    "Mensenhandel": "trafficking.privacy.find_person",
}


# Retention kind -> the app function that lists its closed records (see the module docstring).
RETENTION_PROVIDERS: dict[str, str] = {
    "casus_maatwerk": "cases.privacy.retention_records",
    "casus_pga": "cases.privacy.retention_records",
    "aanmelding": "cases.privacy.retention_records",
    "nazorg": "aftercare.privacy.retention_records",
    "mensenhandel": "trafficking.privacy.retention_records",
}
# "app_label.model" of each record kept under a term -> its app's privacy module.
RECORD_APPS: dict[str, str] = {
    "cases.case": "cases.privacy",
    "aftercare.aftercarerecord": "aftercare.privacy",
    "trafficking.signal": "trafficking.privacy",
}


@dataclass
class RetainedRecord:
    """A record under a retention term, as the privacy pages and the destruction list see it:
    never a name, only the number users know and the internal id."""

    kind: str  # RetentionKind value
    model: type[models.Model]
    pk: int
    number: str
    closed_on: date | None  # None: still open, no term running yet

    @property
    def kind_label(self) -> str:
        from zvhd.privacy.models import RetentionKind

        return str(RetentionKind(self.kind).label)


def retention_records(kind: str, closed_until: date) -> list[RetainedRecord]:
    return import_string(RETENTION_PROVIDERS[kind])(kind=kind, closed_until=closed_until)


def _module(label: str):
    from importlib import import_module

    return import_module(RECORD_APPS[label])


def find_record(number: str) -> RetainedRecord | None:
    """The record with this number in any app (case, aftercare or signal number)."""
    number = (number or "").strip()
    if not number:
        return None
    for label in RECORD_APPS:
        found = _module(label).find_record(number)
        if found is not None:
            return found
    return None


def records_by_id(label: str, ids) -> list[RetainedRecord]:
    return _module(label).records_by_id(list(ids))


def anonymise(label: str, ids, *, reason: str) -> int:
    return _module(label).anonymise(list(ids), reason=reason)


@dataclass
class FoundRecord:
    """One record about the person, described in plain Dutch for the person themselves."""

    title: str  # "Casus 2025-0012"
    description: str  # what this record is, in a sentence
    fields: list[tuple[str, str]]  # the main fields, label and value
    # The records whose reads the access log holds (the record itself, its person row...).
    logged: list[models.Model] = field(default_factory=list)


def find_person(*, bsn: str = "", last_name: str = "", birth_date: date | None = None):
    """Every record on the person, per app: [(app label, [FoundRecord, ...]), ...]."""
    return [
        (label, import_string(path)(bsn=bsn, last_name=last_name, birth_date=birth_date))
        for label, path in PROVIDERS.items()
    ]


def display(value) -> str:
    """A value as the PDF shows it: dates as d-m-Y, empty as a dash."""
    if value is None or value == "":
        return "–"
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)
