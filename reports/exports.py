"""Figure tables as CSV and XLSX. Spreadsheet formula injection is neutralised in both.

A cell whose text starts with = + - @, a tab or a carriage return would be run as a formula
by a spreadsheet program; it is prefixed with an apostrophe (OWASP's advice), so it shows as
typed text. Numbers stay numbers (a negative result is a number, not text).
"""

from __future__ import annotations

import csv
import io

from reports.tables import FigureTable
from zvhd import exports
from zvhd.formats import xlsx_apply_formats


def neutralise(value):
    """A text that starts like a formula as text (the house's rule, `zvhd.exports`); None as
    an empty cell."""
    return "" if value is None else exports.neutralise(value)


def table_csv(table: FigureTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # Dutch spreadsheet programs expect ";"
    writer.writerow([neutralise(table.title)])
    writer.writerow([neutralise(h) for h in table.headers])
    for row in table.all_rows:
        writer.writerow([neutralise(v) for v in row])
    writer.writerow([])
    writer.writerow([neutralise("Definitie: " + table.definition)])
    # UTF-8 with BOM so Excel shows the accents right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def tables_xlsx(tables: list[FigureTable], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(table.slug[:31])
        sheet.append([neutralise(title)])
        sheet.append([neutralise(table.title)])
        sheet["A1"].font = bold
        sheet["A2"].font = bold
        sheet.append([neutralise(h) for h in table.headers])
        for cell in sheet[3]:
            cell.font = bold
        for row in table.all_rows:
            sheet.append([neutralise(v) for v in row])
        sheet.append([])
        sheet.append([neutralise("Definitie: " + table.definition)])
        sheet.column_dimensions["A"].width = 48
        # Numbers stay numbers; a Dutch spreadsheet shows them as 1.064.753 and 4,99.
        xlsx_apply_formats(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
