"""The writes every meeting with a decision list shares (CONVENTIONS rule 4)."""

from __future__ import annotations

from django.db import transaction

from zvhd.jobs import JobStatus, enqueue_on_commit, mark_failed_to_queue
from zvhd.versions import claim_version


@transaction.atomic
def record_attendance(
    *, meeting, recorded_by, expected_version: int | None, attendees=(), other_attendees="", **own
):
    """Who attended a meeting (people, and others by name), with any fields of its own that
    its kind records in the same form (`own`: a table's date and minutes). A stale save is
    refused (`claim_version`: EditConflict), so two editors never lose each other's work."""
    claim_version(meeting, expected_version=expected_version)
    meeting.other_attendees = other_attendees
    for name, value in own.items():
        setattr(meeting, name, value)
    meeting._history_user = recorded_by
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def request_decision_list(*, meeting, requested_by):
    """Queue the decision list PDF of `meeting` (made by its kind's task, never in the
    request); a broker that cannot be reached leaves it failed with a reason, not pending."""
    meeting.decision_list_status = JobStatus.PENDING
    meeting.decision_list_requested_by = requested_by
    meeting.decision_list_error = ""
    meeting.save(
        update_fields=["decision_list_status", "decision_list_requested_by", "decision_list_error"]
    )
    model = type(meeting)
    enqueue_on_commit(
        model.decision_list_task,
        meeting.pk,
        on_failure=mark_failed_to_queue(model, prefix="decision_list_"),
    )
    return meeting


def drop_decision_lists(meetings) -> None:
    """Delete the decision list PDFs of `meetings` (a queryset on the base manager): they
    printed what a destruction just erased. Whoever runs the meeting can make the list again,
    then without it."""
    for meeting in meetings.exclude(decision_list_file=""):
        meeting.decision_list_file.delete(save=False)
        meeting.decision_list_status = ""
        meeting.save(update_fields=["decision_list_file", "decision_list_status"])
