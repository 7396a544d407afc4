"""The case file's items for the case timeline (issue 19 part 3, built by another part).

`journal_items(case, user)` and `document_items(case, user)` are one query each, through the
door (`visible_to`: the case file, then the item's audience), and return plain `TimelineItem`s
the timeline merges with the other sources, newest first; given a `limit` they read only the
newest rows (and, `with_total`, count all of them in the same query). `request_items` tells
the documents asked of partners.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, Count, F, Value, Window
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.urls import reverse

from casefile.models import (
    Document,
    DocumentKind,
    DocumentRequest,
    JournalEntry,
    JournalKind,
    RequestStatus,
)
from zvhd import formats


@dataclass(frozen=True)
class TimelineItem:
    when: datetime
    kind: str  # "journaal" or "document"
    title: str  # "Huisbezoek", "Rapport: Rapport reclassering"
    actor: str  # the author's full name
    url: str
    corrected: bool = False
    pk: int = 0


class Items(list):
    """Items, and how many there are in all when only the newest were asked (`total`)."""

    total: int = 0


def _newest(rows, limit: int | None) -> tuple[list, int]:
    """The first `limit` rows and the number of rows in all, in one query: a window count
    (`COUNT(*) OVER ()`) taken before the LIMIT, as the last value of each row."""
    if not limit:
        found = list(rows)
        return found, len(found)
    counted = list(rows.annotate(total=Window(Count("*")))[:limit])
    return [row[:-1] for row in counted], (counted[0][-1] if counted else 0)


def _full_name(prefix: str):
    return Coalesce(
        NullIf(
            Trim(
                Concat(
                    f"{prefix}__first_name",
                    Value(" "),
                    f"{prefix}__last_name",
                    output_field=CharField(),
                )
            ),
            Value(""),
        ),
        F(f"{prefix}__username"),
        output_field=CharField(),
    )


def journal_items(case, user, limit: int | None = None, with_total: bool = False) -> Items:
    rows = (
        JournalEntry.objects.visible_to(user)
        .filter(case=case)
        .order_by("-occurred_at", "-id")
        .annotate(actor=_full_name("author"))
        .values_list("pk", "occurred_at", "kind", "actor", "corrected_at")
    )
    if with_total:
        rows, total = _newest(rows, limit)
    elif limit:
        rows = rows[:limit]
    labels = dict(JournalKind.choices)
    url = reverse("casefile:journal", args=[case.pk])
    items = Items(
        TimelineItem(
            when=when,
            kind="journaal",
            title=str(labels.get(kind, kind)),
            actor=actor,
            url=f"{url}#regel-{pk}",
            corrected=corrected is not None,
            pk=pk,
        )
        for pk, when, kind, actor, corrected in rows
    )
    items.total = total if with_total else len(items)
    return items


def document_items(case, user, limit: int | None = None, with_total: bool = False) -> Items:
    rows = (
        Document.objects.visible_to(user)
        .filter(case=case, destroyed_at__isnull=True)
        .order_by("-created_at", "-id")
        .annotate(actor=_full_name("author"))
        .values_list("pk", "created_at", "kind", "title", "actor")
    )
    if with_total:
        rows, total = _newest(rows, limit)
    elif limit:
        rows = rows[:limit]
    labels = dict(DocumentKind.choices)
    url = reverse("casefile:documents", args=[case.pk])
    items = Items(
        TimelineItem(
            when=when,
            kind="document",
            title=f"{labels.get(kind, kind)}: {title}",
            actor=actor,
            url=f"{url}#document-{pk}",
            pk=pk,
        )
        for pk, when, kind, title, actor in rows
    )
    items.total = total if with_total else len(items)
    return items


def request_items(case, user):
    """Documents asked of a partner: asked, received, or no longer needed (with why), as far
    as the reader may see the request (the bureau and the organisation asked). A request
    gives up to two items, so this source gives all of them (a case has a handful)."""
    from django.utils.translation import gettext as _

    from cases import timeline as case_timeline

    label = _("Opgevraagd document")
    asked = _("Document opgevraagd bij %(org)s: %(what)s, uiterlijk %(due)s")
    received, not_needed = (
        _("Opgevraagd document ontvangen: %(what)s"),
        _("Opgevraagd document niet meer nodig: %(what)s"),
    )
    url = reverse("casefile:documents", args=[case.pk])
    rows = (
        DocumentRequest.objects.visible_to(user)
        .filter(case=case)
        .order_by("pk")
        .annotate(actor=_full_name("author"), closer=_full_name("closed_by"))
        .values(
            "pk",
            "title",
            "created_at",
            "due_on",
            "status",
            "closed_at",
            "not_needed_reason",
            "actor",
            "closer",
            "organisation__short_name",
            "organisation__name",
        )
    )
    items = []
    for row in rows:
        what = {
            "what": row["title"],
            "org": row["organisation__short_name"] or row["organisation__name"],
            "due": formats.short_date(row["due_on"]),
        }
        link = f"{url}#verzoek-{row['pk']}"
        items.append(
            case_timeline.TimelineItem(
                when=row["created_at"],
                kind=REQUEST_KIND,
                kind_label=label,
                title=asked % what,
                actor=row["actor"],
                url=link,
            )
        )
        if row["closed_at"] and row["status"] != RequestStatus.OPEN:
            items.append(
                case_timeline.TimelineItem(
                    when=row["closed_at"],
                    kind=REQUEST_KIND,
                    kind_label=label,
                    title=(received if row["status"] == RequestStatus.RECEIVED else not_needed)
                    % what,
                    actor=row["closer"] or "",
                    url=link,
                    detail=case_timeline.short(row["not_needed_reason"]),
                )
            )
    return items


REQUEST_KIND = "opgevraagd"


def register_case_timeline_sources() -> None:
    """The journal, the documents and the documents asked of partners as sources of the case
    timeline (cases.timeline), one query each (called from CasefileConfig.ready). The journal
    and the documents give only the newest items the page needs (`limited`)."""
    from django.utils.translation import gettext as _
    from django.utils.translation import gettext_lazy

    from cases import timeline as case_timeline

    def journal(case, user, limit=None):
        label = _("Logboek")
        items = journal_items(case, user, limit, with_total=True)
        return case_timeline.Batch(
            [
                case_timeline.TimelineItem(
                    when=item.when,
                    kind="logboek",
                    kind_label=label,
                    title=f"{item.title} ({_('gecorrigeerd')})" if item.corrected else item.title,
                    actor=item.actor,
                    url=item.url,
                )
                for item in items
            ],
            items.total,
        )

    def documents(case, user, limit=None):
        label = _("Document")
        items = document_items(case, user, limit, with_total=True)
        return case_timeline.Batch(
            [
                case_timeline.TimelineItem(
                    when=item.when,
                    kind="document",
                    kind_label=label,
                    title=item.title,
                    actor=item.actor,
                    url=item.url,
                )
                for item in items
            ],
            items.total,
        )

    case_timeline.register(
        "journal", journal, kinds={"logboek": gettext_lazy("Logboek")}, order=60, limited=True
    )
    case_timeline.register(
        "documents", documents, kinds={"document": gettext_lazy("Document")}, order=61, limited=True
    )
    case_timeline.register(
        "requests",
        request_items,
        kinds={REQUEST_KIND: gettext_lazy("Opgevraagd document")},
        order=62,
    )
