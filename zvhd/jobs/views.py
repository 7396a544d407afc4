"""The one status partial and the one download view of every job."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import FileResponse, Http404
from django.views import View
from django.views.generic.detail import SingleObjectMixin

from zvhd.jobs.models import JobStatus
from zvhd.views import ScopedMixin


@dataclass(frozen=True)
class JobView:
    """What the status partial shows of one job (a row, or a prefixed job on a row)."""

    status: str
    label: str
    progress: int
    step: str
    error: str
    has_file: bool
    poll_url: str = ""
    download_url: str = ""
    download_label: str = ""
    # Read to screen readers after the label only, for a table of downloads ("(lijst 4)").
    download_hint: str = ""
    start_url: str = ""
    start_label: str = ""
    # With htmx: the start button posts and swaps this element (e.g. "closest section").
    hx_target: str = ""

    @property
    def busy(self) -> bool:
        return self.status in (JobStatus.PENDING, JobStatus.RUNNING)

    @property
    def done(self) -> bool:
        return self.status == JobStatus.DONE

    @property
    def failed(self) -> bool:
        return self.status in (JobStatus.FAILED, JobStatus.NOT_QUEUED)


def job_view(obj, *, prefix: str = "", file_field: str | None = None, **urls) -> JobView:
    status = getattr(obj, prefix + "status") or ""
    file = getattr(obj, file_field or prefix + "file", None)
    return JobView(
        status=status,
        label=str(JobStatus(status).label) if status in JobStatus.values else status,
        progress=getattr(obj, prefix + "progress", 0) or 0,
        step=getattr(obj, prefix + "step", "") or "",
        error=getattr(obj, prefix + "error", "") or "",
        has_file=bool(file),
        **urls,
    )


class JobDownloadView(ScopedMixin, SingleObjectMixin, View):
    """A job's file, reached only through the model's door (404 for "not yours"), never as a
    public media URL, and written to the access log as an export."""

    log_reads = False  # the export below is the one row this download writes
    file_field = "file"
    content_type = "application/pdf"

    def get_filename(self, obj) -> str:
        return obj.filename

    def get(self, request, *args, **kwargs):
        return self.file_response(self.get_object())

    def file_response(self, obj):
        from zvhd.privacy.models import AccessAction
        from zvhd.privacy.services import log_access

        request = self.request
        file = getattr(obj, self.file_field)
        if not file:
            raise Http404
        log_access(request=request, obj=obj, action=AccessAction.EXPORT)
        return FileResponse(
            file.open("rb"),
            as_attachment=True,
            filename=self.get_filename(obj),
            content_type=self.content_type,
        )
