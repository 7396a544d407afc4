"""The house's spreadsheet writer: one worksheet of rows, as the list exports need it.

Why not a library (README, "Gekozen bibliotheken"): a 2,400-row case list written by
XlsxWriter took two thirds of its export's time at 1,000,000 cases (issue 24, BENCHMARKS.md),
~20 Python calls per cell on its way through the shared-string table and its own XML writer.
An export needs little of what XlsxWriter can do: text, numbers and dates in their Dutch
formats, a bold row, one column width. Written straight as SpreadsheetML (ECMA-376), that is
one formatted string per cell and the same file in a fifth of the time. Every file this module
writes is read back in the tests with openpyxl (which the imports use to read spreadsheets),
its values, types, formats and bold rows compared with what went in.

What it writes, and nothing else:
- text as an inline string (`t="inlineStr"`): never read as a formula, a number or a link;
  white space at its ends is kept (`xml:space="preserve"`, written only there, as XlsxWriter
  does: a third of the sheet's XML when written on every cell);
  characters XML 1.0 cannot hold (control characters no reader shows) are left out, and a
  text longer than a cell holds (32,767 UTF-16 units) is cut there, as XlsxWriter does;
- numbers (`int`, `float`, `Decimal`) and dates/moments as numbers, with the number format
  of `zvhd.formats.xlsx_format` (a Dutch spreadsheet shows "1.064" and "28-02-2025"); a
  number no spreadsheet can hold (NaN, infinite, beyond a double) and a date before 1900 as
  text;
- a row in bold (`bold=True`), and one width for every column.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

from zvhd import formats

CELL_MAX_UTF16 = 32767  # Excel's limit on the text of a cell, in UTF-16 code units
# Characters XML 1.0 does not allow (the tab, newline and carriage return it does).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EPOCH = datetime(1899, 12, 31)  # Excel's day 0 (1900 date system)
_FIRST_DAY = date(1900, 1, 1)
_LEAP_BUG_FROM = 60  # Excel counts a 29 February 1900: serial days from 1 March 1900 are +1

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Cell styles (`s`): 0 plain, 1 bold, then one per number format that
# `zvhd.formats.xlsx_format` picks.
BOLD = 1
_NUMBER_FORMATS = (
    formats.XLSX_DATE,
    formats.XLSX_DATETIME,
    formats.XLSX_COUNT,
    formats.XLSX_DECIMAL,
)
_STYLE_OF_FORMAT = {code: 2 + index for index, code in enumerate(_NUMBER_FORMATS)}


def column_letters(index: int) -> str:
    """A column's name from its index: 0 is A, 25 Z, 26 AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    return text


def _attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


def _cut(text: str) -> str:
    """At most what a cell holds; a character is never cut in half."""
    units = text.encode("utf-16-le")
    if len(units) <= CELL_MAX_UTF16 * 2:
        return text
    return units[: CELL_MAX_UTF16 * 2].decode("utf-16-le", errors="ignore")


def serial(moment: date) -> float | int | None:
    """A date or naive moment as Excel's serial number (1900 date system); None before 1900."""
    if isinstance(moment, datetime):
        if moment.date() < _FIRST_DAY:
            return None
        delta = moment - _EPOCH
        days = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    else:
        if moment < _FIRST_DAY:
            return None
        days = (moment - _FIRST_DAY).days + 1
    return days + 1 if days >= _LEAP_BUG_FROM else days


class Sheet:
    """Rows of one worksheet, kept as SpreadsheetML until `bytes()` packs the workbook."""

    def __init__(self, name: str, *, column_width: float | None = None, columns: int = 0):
        self.name = name
        self.column_width = column_width
        self.columns = columns
        self._rows: list[str] = []
        self._letters: list[str] = []

    def _letters_for(self, count: int) -> list[str]:
        while len(self._letters) < count:
            self._letters.append(column_letters(len(self._letters)))
        return self._letters

    def row(self, values, *, bold: bool = False) -> None:
        """The next row: text as text, numbers and dates with their format, None empty.

        A value of another kind is written as its text."""
        values = values if type(values) is list else list(values)
        letters = self._letters_for(len(values))
        number = str(len(self._rows) + 1)
        # What follows a cell's column letter: its row, its kind, and where its text begins;
        # a text that begins or ends with white space keeps it (XlsxWriter's rule).
        text_style = f' s="{BOLD}"' if bold else ""
        text = f'{number}" t="inlineStr"{text_style}><is><t>'
        kept = f'{number}" t="inlineStr"{text_style}><is><t xml:space="preserve">'
        cells = [f'<row r="{number}">']
        append = cells.append
        special = _SPECIAL.search
        for column, value in enumerate(values):
            if value is None:
                continue
            if type(value) is not str:
                written = self._number(value)
                if written is not None:
                    style, shown = written
                    append(f'<c r="{letters[column]}{number}" s="{style}"><v>{shown}</v></c>')
                    continue
                value = formats.short_date(value) if isinstance(value, date) else str(value)
            if len(value) * 2 > CELL_MAX_UTF16:
                value = _cut(value)
            if special(value):  # most texts have nothing to escape
                value = _escape(value)
            if not value:  # an empty text is an empty cell
                continue
            opening = kept if value[0].isspace() or value[-1].isspace() else text
            append(f'<c r="{letters[column]}{opening}{value}</t></is></c>')
        append("</row>")
        self._rows.append("".join(cells))

    @staticmethod
    def _number(value):
        """(style, the number as written) for a number or date; None for anything else."""
        if isinstance(value, bool):
            return None
        chosen = formats.xlsx_format(value)
        if chosen is None:
            return None
        if isinstance(value, date):
            days = serial(value)
            return None if days is None else (_STYLE_OF_FORMAT[chosen], repr(days))
        if isinstance(value, Decimal):
            # NaN, infinite, or beyond what a spreadsheet's number (a double) holds: text.
            if not value.is_finite() or not math.isfinite(float(value)):
                return None
            return _STYLE_OF_FORMAT[chosen], str(value)
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return _STYLE_OF_FORMAT[chosen], repr(value) if isinstance(value, float) else str(value)

    def _xml(self) -> str:
        widths = ""
        if self.column_width and self.columns:
            widths = (
                f'<cols><col min="1" max="{self.columns}" width="{self.column_width}" '
                'customWidth="1"/></cols>'
            )
        return (
            f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">{widths}<sheetData>'
            + "".join(self._rows)
            + "</sheetData></worksheet>"
        )

    def bytes(self) -> bytes:
        """The workbook (.xlsx) holding this sheet."""
        parts = {
            "[Content_Types].xml": _content_types(),
            "_rels/.rels": (
                f'{_XML}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
                f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ),
            "xl/workbook.xml": (
                f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
                f'<sheet name="{_attribute(self.name)}" sheetId="1" r:id="rId1"/>'
                "</sheets></workbook>"
            ),
            "xl/_rels/workbook.xml.rels": (
                f'{_XML}<Relationships xmlns="{_PKG_REL}">'
                f'<Relationship Id="rId1" Type="{_REL}/worksheet" '
                'Target="worksheets/sheet1.xml"/>'
                f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
                "</Relationships>"
            ),
            "xl/styles.xml": _styles(),
            "xl/worksheets/sheet1.xml": self._xml(),
        }
        out = io.BytesIO()
        # Level 1: the sheet is repetitive XML; a higher level makes the file ~20 % smaller
        # for twice the time.
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
            for name, text in parts.items():
                package.writestr(name, text.encode("utf-8"))
        return out.getvalue()


def _content_types() -> str:
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    return (
        f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{kind}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{kind}.styles+xml"/>'
        "</Types>"
    )


def _styles() -> str:
    font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
    number_formats = "".join(
        f'<numFmt numFmtId="{164 + index}" formatCode="{_attribute(code)}"/>'
        for index, code in enumerate(_NUMBER_FORMATS)
    )
    plain = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    bold = '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    numbers = "".join(
        f'<xf numFmtId="{164 + index}" fontId="0" fillId="0" borderId="0" xfId="0" '
        'applyNumberFormat="1"/>'
        for index in range(len(_NUMBER_FORMATS))
    )
    return (
        f'{_XML}<styleSheet xmlns="{_MAIN}">'
        f'<numFmts count="{len(_NUMBER_FORMATS)}">{number_formats}</numFmts>'
        f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
        "</borders>"
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        f'<cellXfs count="{2 + len(_NUMBER_FORMATS)}">{plain}{bold}{numbers}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )
