"""Columns shared by the django-tables2 lists of the apps."""

from __future__ import annotations

from datetime import datetime

import django_tables2 as tables
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.formats import date_format
from django.utils.hashable import make_hashable
from django.utils.html import format_html
from django.utils.text import capfirst

from zvhd import formats


class TablePaginatesMixin:
    """For a list view of `SingleTableMixin` + `FilterView`/`ListView` with `paginate_by`:
    the table is the list's one paginator. ListView paginated the same queryset again by
    `paginate_by`: a second COUNT of the filtered list on every page, a page of rows nobody
    showed (which the access log recorded, in the queryset's order, when the table was sorted
    by a column) and a 404 for a page number past the end, where the table shows the last
    page (issue 24). The context's `object_list` stays the unread queryset; the rows shown are
    the table's page (zvhd.views.ScopedListMixin logs those)."""

    def paginate_queryset(self, queryset, page_size):
        return None, None, queryset, False


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


def _static(attrs) -> bool:
    """Whether a column's attributes are plain values (no callables that read the record)."""
    for value in attrs.values():
        if callable(value):
            return False
        if isinstance(value, dict) and not _static(value):
            return False
    return True


def _choice_labels(bound_column, record):
    from django.core.exceptions import FieldDoesNotExist
    from django.db import models
    from django_tables2.columns import ManyToManyColumn

    name = str(bound_column.accessor)
    if not isinstance(record, models.Model) or "__" in name or "." in name:
        return None
    if isinstance(bound_column.column, ManyToManyColumn):
        return None
    try:
        field = type(record)._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not getattr(field, "choices", ()):
        return None
    # Only Django's own get_FOO_display (a model may write its own).
    method = getattr(getattr(type(record), f"get_{name}_display", None), "_partialmethod", None)
    if method is None or method.keywords.get("field") is not field:
        return None
    return {
        make_hashable(value): force_str(label, strings_only=True)
        for value, label in field.flatchoices
    }


def table_rows_html(table, context) -> str:
    """The `<tr>`s of a django-tables2 table's page, as `django_tables2/zvhd.html`'s row loop
    wrote them (`{% for row in table.paginated_rows %}` with a `<td>` per cell), built in Python.

    That loop was most of a register's time (issue 24: 25 rows in 8 columns ~34 ms of CPU under
    load): per cell, django-tables2 inspected the signature of the column's `render` method,
    rebuilt the column's attributes (`column.attrs.td.as_html`) and the template resolved a
    dozen variables. Here the signature and the `<td>` attributes are read once per column and
    each value goes through the same steps as before: `BoundRow`'s own lookup (choices shown
    by `get_FOO_display`, empty values as the column's default), the column's `render`, its
    link, and `{{ cell }}`'s localisation and escaping. The rows are the same BoundRows (the
    even/odd class of `row.attrs` counts as before). A column with record-dependent attributes
    or its own `localize` keeps the template (None is returned); tests/zvhd/test_tables.py
    compares the two for every register.
    """
    from django.template.base import render_value_in_context
    from django_tables2.templatetags.django_tables2 import render_attrs
    from django_tables2.utils import signature

    columns = list(table.columns)
    labels_of = {}

    def choice_labels(bound_column, record):
        """The labels of a choice field read straight from the record, as a dict, or None.

        `BoundRow` shows such a field through `record.get_FOO_display()`, which builds a dict
        of all the field's choices and translates every label on each call (~20 gettext calls
        a row on the trafficking register); here they are built once per page and column."""
        key = (bound_column.name, type(record))
        if key not in labels_of:
            labels_of[key] = _choice_labels(bound_column, record)
        return labels_of[key]

    plans = []
    for bound_column in columns:
        column = bound_column.column
        if column.localize is not None:
            return None
        merged = {**dict(table.attrs), **dict(column.attrs)}
        if not _static(merged):
            return None
        args, catch_all = signature(bound_column.render)
        plans.append((bound_column, column, args, catch_all, bound_column.attrs["td"].as_html()))
    out = []
    for row in table.paginated_rows:
        record = row.record
        cells = []
        for bound_column, column, args, catch_all, td in plans:

            def call(
                bound_column,
                value=None,
                column=column,
                args=args,
                catch_all=catch_all,
                row=row,
                record=record,
            ):
                available = {
                    "value": value,
                    "record": record,
                    "column": column,
                    "bound_column": bound_column,
                    "bound_row": row,
                    "table": table,
                }
                if catch_all:
                    content = bound_column.render(**available)
                elif all(arg in available for arg in args):
                    content = bound_column.render(**{arg: available[arg] for arg in args})
                else:
                    content = None
                if bound_column.link:
                    return bound_column.link(content, **available)
                return content

            labels = choice_labels(bound_column, record)
            if labels is None:
                cell = row._get_and_render_with(
                    bound_column, render_func=call, default=bound_column.default
                )
            else:
                # What get_FOO_display() gives, from the labels read once per page.
                raw = getattr(record, bound_column.accessor)
                value = force_str(labels.get(make_hashable(raw), raw), strings_only=True)
                if value in column.empty_values:
                    cell = bound_column.default
                else:
                    cell = call(bound_column, value)
            cells.append(f"<td {td}>{render_value_in_context(cell, context)}</td>")
        attrs = render_attrs(row.attrs, **{"class": "utrecht-table__row"})
        out.append(f"<tr {attrs}>{''.join(cells)}</tr>")
    return "\n".join(out)
