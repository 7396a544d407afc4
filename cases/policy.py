"""Who sees what in cases: the one table (issue 3, point 10).

Read it as: a user with ROLE may do ACTION on the cases in any of the SCOPES listed. A user with
several roles gets the union. Roles that are not in the table (finance, functioneel beheer,
privacy officer) get nothing: their work needs no case content.

Actions
- view:     the case summary (number, status, kind, municipality, director, dates); also what a
            list shows and what the duplicate check at intake needs;
- details:  the case file (person, registration, problem areas, plan, meetings, actions,
            history); enrichment is filtered further by its own sharing (see `enrichment_filter`);
- screen:   check a registration for completeness and put it on the ketenkamer agenda;
- enrich:   add what one's organisation knows;
- triage:   record the ketenkamer's decision (the director, process support who keeps
            the ketenkamer's minutes, the manager);
- change:   direct the case (team, plan, meetings, actions, escalation, closing, reopening).

`cases.models.CaseQuerySet.visible_to` is the only caller; views and services never ask roles.

Outside the table, one more action on cases and enrichment items:
- exchanges: the register of exchanges (issue 20 part 2): per registration and enrichment item
            who provided it, from which organisation, under which legal basis and for what
            purpose, never its content. Only the privacy officer (`EXCHANGES_ROLES`), for
            every case: supervising the exchanges is her task, reading the files is not.
"""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BooleanField, F, Func, Q

from zvhd.network.models import Role
from zvhd.permissions import CHANGE, VIEW

DETAILS = "details"
SCREEN = "screen"
ENRICH = "enrich"
TRIAGE = "triage"
DIRECT = CHANGE
# Not an action of the table: the level of "who the case is about" (name and birth date) in
# lists, searches and the summary. It is exactly DETAILS (see `names_filter`).
NAMES = "names"
EXCHANGES = "exchanges"

ALL = "all"  # every case
OWN = "own"  # the user is the case's director, support or guide
TEAM = "team"  # the user is in the case team
TRIAGE_QUEUE = "triage_queue"  # registrations not decided yet
ORGANISATION_INVOLVED = "organisation_involved"  # user's organisation is on the team or invited
REGISTERED_BY_ORGANISATION = "registered_by_organisation"  # user's organisation registered it
MUNICIPALITY = "municipality"  # the case's municipality is the one the user follows

BUREAU_SUMMARY = {VIEW: [ALL], DETAILS: [OWN], DIRECT: [OWN]}

POLICY: dict[str, dict[str, list[str]]] = {
    Role.MANAGER: {
        VIEW: [ALL],
        DETAILS: [ALL],
        SCREEN: [TRIAGE_QUEUE],
        TRIAGE: [TRIAGE_QUEUE],
        DIRECT: [ALL],
    },
    Role.PROCESREGISSEUR: {
        VIEW: [ALL],
        DETAILS: [OWN, TRIAGE_QUEUE],
        SCREEN: [TRIAGE_QUEUE],
        TRIAGE: [TRIAGE_QUEUE],
        DIRECT: [OWN],
    },
    # Process support prepares the ketenkamer and keeps its minutes, so it records the
    # ketenkamer's decisions as well as the director does (issue 23: a 403 before).
    Role.PROCESONDERSTEUNER: {
        VIEW: [ALL],
        DETAILS: [OWN, TRIAGE_QUEUE],
        SCREEN: [TRIAGE_QUEUE],
        TRIAGE: [TRIAGE_QUEUE],
        DIRECT: [OWN],
    },
    Role.TRAJECTBEGELEIDER: BUREAU_SUMMARY,
    Role.NAZORGCOORDINATOR: BUREAU_SUMMARY,
    Role.KETENREGISSEUR_MENSENHANDEL: BUREAU_SUMMARY,
    Role.LIAISON: {
        VIEW: [TRIAGE_QUEUE, ORGANISATION_INVOLVED],
        DETAILS: [TRIAGE_QUEUE, ORGANISATION_INVOLVED],
        ENRICH: [TRIAGE_QUEUE, ORGANISATION_INVOLVED],
    },
    Role.PARTNERPROFESSIONAL: {
        VIEW: [REGISTERED_BY_ORGANISATION, TEAM],
        DETAILS: [TEAM],
    },
    Role.GEMEENTELIJK_CONTACTPERSOON: {
        VIEW: [MUNICIPALITY],
    },
}

# Who may register a case in the browser (for themselves or on someone's behalf).
REGISTER_ROLES = {
    Role.PARTNERPROFESSIONAL,
    Role.LIAISON,
    Role.PROCESREGISSEUR,
    Role.PROCESONDERSTEUNER,
    Role.MANAGER,
    Role.TRAJECTBEGELEIDER,
    Role.NAZORGCOORDINATOR,
    Role.KETENREGISSEUR_MENSENHANDEL,
}
# Roles that hold a triage action in POLICY (for the ketenkamer page's buttons).
TRIAGE_ROLES = {role for role, actions in POLICY.items() if TRIAGE in actions}
# Roles that reach the registrations awaiting triage: the triage page and its start panel,
# and the ketenkamer's attendees.
TRIAGE_QUEUE_ROLES = frozenset(
    role
    for role, actions in POLICY.items()
    if any(TRIAGE_QUEUE in scopes for scopes in actions.values())
)
# Who sees at intake whether the person is already known (the duplicate check): whoever sees
# the summary of every case.
DUPLICATE_CHECK_ROLES = frozenset(
    role for role, actions in POLICY.items() if ALL in actions.get(VIEW, ())
)
# Who may be named a case's process director (the director lists of forms and filters).
DIRECTOR_ROLES = (Role.PROCESREGISSEUR, Role.MANAGER)
# The ketenkamer pages: attendees read, whoever screens registrations prepares and records.
# The role is half of the ketenkamer's door; the other half is a seat at the ketenkamer's
# table (the tables app: `cases.extensions.sits_at_ketenkamer`).
KETENKAMER = {
    VIEW: set(TRIAGE_QUEUE_ROLES),
    CHANGE: {role for role, actions in POLICY.items() if SCREEN in actions},
}
# The register of exchanges (who provided what under which basis): the privacy officer.
EXCHANGES_ROLES = {Role.PRIVACY_OFFICER}
# The list of legal bases (reference data): the functioneel beheerder keeps it.
LEGAL_BASIS_ROLES = {Role.FUNCTIONEEL_BEHEERDER}
# Group approach pages.
GROUPS = {
    VIEW: {Role.MANAGER, Role.PROCESREGISSEUR, Role.PROCESONDERSTEUNER, Role.TRAJECTBEGELEIDER},
    CHANGE: {Role.MANAGER, Role.PROCESREGISSEUR},
}


class EqualsAny(Func):
    """`lhs = ANY(rhs)`: the value is in the array (an ArraySubquery)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        lhs, lhs_params = compiler.compile(self.source_expressions[0])
        rhs, rhs_params = compiler.compile(self.source_expressions[1])
        return f"({lhs} = ANY({rhs}))", (*lhs_params, *rhs_params)


def pk_in(ids) -> Q:
    """The rows whose primary key is among `ids` (a one-column values() queryset), written
    `id = ANY(ARRAY(SELECT ...))` rather than `id IN (SELECT ...)`.

    The same rows; but PostgreSQL reads an array from an init plan through the primary key,
    so a scope OR-ed with other indexed conditions (the director, the organisation) stays a
    bitmap of index scans. An IN subquery is a filter, and with it a partner's count or list
    read every case of the million (issue 24: the partner's start-panel count 0.38 s -> 0.11 s,
    the director's 0.63 s -> 0.10 s at 1M cases).

    The same ids once more as `id IN (SELECT ...)`, before the array: where PostgreSQL reads
    the cases through another index (the triage queue's, by registration date) and tests each
    row against the scope, the array is compared element by element (an array from a subquery
    is never hashed), which for 15,000 waiting registrations and a partner on 1,600 teams took
    170 ms; the IN is a hashed subplan that turns away a case not in it at once, and the array
    then only confirms the few that are (33 ms; the bitmap scans above are unchanged).
    """
    return Q(pk__in=ids) & Q(EqualsAny(F("pk"), ArraySubquery(ids)))


def _scope(name: str, user) -> Q | None:
    from cases.models import TRIAGE_STATUSES, Case, CaseUserObjectPermission, TeamMember

    if name == ALL:
        return Q()
    if name == OWN:
        return Q(director=user) | Q(support=user) | Q(guide=user)
    if name == TEAM:
        # Granted by services.add_team_member through django-guardian (direct FK table).
        granted = CaseUserObjectPermission.objects.filter(
            user=user, permission__codename="view_case", permission__content_type__app_label="cases"
        )
        return pk_in(granted.values("content_object_id"))
    if name == TRIAGE_QUEUE:
        return Q(status__in=TRIAGE_STATUSES)
    if name == ORGANISATION_INVOLVED:
        if not user.organisation_id:
            return None
        invited = Case.invited_organisations.through.objects.filter(
            organisation_id=user.organisation_id
        ).values("case_id")
        on_team = TeamMember.objects.filter(organisation_id=user.organisation_id).values("case_id")
        return pk_in(invited) | pk_in(on_team)
    if name == REGISTERED_BY_ORGANISATION:
        return Q(registering_organisation_id=user.organisation_id) if user.organisation_id else None
    if name == MUNICIPALITY:
        return Q(municipality_id=user.municipality_id) if user.municipality_id else None
    raise ValueError(f"Unknown scope {name!r}")


def scopes_for(user, action: str) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    names: set[str] = set()
    for role in user.role_names:
        names.update(POLICY.get(role, {}).get(action, []))
    return names


def case_filter(user, action: str = VIEW) -> Q | None:
    """The condition on Case for `user` and `action`; None means nothing at all."""
    names = scopes_for(user, action)
    if ALL in names:
        return Q()
    condition = None
    for name in sorted(names):
        q = _scope(name, user)
        if q is None:
            continue
        condition = q if condition is None else condition | q
    return condition


def triage_queue_filter(user, action: str = VIEW) -> Q | None:
    """`case_filter` for the registrations awaiting triage only (the caller filters on the
    triage statuses). Whoever's scope for `action` holds the triage queue reaches every one of
    them, so no scope is written at all: `status IN (aangemeld, in_triage) OR <teams>` next to
    `status = in_triage` is true for every such row, but PostgreSQL multiplies the two status
    selectivities and, estimating a hundredth of the queue, sorts all of it instead of reading
    the oldest registrations from the queue's partial index (issue 24: the liaisons' ketenkamer
    agenda 161 ms at 10,000 waiting registrations)."""
    names = scopes_for(user, action)
    if ALL in names or TRIAGE_QUEUE in names:
        return Q()
    return case_filter(user, action)


def enrichment_filter(user) -> Q:
    """Within a case file: bureau staff read every item; others their own organisation's items
    and what the source shared with the case team."""
    if user.is_bureau_staff:
        return Q()
    return Q(shared_with="team") | Q(source_organisation_id=user.organisation_id)


def actions_filter(user) -> Q:
    """Partner professionals see the actions of their own organisation or themselves."""
    if user.is_bureau_staff or user.has_role(Role.LIAISON):
        return Q()
    return Q(owner=user) | Q(owner_organisation_id=user.organisation_id)


def exchanges_allowed(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_role(*EXCHANGES_ROLES)


def ketenkamer_allowed(user, action: str = VIEW) -> bool:
    return user.is_authenticated and user.has_role(*KETENKAMER.get(action, set()))


def group_allowed(user, action: str = VIEW) -> bool:
    return user.is_authenticated and user.has_role(*GROUPS.get(action, set()))


CASE_ACTIONS = (DETAILS, SCREEN, ENRICH, TRIAGE, DIRECT)


def permission_annotations(user) -> dict:
    """`can_<action>` for every action of the table, as annotations on a Case queryset, so the
    page's buttons are answered in the query that reads the case itself."""
    from django.db.models import BooleanField, ExpressionWrapper, Value

    annotations = {}
    for action in CASE_ACTIONS:
        condition = case_filter(user, action)
        if condition is None:
            annotations[f"can_{action}"] = Value(False)
        elif not condition:  # Q(): every case
            annotations[f"can_{action}"] = Value(True)
        else:
            annotations[f"can_{action}"] = ExpressionWrapper(condition, output_field=BooleanField())
    return annotations


def permissions_of(case) -> dict[str, bool]:
    """The `can_<action>` annotations of a case read with `permission_annotations`."""
    return {action: bool(getattr(case, f"can_{action}")) for action in CASE_ACTIONS}


def case_permissions(user, case_pk: int) -> dict[str, bool]:
    """Every action of the table for one case, answered in one query (for the page's buttons)."""
    from cases.models import Case

    annotations = permission_annotations(user)
    row = Case.objects.filter(pk=case_pk).annotate(**annotations).values(*annotations).first()
    return {name[4:]: bool(row and row[name]) for name in annotations}


def named_column(names: Q | None):
    """`names_filter(user)` as an expression for a list's rows: True where the user may see
    who the case is about. Read with the rows, as the condition itself evaluated on each row
    (no second query per page); every scope of this module is a field of the case or a `pk_in`
    array, so it adds no join. (An EXISTS on the case itself was planned as a hashed subquery
    over every case the user may name, twice: 0.5 s a page at 1M cases for a director, issue
    24.)"""
    from django.db.models import BooleanField, ExpressionWrapper, Value

    if names is None:
        return Value(False)
    if not names:  # Q(): every case
        return Value(True)
    return ExpressionWrapper(names, output_field=BooleanField())


def names_filter(user) -> Q | None:
    """The cases whose person (name, birth date) `user` sees in lists, searches and summaries.

    The same cases as the file (DETAILS): need to know follows the role *and* the involvement
    (DOMAIN.md), and a name is the first thing the file protects. The manager: every case; a
    process director or support: their own cases and the triage queue they prepare; a guide,
    the aftercare coordinator and the trafficking chain director: the cases they direct,
    support or guide; a liaison: the triage queue and the cases their organisation is on; a
    partner: the cases of their team; a municipal contact: none (summaries only). Before
    issue 18 every bureau role saw the name of every case (the duplicate check's roles); that
    check stays a question ("is this person known?") answered with case numbers, not a list.
    """
    return case_filter(user, DETAILS)
