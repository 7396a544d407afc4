"""PDFs of the finance app, made outside the request on the job kernel (CONVENTIONS rule 9).

`render_document` takes a FinanceDocument id and is safe to run twice: a document that is
already done is left alone; a failed or half-run one is made again from the current figures.
"""

from celery import shared_task
from django.core.files.base import ContentFile

from zvhd.jobs import run_job

RENDER_DOCUMENT = "finance.tasks.render_document"


@shared_task(
    bind=True,
    name=RENDER_DOCUMENT,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def render_document(self, document_id: int) -> str:
    from finance.models import FinanceDocument

    return run_job(FinanceDocument, document_id, _render, task=self, saves=["file", "amount"])


def _render(document) -> None:
    from finance import documents

    pdf, amount = documents.render(document)
    if document.file:
        document.file.delete(save=False)
    document.file.save(document.filename, ContentFile(pdf), save=False)
    document.amount = amount
