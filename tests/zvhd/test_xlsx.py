"""The house's spreadsheet writer (`zvhd.xlsx`), read back by openpyxl: what went in comes
out, with its type, its Dutch number format and its bold row; nothing a user typed becomes a
formula, and nothing breaks the file (markup, control characters, a text too long for a cell,
a number no spreadsheet holds, a date before 1900)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from zvhd import formats, xlsx


def read(sheet: xlsx.Sheet):
    return load_workbook(io.BytesIO(sheet.bytes())).active


def test_text_numbers_and_dates_keep_their_type_and_dutch_format():
    sheet = xlsx.Sheet("Casussen", column_width=20, columns=5)
    sheet.row(["Nummer", "Geregistreerd", "Moment", "Aantal", "Bedrag"], bold=True)
    sheet.row(["ZVHD-2025-00001", date(2025, 2, 28), datetime(2025, 2, 28, 14, 30), 1064753,
               Decimal("4.99")])  # fmt: skip
    ws = read(sheet)
    assert ws.title == "Casussen"
    header, row = list(ws.iter_rows(min_row=1, max_row=2))
    assert [cell.value for cell in header] == [
        "Nummer", "Geregistreerd", "Moment", "Aantal", "Bedrag",
    ]  # fmt: skip
    assert all(cell.font.b for cell in header)
    assert not any(cell.font.b for cell in row)
    assert [cell.value for cell in row] == [
        "ZVHD-2025-00001", datetime(2025, 2, 28), datetime(2025, 2, 28, 14, 30), 1064753, 4.99,
    ]  # fmt: skip
    assert [cell.number_format for cell in row] == [
        "General", formats.XLSX_DATE, formats.XLSX_DATETIME, formats.XLSX_COUNT,
        formats.XLSX_DECIMAL,
    ]  # fmt: skip
    assert ws.column_dimensions["A"].width == 20


def test_text_stays_text_whatever_it_looks_like():
    sheet = xlsx.Sheet("Proef")
    texts = ["=1+1", "0612345678", "2025-01-01", "https://example.org", "<b>vet</b> & 'x'",
             "regel 1\nregel 2", "  spaties  "]  # fmt: skip
    sheet.row(texts)
    ws = read(sheet)
    cells = next(ws.iter_rows())
    assert [cell.value for cell in cells] == texts
    assert all(cell.data_type == "s" for cell in cells)


def test_characters_xml_cannot_hold_are_left_out_and_the_file_still_opens():
    sheet = xlsx.Sheet("Proef")
    sheet.row(["bel\x07en\x00nul", "\ufffe\ud800", "tab\tmag"])
    cells = next(read(sheet).iter_rows())
    assert cells[0].value == "belennul"
    assert cells[1].value is None
    assert cells[2].value == "tab\tmag"


def test_a_text_longer_than_a_cell_is_cut_at_the_cell_limit_not_inside_a_character():
    sheet = xlsx.Sheet("Proef")
    sheet.row(["a" * 40_000, "😀" * 20_000])
    plain, emoji = next(read(sheet).iter_rows())
    assert len(plain.value) == xlsx.CELL_MAX_UTF16
    assert len(emoji.value.encode("utf-16-le")) // 2 <= xlsx.CELL_MAX_UTF16
    assert set(emoji.value) == {"😀"}


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (Decimal("NaN"), "NaN"),
        (Decimal("1E+400"), "1E+400"),
        (Decimal("sNaN"), "sNaN"),
        (date(1899, 5, 1), "01-05-1899"),
        (True, "True"),
    ],
)
def test_a_value_no_spreadsheet_number_holds_is_written_as_text(value, shown):
    sheet = xlsx.Sheet("Proef")
    sheet.row([value])
    (cell,) = next(read(sheet).iter_rows())
    assert cell.value == shown
    assert cell.data_type == "s"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (date(1900, 1, 1), 1),
        (date(1900, 2, 28), 59),
        (date(1900, 3, 1), 61),  # Excel counts a 29 February 1900
        (date(2025, 2, 28), 45716),
        (datetime(2025, 2, 28, 12, 0), 45716.5),
    ],
)
def test_dates_are_excel_serial_numbers(moment, expected):
    assert xlsx.serial(moment) == expected


def test_empty_cells_and_rows_keep_their_place():
    sheet = xlsx.Sheet("Proef")
    sheet.row(["eerste"])
    sheet.row([])
    sheet.row([None, "tweede kolom", ""])
    ws = read(sheet)
    assert ws["A1"].value == "eerste"
    assert ws["A2"].value is None
    assert ws["A3"].value is None
    assert ws["B3"].value == "tweede kolom"
    assert ws["C3"].value is None


def test_column_names_past_z():
    assert [xlsx.column_letters(i) for i in (0, 25, 26, 51, 52, 701, 702)] == [
        "A", "Z", "AA", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip
    sheet = xlsx.Sheet("Breed")
    sheet.row(list(range(30)))
    assert read(sheet)["AD1"].value == 29


def test_a_sheet_name_with_markup_characters_is_escaped():
    assert read(xlsx.Sheet('A & B <"c">')).title == 'A & B <"c">'


def test_white_space_is_marked_to_be_kept_only_where_a_text_begins_or_ends_with_it():
    texts = ["geen", " voor", "na\n", "mid den\nin", "\tvoor en na ", "harde spatie\xa0"]
    sheet = xlsx.Sheet("Proef")
    sheet.row(texts)
    xml = zipfile.ZipFile(io.BytesIO(sheet.bytes())).read("xl/worksheets/sheet1.xml").decode()
    # XlsxWriter's rule: a spreadsheet trims a text's ends unless told to keep them.
    assert xml.count('xml:space="preserve"') == 4
    assert "<t>geen</t>" in xml and "<t>mid den\nin</t>" in xml
    assert [cell.value for cell in next(read(sheet).iter_rows())] == texts


def test_the_package_holds_exactly_the_parts_a_workbook_needs():
    names = set(zipfile.ZipFile(io.BytesIO(xlsx.Sheet("Proef").bytes())).namelist())
    assert names == {
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
    }


def test_an_export_cell_says_yes_or_no_in_dutch():
    from zvhd.exports import cell_value

    assert (cell_value(True), cell_value(False)) == ("ja", "nee")
