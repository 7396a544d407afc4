"""Every date a person types lies in a plausible range: one rule for every form in the project.

0001-01-01 and 9999-12-31 were accepted for contact moments, meetings, signals, follow-ups and
inzage requests; a date near either end also overflows date arithmetic (a review date plus a
term, an age). Rather than a validator per field in each app's forms, `install()` (called by
the house's AppConfig.ready, before any app's forms are imported) gives Django's own
`forms.DateField` — and so every model form field, every django-filter date filter — and DRF's
`serializers.DateField` this validator by default. Each field keeps its own rules on top
(not in the future, not before the registration, …); `tests/zvhd/test_date_ranges.py` walks
every form and filter of the project.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def validate_plausible_date(value) -> None:
    if value is None:
        return
    day = value.date() if hasattr(value, "date") and callable(value.date) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            _("Vul een datum in tussen 1 januari 1900 en 31 december 2100."),
            code="implausible_date",
        )


def install() -> None:
    from django import forms
    from rest_framework import serializers

    for field_class in (forms.DateField, serializers.DateField):
        if validate_plausible_date not in field_class.default_validators:
            field_class.default_validators = [
                *field_class.default_validators,
                validate_plausible_date,
            ]
