"""`{% job_status obj ... %}`: the one status partial of every job (templates/jobs/status.html)."""

from django import template

from zvhd.jobs.views import job_view

register = template.Library()


@register.inclusion_tag("jobs/status.html", takes_context=True)
def job_status(context, obj, prefix="", file_field=None, **urls):
    """The job's state: a progress bar while it runs, the download when done, the reason when
    it failed; with `start_url`, the button that starts it (disabled while it runs)."""
    return {
        "job": job_view(obj, prefix=prefix, file_field=file_field, **urls),
        "csrf_token": context.get("csrf_token"),
        "pk": obj.pk,
        "prefix": prefix,
    }
