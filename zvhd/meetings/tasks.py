"""The decision list task: one body, registered by each app under its own name.

An app's tasks.py says `render_decision_list = decision_list_task(Ketenkamer)`: registered
under the name the model gives (`decision_list_task`, what the service enqueues), the task takes
the meeting's id (never personal data), runs on the job kernel under its lock (safe to run
twice) and writes the file on the meeting row.
"""

from __future__ import annotations

from celery import shared_task
from django.core.files.base import ContentFile

from zvhd.jobs import run_job


def decision_list_task(model):
    """The Celery task that renders the decision list of a `model` meeting."""

    def render_decision_list(self, meeting_id: int) -> str:
        return run_job(
            model,
            meeting_id,
            _render,
            prefix="decision_list_",
            task=self,
            saves=["decision_list_file"],
        )

    render_decision_list.__doc__ = f"The decision list PDF of a {model._meta.label} meeting."
    return shared_task(bind=True, name=model.decision_list_task, acks_late=True)(
        render_decision_list
    )


def _render(meeting) -> None:
    from zvhd.pdf import render_pdf

    pdf = render_pdf(meeting.decision_list_template, {"view": meeting.decision_list_view()})
    if meeting.decision_list_file:
        meeting.decision_list_file.delete(save=False)
    meeting.decision_list_file.save(meeting.decision_list_filename(), ContentFile(pdf), save=False)
