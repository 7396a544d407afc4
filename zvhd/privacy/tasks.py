"""The inzage-PDF is made in the background (CONVENTIONS rule 9): ids in, the row holds the file."""

from celery import shared_task

from zvhd.jobs import run_once


@shared_task(acks_late=True)
def render_access_pdf(access_request_id: int) -> str:
    from zvhd.privacy.models import SubjectAccessRequest
    from zvhd.privacy.services import render_access_pdf as render

    return run_once(SubjectAccessRequest, access_request_id, render, field="pdf_status")
