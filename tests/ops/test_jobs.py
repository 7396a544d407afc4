"""The job pattern (zvhd/jobs/): a job completes once, however often it is delivered."""

import time

import psycopg
import pytest
from django.conf import settings
from django.db import connection, models
from django.test.utils import isolate_apps

from zvhd.jobs import JobStatus, enqueue_on_commit, lock_key, mark_not_queued, run_job


@pytest.fixture
def job_model(transactional_db):
    """A throwaway job table: status plus a counter of how often the work really ran."""
    with isolate_apps("zvhd"):

        class DrillJob(models.Model):
            status = models.CharField(max_length=12, default=JobStatus.PENDING)
            runs = models.IntegerField(default=0)

            class Meta:
                app_label = "zvhd"
                db_table = "ops_drill_job"

        with connection.schema_editor() as editor:
            editor.create_model(DrillJob)
        yield DrillJob
        with connection.schema_editor() as editor:
            editor.delete_model(DrillJob)


def render(job):
    job.runs += 1
    job.save(update_fields=["runs"])


def test_a_job_runs_then_a_second_delivery_is_skipped(job_model):
    job = job_model.objects.create()
    assert run_job(job_model, job.pk, render) == "done"
    assert run_job(job_model, job.pk, render) == "skipped"
    job.refresh_from_db()
    assert (job.status, job.runs) == (JobStatus.DONE, 1)


def test_a_failing_job_says_failed_and_a_redelivery_tries_again(job_model):
    job = job_model.objects.create()

    def broken(_):
        raise OSError("schijf vol")

    assert run_job(job_model, job.pk, broken) == "failed"
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert run_job(job_model, job.pk, render) == "done"


@pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="PG")
def test_a_killed_worker_leaves_the_job_to_the_next_delivery_which_completes_it_once(job_model):
    job = job_model.objects.create(status=JobStatus.RUNNING)  # the first worker had started
    db = settings.DATABASES["default"]
    first_worker = psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"],
        password=db["PASSWORD"] or None, dbname=db["NAME"], autocommit=True,
    )  # fmt: skip
    first_worker.execute("SELECT pg_advisory_lock(%s, %s)", lock_key(job_model, job.pk))

    # While the first worker is alive, a duplicate delivery leaves the job alone.
    assert run_job(job_model, job.pk, render) == "busy"
    job.refresh_from_db()
    assert job.runs == 0

    # The first worker is killed (its connection dies, PostgreSQL drops its lock); the
    # message comes back (acks_late) and the job is finished exactly once.
    pid = first_worker.info.backend_pid
    first_worker.close()
    # The server ends the backend (and drops its locks) a moment after the client is gone;
    # a redelivery comes seconds later, so wait for that moment rather than race it.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
            if cursor.fetchone()[0] == 0:
                break
        time.sleep(0.05)
    assert run_job(job_model, job.pk, render) == "done"
    assert run_job(job_model, job.pk, render) == "skipped"
    job.refresh_from_db()
    assert (job.status, job.runs) == (JobStatus.DONE, 1)


class UnreachableBroker:
    name = "drill.unreachable"

    def apply_async(self, args, retry):
        from kombu.exceptions import OperationalError

        assert retry is False, "a page must not wait for retries against a dead broker"
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")


def test_a_job_that_cannot_be_queued_says_so_instead_of_raising(job_model, caplog):
    job = job_model.objects.create()
    enqueue_on_commit(UnreachableBroker(), job.pk, on_failure=mark_not_queued(job_model))
    job.refresh_from_db()
    assert job.status == JobStatus.NOT_QUEUED
    assert any(getattr(r, "event", None) == "not_queued" for r in caplog.records)


def test_a_real_celery_app_with_redis_down_fails_fast_and_marks_the_job(job_model, settings):
    """The real kombu/redis stack against a closed port: no hang, no exception into the page."""
    import time

    from celery import Celery

    from tests.bench.server import free_port

    # set_as_current=False: else this app (broker on a closed port) becomes the current app
    # that every @shared_task of the project sends through, for the rest of the run.
    app = Celery("drill", broker=f"redis://127.0.0.1:{free_port()}/6", set_as_current=False)
    app.conf.broker_connection_timeout = 1

    @app.task(name="drill.render")
    def render_task(job_id):  # never runs: the broker is not there
        return job_id

    job = job_model.objects.create()
    started = time.monotonic()
    enqueue_on_commit(render_task, job.pk, on_failure=mark_not_queued(job_model))
    assert time.monotonic() - started < 5
    job.refresh_from_db()
    assert job.status == JobStatus.NOT_QUEUED
