"""The one export of every list and register that people take away (issue 23).

A list's export is the list itself: the same view (its scope, filters, sort and columns), all
pages of it, read at most `EXPORT_LIMIT` rows at a time. Above that the reader narrows the
filters first (one Dutch message, `too_many`): a spreadsheet of 5,000 rows is already more than
anyone reads, and it is made in the request (a larger bound would belong on the job kernel).

The file (`workbook`) is written by the house's spreadsheet writer (`zvhd.xlsx`: a fifth of
XlsxWriter's time for the same file). It opens with a header that names the list, its filters
and order, who made it and when, and how many rows it holds; then the column headers and the
rows. Numbers and dates stay numbers and dates, with the number formats of
`zvhd.formats` (a Dutch spreadsheet shows "1.064" and "28-02-2025"); a text that starts like a
formula is written as text.

One logging policy (README, "Privacy"): every record in the file is one "geëxporteerd" row in
the access log, all written in one INSERT and sharing one batch
(`zvhd.privacy.services.log_export`), with the list and its filters in words as the
description and the export's address (its query string) as the path. The access log page and
the access review show one export as one event; a person's inzage names every export their
file was in.
"""

from __future__ import annotations

import html
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib import messages
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from django.utils.translation import gettext as _

from zvhd import formats, xlsx

EXPORT_LIMIT = 5000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEARCH_SHOWN_AS = "ingevuld"  # a search term in the log's description: that there was one
COLUMN_WIDTH = 20


# The first characters of a text a spreadsheet would read as a formula (OWASP's advice).
FORMULA_START = frozenset("=+-@\t\r")


def neutralise(value):
    """A text cell that starts like a formula is written as text (OWASP's advice)."""
    if isinstance(value, str) and value and value[0] in FORMULA_START:
        return "'" + value
    return value


def _shown(field, value) -> str:
    if isinstance(value, list | tuple | set) or hasattr(value, "model"):  # a queryset too
        return ", ".join(_shown(field, v) for v in value)
    if isinstance(value, datetime | date):
        return formats.short_date(value)
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    choices = dict(getattr(field, "choices", ()) or ())
    shown = choices.get(value, choices.get(str(value), value))
    return str(shown)


def describe_filters(filterset, *, search: frozenset[str] = frozenset(), log: bool = False):
    """The filters of a list in words ("Status: Afgesloten; Gemeente: Assen"), or "geen".

    For the access log (`log=True`) a search term (a filter named in `search`) is only said to
    be there: it may be a person's name, and the description is not scrubbed when a record is
    destroyed (the path, which holds it, is)."""
    if filterset is None or not (filterset.is_bound and filterset.is_valid()):
        return _("geen")
    parts = []
    for name, form_field in filterset.form.fields.items():
        value = filterset.form.cleaned_data.get(name)
        if value in (None, "", [], ()) or (hasattr(value, "exists") and not value):
            continue
        shown = _(SEARCH_SHOWN_AS) if log and name in search else _shown(form_field, value)
        parts.append(f"{form_field.label}: {shown}")
    return "; ".join(parts) or _("geen")


def too_many(request, *, noun: str, back_url: str):
    """The refusal of an export over the cap: back to the list, with what to do."""
    messages.error(
        request,
        _(
            "Deze lijst telt meer dan %(limit)s %(noun)s; een export neemt er hoogstens "
            "%(limit)s mee. Verfijn de filters (bijvoorbeeld op status, gemeente of periode) en "
            "exporteer opnieuw."
        )
        % {"limit": formats.number(EXPORT_LIMIT), "noun": noun},
    )
    return HttpResponseRedirect(back_url)


def over_limit(queryset) -> bool:
    """Whether `queryset` holds more rows than one export takes (a COUNT over a LIMIT)."""
    limit = EXPORT_LIMIT
    return queryset.order_by()[: limit + 1].count() > limit


def cell_value(value, zone=None):
    """What a spreadsheet cell holds for a value of a list: dates and numbers as they are (a
    moment in local time, without a zone: a spreadsheet has none), text as plain text.
    `zone`: the local time zone (the current one if not given)."""
    if value is None:
        return None
    if isinstance(value, bool):  # before int: True is an int to Python
        return _("ja") if value else _("nee")
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            return value
        return timezone.make_naive(value, zone or timezone.get_current_timezone())
    if isinstance(value, date | int | float) and not isinstance(value, bool):
        return value
    if hasattr(value, "quantize"):  # Decimal
        return value
    if isinstance(value, SafeData):
        # Markup a list renders (a link, a status badge): its text, entities read back.
        return neutralise(html.unescape(strip_tags(value)).strip())
    return neutralise(str(value).strip())


@dataclass
class Export:
    """One list as a spreadsheet: what the header says, the columns, the rows, and the
    records they are (`model` and one id per row) for the access log."""

    title: str  # the list: "Nazorgdossiers"
    noun: str  # its rows, plural: "nazorgdossiers"
    file_stem: str  # "nazorgdossiers" gives nazorgdossiers-2026-12-06.xlsx
    headers: list[str]
    rows: list[list]
    model: type
    object_ids: list
    noun_one: str = ""  # one row: "nazorgdossier" ("1 nazorgdossiers" otherwise)
    filters: str = ""  # describe_filters(filterset)
    log_filters: str = ""  # describe_filters(filterset, log=True)
    order: str = ""  # the order in words ("lopende dossiers eerst")
    made_at: datetime = field(default_factory=timezone.now)

    @property
    def filename(self) -> str:
        return f"{self.file_stem}-{timezone.localdate(self.made_at).isoformat()}.xlsx"

    def description(self) -> str:
        """The list and its filters, for the access log."""
        return _("%(list)s; filters: %(filters)s") % {
            "list": self.title,
            "filters": self.log_filters or self.filters or _("geen"),
        }


def sheet_name(title) -> str:
    """A worksheet's name: at most 31 characters, without the ones a spreadsheet refuses."""
    name = re.sub(r"[\[\]:*?/\\]", " ", str(title)).strip().strip("'")[:31].strip()
    return name or "Export"


def workbook(export: Export, *, user) -> bytes:
    """The export as XLSX bytes (`zvhd.xlsx`, the house's writer: a fifth of XlsxWriter's
    time for the same file, issue 24). Every text is written as text, never read as a
    formula, a number or a link; a text that starts like a formula also gets the apostrophe
    (`neutralise`). Dates and numbers keep their Dutch number formats."""
    sheet = xlsx.Sheet(
        sheet_name(export.title), column_width=COLUMN_WIDTH, columns=len(export.headers)
    )

    zone = timezone.get_current_timezone()

    def write(values, *, bold=False) -> None:
        cells = []
        append = cells.append
        for value in values:
            # Most cells are plain text (`str`, not markup, which is a subclass): `neutralise`
            # inline, one call fewer for each of a large export's ~20,000 cells.
            if type(value) is str:
                value = value.strip()
                if value and value[0] in FORMULA_START:
                    value = "'" + value
                append(value)
            else:
                append(cell_value(value, zone))
        sheet.row(cells, bold=bold)

    made = timezone.localtime(export.made_at)
    lines = [
        _("Filters: %(filters)s") % {"filters": export.filters or _("geen")},
        *([_("Volgorde: %(order)s") % {"order": export.order}] if export.order else []),
        _("Gemaakt op %(moment)s door %(user)s; %(n)s %(noun)s.")
        % {
            "moment": formats.long_datetime(made),
            "user": user,
            "n": formats.number(len(export.rows)),
            "noun": export.noun_one if len(export.rows) == 1 and export.noun_one else export.noun,
        },
    ]
    write([str(export.title)], bold=True)
    for line in lines:
        write([line])
    write([])  # an empty row, then the column headers
    write([str(header) for header in export.headers], bold=True)
    for values in export.rows:
        write(values)
    return sheet.bytes()


@contextmanager
def sent_ahead(using: str = DEFAULT_DB_ALIAS):
    """Statements run inside go to PostgreSQL at once and are waited for at the end
    (psycopg's pipeline mode): the database works on them while Python goes on. An error of
    theirs is raised when the block ends, as Django's own database error.

    Without pipeline support (another driver, an old libpq) the statements run as always."""
    connection = connections[using]
    connection.ensure_connection()
    pipeline = getattr(connection.connection, "pipeline", None)
    if pipeline is None:
        yield
        return
    import psycopg

    if not psycopg.Pipeline.is_supported():
        yield
        return
    with connection.wrap_database_errors, pipeline():
        yield


@contextmanager
def logged(request, export: Export):
    """The access log's rows of `export` (one per record in it), written while the block
    makes the file.

    The log's INSERT (a row per record: 30-40 ms for 2,400 records into a log of millions
    of rows with its indexes) is sent first and waited for when the block ends, so the
    database writes the log while Python builds the rows and writes the workbook
    (`sent_ahead`, issue 24). Only the model, the ids and the description of `export` need
    to be known before the block; its rows, headers and order may be filled in inside it.
    Both in one transaction: a file that fails takes its log rows back (the log says what
    left the system, not what was attempted), and a failing INSERT raises at the block's
    end, before any file is made into a response."""
    from zvhd.privacy.services import log_export

    with transaction.atomic(), sent_ahead():
        log_export(
            request=request,
            model=export.model,
            object_ids=export.object_ids,
            description=export.description(),
        )
        yield


def file_response(export: Export, content: bytes) -> HttpResponse:
    """The workbook as a download named after the list and the day."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def export_response(request, export: Export) -> HttpResponse:
    """The file of a complete `export`, once the access log has recorded every record in it
    (`logged`): the response is made only after the log's INSERT has succeeded, so a file
    never leaves unlogged."""
    with logged(request, export):
        content = workbook(export, user=request.user)
    return file_response(export, content)
