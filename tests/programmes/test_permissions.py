"""Who may open the programme pages: the shared matrix (tests/matrix.py).

A case's programme tab is a tab of its file: exactly who reads the file (the cases matrix's
"case_plan" column) reads it; adding and changing a period is directing the case (its
"plan_edit" column). Out of scope is a 404, in scope without the right a 403, for the municipal
contact as for everyone (they see case summaries, never the file). The list of programmes is
the functioneel beheerder's.
"""

import pytest
from django.urls import reverse

from programmes.models import CaseProgramme, Programme
from tests import matrix
from tests.cases.test_permissions import CODES, MATRIX, PAGES, RECORDS
from tests.cases.test_permissions import records as case_records  # noqa: F401
from tests.cast import CAST_USERS

pytestmark = pytest.mark.django_db

READ = PAGES.index("case_plan")
DIRECT = PAGES.index("plan_edit")


def _column(record_index: int, page_index: int) -> dict:
    return {name: CODES[MATRIX[name][record_index][page_index]] for name in MATRIX}


ROWS = (
    [
        row
        for index, record in enumerate(RECORDS)
        for row in (
            matrix.Row("programmes:case_programmes", record, _column(index, READ)),
            matrix.Row(
                "programmes:case_edit",
                record,
                _column(index, DIRECT),
                args=lambda r, record=record: [r[record].pk, r[f"{record}_period"].pk],
            ),
            # An empty form: the director gets it back with the messages (200), nothing saved.
            matrix.Row(
                "programmes:case_add", record, _column(index, DIRECT), method="post", data={}
            ),
        )
    ]
    + [
        matrix.Row(
            f"programmes:{page}",
            None,
            {name: 200 if name == "beheerder" else 403 for name in CAST_USERS},
        )
        for page in ("programme_list", "programme_create")
    ]
    + [
        matrix.Row(
            "programmes:programme_edit",
            "programme",
            {name: 200 if name == "beheerder" else 403 for name in CAST_USERS},
        )
    ]
)

ELSEWHERE = {
    "programmes:case_remove": "POST that deletes: test_only_the_director_removes_a_period",
}


@pytest.fixture
def records(case_records, cast):  # noqa: F811
    found = dict(case_records)
    programme = Programme.objects.get(code="levensloopaanpak")
    for name in RECORDS:
        found[f"{name}_period"] = CaseProgramme.objects.create(
            case=found[name],
            programme=programme,
            started_on=found[name].registered_at.date(),
            added_by=cast.manager,
        )
    found["programme"] = programme
    return found


def test_every_programme_page_is_in_the_matrix():
    matrix.assert_covers("programmes", ROWS, elsewhere=ELSEWHERE)


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_each_role_gets_exactly_its_programme_pages(cast, client, records, row):
    matrix.check(row, client=client, people=matrix.people_of(cast), records=records)


def test_only_the_director_removes_a_period(cast, client, records):
    period = records["own_period"]
    url = reverse("programmes:case_remove", args=[records["own"].pk, period.pk])
    for name, status in [
        ("partner", 403),
        ("gemeente", 403),
        ("regisseur_other", 403),
        ("gemeente_other", 404),
        ("beheerder", 404),
    ]:
        client.force_login(getattr(cast, name))
        assert client.post(url).status_code == status, name
    assert CaseProgramme.objects.filter(pk=period.pk).exists()
    client.force_login(cast.regisseur)
    assert client.post(url).status_code == 302
    assert not CaseProgramme.objects.filter(pk=period.pk).exists()
    assert CaseProgramme.history.filter(id=period.pk, history_type="-").get().history_user == (
        cast.regisseur
    )


def test_a_period_of_another_case_is_not_found_through_this_case(cast, client, records):
    client.force_login(cast.manager)
    url = reverse("programmes:case_edit", args=[records["own"].pk, records["other_period"].pk])
    assert client.get(url).status_code == 404
