"""PDFs of the finance app, made outside the request (CONVENTIONS rule 9).

`render_document` takes a FinanceDocument id and is safe to run twice: a document that is
already done is left alone; a failed or half-run one is made again from the current figures.
"""

import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def render_document(document_id: int) -> str:
    from finance.models import DocumentStatus, FinanceDocument

    with transaction.atomic():
        document = FinanceDocument._base_manager.select_for_update().filter(pk=document_id).first()
        if document is None:
            return "missing"
        if document.status == DocumentStatus.DONE and document.file:
            return "done"
        document.status = DocumentStatus.RUNNING
        document.save(update_fields=["status"])
    try:
        pdf, amount = _render(document)
    except Exception as exc:  # the row must say it failed, whatever went wrong
        logger.exception("finance document %s failed", document_id)
        document.status = DocumentStatus.FAILED
        document.error = str(exc)[:2000]
        document.finished_at = timezone.now()
        document.save(update_fields=["status", "error", "finished_at"])
        return "failed"
    if document.file:
        document.file.delete(save=False)
    document.file.save(document.filename, ContentFile(pdf), save=False)
    document.amount = amount
    document.status = DocumentStatus.DONE
    document.error = ""
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "amount", "status", "error", "finished_at"])
    return "done"


def _render(document):
    from finance import documents

    return documents.render(document)
