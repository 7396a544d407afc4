"""Who may open which page of the register: the matrix is data (role x page -> status).

Columns: the chain director, a Drieluik member, the manager, every other role of the cast,
and `nobody` (no role). 404 = the record is out of this person's sight; 403 = in sight but not
this action, or a page for other roles.
"""

import pytest
from django.urls import reverse

from tests.cast import CAST_USERS
from trafficking import services
from trafficking.models import AgendaItem, FollowUp
from zvhd.privacy.models import AccessLog

pytestmark = pytest.mark.django_db

#  page name            record     chain drieluik manager other nobody
MATRIX = [
    ("signal_list", None, 200, 200, 200, 403, 403),
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


def people(cast, drieluik):
    return [(name, getattr(cast, name)) for name in CAST_USERS] + [("drieluik", drieluik)]


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


@pytest.mark.parametrize("row", MATRIX, ids=[r[0] for r in MATRIX])
def test_each_role_gets_what_the_matrix_says_on_every_page(row, cast, drieluik, records, client):
    name, record, *_ = row
    url = reverse(f"trafficking:{name}", args=[records[record]] if record else [])
    wrong = []
    for username, user in people(cast, drieluik):
        client.force_login(user)
        status = client.get(url).status_code
        if status != row[column(username)]:
            wrong.append(f"{username}: {status}, expected {row[column(username)]}")
    assert not wrong, f"{url}\n" + "\n".join(wrong)


@pytest.mark.parametrize("row", POST_MATRIX, ids=[r[0] for r in POST_MATRIX])
def test_post_actions_are_only_for_the_chain_director(row, cast, drieluik, records, client):
    name, record, *_ = row
    url = reverse(f"trafficking:{name}", args=[records[record]])
    wrong = []
    for username, user in people(cast, drieluik):
        if username == "mensenhandel":
            continue  # the chain director's POST changes the record: tested in the journeys
        client.force_login(user)
        status = client.post(url, {"reported_on": "2025-03-20", "status": "afgesloten"}).status_code
        if status != row[column(username)]:
            wrong.append(f"{username}: {status}, expected {row[column(username)]}")
    assert not wrong, f"{url}\n" + "\n".join(wrong)


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
