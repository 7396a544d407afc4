"""Who may open which page of the register: the matrix is data (role x page -> status).

Columns: the chain director, a Drieluik member, the manager, every other role of the cast,
and `nobody` (no role). 404 = the record is out of this person's sight; 403 = in sight but not
this action, or a page for other roles.
"""

import pytest
from django.urls import reverse

from tests import matrix
from tests.cast import CAST_USERS
from trafficking import services
from trafficking.models import AgendaItem, FollowUp
from zvhd.privacy.models import AccessLog

pytestmark = pytest.mark.django_db

#  page name            record     chain drieluik manager other nobody
MATRIX = [
    ("signal_list", None, 200, 200, 200, 403, 403),
    # The export is the list (the manager's is pseudonymised: tests/zvhd/test_list_tools.py).
    ("signal_list_export", None, 200, 200, 200, 403, 403),
    ("signal_create", None, 200, 403, 403, 403, 403),
    ("signal_detail", "signal", 200, 200, 200, 404, 404),
    ("signal_update", "signal", 200, 403, 403, 404, 404),
    ("signal_indicators", "signal", 200, 403, 403, 404, 404),
    ("follow_up_create", "signal", 200, 403, 403, 404, 404),
    ("comensha_export", None, 200, 403, 403, 403, 403),
    ("meeting_list", None, 200, 200, 200, 403, 403),
    ("meeting_create", None, 200, 403, 403, 403, 403),
    ("meeting_detail", "meeting", 200, 200, 200, 404, 404),
    ("decision", "item", 200, 403, 403, 404, 404),
    ("awareness_list", None, 200, 200, 200, 403, 403),
    ("awareness_create", None, 200, 403, 403, 403, 403),
    ("indicator_list", None, 200, 200, 403, 403, 403),
    ("indicator_create", None, 200, 403, 403, 403, 403),
    ("figures", None, 200, 200, 200, 200, 403),
]
# POST-only actions: (page name, record, chain, drieluik, manager, other, nobody); the chain
# director's POST redirects (302).
POST_MATRIX = [
    ("comensha", "signal", 302, 403, 403, 404, 404),
    ("signal_reopen", "signal", 302, 403, 403, 404, 404),
    ("meeting_agenda", "meeting", 302, 403, 403, 404, 404),
    ("follow_up_status", "follow_up", 302, 403, 403, 404, 404),
]


def column(name):
    return {"mensenhandel": 2, "drieluik": 3, "manager": 4, "nobody": 6}.get(name, 5)


PEOPLE = [*CAST_USERS, "drieluik"]
# The chain director's POST changes the record: tested in the journeys, not here.
POSTERS = [name for name in PEOPLE if name != "mensenhandel"]
ROWS = [
    matrix.Row(f"trafficking:{row[0]}", row[1], {name: row[column(name)] for name in PEOPLE})
    for row in MATRIX
]
POST_ROWS = [
    matrix.Row(
        f"trafficking:{row[0]}",
        row[1],
        {name: row[column(name)] for name in POSTERS},
        method="post",
        data={"reported_on": "2025-03-20", "status": "afgesloten"},
    )
    for row in POST_MATRIX
]


def people(cast, drieluik):
    return matrix.people_of(cast, drieluik=drieluik)


@pytest.fixture
def records(cast, signal, meeting):
    item = AgendaItem.objects.get(meeting=meeting, signal=signal)
    follow_up = services.start_follow_up(
        signal=signal,
        kind="politie",
        decided_on=meeting.held_on,
        started_by=cast.mensenhandel,
    )
    return {
        "signal": signal.pk,
        "meeting": meeting.pk,
        "item": item.pk,
        "follow_up": FollowUp.objects.get(pk=follow_up.pk).pk,
    }


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_each_role_gets_what_the_matrix_says_on_every_page(row, cast, drieluik, records, client):
    matrix.check(row, client=client, people=people(cast, drieluik), records=records)


@pytest.mark.parametrize("row", POST_ROWS, ids=matrix.ids(POST_ROWS))
def test_post_actions_are_only_for_the_chain_director(row, cast, drieluik, records, client):
    posters = {name: user for name, user in people(cast, drieluik).items() if name in POSTERS}
    matrix.check(row, client=client, people=posters, records=records)


def test_every_trafficking_page_is_in_the_matrix():
    matrix.assert_covers("trafficking", ROWS + POST_ROWS, untested=["trafficking:indicator_update"])


def test_a_denied_attempt_is_logged_without_confirming_the_record(cast, signal, client_for):
    response = client_for(cast.regisseur).get(
        reverse("trafficking:signal_detail", args=[signal.pk])
    )
    assert response.status_code == 404
    row = AccessLog.objects.get()
    assert (row.username, row.allowed, row.object_id) == ("regisseur", False, str(signal.pk))


def test_a_drieluik_member_sees_the_identity(cast, drieluik, signal, client_for):
    html = client_for(drieluik).get(reverse("trafficking:signal_detail", args=[signal.pk]))
    assert "Anna Jansen" in html.content.decode()
    assert "111222333" in html.content.decode()
