"""Imports are bounded (issue 18, item 4) and speak Dutch (item 7).

- An .xlsx that expands to hundreds of MB (a zip bomb of empty rows) is refused from the
  zip's own table of contents, before it is opened; one that stays under that size but holds
  millions of empty rows is stopped at the row limit, read in streaming mode.
- The check of an upload runs in the worker, never in the request: with a real Celery worker
  (Redis, the test database), a large file and the bomb are each checked within a memory
  bound (the worker's peak RSS, VmHWM) and a time bound, and the job ends in a state the
  page can show, with its reason in Dutch. The suite sends 10,000 rows (the checker streams,
  so its memory does not grow with the file); IMPORT_BOUNDS_ROWS=100000 sends the 100,000 of
  the issue's probe (~2.5 minutes of the worker on this machine: a measurement, not a test).
- Every problem names its row and column in Dutch; a NUL byte is refused by the dry run,
  not first by the database on confirm (one validation path).
"""

import io
import os
import subprocess
import sys
import time
import zipfile

import pytest
import redis
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from cases.imports import COLUMNS, CaseImporter
from cases.models import Case
from tests.imports.test_import_batch import numbered_rows
from tests.imports.test_import_cases import csv_bytes, row
from zvhd.imports import files, services
from zvhd.imports.framework import run_import
from zvhd.imports.models import ImportJob, ImportStatus
from zvhd.jobs import FAILED_MESSAGE

BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
MEMORY_BOUND_MB = 500


# --- files -----------------------------------------------------------------------------------


def xlsx_bytes(rows, header=COLUMNS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def empty_rows_bomb(path, *, rows: int, dimension: bool = True) -> None:
    """A real .xlsx whose first sheet holds `rows` empty rows after a valid header, like the
    probe's: well under 1 MB on disk, its sheet XML as large as `rows` makes it (~290 MB for
    12 million rows of three empty cells)."""
    base = zipfile.ZipFile(io.BytesIO(xlsx_bytes([])))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in base.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(info, base.read(info.filename))
        with bomb.open("xl/worksheets/sheet1.xml", "w") as sheet:
            head = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            if dimension:
                head += f'<dimension ref="A1:S{rows + 1}"/>'
            header = "".join(
                f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
                for i, name in enumerate(COLUMNS)
            )
            sheet.write(f'{head}<sheetData><row r="1">{header}</row>'.encode())
            block = b"<row><c/><c/><c/></row>" * 10_000
            for _ in range(rows // 10_000):
                sheet.write(block)
            sheet.write(b"<row><c/><c/><c/></row>" * (rows % 10_000))
            sheet.write(b"</sheetData></worksheet>")


@pytest.fixture(scope="module")
def bomb_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("bomb") / "bom.xlsx"
    empty_rows_bomb(path, rows=12_000_000)
    return path


def check(content_or_path, name, cast):
    return run_import(CaseImporter(imported_by=cast.beheerder), content_or_path, name, dry_run=True)


@pytest.mark.django_db
def test_an_xlsx_that_expands_to_hundreds_of_mb_is_refused_before_it_is_opened(cast, bomb_path):
    with zipfile.ZipFile(bomb_path) as archive:
        expanded = sum(i.file_size for i in archive.infolist())
    assert bomb_path.stat().st_size < 1024 * 1024 and expanded > 250 * 1024 * 1024
    started = time.monotonic()
    result = check(bomb_path, "bom.xlsx", cast)
    assert time.monotonic() - started < 2
    assert [(p.row, p.column) for p in result.problems] == [(0, "")]
    assert "uitgepakt" in result.problems[0].message and "MB" in result.problems[0].message


@pytest.mark.django_db
def test_millions_of_empty_rows_under_the_size_limit_stop_at_the_row_limit(cast, tmp_path):
    path = tmp_path / "leeg.xlsx"
    empty_rows_bomb(path, rows=files.MAX_SHEET_ROWS + 10, dimension=False)
    started = time.monotonic()
    result = check(path, "leeg.xlsx", cast)
    assert time.monotonic() - started < 60
    assert len(result.problems) == 1 and "rijen" in result.problems[0].message
    # A sheet that declares its size is refused at once.
    declared = tmp_path / "gemeld.xlsx"
    empty_rows_bomb(declared, rows=files.MAX_SHEET_ROWS + 10)
    started = time.monotonic()
    result = check(declared, "gemeld.xlsx", cast)
    assert time.monotonic() - started < 2 and "rijen" in result.problems[0].message


@pytest.mark.django_db
def test_too_many_columns_and_too_long_cells_are_named_in_dutch(cast):
    wide = ";".join(COLUMNS + [f"extra{n}" for n in range(files.MAX_COLUMNS)]).encode()
    result = check(wide + b"\n", "breed.csv", cast)
    assert "kolommen" in result.problems[0].message
    long_name = "B" * (files.MAX_CELL_CHARS + 5)
    result = check(csv_bytes([row(last_name=long_name)]), "lang.csv", cast)
    assert result.problems and "tekens" in result.problems[0].message
    xlsx = xlsx_bytes(
        [[row(last_name="B" * (files.MAX_CELL_CHARS + 5)).get(c, "") for c in COLUMNS]]
    )
    result = check(xlsx, "lang.xlsx", cast)
    assert [(p.row, p.column) for p in result.problems] == [(2, "last_name")]
    assert "tekens" in result.problems[0].message


# --- Dutch messages, one validation path -------------------------------------------------------


@pytest.mark.django_db
def test_a_nul_byte_is_refused_by_the_dry_run_with_its_row_and_column(cast):
    content = csv_bytes([row(), row(external_id="OUD-2", last_name="Bak\x00ker")])
    result = check(content, "nul.csv", cast)
    assert [(p.row, p.column) for p in result.problems] == [(3, "last_name")]
    assert "NUL" in result.problems[0].message
    # The real run refuses it the same way, before the database could.
    real = run_import(CaseImporter(imported_by=cast.beheerder), content, "nul.csv", dry_run=False)
    assert [(p.row, p.column) for p in real.problems] == [(3, "last_name")]
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_a_parser_that_meets_an_unexpected_value_reports_dutch_with_row_and_column(
    cast, monkeypatch
):
    def parse(self, row, problems):
        return float(row["last_name"])  # a parser bug: Python's own words must not leak

    monkeypatch.setattr(CaseImporter, "parse", parse)
    result = check(csv_bytes([row()]), "oud.csv", cast)
    [problem] = result.problems
    assert (problem.row, problem.column) == (2, "last_name")
    assert "could not" not in problem.message and "kan niet worden gelezen" in problem.message


@pytest.mark.django_db
def test_every_problem_of_a_messy_file_is_dutch_and_names_row_and_column(cast):
    content = csv_bytes(
        [
            row(birth_date="Bakker", gender="q"),
            row(external_id="OUD-2", municipality="Atlantis", registration_date="gisteren"),
            row(external_id="OUD-3", bsn="12345678x", decision="misschien"),
            row(external_id="OUD-3", last_name="\x07"),
        ]
    )
    result = check(content, "rommel.csv", cast)
    assert result.problem_count >= 6
    english = ("could not", "invalid", "value", "must", "error", "not a", "Enter a")
    for problem in result.problems:
        assert problem.row >= 2 and problem.column, problem
        assert not any(word in problem.message for word in english), problem


@pytest.mark.django_db
def test_the_database_refusing_the_write_is_reported_in_dutch(cast, monkeypatch):
    from django.db import DataError

    def refuse(self, prepared):
        raise DataError('value too long for type character varying(9)\nCONTEXT: "Bakker"')

    monkeypatch.setattr(CaseImporter, "write", refuse)
    result = run_import(
        CaseImporter(imported_by=cast.beheerder), csv_bytes([row()]), "oud.csv", dry_run=False
    )
    [problem] = result.problems
    assert "database weigerde" in problem.message and "varying" not in problem.message


# --- in the worker, never in the request ------------------------------------------------------


@pytest.mark.django_db
def test_the_upload_request_only_stores_the_file_and_queues_the_check(
    cast, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("oud.csv", csv_bytes(numbered_rows(50, "Q")))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.upload_import(kind="cases", upload=upload, requested_by=cast.beheerder)
    job.refresh_from_db()
    assert (job.status, job.total_rows, job.problem_count) == (ImportStatus.UPLOADED, 0, 0)
    assert len(callbacks) == 1  # the check is the worker's


@pytest.mark.django_db
def test_a_check_that_crashes_is_failed_with_a_dutch_reason_and_the_upload_is_gone(
    cast, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path

    def crash(*args, **kwargs):
        raise RuntimeError("could not convert string to float: 'Bakker'")

    monkeypatch.setattr("zvhd.imports.framework._check", crash)
    upload = SimpleUploadedFile("oud.csv", csv_bytes([row()]))
    with django_capture_on_commit_callbacks(execute=True):
        job = services.upload_import(kind="cases", upload=upload, requested_by=cast.beheerder)
    job.refresh_from_db()
    assert (job.status, job.error) == (ImportStatus.FAILED, FAILED_MESSAGE)
    assert not job.file and job.finished_at


@pytest.mark.django_db
def test_a_check_whose_worker_died_twice_is_failed_instead_of_taking_a_third(cast):
    from zvhd.imports.tasks import validate_import

    job = ImportJob.objects.create(
        kind="cases",
        filename="bom.xlsx",
        requested_by=cast.beheerder,
        status=ImportStatus.VALIDATING,  # the worker that had it was killed (out of memory)
        attempts=2,
    )
    assert validate_import(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "geheugen" in job.error


@pytest.fixture
def redis_broker():
    client = redis.Redis.from_url(BROKER)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI and not reachable at {BROKER}")
        pytest.skip(f"Redis not reachable at {BROKER}")
    client.flushdb()
    yield BROKER
    client.flushdb()


@pytest.fixture
def worker(redis_broker, settings, tmp_path):
    """A real Celery worker (solo pool: the task runs in the process we measure) on the test
    database, and the suite's Celery app pointed at the same broker."""
    from zvhd.celery import app as celery_app

    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}{':' + db['PASSWORD'] if db['PASSWORD'] else ''}"
            f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CELERY_BROKER_URL": redis_broker,
        "CELERY_RESULT_BACKEND": "",
        "MEDIA_ROOT": str(media),
        "REDIS_URL": "",
    }
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "zvhd", "worker", "--pool=solo",
            "--concurrency=1", "--loglevel=warning", "--without-mingle", "--without-gossip",
            "--without-heartbeat",
        ],
        cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    saved = {k: celery_app.conf[k] for k in ("task_always_eager", "broker_url")}
    celery_app.conf.update(task_always_eager=False, broker_url=redis_broker)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    try:
        yield process
    finally:
        celery_app.conf.update(saved)
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        process.terminate()
        process.wait(timeout=30)
        log.close()


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def upload_and_wait(cast, name, content, timeout):
    upload = SimpleUploadedFile(name, content)
    started = time.monotonic()
    job = services.upload_import(kind="cases", upload=upload, requested_by=cast.beheerder)
    request_seconds = time.monotonic() - started
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if not job.busy:  # valid, invalid or failed: the check is over
            return job, request_seconds, time.monotonic() - started
        time.sleep(0.5)
    raise AssertionError(f"the check did not finish: {job.status} {job.progress}% {job.step}")


ROWS = int(os.environ.get("IMPORT_BOUNDS_ROWS", "10000"))


@pytest.mark.celery_worker
def test_a_large_file_and_an_xlsx_bomb_are_checked_by_the_worker_within_bounds(
    transactional_db, cast, worker, bomb_path
):
    content = csv_bytes(numbered_rows(ROWS, "K"))
    assert len(content) < services.MAX_UPLOAD_BYTES
    job, request_seconds, seconds = upload_and_wait(cast, "groot.csv", content, timeout=900)
    rss = peak_rss_mb(worker.pid)
    print(
        f"{ROWS} rows: request {request_seconds:.2f} s, check {seconds:.1f} s, worker {rss:.0f} MB"
    )
    # The request only stores the upload: 0.97 s for 13.6 MB on a machine at load 8; the
    # probe's old request took 102 s. A bound against work in the request, not a speed goal.
    assert request_seconds < 5
    assert (job.status, job.total_rows, job.problem_count) == (ImportStatus.VALID, ROWS, 0)
    assert rss <= MEMORY_BOUND_MB

    job, request_seconds, seconds = upload_and_wait(
        cast, "bom.xlsx", bomb_path.read_bytes(), timeout=120
    )
    rss = peak_rss_mb(worker.pid)
    print(f"bomb: request {request_seconds:.2f} s, check {seconds:.1f} s, worker {rss:.0f} MB")
    assert request_seconds < 5 and seconds < 60
    assert job.status == ImportStatus.INVALID and not job.file
    assert "uitgepakt" in job.report[0]["message"]
    assert rss <= MEMORY_BOUND_MB
