"""All writes of the reports app (CONVENTIONS rule 4): keyword-only, typed, atomic, verb first.

Slow work (freezing a year's figures, rendering a PDF) is enqueued with
`transaction.on_commit`; the task takes the row's id and is safe to run twice.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import (
    DocumentKind,
    JobStatus,
    LiveFigures,
    ReportDocument,
    ReportText,
    Section,
    Table,
    ThematicCount,
    YearSnapshot,
)
from zvhd.jobs import enqueue_on_commit, mark_failed_to_queue
from zvhd.versions import Change, Changes, EditConflict


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


def refresh_live_figures(*, year: int) -> int:
    """Compute `year`'s figures for the province and every municipality (one grouped pass,
    `reports.figures.live_figures`) and store them, replacing the previous ones in one
    statement (the worker's task; `reports.live`). Returns the number of rows stored."""
    from reports.figures import live_figures

    computed = live_figures(year)
    now = timezone.now()
    rows = [
        LiveFigures(year=year, municipality_id=pk, data=data, computed_at=now)
        for pk, data in computed.items()
    ]
    with transaction.atomic():
        LiveFigures.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["year", "municipality"],
            update_fields=["data", "computed_at"],
        )
    return len(rows)


@transaction.atomic
def save_report_text(*, year: int, section: str, text: str, saved_by) -> ReportText:
    """One section, without a form (the demo, a script): no version check, next version."""
    return save_report_texts(year=year, texts={section: text}, saved_by=saved_by)[section]


@transaction.atomic
def save_report_texts(
    *, year: int, texts: dict[str, str], saved_by, expected_versions: dict | None = None
) -> dict[str, ReportText]:
    """The sections of `year`'s report, saved as one set.

    `expected_versions` holds, per section, the version the form was opened on (0: there was
    no text yet; None or absent: no check). The year's rows are locked first; when any section
    moved on since then, nothing is saved and `TextsConflict` says which sections changed.
    """
    expected_versions = expected_versions or {}
    stored = {
        t.section: t
        for t in ReportText._base_manager.select_for_update().filter(year=year, section__in=texts)
    }

    def stored_version(section):
        return stored[section].version if section in stored else 0

    stale = {
        section: expected
        for section in texts
        if (expected := expected_versions.get(section)) is not None
        and stored_version(section) != expected
    }
    if stale:
        raise TextsConflict(year=year, stored=stored, expected=stale)
    saved = {}
    for section, text in texts.items():
        item = stored.get(section) or ReportText(year=year, section=section, version=0)
        item.version += 1
        item.text = text
        item.updated_by = saved_by
        item._history_user = saved_by
        item.full_clean(validate_constraints=False)
        if item.pk is None:
            try:
                # Another editor may create the same section at the same moment: their row
                # wins, this save is refused as a conflict (not a 500).
                with transaction.atomic():
                    item.save()
            except IntegrityError:
                row = ReportText._base_manager.get(year=year, section=section)
                raise TextsConflict(
                    year=year, stored={**stored, section: row}, expected={section: 0}
                ) from None
        else:
            item.save()
        saved[section] = item
    return saved


class TextsConflict(EditConflict):
    """Someone saved one of the year's sections after this editor opened the texts form.

    `current` holds the stored versions of all the year's sections (what the form must carry
    next, so that a second save is a deliberate one); `changes` what changed in the stale
    sections since the form was opened, from the rows' history.
    """

    def __init__(self, *, year: int, stored: dict, expected: dict):
        super().__init__(current=stored, expected=expected)
        self.year = year
        self.changes = texts_changed_since(stored, expected)


def texts_changed_since(stored: dict, expected: dict) -> Changes:
    """Per stale section: its text when the form was opened and its text now."""
    changes, latest, known = [], None, True
    labels = dict(Section.choices)
    for section, version in expected.items():
        row = stored.get(section)
        opened = ""
        if version:
            found = (
                row.history.filter(version=version).values_list("text", flat=True).first()
                if row is not None
                else None
            )
            known = known and found is not None
            opened = found or ""
        if row is not None:
            last = row.history.select_related("history_user").order_by("-history_date").first()
            if last is not None and (latest is None or last.history_date > latest.history_date):
                latest = last
        changes.append(
            Change(
                label=str(labels.get(section, section)),
                old=opened or "—",
                new=(row.text if row is not None else "") or "—",
            )
        )
    return Changes(
        changes,
        str(getattr(latest, "history_user", None) or ""),
        getattr(latest, "history_date", None),
        known=known,
    )


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
