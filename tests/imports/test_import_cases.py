"""Import of cases from the previous system: complete Dutch report, all-or-nothing, idempotent."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from cases.imports import COLUMNS, CaseImporter
from cases.models import Case, Person, Status
from zvhd.imports.framework import run_import
from zvhd.imports.models import ImportedRecord

pytestmark = pytest.mark.django_db

GOOD = {
    "external_id": "OUD-1",
    "registration_date": "2019-03-04",
    "registering_organisation": "GGZ Drenthe",
    "registering_domain": "",
    "municipality": "Assen",
    "last_name": "Bakker",
    "first_names": "Jan Willem",
    "birth_date": "1980-05-06",
    "gender": "m",
    "bsn": "111222333",
    "decision": "maatwerk",
    "decision_date": "2019-03-11",
    "direction_start_date": "2019-03-11",
    "closed_date": "2020-01-15",
    "closing_reason": "doel_bereikt",
    "problem_areas": "psychisch|schulden",
    "main_topic": "multiproblematiek",
    "cross_municipal": "nee",
    "process_director": "",
}


def csv_bytes(rows, delimiter=";"):
    lines = [delimiter.join(COLUMNS)]
    for row in rows:
        lines.append(delimiter.join(row.get(c, "") for c in COLUMNS))
    return ("\n".join(lines) + "\n").encode()


def row(**changes):
    return {**GOOD, **changes}


def test_a_valid_file_imports_each_case_with_its_historic_dates_and_origin(cast):
    content = csv_bytes(
        [
            row(),
            row(
                external_id="OUD-2",
                registering_organisation="Gemeente Assen",
                registering_domain="sociaal_domein",
                decision="pga",
                closed_date="",
                closing_reason="",
                process_director="regisseur",
                cross_municipal="ja",
            ),
            row(
                external_id="OUD-3",
                decision="",
                decision_date="",
                direction_start_date="",
                closed_date="",
                closing_reason="",
            ),
        ]
    )
    result = run_import(CaseImporter(imported_by=cast.beheerder), content, "oud.csv", dry_run=False)
    assert result.ok, result.problems
    assert result.created == 3
    closed = Case.objects.get(origin__contains="OUD-1")
    assert closed.status == Status.AFGESLOTEN
    assert closed.number.startswith("2019-")
    assert (closed.started_on, closed.closed_on) == (date(2019, 3, 11), date(2020, 1, 15))
    assert closed.triage.decision == "maatwerk"
    assert list(closed.transitions.values_list("to_status", flat=True)) == [
        "aangemeld",
        "actief",
        "afgesloten",
    ]
    assert closed.history.first().history_change_reason == "geïmporteerd"
    assert closed.person.history.first().history_change_reason == "geïmporteerd"
    active = Case.objects.get(origin__contains="OUD-2")
    assert (active.status, active.kind, active.director) == ("actief", "pga", cast.regisseur)
    assert (active.municipal_domain, active.cross_municipal) == ("sociaal", True)
    assert Case.objects.get(origin__contains="OUD-3").status == Status.AANGEMELD


def test_running_the_same_file_twice_changes_nothing_the_second_time(cast):
    content = csv_bytes([row(), row(external_id="OUD-2")])
    first = run_import(CaseImporter(imported_by=cast.beheerder), content, "a.csv", dry_run=False)
    assert first.created == 2
    before = (Case.objects.count(), Person.objects.count(), Case.history.count())
    second = run_import(CaseImporter(imported_by=cast.beheerder), content, "a.csv", dry_run=False)
    assert (second.created, second.skipped, second.ok) == (0, 2, True)
    assert (Case.objects.count(), Person.objects.count(), Case.history.count()) == before


def test_a_dry_run_checks_through_the_services_and_writes_nothing(cast):
    content = csv_bytes([row()])
    result = run_import(CaseImporter(imported_by=cast.beheerder), content, "a.csv", dry_run=True)
    assert (result.ok, result.created) == (True, 1)
    assert not Case.objects.exists() and not Person.objects.exists()
    assert not ImportedRecord.objects.exists()


# Every kind of problem, each with the column it must be reported in.
BAD_ROWS = [
    (row(external_id="E1", registering_organisation="Onbekend BV"), "registering_organisation"),
    (row(external_id="E2", bsn="123456789"), "bsn"),
    (row(external_id="E3", closed_date="2019-01-01"), "closed_date"),
    (row(external_id="E4", registration_date="2019/03/04"), "registration_date"),
    (row(external_id="E5", gender="man"), "gender"),
    (row(external_id="E6", decision="misschien"), "decision"),
    (row(external_id="E7", problem_areas="psychisch|onbekend"), "problem_areas"),
    (row(external_id="E8", municipality="Groningen"), "municipality"),
    (row(external_id="E9", main_topic="iets"), "main_topic"),
    (row(external_id="E10", cross_municipal="soms"), "cross_municipal"),
    (row(external_id="E11", process_director="onbekend"), "process_director"),
    (row(external_id="E12", registering_organisation="Gemeente Assen"), "registering_domain"),
    (row(external_id="E13", last_name=""), "last_name"),
    (row(external_id="E14", decision_date="2019-01-01"), "decision_date"),
    (row(external_id="E15", closing_reason=""), "closing_reason"),
    (row(external_id="E16", closed_date="", closing_reason=""), "process_director"),
    (row(external_id="E17", birth_date="2999-01-01"), "birth_date"),
    (row(external_id="E1"), "external_id"),  # the same id twice in one file
    (row(external_id=""), "external_id"),
]


def test_a_file_with_every_kind_of_error_gets_a_complete_report_and_writes_nothing(cast):
    content = csv_bytes([row(external_id="GOED")] + [r for r, _ in BAD_ROWS])
    result = run_import(CaseImporter(imported_by=cast.beheerder), content, "f.csv", dry_run=False)
    assert not result.ok
    reported = {(p.row, p.column) for p in result.problems}
    for index, (_row, column) in enumerate(BAD_ROWS):
        assert (index + 3, column) in reported, f"row {index + 3} {column}: {result.problems}"
    assert all(p.row != 2 for p in result.problems), "the good row has no problem"
    assert not Case.objects.exists() and not Person.objects.exists()
    assert not ImportedRecord.objects.exists()
    messages = " ".join(p.message for p in result.problems)
    assert "Onbekende organisatie" in messages and "elfproef" in messages
    assert "vóór de start" in messages


def test_missing_and_unknown_columns_are_named_in_the_header_row(cast):
    content = b"external_id;naam\nX;Y\n"
    result = run_import(CaseImporter(imported_by=cast.beheerder), content, "f.csv", dry_run=True)
    columns = {p.column for p in result.problems if p.row == 1}
    assert "naam" in columns and "registration_date" in columns


def test_a_comma_separated_file_and_an_excel_file_are_read_alike(cast):
    comma = run_import(
        CaseImporter(imported_by=cast.beheerder), csv_bytes([row()], ","), "a.csv", dry_run=True
    )
    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    values = [GOOD.get(c, "") for c in COLUMNS]
    values[COLUMNS.index("birth_date")] = date(1980, 5, 6)  # a real Excel date cell
    sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    excel = run_import(
        CaseImporter(imported_by=cast.beheerder), buffer.getvalue(), "a.xlsx", dry_run=True
    )
    assert comma.ok and excel.ok, (comma.problems, excel.problems)


def test_a_file_that_is_not_utf8_gets_a_dutch_message_not_a_crash(cast):
    result = run_import(
        CaseImporter(imported_by=cast.beheerder), "é".encode("latin-1"), "a.csv", dry_run=True
    )
    assert "UTF-8" in result.problems[0].message


def test_the_command_imports_and_a_dry_run_with_problems_fails_in_dutch(cast, tmp_path):
    good = tmp_path / "goed.csv"
    good.write_bytes(csv_bytes([row()]))
    out = io.StringIO()
    call_command("import_cases", str(good), "--dry-run", stdout=out)
    assert "niets opgeslagen" in out.getvalue() and not Case.objects.exists()
    call_command("import_cases", str(good), stdout=out)
    assert Case.objects.count() == 1
    assert Case.objects.get().registered_by.username == "systeem.import"
    bad = tmp_path / "fout.csv"
    bad.write_bytes(csv_bytes([row(external_id="X", bsn="123456789")]))
    with pytest.raises(CommandError, match="Niets geïmporteerd"):
        call_command("import_cases", str(bad), stdout=out)
    assert "rij 2, kolom bsn" in out.getvalue()


def test_imported_cases_go_through_the_same_permission_layer(cast):
    run_import(CaseImporter(imported_by=cast.beheerder), csv_bytes([row()]), "a.csv", dry_run=False)
    case = Case.objects.get()
    assert Case.objects.visible_to(cast.partner).filter(pk=case.pk).exists()  # GGZ registered it
    assert not Case.objects.visible_to(cast.partner_other).filter(pk=case.pk).exists()
    assert Case.objects.visible_to(cast.gemeente).filter(pk=case.pk).exists()  # Assen
    assert not Case.objects.visible_to(cast.gemeente_other).filter(pk=case.pk).exists()
