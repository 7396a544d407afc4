"""The registrations awaiting triage read without the reader's scope where it holds the whole
queue (Case.objects.awaiting_triage, cases.policy.triage_queue_filter: issue 24).

It is a rewrite for PostgreSQL's estimate, never a change of who sees what: for every user of
the cast and every case action it must give exactly the rows of the one door,
`visible_to(user, action)` narrowed to the statuses.
"""

from __future__ import annotations

import pytest

from cases.models import TRIAGE_STATUSES, Case, Status
from cases.policy import CASE_ACTIONS
from tests.cases.factories import make_case
from zvhd.permissions import VIEW

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrations(cast):
    return [
        make_case(registered_by=cast.partner, municipality=cast.assen),
        make_case(registered_by=cast.partner_other, municipality=cast.emmen),
        make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.IN_TRIAGE,
            decided_by=cast.ondersteuner,
        ),
        make_case(
            registered_by=cast.partner_other,
            municipality=cast.emmen,
            status=Status.IN_TRIAGE,
            decided_by=cast.ondersteuner,
        ),
        make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.ACTIEF,
            director=cast.regisseur,
            team=[cast.partner, cast.liaison_politie],
        ),
    ]


STATUS_SETS = [TRIAGE_STATUSES, {Status.IN_TRIAGE}, {Status.AANGEMELD}]


@pytest.mark.parametrize("action", (VIEW, *CASE_ACTIONS))
def test_the_same_rows_as_the_door_for_every_user(cast, registrations, action):
    assert {c.status for c in registrations} == {*TRIAGE_STATUSES, Status.ACTIEF}
    for name, user in cast.by_role():
        for statuses in STATUS_SETS:
            door = set(
                Case.objects.visible_to(user, action)
                .filter(status__in=statuses)
                .values_list("pk", flat=True)
            )
            queue = set(
                Case.objects.awaiting_triage(user, action, statuses).values_list("pk", flat=True)
            )
            assert queue == door, (name, action, statuses)


def test_the_queue_roles_read_no_scope_and_others_keep_theirs(cast, registrations):
    """The point of it: the liaison's agenda query names only the status, a partner's keeps
    her scope (she sees her own organisation's registrations only)."""
    sql = str(Case.objects.awaiting_triage(cast.liaison_politie, VIEW).query)
    assert "case_userobjectpermission" not in sql.lower()
    partner = Case.objects.awaiting_triage(cast.partner, VIEW)
    assert "registering_organisation_id" in str(partner.query)
    assert set(partner.values_list("pk", flat=True)) == {
        registrations[0].pk,
        registrations[2].pk,
    }


def test_only_statuses_awaiting_triage_are_accepted(cast):
    with pytest.raises(ValueError):
        Case.objects.awaiting_triage(cast.manager, VIEW, {Status.ACTIEF})
