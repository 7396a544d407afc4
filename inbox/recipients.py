"""Who is told: recipients resolved from roles and organisations (issue 19 part 5).

"To the manager", "to process support", "to my organisation": the callers name the group,
these functions turn it into users. `notify` then drops whoever may not see the case at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from zvhd.network.models import Role, User


def with_role(*roles: str) -> list[User]:
    """Active users holding any of `roles` (e.g. the managers, process support)."""
    return list(User.objects.filter(is_active=True, groups__name__in=roles).distinct())


def managers() -> list[User]:
    return with_role(Role.MANAGER)


def process_support() -> list[User]:
    return with_role(Role.PROCESONDERSTEUNER)


def of_organisation(organisation) -> list[User]:
    """Active users of an organisation ("to my organisation"); `notify` keeps those who may
    see the case."""
    if organisation is None:
        return []
    return list(User.objects.filter(is_active=True, organisation=organisation))


def people(*users: User | None) -> list[User]:
    return [user for user in users if user is not None]


def flatten(groups: Iterable[Iterable[User | None] | User | None]) -> list[User]:
    found: list[User] = []
    for group in groups:
        if group is None:
            continue
        if isinstance(group, User):
            found.append(group)
        else:
            found.extend(user for user in group if user is not None)
    return found
