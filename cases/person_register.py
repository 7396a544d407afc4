"""The cases app's part in the person register (persons.registry): which register persons a
reader may see through cases, and what a hit shows of a case.

A case is in scope when the reader may see its person's name (`cases.policy.names_filter`, the
case file); out of scope, the reader learns only "bekend bij ZVHD" and whom to contact.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from cases.models import Case, Person
from cases.policy import names_filter
from persons.registry import RecordKind, RecordRef


def person_ids(user):
    condition = names_filter(user)
    if condition is None:
        return None
    return Case.objects.filter(condition).values("person__registered_person")


def all_person_ids():
    return Person.objects.exclude(registered_person=None).values("registered_person")


def _contact(case) -> str:
    if case.director_id:
        return _("%(name)s (procesregisseur)") % {"name": case.director.get_full_name()}
    return _("het bureau van het ZVHD (procesondersteuning)")


def _ref(case, in_scope: bool) -> RecordRef:
    return RecordRef(
        person_id=case.person.registered_person_id,
        kind="cases",
        label=_("Casus %(number)s") % {"number": case.number} if in_scope else "",
        status=case.get_status_display() if in_scope else "",
        url=reverse("cases:case_detail", args=[case.pk]) if in_scope else "",
        in_scope=in_scope,
        contact="" if in_scope else _contact(case),
    )


def records(ids, user, *, window: slice | None = None) -> list[RecordRef]:
    """The cases of the persons `ids`, newest first: all of them (a search hit), or with a
    `window` only those in scope, that slice of them (a person's page, issue 24)."""
    condition = names_filter(user)
    cases = (
        Case.objects.filter(person__registered_person__in=ids)
        .select_related("person", "director")
        .only(
            "pk",
            "number",
            "status",
            "person__registered_person",
            "director__first_name",
            "director__last_name",
            "director__username",
        )
        .order_by("-registered_at", "-pk")
    )
    if window is not None:
        if condition is None:
            return []
        return [_ref(case, True) for case in cases.filter(condition)[window]]
    visible = (
        set(
            Case.objects.filter(condition, person__registered_person__in=ids).values_list(
                "pk", flat=True
            )
        )
        if condition is not None
        else set()
    )
    return [_ref(case, case.pk in visible) for case in cases]


KIND = RecordKind(
    key="cases",
    title="Casussen",
    person_ids=person_ids,
    records=records,
    all_person_ids=all_person_ids,
    pointers=((Person, "registered_person"),),
)
