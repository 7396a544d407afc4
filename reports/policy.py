"""Who sees what in reports: the one table.

Read it as: a user with ROLE may do ACTION on SUBJECT within SCOPE. Roles that are not in the
table get nothing (a 403 on every reports page). The querysets' `visible_to` and the pages'
`roles` are both read from here, so the table is the only place to change.

Subjects
- dashboard: the figures pages and their CSV/XLSX exports (CHANGE: ask the worker to compute
             the stored figures again now);
- snapshot:  frozen figures of a year (make a new version, publish one);
- document:  the jaarverslag and the municipal factsheets (PDF);
- text:      the texts management writes per year (voorwoord, ontwikkelingen, ...);
- thematic:  the counts of the Veelplegersoverleg and the Leerplicht Casusoverleg.
"""

from __future__ import annotations

from zvhd.network.models import Role
from zvhd.permissions import CHANGE, VIEW

ALL = "all"
OWN_MUNICIPALITY = "own_municipality"  # the figures / factsheets of the contact's municipality

POLICY: dict[str, dict[tuple[str, str], str]] = {
    Role.MANAGER: {
        ("dashboard", VIEW): ALL,
        ("dashboard", CHANGE): ALL,  # "Nu bijwerken": the stored figures computed again
        ("snapshot", VIEW): ALL,
        ("snapshot", CHANGE): ALL,
        ("document", VIEW): ALL,
        ("document", CHANGE): ALL,
        ("text", VIEW): ALL,
        ("text", CHANGE): ALL,
        ("thematic", VIEW): ALL,
        ("thematic", CHANGE): ALL,
    },
    # Process support facilitates both thematic meetings and keeps their counts.
    Role.PROCESONDERSTEUNER: {
        ("thematic", VIEW): ALL,
        ("thematic", CHANGE): ALL,
    },
    Role.GEMEENTELIJK_CONTACTPERSOON: {
        ("dashboard", VIEW): OWN_MUNICIPALITY,
        ("document", VIEW): OWN_MUNICIPALITY,
    },
}


def scope_for(user, subject: str, action: str = VIEW) -> str | None:
    """The widest scope any of the user's roles gives for (subject, action), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    scopes = {
        rules.get((subject, action))
        for role, rules in POLICY.items()
        if user.has_role(role) and rules.get((subject, action))
    }
    if ALL in scopes:
        return ALL
    if OWN_MUNICIPALITY in scopes and getattr(user, "municipality_id", None):
        return OWN_MUNICIPALITY
    return None


def roles_for(subject: str, action: str = VIEW) -> set[str]:
    return {role for role, rules in POLICY.items() if (subject, action) in rules}
