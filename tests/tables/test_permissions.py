"""Who gets which answer on every page of the tables (the shared matrix, tests/matrix.py).

The records, around the cast:
- `table`: a casustafel stalking chaired by `regisseur`, with `partner` as a member and the
  police as a member organisation (so `liaison_politie` sits at it through the police);
- `meeting`: one meeting of it, with the `own` case (director `regisseur`, `partner` on the
  team) on the agenda, decided with an action owned by `partner_other`, who is no member;
- `kind`: the kind "routeeroverleg" (configuration of the functioneel beheerder);
- `ketenkamer`: the ketenkamer's table (tests/cast.py: `ondersteuner` chairs, the bureau, the
  police and the OM are members). Who sits at it is who attended the ketenkamer by role before
  it was a table (tests/cases/test_permissions.py has its meetings' rows): a member without
  such a role (the bureau's trajectbegeleider) gets 404 like anyone outside it.

Members see the table (200), the chair and the manager prepare it, a member without that right
gets 403 on a change, everyone else 404 ("not yours"); the municipal contact sees nothing.
"""

import pytest

from cases.models import Status
from tables.models import KETENKAMER, Table
from tests import matrix
from tests.cases.factories import make_case
from tests.tables.factories import add_case, decide, kind, make_meeting, make_table

pytestmark = pytest.mark.django_db

EVERYONE = [
    "regisseur",
    "regisseur_other",
    "ondersteuner",
    "begeleider",
    "nazorg",
    "mensenhandel",
    "manager",
    "liaison_politie",
    "liaison_om",
    "partner",
    "partner_other",
    "gemeente",
    "gemeente_other",
    "financien",
    "beheerder",
    "privacy",
    "nobody",
]
MEMBERS = {"regisseur", "manager", "partner", "liaison_politie"}
PREPARE = {"regisseur", "manager"}


def answers(default: int, **by_group) -> dict[str, int]:
    """Every person `default`, then the groups' answers (later groups win)."""
    result = dict.fromkeys(EVERYONE, default)
    for group, status in by_group.items():
        for name in GROUPS[group]:
            result[name] = status
    return result


GROUPS = {
    "members": MEMBERS,
    "prepare": PREPARE,
    "create": {"regisseur", "regisseur_other", "ondersteuner", "manager"},
    "beheer": {"beheerder"},
    "owner": {"partner_other"},
    "ketenkamer": {
        "regisseur",
        "regisseur_other",
        "ondersteuner",
        "manager",
        "liaison_politie",
        "liaison_om",
    },
    "ketenkamer_chair": {"ondersteuner", "manager"},
}

SEE = answers(404, members=200)
PREPARE_ONLY = answers(404, members=403, prepare=200)

ROWS = [
    matrix.Row("tables:table_list", None, answers(200)),
    # A POST without data: the creators get the form back with messages (200), others 403.
    matrix.Row("tables:table_list", None, answers(403, create=200), method="post"),
    matrix.Row("tables:table_detail", "table", SEE),
    matrix.Row("tables:table_edit", "table", PREPARE_ONLY),
    matrix.Row("tables:meeting_detail", "meeting", SEE),
    matrix.Row("tables:item_add", "meeting", PREPARE_ONLY, method="post"),
    matrix.Row("tables:decision", "item", PREPARE_ONLY),
    matrix.Row("tables:decision_list", "meeting", SEE),
    matrix.Row("tables:my_actions", None, answers(200)),
    # The owner (no member) and those who prepare the table set the status; a member 403.
    matrix.Row(
        "tables:action_status",
        "action",
        answers(404, members=403, prepare=302, owner=302),
        method="post",
        data={"status": "bezig"},
    ),
    matrix.Row("tables:table_detail", "ketenkamer", answers(404, ketenkamer=200)),
    matrix.Row(
        "tables:table_edit", "ketenkamer", answers(404, ketenkamer=403, ketenkamer_chair=200)
    ),
    matrix.Row("tables:kind_list", None, answers(403, beheer=200)),
    matrix.Row("tables:kind_edit", "kind", answers(403, beheer=200)),
]


@pytest.fixture
def records(cast):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
    )
    table = make_table(chair=cast.regisseur, members=[cast.partner], organisations=[cast.politie])
    meeting = make_meeting(table)
    item = add_case(meeting, case)
    decide(item, action="Stopgesprek voeren", owner=cast.partner_other)
    return {
        "table": table,
        "meeting": meeting,
        "item": item,
        "action": item.actions.get(),
        "kind": kind("routeeroverleg"),
        "case": case,
        "ketenkamer": Table.objects.get(kind__code=KETENKAMER),
    }


def test_the_matrix_names_every_user_of_the_cast():
    from tests.cast import CAST_USERS

    assert set(EVERYONE) == set(CAST_USERS)


def test_every_tables_page_is_in_the_matrix():
    matrix.assert_covers("tables", ROWS)


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_each_person_gets_exactly_their_answer(cast, client, records, row):
    matrix.check(row, client=client, people=matrix.people_of(cast), records=records)


def test_a_municipal_contact_sees_a_table_only_as_a_member_and_a_case_only_as_summary(
    cast, client_for, records
):
    from django.urls import reverse

    url = reverse("tables:meeting_detail", args=[records["meeting"].pk])
    assert client_for(cast.gemeente).get(url).status_code == 404
    records["table"].member_organisations.add(cast.gemeente_assen)
    page = client_for(cast.gemeente).get(url).content.decode()
    case = records["case"]
    # Assen's contact sees Assen's case at summary level: its number, not the person.
    assert case.number in page
    assert case.person.last_name not in page
    # The director of the case reads the name.
    director = client_for(cast.regisseur).get(url).content.decode()
    assert case.person.last_name in director


def test_a_member_who_may_not_see_the_case_gets_neither_number_nor_name(cast, client_for, records):
    from django.urls import reverse

    # liaison_politie sits at the table through the police, but the police is not on the case.
    page = client_for(cast.liaison_politie).get(
        reverse("tables:meeting_detail", args=[records["meeting"].pk])
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert records["case"].number not in text
    assert records["case"].person.last_name not in text
    assert "Casus waarin u geen inzage heeft" in text


def test_the_owner_of_an_action_sees_it_among_their_actions(cast, client_for, records):
    from django.urls import reverse

    page = client_for(cast.partner_other).get(reverse("tables:my_actions")).content.decode()
    assert "Stopgesprek voeren" in page
    other = client_for(cast.partner).get(reverse("tables:my_actions")).content.decode()
    assert "Stopgesprek voeren" not in other
