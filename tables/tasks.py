"""The decision list PDF of a table meeting, on the job kernel (CONVENTIONS rules 8 and 9).

The same runner, prefix and file handling as the ketenkamer's (cases.tasks): the task takes
an id, is safe to run twice, and writes the file on the meeting row.
"""

from __future__ import annotations

from celery import shared_task
from django.core.files.base import ContentFile

from zvhd.jobs import run_job

RENDER_DECISION_LIST = "tables.tasks.render_decision_list"


@shared_task(bind=True, name=RENDER_DECISION_LIST, acks_late=True)
def render_decision_list(self, meeting_id: int) -> str:
    from tables.models import Meeting

    return run_job(
        Meeting,
        meeting_id,
        _render_decision_list,
        prefix="decision_list_",
        task=self,
        saves=["decision_list_file"],
    )


def _render_decision_list(meeting) -> None:
    from tables.viewmodels import decision_list
    from zvhd.pdf import render_pdf

    pdf = render_pdf("tables/pdf/decision_list.html", {"view": decision_list(meeting)})
    if meeting.decision_list_file:
        meeting.decision_list_file.delete(save=False)
    meeting.decision_list_file.save(
        f"besluitenlijst-{meeting.table.kind.code}-{meeting.date:%Y-%m-%d}.pdf",
        ContentFile(pdf),
        save=False,
    )
