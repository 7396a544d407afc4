"""The one job kernel: every slow piece of work (a PDF, a destruction, an import) runs on it.

    # models.py: a row per job, a subclass of the abstract `Job` (status, progress, step,
    # error, file, requested by, started/finished).
    class ReportDocument(Job):
        upload_folder = "reports"

    # services.py: enqueue by task *name*, after the commit (no services -> tasks import).
    @transaction.atomic
    def request_report(*, year, requested_by) -> ReportDocument:
        report = ReportDocument.objects.create(year=year, requested_by=requested_by)
        enqueue_on_commit("reports.render_document", report.pk,
                          on_failure=mark_failed_to_queue(ReportDocument))
        return report

    # tasks.py
    @shared_task(bind=True, acks_late=True)  # its name: "reports.tasks.render_document"
    def render_document(self, document_id: int) -> str:
        return run_job(ReportDocument, document_id, _render, task=self)

Rows that carry more than one job (a destruction list: the destruction and its certificate;
a ketenkamer: its decision list) keep each job's state in prefixed fields (`destroy_status`,
`certificate_status`) and pass `prefix="destroy_"`: the same runner, the same statuses.

Why each piece:
- `acks_late` (settings: CELERY_TASK_ACKS_LATE, REJECT_ON_WORKER_LOST): the broker keeps the
  message until the task has finished, so a worker killed halfway leaves the job to be
  delivered again, to another worker or the same one after its restart.
- `run_job` makes that second delivery harmless. It takes a PostgreSQL advisory lock on the
  job for the whole run: a duplicate delivered while the first run is still alive finds the
  lock taken and is sent again for later (`task.retry`): were it simply acknowledged and the
  live run then died, no message would be left to finish the job. A worker that dies loses
  its connection, and PostgreSQL releases its lock with it. Under the lock the row is read
  again: a job already done is left alone ("skipped"); anything else (pending, failed, or
  "running" left by a dead worker) runs. A job that raises is marked failed with a reason in
  Dutch (`JobFailed` carries one; anything else gets a general one, the log has the details).
- `enqueue_on_commit` sends the task after the transaction commits (the worker must find
  the row), and when the broker is unreachable (Redis down) it does not raise into the page:
  it logs and calls `on_failure(job_id)`, which records that the job could not be queued,
  so the page can say so instead of waiting forever.
"""

from zvhd.jobs.models import FINISHED, Job, JobStatus
from zvhd.jobs.queue import (
    NOT_QUEUED_MESSAGE,
    enqueue_now,
    enqueue_on_commit,
    mark_failed_to_queue,
    mark_not_queued,
)
from zvhd.jobs.runner import (
    BUSY_RECHECK_SECONDS,
    BUSY_RECHECKS,
    FAILED_MESSAGE,
    JobFailed,
    lock_key,
    report_progress,
    run_job,
)

__all__ = [
    "BUSY_RECHECKS",
    "BUSY_RECHECK_SECONDS",
    "FAILED_MESSAGE",
    "FINISHED",
    "Job",
    "JobFailed",
    "JobStatus",
    "NOT_QUEUED_MESSAGE",
    "enqueue_now",
    "enqueue_on_commit",
    "lock_key",
    "mark_failed_to_queue",
    "mark_not_queued",
    "report_progress",
    "run_job",
]
