"""The permission matrix of the case file's pages and the download (tests/matrix.py).

Records: `own` (Assen; `regisseur` directs, `begeleider` guides, `partner` (GGZ) is on the team,
the police are invited, so `liaison_politie` reads the file) and `other` (Emmen,
`regisseur_other`, `partner_other`); on `own` a journal entry and a document for the team
(`entry`, `version`), a document for the bureau only (`bureau_version`), and a journal
entry written by `partner` (`partner_entry`, for the correction page: only its author).
A document asked of GGZ (`request`): the bureau and `partner` upload against it, the police
(who read the file) get 404; only the director and the manager mark it no longer needed.
The municipal contact reads none of it (summaries only): 403 on the tabs of a case they may
see, 404 on every item.
"""

import pytest

from casefile.models import DocumentVersion
from tests import matrix
from tests.casefile.factories import document, entry, other_case, own_case, requested

pytestmark = pytest.mark.django_db

A, F, N = 200, 403, 404
ALL = matrix.CAST_USERS


def answers(default, **special):
    return {name: special.get(name, default) for name in ALL}


# The case file's tabs and add forms: who reads the file of `own` (cases.policy "details").
FILE_OWN = answers(
    N,
    regisseur=A,
    begeleider=A,
    manager=A,
    liaison_politie=A,
    partner=A,
    # Bureau staff see every summary, so without the file they get 403, as on the plan tab.
    regisseur_other=F,
    ondersteuner=F,
    nazorg=F,
    mensenhandel=F,
    gemeente=F,
)
FILE_OTHER = answers(
    N,
    regisseur_other=A,
    manager=A,
    partner_other=A,
    regisseur=F,
    ondersteuner=F,
    begeleider=F,
    nazorg=F,
    mensenhandel=F,
    gemeente_other=F,
)
# Items: not reachable is a 404 whatever the reason (case, file or audience).
ITEM_TEAM = answers(N, regisseur=A, begeleider=A, manager=A, liaison_politie=A, partner=A)
ITEM_BUREAU = answers(N, regisseur=A, begeleider=A, manager=A, partner=A)  # partner: the author
# The correction of the partner's entry: only its author; others who read it get 403.
CORRECT_PARTNER_ENTRY = answers(
    N, partner=A, regisseur=F, begeleider=F, manager=F, liaison_politie=F
)

# Asking a partner for a document: who directs the case (its director and guide: OWN, and the
# manager); others who read the file get 403, the rest 404 (as on the plan tab's forms).
DIRECT_OWN = answers(
    N,
    regisseur=A,
    manager=A,
    begeleider=A,
    liaison_politie=F,
    partner=F,
    regisseur_other=F,
    ondersteuner=F,
    nazorg=F,
    mensenhandel=F,
    gemeente=F,
)
DIRECT_OTHER = answers(
    N,
    regisseur_other=A,
    manager=A,
    partner_other=F,
    regisseur=F,
    ondersteuner=F,
    begeleider=F,
    nazorg=F,
    mensenhandel=F,
    gemeente_other=F,
)
# A request to GGZ on `own`: the bureau with the file and GGZ's `partner` upload against it;
# the police read the file but the request is not theirs: 404, like a document not for them.
REQUEST_UPLOAD = answers(N, regisseur=A, begeleider=A, manager=A, partner=A)
# Marking it no longer needed: who directs the case; `partner` sees it: 403.
REQUEST_CANCEL = answers(N, regisseur=A, manager=A, begeleider=A, partner=F)

ROWS = [
    *[
        matrix.Row(f"casefile:{page}", record, expected)
        for page in ("journal", "journal_add", "documents", "document_add")
        for record, expected in (("own", FILE_OWN), ("other", FILE_OTHER))
    ],
    matrix.Row("casefile:journal_correct", "partner_entry", CORRECT_PARTNER_ENTRY),
    matrix.Row("casefile:document_version_add", "document", ITEM_TEAM),
    matrix.Row("casefile:document_version_add", "bureau_document", ITEM_BUREAU),
    matrix.Row("casefile:document_download", "version", ITEM_TEAM),
    matrix.Row("casefile:document_download", "bureau_version", ITEM_BUREAU),
    matrix.Row("casefile:document_request_add", "own", DIRECT_OWN),
    matrix.Row("casefile:document_request_add", "other", DIRECT_OTHER),
    matrix.Row("casefile:document_request_fulfil", "request", REQUEST_UPLOAD),
    matrix.Row("casefile:document_request_not_needed", "request", REQUEST_CANCEL),
]


@pytest.fixture
def records(cast):
    own = own_case(cast)
    other = other_case(cast)
    team_document = document(own, cast.regisseur, title="Voor het team")
    bureau_document = document(own, cast.partner, audience="bureau", title="Alleen bureau")
    return {
        "own": own,
        "other": other,
        "entry": entry(own, cast.regisseur),
        "partner_entry": entry(own, cast.partner, text="Contact gehad."),
        "document": team_document,
        "bureau_document": bureau_document,
        "version": DocumentVersion.objects.get(document=team_document),
        "bureau_version": DocumentVersion.objects.get(document=bureau_document),
        "request": requested(own, cast.regisseur, cast.ggz),
    }


def test_every_casefile_page_is_in_the_matrix():
    matrix.assert_covers("casefile", ROWS)


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_each_role_gets_exactly_its_casefile_pages(cast, client, records, row):
    matrix.check(row, client=client, people=matrix.people_of(cast), records=records)
