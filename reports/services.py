"""All writes of the reports app (CONVENTIONS rule 4): keyword-only, typed, atomic, verb first.

Slow work (freezing a year's figures, rendering a PDF) is enqueued with
`transaction.on_commit`; the task takes the row's id and is safe to run twice.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import (
    DocumentKind,
    JobStatus,
    ReportDocument,
    ReportText,
    Table,
    ThematicCount,
    YearSnapshot,
)
from zvhd.jobs import enqueue_on_commit, mark_failed_to_queue


@transaction.atomic
def request_snapshot(*, year: int, requested_by, reason: str = "") -> YearSnapshot:
    """A new version of `year`'s frozen figures; a task fills it. Earlier versions stay."""
    # Lock the year's rows so two requests at once get different version numbers.
    list(YearSnapshot._base_manager.select_for_update().filter(year=year).values_list("pk"))
    last = YearSnapshot._base_manager.filter(year=year).aggregate(v=Max("version"))["v"] or 0
    snapshot = YearSnapshot(
        year=year, version=last + 1, created_by=requested_by, reason=reason[:300]
    )
    snapshot._history_user = requested_by
    snapshot.save()
    enqueue_on_commit(
        "reports.tasks.freeze_year", snapshot.pk, on_failure=mark_failed_to_queue(YearSnapshot)
    )
    return snapshot


@transaction.atomic
def publish_snapshot(*, snapshot: YearSnapshot, published_by) -> YearSnapshot:
    """Mark `snapshot` as the published figures of its year (the previous one is unmarked).

    The figures of a published version never change; publishing only moves the mark.
    """
    snapshot = YearSnapshot._base_manager.select_for_update().get(pk=snapshot.pk)
    if snapshot.status != JobStatus.DONE:
        raise ValidationError(_("Alleen een voltooide momentopname kan worden gepubliceerd."))
    for previous in YearSnapshot._base_manager.select_for_update().filter(
        year=snapshot.year, published=True
    ):
        previous.published = False
        previous._history_user = published_by
        previous.save(update_fields=["published"])
    snapshot.published = True
    snapshot.published_by = published_by
    snapshot.published_at = timezone.now()
    snapshot._history_user = published_by
    snapshot.save(update_fields=["published", "published_by", "published_at"])
    return snapshot


@transaction.atomic
def save_report_text(*, year: int, section: str, text: str, saved_by) -> ReportText:
    item = ReportText._base_manager.filter(year=year, section=section).first()
    if item is None:
        item = ReportText(year=year, section=section)
    item.text = text
    item.updated_by = saved_by
    item._history_user = saved_by
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def record_thematic_count(
    *,
    table: str,
    year: int,
    count: int,
    entered_by,
    meeting_on=None,
    region: str = "",
    municipality=None,
    outcome: str = "",
) -> ThematicCount:
    """One count of a thematic meeting (or of a whole year). Numbers only, never persons."""
    errors = {}
    if table == Table.VEELPLEGERS and not region:
        errors["region"] = _("Kies de regio van het veelplegersoverleg.")
    if table == Table.LPCO:
        if municipality is None:
            errors["municipality"] = _("Kies de gemeente.")
        if not outcome:
            errors["outcome"] = _("Kies de afdoening.")
    if meeting_on is not None and meeting_on.year != year:
        errors["meeting_on"] = _("De datum van het overleg ligt niet in %(year)s.") % {"year": year}
    if errors:
        raise ValidationError(errors)
    item = ThematicCount(
        table=table,
        year=year,
        meeting_on=meeting_on,
        region=region if table == Table.VEELPLEGERS else "",
        municipality=municipality if table == Table.LPCO else None,
        outcome=outcome if table == Table.LPCO else "",
        count=count,
        entered_by=entered_by,
    )
    item._history_user = entered_by
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def remove_thematic_count(*, item: ThematicCount, removed_by) -> None:
    item._history_user = removed_by
    item.delete()


def _current_snapshot(year: int) -> YearSnapshot | None:
    """The published version, else the newest finished one, else None (live figures)."""
    done = YearSnapshot._base_manager.filter(year=year, status=JobStatus.DONE)
    return done.filter(published=True).first() or done.order_by("-version").first()


@transaction.atomic
def request_document(*, kind: str, year: int, requested_by, municipality=None) -> ReportDocument:
    """Ask for the jaarverslag or a factsheet; a task renders it from the year's snapshot."""
    if kind == DocumentKind.FACTSHEET and municipality is None:
        raise ValidationError({"municipality": _("Kies de gemeente van de factsheet.")})
    document = ReportDocument(
        kind=kind,
        year=year,
        municipality=municipality if kind == DocumentKind.FACTSHEET else None,
        snapshot=_current_snapshot(year),
        requested_by=requested_by,
    )
    document._history_user = requested_by
    document.save()
    # Redis down: the row says FAILED "kon niet in de wachtrij" instead of waiting forever.
    enqueue_on_commit(
        "reports.tasks.render_document",
        document.pk,
        on_failure=mark_failed_to_queue(ReportDocument),
    )
    return document
