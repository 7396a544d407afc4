"""Which apps hold personal data, and how to find one person in each (for *inzage*).

Each app keeps its own lookup in `<app>/privacy.py`: a function
`find_person(*, bsn, last_name, birth_date) -> list[FoundRecord]`. This module names them as
dotted paths, so the privacy app never imports the internals of the other apps. An app that
starts holding personal data adds one line here.

The advice app is not listed: an `AdviceRecord` names the professional who asks, never the
person the question is about.
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
