"""Who sees what in the person register: one table, read by the querysets' `visible_to`.

- view:   a person's page. A person is visible when one of their records is, by the rule of
          that record's app (persons.registry): need to know follows the records, not the
          register.
- change: add household and system links, names and addresses: bureau staff who see the person.
- search: the "already known?" search (intake, aftercare notification, the search page):
          ZVHD staff, as the duplicate check of the cases app (cases.policy
          DUPLICATE_CHECK_ROLES). Partners, liaisons and municipal contacts get nothing of it.
- dedupe: the list of likely duplicates and merging: the functioneel beheerder and the manager,
          never about a person in a secret register (trafficking) whose identity they may not
          see there.
"""

from __future__ import annotations

from django.db.models import Q

from zvhd.network.models import BUREAU_ROLES, Role
from zvhd.permissions import CHANGE, VIEW

SEARCH = "search"
DEDUPE = "dedupe"

SEARCH_ROLES = frozenset(BUREAU_ROLES)
CHANGE_ROLES = frozenset(BUREAU_ROLES)
DEDUPE_ROLES = frozenset({Role.MANAGER, Role.FUNCTIONEEL_BEHEERDER})


def _visible(user) -> Q | None:
    from persons.registry import kinds

    condition = None
    for kind in kinds():
        ids = kind.person_ids(user)
        if ids is None:
            continue
        q = Q(pk__in=ids)
        condition = q if condition is None else condition | q
    return condition


def _hidden_secrets(user) -> Q:
    """Persons in a secret register whose identity there the user may not see."""
    from persons.registry import kinds

    hidden = Q(pk__in=[])
    for kind in kinds():
        if not kind.secret:
            continue
        visible = kind.person_ids(user)
        everyone = kind.all_person_ids()
        if visible is not None:
            hidden |= Q(pk__in=everyone) & ~Q(pk__in=visible)
        else:
            hidden |= Q(pk__in=everyone)
    return hidden


def person_filter(user, action: str = VIEW) -> Q | None:
    if not user.is_authenticated or not user.is_active:
        return None
    if action == VIEW:
        return _visible(user)
    if action == CHANGE:
        return _visible(user) if user.has_role(*CHANGE_ROLES) else None
    if action == DEDUPE:
        return ~_hidden_secrets(user) if user.has_role(*DEDUPE_ROLES) else None
    return None


def may_search(user) -> bool:
    return user.is_authenticated and user.has_role(*SEARCH_ROLES)


def merge_allowed(user) -> bool:
    return user.is_authenticated and user.has_role(*DEDUPE_ROLES)


def sees_secret(user) -> bool:
    """Whether the user may see identities in every secret register (for merges)."""
    from persons.registry import kinds

    return all(kind.person_ids(user) is not None for kind in kinds() if kind.secret)
