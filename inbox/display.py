"""What a reader sees of their notifications: made at display time, through the door.

A notification stores references only. For a page of them this asks the door what the
reader may see *now*: the cases (`visible_to(user, "view")` of the case model, one query
that also reads their numbers and status) and the records they are about (`visible_to` of each
record's model, one query per kind of record on the page). A notification whose case the
reader can no longer see shows a neutral line: no case number, no sentence, no link. One whose
record the reader can no longer see names the case only and links to its summary. So a
notification never shows more than its reader may see, and never links to a 404.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from inbox.kinds import SPECS
from inbox.models import Notification
from zvhd.permissions import VIEW

NEUTRAL = "Melding over een casus die u niet (meer) kunt inzien."


@dataclass
class Entry:
    id: int
    kind_label: str
    sentence: str
    case_number: str
    case_status: str
    url: str
    actor: str
    created_at: datetime
    unread: bool
    visible: bool


def _case_model():
    return Notification._meta.get_field("case").related_model


def visible_cases(user, case_ids) -> dict[int, tuple[str, str]]:
    """{case id: (number, status label)} of the cases `user` may see (one query)."""
    if not case_ids:
        return {}
    model = _case_model()
    status_labels = dict(model._meta.get_field("status").choices)
    rows = (
        model._default_manager.visible_to(user, VIEW)
        .filter(pk__in=case_ids)
        .values_list("pk", "number", "status")
    )
    return {pk: (number, str(status_labels.get(status, ""))) for pk, number, status in rows}


def visible_targets(user, notifications) -> set[tuple[int, int]]:
    """(content type id, object id) of the records `user` may see (one query per model)."""
    by_type = defaultdict(set)
    cases_by_type = defaultdict(set)
    types = {}
    for n in notifications:
        if n.target_type_id and n.target_id:
            by_type[n.target_type_id].add(n.target_id)
            cases_by_type[n.target_type_id].add(n.case_id)
            types[n.target_type_id] = n.target_type
    seen = set()
    for type_id, ids in by_type.items():
        model = types[type_id].model_class()
        if model is None:
            continue
        manager = model._default_manager
        queryset = manager.visible_to(user, VIEW) if hasattr(manager, "visible_to") else None
        if queryset is None:
            continue  # an unguarded model is never shown: nothing to check it against
        queryset = queryset.filter(pk__in=ids)
        cases = cases_by_type[type_id]
        if getattr(queryset, "parent_path", None) == "case" and None not in cases:
            # A record of a case (a journal entry, a document) is about its notification's
            # case: saying so only narrows, and lets PostgreSQL start from these few cases
            # instead of every case the reader may see (issue 24: a partner on 1,601 teams,
            # 131 -> 27 ms).
            queryset = queryset.filter(case_id__in=cases)
        seen |= {(type_id, pk) for pk in queryset.values_list("pk", flat=True)}
    return seen


def _url(url_name: str, case_id: int, anchor: str = "") -> str:
    try:
        return reverse(url_name, args=[case_id]) + (f"#{anchor}" if anchor else "")
    except NoReverseMatch:
        return reverse("cases:case_detail", args=[case_id])


def entries(user, notifications: list[Notification]) -> list[Entry]:
    """The page's notifications as the reader may see them now."""
    cases = visible_cases(user, {n.case_id for n in notifications if n.case_id})
    targets = visible_targets(user, notifications)
    found = []
    for n in notifications:
        spec = SPECS.get(n.kind)
        label = str(n.get_kind_display())
        actor = n.actor.get_full_name() or n.actor.get_username() if n.actor else ""
        common = {"id": n.pk, "created_at": n.created_at, "unread": n.read_at is None}
        if n.case_id and n.case_id not in cases:
            found.append(
                Entry(
                    kind_label=_("Melding"),
                    sentence=_(NEUTRAL),
                    case_number="",
                    case_status="",
                    url="",
                    actor="",
                    visible=False,
                    **common,
                )
            )
            continue
        number, status = cases.get(n.case_id, ("", ""))
        target_ok = n.target_type_id is None or (n.target_type_id, n.target_id) in targets
        if spec is None:
            sentence, url = label, ""
        elif target_ok:
            sentence = str(spec.sentence)
            if not spec.case_in_url:
                url = reverse(spec.url_name) + (f"#{spec.anchor}" if spec.anchor else "")
            else:
                url = _url(spec.url_name, n.case_id, spec.anchor) if n.case_id else ""
        elif n.case_id:
            # The record itself is out of reach now: the case's summary only.
            sentence = _("Melding over deze casus.")
            url = reverse("cases:case_detail", args=[n.case_id])
        else:
            # A record outside any case (a table's action) that is out of reach now.
            sentence, url = _("Melding over een gegeven dat u niet (meer) kunt inzien."), ""
        found.append(
            Entry(
                kind_label=label,
                sentence=sentence,
                case_number=number,
                case_status=status,
                url=url,
                actor=actor,
                visible=True,
                **common,
            )
        )
    return found


def entry(user, notification: Notification) -> Entry:
    return entries(user, [notification])[0]
