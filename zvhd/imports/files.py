"""Reading an import file row by row, within bounds, whatever the file claims to be.

A spreadsheet is a zip of XML: 0.76 MB can expand to 300 MB of empty rows. So, before the
workbook is opened, the zip's own table of contents is read and a file whose parts would
expand beyond `MAX_UNCOMPRESSED_BYTES` is refused; the sheet is then read in streaming mode
(openpyxl `read_only`), one row at a time, and reading stops at the first limit it meets
(rows, columns, characters in a cell). A CSV is read line by line from the stored file, never
as a whole. So neither the time nor the memory of a check grows with what a file pretends to
hold, only with what the limits allow.

Every refusal is an `ImportFileError` with a message in Dutch that says what to change.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

from django.utils.translation import gettext as _

MAX_ROWS = 100_000  # data rows; the previous system's largest table holds ~10,000
MAX_SHEET_ROWS = MAX_ROWS + 1_000  # lines read at all, empty ones included
MAX_COLUMNS = 60
MAX_CELL_CHARS = 10_000
MAX_UNCOMPRESSED_BYTES = 150 * 1024 * 1024  # all parts of an .xlsx together
MAX_SHARED_STRINGS_BYTES = 40 * 1024 * 1024  # openpyxl keeps this part in memory

# PostgreSQL text cannot hold NUL; other control characters are no part of a name or date.
FORBIDDEN_CHARACTERS = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a problem of one row)."""


class CellError(Exception):
    """One cell breaks a rule every row must obey (length, a character that cannot be stored)."""

    def __init__(self, column_index: int, message: str):
        super().__init__(message)
        self.column_index = column_index
        self.message = message


def check_cell(text: str, index: int) -> None:
    if len(text) > MAX_CELL_CHARS:
        raise CellError(
            index,
            _("Deze cel heeft %(n)s tekens; hoogstens %(max)s mogen.")
            % {"n": len(text), "max": MAX_CELL_CHARS},
        )
    if not text.isprintable() and any(ch in FORBIDDEN_CHARACTERS for ch in text):
        if "\x00" in text:
            message = _(
                "Deze cel bevat een onzichtbaar NUL-teken, dat niet kan worden opgeslagen. "
                "Verwijder het (typ de waarde opnieuw)."
            )
        else:
            message = _(
                "Deze cel bevat een onzichtbaar stuurteken, dat niet kan worden opgeslagen. "
                "Verwijder het (typ de waarde opnieuw)."
            )
        raise CellError(index, message)


class Table:
    """The header and the rows of a file: `rows()` yields (row number, cells as text)."""

    def __init__(self, header: list[str], rows: Iterator[tuple[int, list[str]]], estimate: int):
        self.header = header
        self._rows = rows
        self.estimate = estimate  # rows the file says it has (for progress), may be off

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        return self._rows


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _(
            "Het bestand heeft meer dan %(max)s rijen (lege rijen meegeteld). Splits het in "
            "kleinere bestanden of verwijder de lege rijen onderaan."
        )
        % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
    )


def _too_many_columns(count: int) -> ImportFileError:
    return ImportFileError(
        _("Het bestand heeft %(n)s kolommen; hoogstens %(max)s mogen.")
        % {"n": count, "max": MAX_COLUMNS}
    )


@contextmanager
def open_table(handle, filename: str):
    """`handle`: a binary file object (seekable). Yields a `Table`; raises ImportFileError."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        with _xlsx_table(handle) as table:
            yield table
    elif name.endswith((".csv", ".txt")):
        estimate = _count_lines(handle)
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        try:
            yield _csv_table(text, estimate)
        finally:
            text.detach()  # the caller's file stays open (a second pass reads it again)
    else:
        raise ImportFileError(
            _("Alleen CSV- (.csv) en Excel-bestanden (.xlsx) kunnen worden gelezen.")
        )


# ---------------------------------------------------------------------------------------------
# CSV


def _count_lines(handle) -> int:
    handle.seek(0)
    count = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    handle.seek(0)
    return count


def _csv_table(text, estimate: int) -> Table:
    try:
        first_line = text.readline(MAX_CELL_CHARS * MAX_COLUMNS)
    except UnicodeDecodeError as exc:
        raise _not_utf8(exc) from exc
    if not first_line.strip():
        raise ImportFileError(_("Het bestand is leeg."))
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    header_cells = next(csv.reader([first_line], delimiter=delimiter))
    if len(header_cells) > MAX_COLUMNS:
        raise _too_many_columns(len(header_cells))
    header = [h.strip() for h in header_cells]
    # A cell longer than the limit stops the csv module itself, before it is held in memory.
    csv.field_size_limit(MAX_CELL_CHARS + 1)
    reader = csv.reader(text, delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        while True:
            try:
                raw = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise _not_utf8(exc) from exc
            except csv.Error as exc:
                raise ImportFileError(
                    _(
                        "Rij %(row)s kan niet worden gelezen: een cel is langer dan %(max)s "
                        'tekens of een aanhalingsteken (") wordt niet afgesloten.'
                    )
                    % {"row": number + 1, "max": MAX_CELL_CHARS}
                ) from exc
            number = reader.line_num + 1  # the header line was read before the reader
            if number > MAX_SHEET_ROWS:
                raise _too_many_rows()
            if len(raw) > MAX_COLUMNS:
                raise _too_many_columns(len(raw))
            yield number, raw

    return Table(header, rows(), max(estimate - 1, 0))


def _not_utf8(exc: UnicodeDecodeError) -> ImportFileError:
    return ImportFileError(
        _("Het bestand is geen UTF-8-tekst (fout bij byte %(pos)s). Sla het op als CSV UTF-8.")
        % {"pos": exc.start}
    )


# ---------------------------------------------------------------------------------------------
# XLSX


def check_xlsx_archive(handle) -> None:
    """Refuse an .xlsx whose parts would expand beyond the limits, before opening it."""
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(_("Het Excel-bestand kan niet worden geopend.")) from exc
    total = sum(info.file_size for info in infos)
    shared = sum(info.file_size for info in infos if info.filename.endswith("sharedStrings.xml"))
    if total > MAX_UNCOMPRESSED_BYTES or shared > MAX_SHARED_STRINGS_BYTES:
        raise ImportFileError(
            _(
                "Het Excel-bestand is uitgepakt %(mb)s MB groot; hoogstens %(max)s MB mag. "
                "Vaak staan er veel lege rijen of kolommen in: verwijder die, of sla het "
                "bestand op als CSV."
            )
            % {
                "mb": round(total / 1024 / 1024),
                "max": MAX_UNCOMPRESSED_BYTES // 1024 // 1024,
            }
        )
    handle.seek(0)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time.min else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@contextmanager
def _xlsx_table(handle):
    from openpyxl import load_workbook

    check_xlsx_archive(handle)
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise ImportFileError(_("Het Excel-bestand kan niet worden geopend.")) from exc
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("Het Excel-bestand heeft geen werkblad."))
        sheet = workbook.worksheets[0]
        try:
            declared_rows = sheet.max_row or 0
            declared_columns = sheet.max_column or 0
        except Exception:  # a sheet without a <dimension> is read and counted as it goes
            declared_rows = declared_columns = 0
        if declared_rows > MAX_SHEET_ROWS:
            raise _too_many_rows()
        if declared_columns > MAX_COLUMNS:
            raise _too_many_columns(declared_columns)
        # max_col: cells beyond the limit are never made into Python values.
        raw_rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        try:
            first = next(raw_rows)
        except StopIteration:
            raise ImportFileError(_("Het bestand is leeg.")) from None
        except Exception as exc:
            raise ImportFileError(_("Het Excel-bestand kan niet worden gelezen.")) from exc
        # iter_rows pads each row to max_col: only a value beyond the limit is too many.
        if any(v not in (None, "") for v in first[MAX_COLUMNS:]):
            raise _too_many_columns(MAX_COLUMNS + 1)
        header = [_cell_text(h).strip() for h in first]
        while header and not header[-1]:
            header.pop()  # Excel often keeps formatted but empty columns on the right

        def rows() -> Iterator[tuple[int, list[str]]]:
            number = 1
            while True:
                try:
                    raw = next(raw_rows)
                except StopIteration:
                    return
                except Exception as exc:
                    raise ImportFileError(
                        _("Rij %(row)s van het Excel-bestand kan niet worden gelezen.")
                        % {"row": number + 1}
                    ) from exc
                number += 1
                if number > MAX_SHEET_ROWS:
                    raise _too_many_rows()
                if any(v not in (None, "") for v in raw[MAX_COLUMNS:]):
                    raise _too_many_columns(MAX_COLUMNS + 1)
                yield number, [_cell_text(v) for v in raw[:MAX_COLUMNS]]

        yield Table(header, rows(), max(declared_rows - 1, 0))
    finally:
        workbook.close()
