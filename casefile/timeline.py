"""The case file's items for the case timeline (issue 19 part 3, built by another part).

`journal_items(case, user)` and `document_items(case, user)` are one query each, through the
door (`visible_to`: the case file, then the item's audience), and return plain `TimelineItem`s
the timeline merges with the other sources, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.urls import reverse

from casefile.models import Document, DocumentKind, JournalEntry, JournalKind


@dataclass(frozen=True)
class TimelineItem:
    when: datetime
    kind: str  # "journaal" or "document"
    title: str  # "Huisbezoek", "Rapport: Rapport reclassering"
    actor: str  # the author's full name
    url: str
    corrected: bool = False
    pk: int = 0


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


def journal_items(case, user, limit: int | None = None) -> list[TimelineItem]:
    rows = (
        JournalEntry.objects.visible_to(user)
        .filter(case=case)
        .order_by("-occurred_at", "-id")
        .annotate(actor=_full_name("author"))
        .values_list("pk", "occurred_at", "kind", "actor", "corrected_at")
    )
    if limit:
        rows = rows[:limit]
    labels = dict(JournalKind.choices)
    url = reverse("casefile:journal", args=[case.pk])
    return [
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
    ]


def document_items(case, user, limit: int | None = None) -> list[TimelineItem]:
    rows = (
        Document.objects.visible_to(user)
        .filter(case=case, destroyed_at__isnull=True)
        .order_by("-created_at", "-id")
        .annotate(actor=_full_name("author"))
        .values_list("pk", "created_at", "kind", "title", "actor")
    )
    if limit:
        rows = rows[:limit]
    labels = dict(DocumentKind.choices)
    url = reverse("casefile:documents", args=[case.pk])
    return [
        TimelineItem(
            when=when,
            kind="document",
            title=f"{labels.get(kind, kind)}: {title}",
            actor=actor,
            url=f"{url}#document-{pk}",
            pk=pk,
        )
        for pk, when, kind, title, actor in rows
    ]


def register_case_timeline_sources() -> None:
    """The journal and the documents as sources of the case timeline (cases.timeline), one
    query each (called from CasefileConfig.ready)."""
    from django.utils.translation import gettext as _
    from django.utils.translation import gettext_lazy

    from cases import timeline as case_timeline

    def journal(case, user):
        label = _("Logboek")
        return [
            case_timeline.TimelineItem(
                when=item.when,
                kind="logboek",
                kind_label=label,
                title=f"{item.title} ({_('gecorrigeerd')})" if item.corrected else item.title,
                actor=item.actor,
                url=item.url,
            )
            for item in journal_items(case, user)
        ]

    def documents(case, user):
        label = _("Document")
        return [
            case_timeline.TimelineItem(
                when=item.when,
                kind="document",
                kind_label=label,
                title=item.title,
                actor=item.actor,
                url=item.url,
            )
            for item in document_items(case, user)
        ]

    case_timeline.register("journal", journal, kinds={"logboek": gettext_lazy("Logboek")}, order=60)
    case_timeline.register(
        "documents", documents, kinds={"document": gettext_lazy("Document")}, order=61
    )
