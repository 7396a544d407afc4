"""What every form of the house shares: a length limit on every text field (issue 18, item 3).

Django checks a field's `max_length` before the form's `clean_<field>` and `clean` methods run
(they are skipped for a field that failed), so a limit on every text field means no check of
ours (the person-data scan of advice, a BSN test, a regular expression) ever sees more than that
many characters. A model `TextField` has no limit of its own; `BoundedTextMixin` gives every
text field of a form that has none the house limit, with Django's Dutch message at the field.
tests/zvhd/test_text_limits.py walks every form class and fails on a text field without one.
"""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator

# The longest free text the house keeps (cases.models.LONG_TEXT is the same figure).
TEXT_LIMIT = 5000


def limit_text(field: forms.CharField, limit: int) -> None:
    """Give `field` the maximum length `limit`, as `CharField(max_length=limit)` would.

    Setting `max_length` on a built field is not enough: the validator was made in
    `__init__` from the old value (and the browser's `maxlength` attribute too).
    """
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.max_length = limit
    field.validators.append(MaxLengthValidator(limit))
    field.widget.attrs.update(field.widget_attrs(field.widget))


class BoundedTextMixin:
    """Every text field of the form without a maximum length gets `text_limit`."""

    text_limit = TEXT_LIMIT

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                limit_text(field, self.text_limit)
