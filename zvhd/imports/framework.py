"""The import machinery shared by every import from the previous system.

An app describes its file in an `Importer` (columns, how a row becomes the keyword arguments
of its own service, and which service field is which column). This module does the rest, the
same for every app:

- reads CSV (UTF-8, `;` or `,`) and XLSX row by row, within bounds (`zvhd.imports.files`);
- reports every problem by row and column, in Dutch: a cell that breaks a rule every row must
  obey (too long, a NUL byte), a value a parser cannot read, a service's ValidationError, and
  anything unexpected, which is reported in Dutch and never as the exception's own English;
- checks every row first, through the app's own service (`Importer.prepare`, which raises
  the service's ValidationError and writes nothing), and only when no row has a problem
  writes them all in one transaction and in one batch (`Importer.write`). So it is
  all-or-nothing, and a dry run is the same check without the write (one path: `_check`):
  it touches no table and holds no lock (not even the case-number counter), and a file the
  dry run passes is not refused by the real run for a reason the dry run could have seen;
- is idempotent by `external_id`: rows imported before are skipped (`ImportedRecord`);
- reports progress through a callback (the command prints it, the page polls it).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zvhd.batch import BATCH_SIZE
from zvhd.dates import validate_plausible_date
from zvhd.imports.files import MAX_ROWS, CellError, ImportFileError, check_cell, open_table
from zvhd.imports.models import ImportedRecord

logger = logging.getLogger("zvhd.imports")

MAX_PROBLEMS_KEPT = 5000  # a report longer than this is cut (the count stays exact)
PROGRESS_EVERY = 100


__all__ = ["ColumnGuide", "ImportFileError", "Importer", "RowProblems", "run_import"]


@dataclass
class Problem:
    row: int  # as a spreadsheet shows it: the header is row 1
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)


class RowProblems:
    """Collects the problems of one row; parsers call `add(column, message)`."""

    def __init__(self, row: int):
        self.row = row
        self.items: list[Problem] = []

    def add(self, column: str, message: str) -> None:
        self.items.append(Problem(self.row, column, message))


@dataclass(frozen=True)
class ColumnGuide:
    """One column as the upload page explains it to the functioneel beheerder."""

    column: str
    needed: str  # "ja", "nee", or when ("bij een besluit")
    values: str  # what it holds, in Dutch, with the codes the file may use


class Importer:
    """What an app says about its file. Subclasses fill in the class attributes and methods."""

    kind: str = ""
    label: str = ""  # what the upload page calls it ("Casussen")
    columns: list[str] = []
    required: set[str] = set()
    # Columns a file may leave out of its header (added after files were made; an absent
    # column reads as empty).
    optional_columns: set[str] = set()
    # service keyword (or model field in its errors) -> column, to place a service's error
    field_columns: dict[str, str] = {}

    def __init__(self, *, imported_by):
        self.imported_by = imported_by

    @classmethod
    def guide(cls) -> list[ColumnGuide]:
        """Every column in the file's order, whether it is needed and what it holds: the
        upload page shows it (issue 24 walk: the page sent the beheerder to the project's
        README). `describe` gives each column's `(needed, values)`; a required column is "ja"
        whatever it says."""
        described = cls.describe()
        rows = []
        for column in cls.columns:
            needed, values = described.get(column, ("", ""))
            if column in cls.required:
                needed = _("ja")
            rows.append(ColumnGuide(column, str(needed or _("nee")), str(values)))
        return rows

    @classmethod
    def describe(cls) -> dict[str, tuple[str, str]]:
        """column -> (when it is needed, or "" for "nee"; what it holds). Read when the page
        is shown, so lists the functioneel beheerder keeps are current."""
        return {}

    @classmethod
    def header_line(cls) -> str:
        """The file's header as a CSV line (`;`, as a Dutch spreadsheet program writes it)."""
        return ";".join(cls.columns)

    def parse(self, row: dict[str, str], problems: RowProblems) -> dict | None:
        """The service's keyword arguments for this row, or None when the row has problems."""
        raise NotImplementedError

    def prepare(self, data: dict, *, external_id: str):
        """Check `data` with the app's service (ValidationError); nothing is written yet."""
        raise NotImplementedError

    def write(self, prepared: list) -> list:
        """Write what `prepare` returned, all at once; the records made, in the same order."""
        raise NotImplementedError


# ---------------------------------------------------------------------------------------------
# Parsing helpers for importers


# A date as the house writes it (28-02-2025) and as a Dutch spreadsheet program saves it in a
# CSV (28-2-2025): day, month, four-digit year.
DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
DATE_FORMS = gettext_lazy("JJJJ-MM-DD of DD-MM-JJJJ")


def parse_date(value: str, column: str, problems: RowProblems, *, required=False) -> date | None:
    """A date in a cell: ISO (2025-02-28) or Dutch (28-02-2025, 28-2-2025)."""
    value = value.strip()
    if not value:
        if required:
            problems.add(
                column, _("Verplicht: vul een datum in (%(forms)s).") % {"forms": DATE_FORMS}
            )
        return None
    try:
        dutch = DUTCH_DATE.fullmatch(value)
        if dutch:
            day, month, year = (int(part) for part in dutch.groups())
            parsed = date(year, month, day)
        elif len(value) != 10:
            raise ValueError
        else:
            parsed = date.fromisoformat(value)
    except ValueError:
        problems.add(
            column,
            _("'%(value)s' is geen datum; gebruik %(forms)s.")
            % {"value": value, "forms": DATE_FORMS},
        )
        return None
    # The house's range for every date (zvhd.dates), as every form and the API keep it: a
    # year 1 or 9999 in an old system's file is a typing error, not a date.
    try:
        validate_plausible_date(parsed)
    except ValidationError as error:
        problems.add(column, " ".join(error.messages))
        return None
    return parsed


def parse_choice(value: str, column: str, problems: RowProblems, choices: Iterable[str]):
    value = value.strip()
    allowed = list(choices)
    if value not in allowed:
        problems.add(
            column,
            _("'%(value)s' is geen toegestane waarde; kies uit: %(allowed)s.")
            % {"value": value, "allowed": ", ".join(allowed)},
        )
        return None
    return value


def lookup(index: dict[str, object], value: str, column: str, problems: RowProblems, what: str):
    """Find a named thing (case-insensitive); report an unknown name."""
    found = index.get(value.strip().casefold())
    if found is None:
        problems.add(column, _("Onbekende %(what)s: '%(value)s'.") % {"what": what, "value": value})
    return found


def _messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {k: [m for e in v for m in e.messages] for k, v in error.error_dict.items()}
    return {"__all__": error.messages}


# ---------------------------------------------------------------------------------------------
# Running

UNREADABLE = _("Deze waarde kan niet worden gelezen; controleer of ze in de juiste kolom staat.")


def _column_of_failure(exc: Exception, row: dict[str, str]) -> str:
    """The column whose value an unexpected error names (Python quotes the value it choked
    on: "could not convert string to float: 'Bakker'"), else ""."""
    text = str(exc)
    for column, value in row.items():
        value = value.strip()
        if value and (repr(value) in text or f'"{value}"' in text):
            return column
    return ""


def _check_row(importer, row: dict[str, str], problems, *, external_id: str):
    """The one check of a row, for the dry run and the real run alike: the parser, then the
    app's own service. Returns what `prepare` made, or None (the problems say why)."""
    for column in importer.required:
        if not row.get(column, "").strip():
            problems.add(column, _("Verplicht: deze kolom mag niet leeg zijn."))
    try:
        data = importer.parse(row, problems)  # always: the report names every problem
    except Exception as exc:  # a parser that met a value it did not expect
        logger.warning("import parser failed", extra={"event": "import_parse_failed"})
        problems.add(_column_of_failure(exc, row), UNREADABLE)
        return None
    if data is None or problems.items:
        return None
    try:
        return importer.prepare(data, external_id=external_id)
    except ValidationError as exc:
        for key, messages in _messages(exc).items():
            column = importer.field_columns.get(key, "" if key == "__all__" else key)
            for message in messages:
                problems.add(column, message)
    except Exception as exc:
        logger.warning("import service check failed", extra={"event": "import_prepare_failed"})
        problems.add(_column_of_failure(exc, row), UNREADABLE)
    return None


def _open(source):
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(source)
    if isinstance(source, str | Path):
        return open(source, "rb")  # noqa: SIM115 - closed by run_import
    return source


def run_import(
    importer: Importer,
    source,
    filename: str,
    *,
    dry_run: bool,
    job=None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Check (and unless `dry_run`, write) every row; all or nothing.

    `source`: the file as bytes, a path, or a binary file object (read row by row).
    """
    handle = _open(source)
    try:
        # Messages of the services and parsers are in Dutch, also in a worker with no request.
        with translation.override(settings.LANGUAGE_CODE):
            return _run(importer, handle, filename, dry_run=dry_run, job=job, progress=progress)
    finally:
        if handle is not source:
            handle.close()


class _Refused(Exception):
    """The second pass found what the first did not (the data changed meanwhile)."""


def _run(importer, handle, filename, *, dry_run, job, progress) -> ImportResult:
    """Two passes over the file, row by row, so memory does not grow with the rows:

    1. the check (the dry run is only this): every row through `_check_row`; nothing is
       kept but the counts and the problems;
    2. only when no row has a problem, in one transaction: the same check again, row by row,
       writing what it prepared in blocks of BATCH_SIZE. A problem now (the data changed
       since the check) rolls everything back and is reported.
    """
    result = ImportResult(dry_run=dry_run)
    to_create = _pass(importer, handle, filename, result, progress)
    if not result.ok:
        return result
    if dry_run:
        result.created = to_create  # what a real run would make; nothing is written
    elif to_create:
        handle.seek(0)
        _write(importer, handle, filename, result, job, progress)
    if progress:
        progress(result.total, result.total)
    return result


def _pass(importer, handle, filename, result, progress, on_item=None) -> int:
    """One pass over the file; returns how many records it would make."""
    count = 0

    def take(external_id, item):
        nonlocal count
        count += 1
        if on_item is not None:
            on_item(external_id, item)

    try:
        with open_table(handle, filename) as table:
            header = table.header
            missing = [
                c
                for c in importer.columns
                if c not in header and c not in importer.optional_columns
            ]
            unknown = [c for c in header if c not in importer.columns]
            for column in missing:
                result.add(Problem(1, column, _("Deze kolom ontbreekt in de kopregel.")))
            for column in unknown:
                result.add(
                    Problem(1, column, _("Onbekende kolom: alleen de beschreven kolommen mogen."))
                )
            if missing or unknown:
                return 0
            _check(importer, table, result, take, progress)
    except ImportFileError as exc:
        result.add(Problem(0, "", str(exc)))
    return count


def _check(importer, table, result, take, progress) -> None:
    """Check every row; `take(external_id, item)` gets what each good row prepared."""
    header = table.header
    done = set(
        ImportedRecord.objects.filter(kind=importer.kind).values_list("external_id", flat=True)
    )
    seen: dict[str, int] = {}
    for number, cells in table.rows():
        problems = RowProblems(number)
        try:
            for index, cell in enumerate(cells):
                check_cell(cell, index)
        except CellError as exc:
            column = header[exc.column_index] if exc.column_index < len(header) else ""
            problems.add(column, exc.message)
        row = {header[i]: (cells[i] if i < len(cells) else "") for i in range(len(header))}
        if not problems.items and not any(cell.strip() for cell in cells):
            continue  # an empty line (often the last one) is no row
        result.total += 1
        if result.total > MAX_ROWS:
            raise ImportFileError(
                _("Het bestand heeft meer dan %(max)s rijen; splits het in kleinere bestanden.")
                % {"max": MAX_ROWS}
            )
        if problems.items:
            for p in problems.items:
                result.add(p)
            continue
        external_id = row.get("external_id", "").strip()
        if not external_id:
            problems.add("external_id", _("Verplicht: elke rij heeft een eigen kenmerk."))
        elif len(external_id) > 100:
            problems.add("external_id", _("Te lang: hoogstens 100 tekens."))
        elif external_id in seen:
            problems.add(
                "external_id",
                _("Dit kenmerk staat ook al in rij %(row)s.") % {"row": seen[external_id]},
            )
        else:
            seen[external_id] = number
        if external_id in done and not problems.items:
            result.skipped += 1
        else:
            item = _check_row(importer, row, problems, external_id=external_id)
            if item is not None and not problems.items and result.ok:
                take(external_id, item)
        for p in problems.items:
            result.add(p)
        if progress and result.total % PROGRESS_EVERY == 0:
            progress(result.total, max(table.estimate, result.total))


def _write(importer, handle, filename, result, job, progress) -> None:
    """All rows in one transaction, written in blocks as the second pass prepares them."""
    block: list[tuple[str, object]] = []
    created = 0

    def flush():
        nonlocal created
        records = importer.write([item for _external_id, item in block])
        ImportedRecord.objects.bulk_create(
            [
                ImportedRecord(
                    kind=importer.kind,
                    external_id=external_id,
                    object_id=record.pk,
                    job=job,
                    imported_by=importer.imported_by,
                )
                for (external_id, _item), record in zip(block, records, strict=True)
            ],
            batch_size=BATCH_SIZE,
        )
        created += len(records)
        block.clear()

    def take(external_id, item):
        block.append((external_id, item))
        if len(block) >= BATCH_SIZE:
            flush()

    second = ImportResult()
    try:
        with transaction.atomic():
            _pass(importer, handle, filename, second, progress, on_item=take)
            if not second.ok:
                raise _Refused
            if block:
                flush()
    except _Refused:
        for problem in second.problems:
            result.add(problem)
        return
    except DatabaseError:
        # Checked rows that the database still refuses (a record deleted meanwhile, the same
        # file imported at the same moment): which row is not known, nothing stays. The
        # database's own (English) words go to the log, not to the page.
        logger.exception("import write refused", extra={"event": "import_write_refused"})
        result.add(
            Problem(
                0,
                "",
                _(
                    "De database weigerde de import, waarschijnlijk omdat tegelijk iets anders "
                    "is gewijzigd (of hetzelfde bestand al is geïmporteerd); er is niets "
                    "opgeslagen. Controleer het bestand opnieuw en probeer het nog eens."
                ),
            )
        )
    else:
        result.created = created
