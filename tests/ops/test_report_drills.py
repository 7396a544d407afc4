"""Failure drills for the jaarverslag (issue 11): a worker killed halfway, and Redis down.

The jaarverslag is the slowest job of the application. Two things must hold when it breaks:
- a worker killed while it renders (OOM, a deploy, SIGKILL) leaves the message unacknowledged
  (acks_late); Redis hands it out again after the visibility timeout, and the next worker
  takes the stale "running" claim over and finishes the document exactly once;
- with the broker unreachable, the reports page and its button keep working and say, in Dutch,
  that the PDF could not be queued; the document row says so too.

The kill drill starts real Celery workers (solo pool) against Redis (our own database number,
TEST_CELERY_BROKER_URL) and the test database itself, so it commits its rows
(transactional_db).
"""

import os
import signal
import subprocess
import sys
import time

import psycopg
import pytest
import redis
from celery.exceptions import Retry
from django.conf import settings
from django.urls import reverse

from reports import services
from reports.models import DocumentKind, JobStatus, ReportDocument
from reports.tasks import render_document
from tests.bench.server import free_port
from zvhd.celery import app as celery_app
from zvhd.jobs import NOT_QUEUED_MESSAGE, lock_key

BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
YEAR = 2025
needs_postgres = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="needs PostgreSQL"
)


@pytest.fixture
def broker_at():
    """Point the suite's Celery app (eager in tests) at a real broker URL for one test."""
    saved = {k: celery_app.conf[k] for k in ("task_always_eager", "broker_url")}
    saved["broker_connection_timeout"] = celery_app.conf.broker_connection_timeout

    def point(url: str) -> None:
        celery_app.conf.update(task_always_eager=False, broker_url=url, broker_connection_timeout=1)
        celery_app._pool = None  # the producer pool is made for the previous URL
        celery_app.amqp._producer_pool = None

    yield point
    celery_app.conf.update(saved)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def history_done(document) -> int:
    return document.history.filter(status=JobStatus.DONE).count()


# --- the claim, fast (CI) ------------------------------------------------------------------


def pending_document(cast, status=JobStatus.PENDING) -> ReportDocument:
    return ReportDocument.objects.create(
        kind=DocumentKind.ANNUAL_REPORT, year=YEAR, requested_by=cast.manager, status=status
    )


def test_a_restarted_attempt_takes_over_a_stale_running_claim(
    transactional_db, cast, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    document = pending_document(cast, status=JobStatus.RUNNING)  # its worker was killed
    assert render_document(document.pk) == "done"
    document.refresh_from_db()
    assert (document.status, document.progress) == (JobStatus.DONE, 100)
    assert document.file and document.file.size > 1000
    # A second delivery of the same message leaves the finished document alone.
    name = document.file.name
    assert render_document(document.pk) == "skipped"
    document.refresh_from_db()
    assert document.file.name == name
    assert history_done(document) == 1
    document.file.delete(save=False)


@needs_postgres
def test_a_duplicate_delivery_while_the_first_run_lives_is_put_back_for_later(
    transactional_db, cast
):
    document = pending_document(cast, status=JobStatus.RUNNING)
    db = settings.DATABASES["default"]
    live_worker = psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"],
        password=db["PASSWORD"] or None, dbname=db["NAME"], autocommit=True,
    )  # fmt: skip
    try:
        live_worker.execute(
            "SELECT pg_advisory_lock(%s, %s)", lock_key(ReportDocument, document.pk)
        )
        # Not acknowledged as done: sent again for later, so that if the live run dies this
        # copy finishes the job (outside a worker, Celery shows that as Retry).
        with pytest.raises(Retry):
            render_document(document.pk)
        document.refresh_from_db()
        assert (document.status, document.progress, document.file.name) == (
            JobStatus.RUNNING,
            0,
            "",
        )
    finally:
        live_worker.close()


# --- Redis down --------------------------------------------------------------------------------


def test_with_the_broker_down_the_jaarverslag_button_says_it_could_not_be_queued(
    transactional_db, cast, client, broker_at
):
    broker_at(f"redis://127.0.0.1:{free_port()}/15")  # nothing listens there
    client.force_login(cast.manager)
    page = reverse("reports:annual_report", args=[YEAR])
    assert client.get(page).status_code == 200

    started = time.monotonic()
    response = client.post(
        reverse("reports:document_request", args=[YEAR]),
        {"kind": DocumentKind.ANNUAL_REPORT},
        follow=True,
    )
    assert time.monotonic() - started < 10
    assert response.status_code == 200
    text = response.content.decode()
    assert "kon niet in de wachtrij worden gezet" in text
    assert "De PDF wordt gemaakt; de voortgang" not in text
    document = ReportDocument.objects.get()
    assert (document.status, document.error) == (JobStatus.FAILED, NOT_QUEUED_MESSAGE)
    # The row in the list says why, and the page stays usable.
    assert NOT_QUEUED_MESSAGE in text
    assert client.get(page).status_code == 200


# --- a worker killed halfway (a real worker, Redis and PostgreSQL) ---------------------------


@pytest.fixture
def redis_broker():
    client = redis.Redis.from_url(BROKER)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI and not reachable at {BROKER}")
        pytest.skip(f"Redis not reachable at {BROKER}")
    client.flushdb()  # our own database number: only this drill's queue and unacked messages
    yield BROKER
    client.flushdb()


VISIBILITY_TIMEOUT = 2  # seconds, for the drill's workers


def start_worker(env: dict, log) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "zvhd", "worker", "--pool=solo",
            "--concurrency=1", "--loglevel=info", "--without-mingle", "--without-gossip",
            "--without-heartbeat",
        ],
        cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def wait_for(condition, timeout: float, step: float = 0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return None


@needs_postgres
@pytest.mark.celery_worker
def test_a_worker_killed_while_rendering_the_jaarverslag_leaves_it_done_once(
    transactional_db, cast, redis_broker, broker_at, settings, tmp_path
):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    db = settings.DATABASES["default"]
    database_url = (
        f"postgres://{db['USER']}{':' + db['PASSWORD'] if db['PASSWORD'] else ''}"
        f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,  # the test database: the worker sees our committed rows
        "CELERY_BROKER_URL": redis_broker,
        "CELERY_RESULT_BACKEND": "",
        # production: an hour; the drill cannot wait that long
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "MEDIA_ROOT": str(media),
        "REDIS_URL": "",
        "LOG_LEVEL": "INFO",
    }
    broker_at(redis_broker)
    document = services.request_document(
        kind=DocumentKind.ANNUAL_REPORT, year=YEAR, requested_by=cast.manager
    )
    log = open(tmp_path / "workers.log", "w")  # noqa: SIM115 - closed below, read on failure

    def state():
        return ReportDocument._base_manager.values_list("status", "progress").get(pk=document.pk)

    first = start_worker(env, log)
    second = None
    try:
        # Kill the first worker while it renders: running, past the first step, not done.
        seen = wait_for(lambda: (s := state())[0] == JobStatus.RUNNING and s[1] > 0 and s, 60)
        assert seen, f"the first worker never started rendering: {state()}"
        first.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        first.wait(timeout=10)
        status, progress = state()
        assert status == JobStatus.RUNNING and progress < 100, "killed too late for the drill"
        assert not list(media.rglob("*.pdf"))

        # A new worker: Redis gives the unacknowledged message back after the visibility
        # timeout, and the new attempt takes over the stale "running" claim. It starts once
        # that timeout has passed, as a replacement would: kombu looks for such messages when
        # a worker starts polling and then only every ~100 s, so a worker up within the 2 s
        # (they start ~3 s faster since the Makefile keeps compiled modules) found nothing
        # and the drill timed out (CI 2026-12-08).
        time.sleep(max(0.0, killed_at + VISIBILITY_TIMEOUT + 0.5 - time.monotonic()))
        second = start_worker(env, log)
        done = wait_for(lambda: state()[0] == JobStatus.DONE, 60, step=0.2)
        assert done, f"the document did not finish after the restart: {state()}"
        print(f"killed at {seen[1]}%, done {time.monotonic() - killed_at:.1f} s after the kill")
        time.sleep(3)  # a second redelivery, if any, would come now: it must change nothing
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    # A warm shutdown that does not finish in time (it did not at load 9 in
                    # CI) is not what the drill is about: stop it hard.
                    worker.kill()
                    worker.wait(timeout=10)
        log.close()

    document.refresh_from_db()
    assert document.status == JobStatus.DONE and document.progress == 100
    assert ReportDocument._base_manager.count() == 1
    pdfs = list(media.rglob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
    assert document.file.path == str(pdfs[0])
    assert history_done(document) == 1
    # Nothing left in the queue or unacknowledged: the message was acknowledged once.
    client = redis.Redis.from_url(redis_broker)
    assert client.llen("celery") == 0
    assert client.hlen("unacked") == 0
