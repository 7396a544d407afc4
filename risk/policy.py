"""Who sees and does what with risk assessments and safety flags (issue 20 part 1).

Both are part of the case file, so they follow the case's own table (`cases.policy`); this
module only says which case action each risk action needs. Decided:

- view:    read a case's assessments (with their scores and history) and its safety flags:
           whoever may open the case file (`details`): the manager; the director, support and
           guide of the case; liaisons on the triage queue and on cases their organisation is
           involved in; partner professionals on the case team. Never a reader of summaries
           (the municipal contact, bureau roles on a case not theirs), in lists neither.
- assess:  record an assessment, and
- flag:    set a safety flag: the same people (`details`). A risk assessment is made "door en
           met partners" (the 2025 jaarplan): the partner or liaison who assessed records it
           under their own organisation, the bureau records its own; a danger to staff must be
           flagged by whoever knows it, not only by the director.
- lift:    lift a flag (with a reason): whoever directs the case (`change`: director, support,
           manager), or the person who set it while they still read the file.
- manage:  instruments and kinds of flags (reference data, no case content): the functioneel
           beheerder (`MANAGE_ROLES`).

`risk.models.RiskQuerySet` asks the case door with `case_action(action)`; the lift rule is in
`risk.models`' flag door through `lift_filter`.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from cases.policy import DETAILS, DIRECT
from zvhd.network.models import Role
from zvhd.permissions import VIEW

ASSESS = "assess"
FLAG = "flag"
LIFT = "lift"

CASE_ACTION = {VIEW: DETAILS, ASSESS: DETAILS, FLAG: DETAILS, LIFT: DETAILS}
MANAGE_ROLES = {Role.FUNCTIONEEL_BEHEERDER}


def case_action(action: str) -> str:
    """The action on the case that an action on its risk records needs (unknown: the same)."""
    return CASE_ACTION.get(action, action)


def lift_filter(user) -> Q:
    """Among the flags of cases whose file the user reads: those the user may lift."""
    from cases.models import Case

    # EXISTS on the flag's own case, not `case IN (every case the user directs)`: within an
    # OR, PostgreSQL built the IN as a hash of all of them (24,000 cases for a director at
    # 1M: 65 ms to check one flag); EXISTS lets it probe the one case when there are few flags.
    directing = Case.objects.visible_to(user, DIRECT).filter(pk=OuterRef("case_id"))
    return Q(Exists(directing)) | Q(set_by=user)


def may_manage(user) -> bool:
    return user.is_authenticated and user.has_role(*MANAGE_ROLES)
