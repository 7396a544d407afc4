"""Columns shared by the django-tables2 lists of the apps."""

from __future__ import annotations

from datetime import datetime

import django_tables2 as tables
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst

from zvhd import formats


def status_badge(label, tone: str = "neutral"):
    """A status as every register shows it: a badge, the label with a capital first letter
    ("In opvolging", "Afgesloten"), whatever the app's choice label says (issue 23)."""
    return format_html(
        '<span class="utrecht-status-badge utrecht-status-badge--{}">{}</span>',
        tone,
        capfirst(str(label)),
    )


class DateColumn(tables.Column):
    """A date as `{{ value|date:format }}` shows it, without a template per cell.

    django-tables2's own `DateColumn` is a `TemplateColumn`: it compiles and renders a template
    for every cell, which is most of what a date column costs on a list page (the case list
    left django-tables2 for this, cases/tables.py). This calls `date_format` once per cell:
    the same text, in the active language, and the same "—" for an empty date. Exports get
    the date itself, so a spreadsheet holds a real date shown as 28-02-2025 (zvhd.registers;
    an empty date stays empty in an export, as in every other column).
    """

    def __init__(self, format: str | None = None, *, short: bool = True, **kwargs):
        self.format = format or ("SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
        # A date is never broken over two lines ("07-11-" above "2026" in a narrow column).
        kwargs.setdefault("attrs", {"td": {"class": "zvhd-nowrap"}})
        super().__init__(**kwargs)

    def render(self, value):
        # The house's two forms come from zvhd.formats, as every page and export writes them.
        if self.format in ("SHORT_DATE_FORMAT", formats.SHORT_DATE):
            return formats.short_date(value)
        if self.format in ("DATE_FORMAT", formats.LONG_DATE):
            return formats.long_date(value)
        if isinstance(value, datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)  # as the template filter would show it
        return date_format(value, self.format)

    def value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            # A spreadsheet has no time zones: the local moment, as the page shows it.
            return timezone.make_naive(value)
        return value
