"""The decision list's one view: start it, watch it, download it, through the model's door."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from zvhd.jobs import JobStatus
from zvhd.jobs.views import JobDownloadView
from zvhd.meetings.services import request_decision_list
from zvhd.permissions import CHANGE

STATUS_TEMPLATE = "jobs/decision_list_status.html"


class DecisionListView(JobDownloadView):
    """POST: queue the PDF (who may change the meeting). GET: its status (htmx polls this)
    or, with `?download=1` when done, the file (who may see the meeting).

    A subclass names its `model` and `meeting_url_name` (the meeting's page)."""

    file_field = "decision_list_file"
    meeting_url_name = ""

    def get_filename(self, obj) -> str:
        return obj.decision_list_filename()

    def post(self, request, *args, **kwargs):
        self.action = CHANGE
        meeting = self.get_object()
        request_decision_list(meeting=meeting, requested_by=request.user)
        if request.htmx:
            return self.status(meeting)
        messages.success(request, _("De besluitenlijst wordt gemaakt."))
        return redirect(self.meeting_url_name, meeting.pk)

    def get(self, request, *args, **kwargs):
        meeting = self.get_object()
        if request.GET.get("download") and meeting.decision_list_status == JobStatus.DONE:
            return self.file_response(meeting)
        return self.status(meeting)

    def status(self, meeting):
        return render(
            self.request,
            STATUS_TEMPLATE,
            {
                "meeting": meeting,
                "status_url": self.request.path,
                "can_start": self.allows(meeting, CHANGE),
            },
        )
