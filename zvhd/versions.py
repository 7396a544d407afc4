"""No lost updates: every edit form carries the version of the record it was opened on.

The mechanism, in three parts that every app uses the same way:

- the model inherits `Versioned` (a `version` counter; simple-history keeps it in every
  historical row, so each saved version can be found again);
- the service calls `claim_version(record, expected_version=...)` first in its transaction: it
  locks the stored row and refuses the save with `EditConflict` when someone saved in between,
  otherwise it moves `record` to the next version, which the service's save then writes;
- the one form-to-service view (`zvhd.views.ServiceFormMixin`) puts the version in the form
  (hidden), passes it to the service, and on a conflict shows the form again with the editor's
  own input, the Dutch message and `changes_since()`: what changed since they opened it, by whom.

So both versions are kept: the stored record (and its history) holds the other person's, the
form still holds this person's, and nothing is overwritten unseen. A second save, on the new
version, is a normal save that the history records next to the first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zvhd import formats

CONFLICT_MESSAGE = _(
    "Iemand anders heeft dit intussen gewijzigd. Er is niets overschreven: uw invoer staat nog "
    "in het formulier en hieronder ziet u wat er is veranderd sinds u het opende. Neem over wat "
    "u wilt behouden en sla opnieuw op."
)

# Bookkeeping that changes with every save and says nothing to the editor.
NOT_SHOWN = {"version", "updated_at", "updated_by", "modified", "last_login", "password"}


class Versioned(models.Model):
    """A record edited through a form: `version` goes up by one with every saved edit."""

    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        abstract = True


class EditConflict(ValidationError):
    """Someone else saved the record after this editor opened it.

    A `ValidationError` (with a Dutch message) so that a caller that does not know about
    versions still shows a clear refusal; the house view catches it first and shows the
    difference. `current` is the stored record, `expected` the version the editor opened,
    `copy` what the service kept of the editor's own input (cases keeps a ConflictCopy).
    """

    def __init__(self, *, current, expected: int | None, copy=None, message=None):
        super().__init__({NON_FIELD_ERRORS: [message or CONFLICT_MESSAGE]})
        self.current = current
        self.expected = expected
        self.copy = copy


def claim_version(record, *, expected_version: int | None):
    """Lock `record`'s stored row; refuse when it is no longer at `expected_version`.

    Call first inside the service's transaction. On success `record.version` is the next
    version and the locked stored row is returned (the service may compare with it). `None`
    means the caller opened no form (an import, a script): no check, still the next version.
    """
    stored = type(record)._base_manager.select_for_update().get(pk=record.pk)
    if expected_version is not None and stored.version != expected_version:
        raise EditConflict(current=stored, expected=expected_version)
    record.version = stored.version + 1
    return stored


def version_field() -> forms.IntegerField:
    """The hidden field that carries the opened version (tampering only hurts the tamperer)."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


# ---------------------------------------------------------------------------------------------
# What changed since the editor opened the form


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Changes:
    """The difference between the version the editor opened and the stored one."""

    changes: list[Change]
    by: str
    at: datetime.datetime | None
    # False when the opened version is not in the history (a record older than its history):
    # then `changes` compares the stored version with the editor's input instead, and `old`
    # is what the editor typed.
    known: bool


def changes_since(current, expected: int | None, fields=None, submitted=None) -> Changes:
    """What changed in `current` since version `expected`, as labels and readable values.

    Both versions come from the record's history (simple-history keeps `version` in every
    row): two queries, plus one per changed reference (a person, an organisation) to name it.
    `fields` limits the comparison to what the form shows. When the opened version is not in
    the history, the stored values are compared with `submitted` (the form's cleaned data).
    """
    model = type(current)
    names = [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in NOT_SHOWN and not f.primary_key and (fields is None or f.name in fields)
    ]
    history = getattr(current, "history", None)
    now = opened = None
    if history is not None and expected is not None:
        rows = history.order_by("-history_date", "-history_id")
        now = rows.select_related("history_user").first()
        opened = rows.filter(version=expected).first()
    if now is None or opened is None:
        return Changes(
            _against_input(current, names, submitted or {}),
            str(getattr(now, "history_user", None) or ""),
            getattr(now, "history_date", None),
            known=False,
        )
    tracked = {f.name for f in now._meta.fields}
    delta = now.diff_against(opened, included_fields=[n for n in names if n in tracked])
    changes = [
        Change(
            label=str(model._meta.get_field(c.field).verbose_name).capitalize(),
            old=_readable(model._meta.get_field(c.field), c.old),
            new=_readable(model._meta.get_field(c.field), c.new),
        )
        for c in delta.changes
    ]
    return Changes(changes, str(now.history_user or ""), now.history_date, known=True)


def _against_input(current, names, submitted) -> list[Change]:
    model = type(current)
    changes = []
    for name in names:
        if name not in submitted:
            continue
        field = model._meta.get_field(name)
        mine = submitted[name]
        if isinstance(mine, models.Model):
            mine = mine.pk
        stored = field.value_from_object(current)
        if (mine in (None, "") and stored in (None, "")) or mine == stored:
            continue
        changes.append(
            Change(
                label=str(field.verbose_name).capitalize(),
                old=_readable(field, mine),
                new=_readable(field, stored),
            )
        )
    return changes


def history_changes(model, records, *, limit: int = 50) -> list[tuple[object, list[Change]]]:
    """What each of the newest `records` (historical rows of `model`, newest first, one more
    than `limit` so the oldest shown has its predecessor) changed, as a person reads it: the
    field's Dutch name, a label for a code, a name for a reference, a Dutch date (the case
    history printed "director: — → 1" and "status: in_triage → actief", issue 24 walk).

    References are looked up once per related model for all records together, not once per
    value (`_readable` alone asks a query per reference)."""
    pairs = []
    wanted: dict[type, set] = {}
    for record, previous in zip(records[:limit], [*records[1 : limit + 1], None], strict=False):
        changes = []
        if previous is not None:
            for c in record.diff_against(previous).changes:
                if c.field in NOT_SHOWN:
                    continue
                field = model._meta.get_field(c.field)
                if field.is_relation and field.many_to_one:
                    wanted.setdefault(field.related_model, set()).update(
                        v for v in (c.old, c.new) if v not in (None, "")
                    )
                changes.append((field, c.old, c.new))
        pairs.append((record, changes))
    names = {
        related: {obj.pk: str(obj) for obj in related._base_manager.filter(pk__in=pks)}
        for related, pks in wanted.items()
    }

    def readable(field, value) -> str:
        if field.is_relation and field.many_to_one and value not in (None, ""):
            return names[field.related_model].get(value, "—")
        return _readable(field, value)

    return [
        (
            record,
            [
                Change(
                    str(field.verbose_name).capitalize(), readable(field, old), readable(field, new)
                )
                for field, old, new in changes
            ],
        )
        for record, changes in pairs
    ]


def _readable(field, value) -> str:
    """A value as the user knows it: a label for a code, a name for a reference."""
    if value is None or value == "":
        return "—"
    if field.is_relation and field.many_to_one:
        obj = field.related_model._base_manager.filter(pk=value).first()
        return str(obj) if obj is not None else "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    from zvhd.terms import TermValidator, label

    # A code of a list the functioneel beheerder keeps (a closing reason): its label.
    for validator in field.validators:
        if isinstance(validator, TermValidator):
            return label(validator.vocabulary, value)
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    if isinstance(value, datetime.datetime):
        return formats.short_datetime(value)
    if isinstance(value, datetime.date):
        return formats.short_date(value)
    if isinstance(value, Decimal):
        # Every decimal it has, written the Dutch way (1.064,5).
        return formats.number(value, min(0, value.as_tuple().exponent))
    if isinstance(value, (list, dict)):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return str(value)
