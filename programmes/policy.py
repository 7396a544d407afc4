"""Who manages the programme list: the functioneel beheerder (configuration, no case content).

Who sees and changes a case's programme periods is not here: that is the case's own door
(`cases.policy`, through `CaseProgramme.objects.visible_to`): whoever reads the case file sees
them, whoever directs the case (the process director, and management) changes them.
"""

from __future__ import annotations

from zvhd.network.models import Role

MANAGE_ROLES = {Role.FUNCTIONEEL_BEHEERDER}


def may_manage(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_role(*MANAGE_ROLES))
