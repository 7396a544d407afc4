"""Who gets which answer on the risk pages and the pages of issue 20 part 2 (tests/matrix.py).

Records: `own` — Assen, direction, director `regisseur`, `partner` (GGZ) on the team, the
police invited (so `liaison_politie` reads the file); `other` — Emmen, director
`regisseur_other`. An assessment and a flag (set by `regisseur`) on `own`.
"""

import pytest

from cases.models import Status
from risk.models import FlagKind, Instrument
from tests import matrix
from tests.cases.factories import make_case
from tests.risk.factories import make_assessment, make_flag

pytestmark = pytest.mark.django_db

A, F, N = 200, 403, 404
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
# The case file of `own`: the director, the manager, the involved liaison, the team partner.
FILE_OWN = {"regisseur", "manager", "liaison_politie", "partner"}
# Who sees the summary of `own` only (403 on its file).
SUMMARY_OWN = {
    "regisseur_other",
    "ondersteuner",
    "begeleider",
    "nazorg",
    "mensenhandel",
    "gemeente",
}
FILE_OTHER = {"regisseur_other", "manager", "partner_other"}
SUMMARY_OTHER = {
    "regisseur",
    "ondersteuner",
    "begeleider",
    "nazorg",
    "mensenhandel",
    "gemeente_other",
}


def answers(allowed, forbidden=frozenset()):
    return {n: A if n in allowed else F if n in forbidden else N for n in EVERYONE}


def only(*names):
    return {n: A if n in names else F for n in EVERYONE}


ROWS = [
    *(
        matrix.Row(f"risk:{page}", record, answers(file, summary))
        for page in ("case_risk", "assessment_create", "flag_create")
        for record, file, summary in (
            ("own", FILE_OWN, SUMMARY_OWN),
            ("other", FILE_OTHER, SUMMARY_OTHER),
        )
    ),
    # A child record out of the reader's files is not found at all.
    matrix.Row("risk:assessment_detail", "assessment", answers(FILE_OWN)),
    # Lifting: whoever directs the case, or who set the flag; other readers of the file 403.
    matrix.Row(
        "risk:flag_lift", "flag", answers({"regisseur", "manager"}, {"liaison_politie", "partner"})
    ),
    matrix.Row("risk:instrument_list", None, only("beheerder")),
    matrix.Row("risk:instrument_create", None, only("beheerder")),
    matrix.Row("risk:instrument_edit", "instrument", only("beheerder")),
    matrix.Row("risk:flag_kind_create", None, only("beheerder")),
    matrix.Row("risk:flag_kind_edit", "kind", only("beheerder")),
    matrix.Row("cases:exchanges", None, only("privacy")),
    matrix.Row("cases:legal_basis_list", None, only("beheerder")),
    matrix.Row("cases:legal_basis_create", None, only("beheerder")),
    matrix.Row("cases:legal_basis_edit", "basis", only("beheerder")),
]


@pytest.fixture
def records(cast):
    from cases.models import LegalBasis

    own = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        invited=[cast.politie],
    )
    other = make_case(
        registered_by=cast.partner_other,
        municipality=cast.emmen,
        status=Status.ACTIEF,
        director=cast.regisseur_other,
        team=[cast.partner_other],
    )
    return {
        "own": own,
        "other": other,
        "assessment": make_assessment(case=own, by=cast.regisseur),
        "flag": make_flag(case=own, by=cast.regisseur),
        "instrument": Instrument.objects.get(is_example=True),
        "kind": FlagKind.objects.first(),
        "basis": LegalBasis.objects.get(code="wgs"),
    }


def test_every_risk_page_is_in_the_matrix():
    matrix.assert_covers("risk", ROWS)


def test_the_matrix_asks_the_whole_cast():
    from tests.cast import CAST_USERS

    assert set(EVERYONE) == set(CAST_USERS)


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_each_role_gets_exactly_its_risk_pages(cast, client, records, row):
    matrix.check(row, client=client, people=matrix.people_of(cast), records=records)
