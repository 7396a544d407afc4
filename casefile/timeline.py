"""The case file's items for the case timeline (issue 19 part 3, built by another part).

`journal_rows`, `document_rows` and `request_rows` are the case timeline's sources: one
queryset each, through the door (`visible_to`: the case file, then the item's audience), that
the timeline joins into its one query (cases.timeline); `*_item` turn the rows a page shows
into items.

`journal_items(case, user)` and `document_items(case, user)` are the same reads on their own,
one query each, returning plain items newest first (given a `limit`, only the newest rows,
and with `with_total` how many there are in all, in the same query).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, CharField, Count, F, Value, When, Window
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


def document_title(kind_label: str, title: str) -> str:
    """A document named in a timeline: its kind and title ("Rapport: Reclassering"), or the
    title alone when it starts with the kind already ("Rapport reclassering", not "Rapport:
    Rapport reclassering", seen on the demo's timeline)."""
    kind_label = str(kind_label)
    if title.casefold().startswith(kind_label.casefold()):
        return title
    return f"{kind_label}: {title}"


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
            title=document_title(labels.get(kind, kind), title),
            actor=actor,
            url=f"{url}#document-{pk}",
            pk=pk,
        )
        for pk, when, kind, title, actor in rows
    )
    items.total = total if with_total else len(items)
    return items


REQUEST_KIND = "opgevraagd"
ASKED, CLOSED = "asked", "closed"


# The case timeline's sources (cases.timeline): one queryset each, through the door
# (`visible_to`: the case file, then the item's audience), in the timeline's one query.


def journal_rows(case, user, wanted=None):
    from cases import timeline as case_timeline

    return [
        case_timeline.shape(
            JournalEntry.objects.visible_to(user).filter(case=case),
            at="occurred_at",
            kind="logboek",
            tie=case_timeline.newest_first(),
            actor="author",
            a="kind",
            b=Case(When(corrected_at__isnull=False, then=Value("1")), default=Value("")),
        )
    ]


def journal_item(case):
    from django.utils.translation import gettext as _

    from cases import timeline as case_timeline

    label, corrected = _("Logboek"), _("gecorrigeerd")
    labels = {code: str(name) for code, name in JournalKind.choices}
    url = reverse("casefile:journal", args=[case.pk])

    def item(row):
        title = labels.get(row.a, row.a)
        return case_timeline.TimelineItem(
            when=row.at,
            kind="logboek",
            kind_label=label,
            title=f"{title} ({corrected})" if row.b else title,
            actor=row.actor,
            url=f"{url}#regel-{row.pk}",
        )

    return item


def document_rows(case, user, wanted=None):
    from cases import timeline as case_timeline

    return [
        case_timeline.shape(
            Document.objects.visible_to(user).filter(case=case, destroyed_at__isnull=True),
            at="created_at",
            kind="document",
            tie=case_timeline.newest_first(),
            actor="author",
            a="kind",
            b="title",
        )
    ]


def document_item(case):
    from django.utils.translation import gettext as _

    from cases import timeline as case_timeline

    label = _("Document")
    labels = {code: str(name) for code, name in DocumentKind.choices}
    url = reverse("casefile:documents", args=[case.pk])

    def item(row):
        return case_timeline.TimelineItem(
            when=row.at,
            kind="document",
            kind_label=label,
            title=document_title(labels.get(row.a, row.a), row.b),
            actor=row.actor,
            url=f"{url}#document-{row.pk}",
        )

    return item


def request_rows(case, user, wanted=None):
    """Documents asked of a partner: asked, and received or no longer needed (with why), as
    far as the reader may see the request (the bureau and the organisation asked): two
    events of one record."""
    from cases import timeline as case_timeline

    rows = DocumentRequest.objects.visible_to(user).filter(case=case)
    common = {
        "kind": REQUEST_KIND,
        "b": "title",
        "c": case_timeline.organisation_name("organisation"),
        "d": case_timeline.as_text("due_on"),
    }
    return [
        case_timeline.shape(
            rows,
            at="created_at",
            tie=case_timeline.in_order(0),
            actor="author",
            a=Value(ASKED),
            **common,
        ),
        case_timeline.shape(
            rows.filter(closed_at__isnull=False).exclude(status=RequestStatus.OPEN),
            at="closed_at",
            tie=case_timeline.in_order(1),
            actor="closed_by",
            a="status",
            e="not_needed_reason",
            **common,
        ),
    ]


def request_item(case):
    from django.utils.translation import gettext as _

    from cases import timeline as case_timeline

    label = _("Opgevraagd document")
    asked = _("Document opgevraagd bij %(org)s: %(what)s, uiterlijk %(due)s")
    received, not_needed = (
        _("Opgevraagd document ontvangen: %(what)s"),
        _("Opgevraagd document niet meer nodig: %(what)s"),
    )
    url = reverse("casefile:documents", args=[case.pk])

    def item(row):
        what = {"what": row.b, "org": row.c, "due": case_timeline.day(row.d)}
        if row.a == ASKED:
            title, detail = asked % what, ""
        else:
            title = (received if row.a == RequestStatus.RECEIVED else not_needed) % what
            detail = case_timeline.short(row.e)
        return case_timeline.TimelineItem(
            when=row.at,
            kind=REQUEST_KIND,
            kind_label=label,
            title=title,
            actor=row.actor,
            url=f"{url}#verzoek-{row.pk}",
            detail=detail,
        )

    return item


def register_case_timeline_sources() -> None:
    """The journal, the documents and the documents asked of partners as sources of the case
    timeline (cases.timeline), called from CasefileConfig.ready."""
    from django.utils.translation import gettext_lazy

    from cases import timeline as case_timeline

    for name, rows, build, kind, label, order in (
        ("journal", journal_rows, journal_item, "logboek", gettext_lazy("Logboek"), 60),
        ("documents", document_rows, document_item, "document", gettext_lazy("Document"), 61),
        (
            "requests",
            request_rows,
            request_item,
            REQUEST_KIND,
            gettext_lazy("Opgevraagd document"),
            62,
        ),
    ):
        case_timeline.register(name, rows=rows, build=build, kinds={kind: label}, order=order)
