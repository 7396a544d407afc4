"""Who gets which answer on the inbox pages (tests/matrix.py): everyone logged in reaches
their own inbox and preferences; a notification is its reader's only (another person's id is
a 404, also for the manager); the municipal contact is no exception either way."""

import pytest

from inbox import kinds
from inbox.models import Notification
from tests import matrix
from tests.cast import CAST_USERS

pytestmark = pytest.mark.django_db

EVERYONE_200 = dict.fromkeys(CAST_USERS, 200)
ONLY_PARTNER = dict.fromkeys(CAST_USERS, 404) | {"partner": 302}

ROWS = [
    matrix.Row("inbox:list", None, EVERYONE_200),
    matrix.Row("inbox:preferences", None, EVERYONE_200),
    # Opening marks read and goes to the record (302); another person's id: 404.
    matrix.Row("inbox:open", "partners", ONLY_PARTNER),
    matrix.Row("inbox:mark_read", "partners", ONLY_PARTNER, method="post"),
    # Marks one's own only: a redirect for everyone, nobody touches another's rows.
    matrix.Row("inbox:mark_all_read", None, dict.fromkeys(CAST_USERS, 302), method="post"),
]


@pytest.fixture
def records(cast):
    # A notification without a case: the door has nothing to hide, so only "whose" decides.
    return {"partners": Notification.objects.create(recipient=cast.partner, kind=kinds.ESCALATION)}


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_the_matrix(row, cast, client, records):
    matrix.check(row, client=client, people=matrix.people_of(cast), records=records)


def test_every_page_is_in_the_matrix():
    matrix.assert_covers("inbox", ROWS)


def test_marking_all_read_leaves_other_peoples_notifications_unread(cast, client_for):
    mine = Notification.objects.create(recipient=cast.regisseur, kind=kinds.ESCALATION)
    theirs = Notification.objects.create(recipient=cast.manager, kind=kinds.ESCALATION)
    client_for(cast.regisseur).post("/meldingen/alles-gelezen/")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None
    assert theirs.read_at is None


def test_a_get_cannot_mark_anything_read(cast, client_for):
    mine = Notification.objects.create(recipient=cast.regisseur, kind=kinds.ESCALATION)
    client = client_for(cast.regisseur)
    assert client.get(f"/meldingen/{mine.pk}/gelezen/").status_code == 405
    assert client.get("/meldingen/alles-gelezen/").status_code == 405
    mine.refresh_from_db()
    assert mine.read_at is None
