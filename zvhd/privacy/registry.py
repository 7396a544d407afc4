"""Which apps hold personal data: how to find one person in each (for *inzage*), and which
records each keeps under which retention term and how it anonymises them (for destruction).

Each app keeps its own lookup in `<app>/privacy.py` and hands it to the house as the privacy
provider of its contract (`zvhd.apps_contract.PrivacyProvider`, registered in its
AppConfig.ready()), so the privacy app never imports the other apps. An app that starts
holding personal data registers a provider; this module only asks the registered ones.

The advice app registers none: an `AdviceRecord` names the professional who asks, never the
person the question is about (a pseudonym or initials at most, and a BSN is refused at the
field: advice/privacy.py), so it has no person data to find or to destroy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import models

from zvhd import formats
from zvhd.apps_contract import PrivacyProvider, privacy_providers


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


def _provider_for_kind(kind: str) -> PrivacyProvider:
    for provider in privacy_providers():
        if kind in provider.retention_kinds:
            return provider
    raise LookupError(f"No app keeps records of retention kind {kind!r}")


def _provider_for_model(label: str) -> PrivacyProvider:
    for provider in privacy_providers():
        if label in provider.record_models:
            return provider
    raise LookupError(f"No app keeps records of {label!r} under a retention term")


def retention_records(kind: str, closed_until: date) -> list[RetainedRecord]:
    return _provider_for_kind(kind).retention_records(kind=kind, closed_until=closed_until)


def find_record(number: str) -> RetainedRecord | None:
    """The record with this number in any app (case, aftercare or signal number)."""
    number = (number or "").strip()
    if not number:
        return None
    for provider in privacy_providers():
        found = provider.find_record(number)
        if found is not None:
            return found
    return None


def records_by_id(label: str, ids) -> list[RetainedRecord]:
    return _provider_for_model(label).records_by_id(list(ids))


def anonymise(label: str, ids, *, reason: str) -> int:
    """Anonymise the records, then destroy what other apps keep on them (their documents and
    journal: `AttachedData`), in the caller's transaction."""
    from zvhd.apps_contract import attached_data

    ids = list(ids)
    count = _provider_for_model(label).anonymise(ids, reason=reason)
    for attached in attached_data(label):
        attached.destroy(ids, reason=reason)
    return count


def destroyed_attachments(label: str, ids) -> dict:
    """For the certificate: {record id: ["document 12", ...]} of what went with each record."""
    from zvhd.apps_contract import attached_data

    found: dict = {}
    for attached in attached_data(label):
        for pk, names in attached.destroyed(list(ids)).items():
            found.setdefault(int(pk), []).extend(names)
    return found


@dataclass
class FoundRecord:
    """One record about the person, described in plain Dutch for the person themselves."""

    title: str  # "Casus 2025-0012"
    description: str  # what this record is, in a sentence
    fields: list[tuple[str, str]]  # the main fields, label and value
    # The records whose reads the access log holds (the record itself, its person row...).
    logged: list[models.Model] = field(default_factory=list)
    # Files that go into the inzage PDF as attachments: (name, a FieldFile or bytes).
    attachments: list = field(default_factory=list)


def find_person(*, bsn: str = "", last_name: str = "", birth_date: date | None = None):
    """Every record on the person, per app: [(app label, [FoundRecord, ...]), ...]."""
    return [
        (p.title, p.find_person(bsn=bsn, last_name=last_name, birth_date=birth_date))
        for p in privacy_providers()
    ]


def display(value) -> str:
    """A value as the PDF shows it: dates as d-m-Y, empty as a dash."""
    if value is None or value == "":
        return "–"
    if isinstance(value, date):
        return formats.short_date(value)
    return str(value)
