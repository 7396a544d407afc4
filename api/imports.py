"""The import machinery shared by every import from the previous system.

An app describes its file in an `Importer` (columns, how a row becomes the keyword arguments
of its own service, and which service field is which column). This module does the rest, the
same for every app:

- reads CSV (UTF-8, `;` or `,`) and XLSX;
- reports every problem by row and column, in Dutch;
- checks every row first, through the app's own service (`Importer.prepare`, which raises
  the service's ValidationError and writes nothing), and only when no row has a problem
  writes them all in one transaction and in one batch (`Importer.write`). So it is
  all-or-nothing, and a dry run is the same check without the write: it touches no table
  and holds no lock (not even the case-number counter);
- is idempotent by `external_id`: rows imported before are skipped (`ImportedRecord`);
- reports progress through a callback (the command prints it, the page polls it).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from api.models import ImportedRecord
from zvhd.batch import BATCH_SIZE

MAX_PROBLEMS_KEPT = 5000  # a report longer than this is cut (the count stays exact)
PROGRESS_EVERY = 100


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a problem of one row)."""


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


class Importer:
    """What an app says about its file. Subclasses fill in the class attributes and methods."""

    kind: str = ""
    columns: list[str] = []
    required: set[str] = set()
    # service keyword (or model field in its errors) -> column, to place a service's error
    field_columns: dict[str, str] = {}

    def __init__(self, *, imported_by):
        self.imported_by = imported_by

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
# Reading files


def read_table(content: bytes, filename: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows (as text) of a CSV or XLSX file."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(content)
    if name.endswith(".csv") or name.endswith(".txt"):
        return _read_csv(content)
    raise ImportFileError(_("Alleen CSV- (.csv) en Excel-bestanden (.xlsx) kunnen worden gelezen."))


def _read_csv(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("Het bestand is geen UTF-8-tekst (fout bij byte %(pos)s). Sla het op als CSV UTF-8.")
            % {"pos": exc.start}
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = list(reader)
    if not rows:
        raise ImportFileError(_("Het bestand is leeg."))
    header = [h.strip() for h in rows[0]]
    data = []
    for raw in rows[1:]:
        if not any(cell.strip() for cell in raw):
            continue  # an empty line (often the last one) is no row
        data.append({header[i]: (raw[i] if i < len(raw) else "") for i in range(len(header))})
    return header, data


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(content: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise ImportFileError(_("Het Excel-bestand kan niet worden geopend.")) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header = [_cell_text(h).strip() for h in next(rows)]
    except StopIteration:
        raise ImportFileError(_("Het bestand is leeg.")) from None
    data = []
    for raw in rows:
        cells = [_cell_text(v) for v in raw]
        if not any(c.strip() for c in cells):
            continue
        data.append({header[i]: (cells[i] if i < len(cells) else "") for i in range(len(header))})
    workbook.close()
    return header, data


# ---------------------------------------------------------------------------------------------
# Parsing helpers for importers


def parse_date(value: str, column: str, problems: RowProblems, *, required=False) -> date | None:
    value = value.strip()
    if not value:
        if required:
            problems.add(column, _("Verplicht: vul een datum in (JJJJ-MM-DD)."))
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        problems.add(column, _("'%(value)s' is geen datum; gebruik JJJJ-MM-DD.") % {"value": value})
        return None


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


def run_import(
    importer: Importer,
    content: bytes,
    filename: str,
    *,
    dry_run: bool,
    job=None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Check (and unless `dry_run`, write) every row; all or nothing."""
    result = ImportResult(dry_run=dry_run)
    try:
        header, rows = read_table(content, filename)
    except ImportFileError as exc:
        result.add(Problem(0, "", str(exc)))
        return result
    missing = [c for c in importer.columns if c not in header]
    unknown = [c for c in header if c not in importer.columns]
    for column in missing:
        result.add(Problem(1, column, _("Deze kolom ontbreekt in de kopregel.")))
    for column in unknown:
        result.add(Problem(1, column, _("Onbekende kolom: alleen de beschreven kolommen mogen.")))
    if missing or unknown:
        return result

    result.total = len(rows)
    done = set(
        ImportedRecord.objects.filter(kind=importer.kind).values_list("external_id", flat=True)
    )
    seen: dict[str, int] = {}
    # First every row is checked; nothing is written while a single row may still fail.
    prepared: list[tuple[str, object]] = []
    for index, row in enumerate(rows):
        number = index + 2
        problems = RowProblems(number)
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
            for column in importer.required:
                if not row.get(column, "").strip():
                    problems.add(column, _("Verplicht: deze kolom mag niet leeg zijn."))
            data = importer.parse(row, problems)  # always: the report names every problem
            if data is not None and not problems.items:
                try:
                    item = importer.prepare(data, external_id=external_id)
                except ValidationError as exc:
                    for key, messages in _messages(exc).items():
                        column = importer.field_columns.get(key, "" if key == "__all__" else key)
                        for message in messages:
                            problems.add(column, message)
                else:
                    prepared.append((external_id, item))
        for p in problems.items:
            result.add(p)
        if progress and (number - 1) % PROGRESS_EVERY == 0:
            progress(number - 1, result.total)
    if result.ok and dry_run:
        result.created = len(prepared)  # what a real run would make; nothing is written
    elif result.ok and prepared:
        # Then all of them in one transaction: all or nothing.
        try:
            with transaction.atomic():
                records = importer.write([item for _external_id, item in prepared])
                ImportedRecord.objects.bulk_create(
                    [
                        ImportedRecord(
                            kind=importer.kind,
                            external_id=external_id,
                            object_id=record.pk,
                            job=job,
                            imported_by=importer.imported_by,
                        )
                        for (external_id, _item), record in zip(prepared, records, strict=True)
                    ],
                    batch_size=BATCH_SIZE,
                )
        except DatabaseError as exc:
            # Checked rows that the database still refuses (a record deleted meanwhile, the
            # same file imported at the same moment): which row is not known, nothing stays.
            result.add(
                Problem(
                    0,
                    "",
                    _("De database weigerde de import; er is niets opgeslagen: %(e)s") % {"e": exc},
                )
            )
        else:
            result.created = len(records)
    if progress:
        progress(result.total, result.total)
    return result
