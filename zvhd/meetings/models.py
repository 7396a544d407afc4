"""The abstract meeting with a decision list (see zvhd/meetings/__init__.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zvhd.jobs.models import JobStatus

# The job's own fields: written by the runner and the service, not by people; a model's
# history leaves them out (HistoricalRecords(excluded_fields=DECISION_LIST_JOB_FIELDS)).
DECISION_LIST_JOB_FIELDS = ["decision_list_status", "decision_list_file", "decision_list_error"]


def decision_list_upload_to(instance, filename: str) -> str:
    """The PDF goes to the folder its kind names (`decision_list_folder`), as before."""
    return f"{instance.decision_list_folder}/{filename}"


class DecisionListMeeting(models.Model):
    """A meeting on a date, its attendance and its decision list PDF (prefix `decision_list_`
    on the job kernel: `zvhd.jobs.run_job(..., prefix="decision_list_")`)."""

    decision_list_folder = "besluitenlijsten"
    decision_list_task = ""
    decision_list_template = ""

    date = models.DateField(_("datum"))
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("aanwezig"), blank=True, related_name="+"
    )
    other_attendees = models.CharField(_("overige aanwezigen"), max_length=500, blank=True)
    # The decision list PDF, made by a task (never in a request).
    decision_list_status = models.CharField(
        max_length=10, choices=JobStatus.choices, blank=True, default=JobStatus.NONE
    )
    decision_list_file = models.FileField(upload_to=decision_list_upload_to, blank=True)
    decision_list_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_list_error = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def planned(self) -> bool:
        """Still to come: no decisions and no decision list before its day (the services
        refuse a decision; the pages offer none; a ketenkamer takes no attendance either).
        From its day on it counts as held. The Drieluik, not a meeting of this kind, has its
        own (`trafficking.models.DrieluikMeeting.planned`)."""
        return self.date > timezone.localdate()

    def decision_list_view(self):
        """The view-model `decision_list_template` renders (plain data, no querysets)."""
        raise NotImplementedError

    def decision_list_filename(self) -> str:
        raise NotImplementedError
