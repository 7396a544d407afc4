"""The permission matrix: every role against every case page, for three cases (data, not code).

- `own`: Assen, direction, registered by GGZ Drenthe, director `regisseur`, `partner` on the
  team, the police invited;
- `other`: Emmen, direction, registered by VNN, director `regisseur_other`, `partner_other` on
  the team;
- `triage`: Emmen, awaiting the ketenkamer, registered by VNN.

Written compactly, one letter per page in PAGES order (A = allowed (200), F = forbidden (403),
N = not found (404)), and turned into the shared matrix of tests/matrix.py: one `Row` per
page and case, with the answer of every person.
"""

from datetime import date

import pytest
from django.urls import reverse

from cases import services as case_services
from cases.models import LegalBasis, Status
from tests import matrix
from tests.cases.factories import make_case
from zvhd.privacy.models import AccessLog

pytestmark = pytest.mark.django_db

PAGES = [
    "case_detail",
    "case_plan",
    "case_meetings",
    "case_history",
    "plan_edit",
    "close",
    "screen",
    "enrich",
    "triage",
    "case_timeline",
]
NONE = "NNNNNNNNNN"
SUMMARY = "AFFFFFFFFF"
DIRECTOR = "AAAAAAFFFA"
TRIAGE_DIRECTOR = "AAAAFFAFAA"
LIAISON = "AAAAFFFAFA"
TEAM = "AAAAFFFFFA"

MATRIX = {
    #                  own        other      triage
    "regisseur": (DIRECTOR, SUMMARY, TRIAGE_DIRECTOR),
    "regisseur_other": (SUMMARY, DIRECTOR, TRIAGE_DIRECTOR),
    "ondersteuner": (SUMMARY, SUMMARY, TRIAGE_DIRECTOR),
    "begeleider": (SUMMARY, SUMMARY, SUMMARY),
    "nazorg": (SUMMARY, SUMMARY, SUMMARY),
    "mensenhandel": (SUMMARY, SUMMARY, SUMMARY),
    "manager": (DIRECTOR, DIRECTOR, "AAAAAAAFAA"),
    "liaison_politie": (LIAISON, NONE, LIAISON),
    "liaison_om": (NONE, NONE, LIAISON),
    "partner": (TEAM, NONE, NONE),
    "partner_other": (NONE, TEAM, SUMMARY),
    "gemeente": (SUMMARY, NONE, NONE),
    "gemeente_other": (NONE, SUMMARY, SUMMARY),
    "financien": (NONE, NONE, NONE),
    "beheerder": (NONE, NONE, NONE),
    "privacy": (NONE, NONE, NONE),
    "nobody": (NONE, NONE, NONE),
}
CODES = {"A": 200, "F": 403, "N": 404}
RECORDS = ("own", "other", "triage")

ROWS = [
    matrix.Row(
        f"cases:{page}",
        record,
        {name: CODES[MATRIX[name][index][column]] for name in MATRIX},
    )
    for index, record in enumerate(RECORDS)
    for column, page in enumerate(PAGES)
]

# The lists' exports (issue 23). An export is its list, so everyone who may open the list
# gets one, of what that list shows them (out of scope: tests/cases/test_case_lists.py). Saved
# filters are the house's: tests/zvhd/test_list_tools.py.
EVERYONE = dict.fromkeys(MATRIX, 200)
ROWS += [
    matrix.Row(f"cases:{name}_export", None, EVERYONE)
    for name in ("case_list", "my_cases", "triage_queue", "organisation_registrations")
]

# The ketenkamer (one kind of table: tables/, issue 20 part 6). Whoever attends it (the triage
# queue's roles, who sit at the ketenkamer's table) reads its list, its meetings and their
# decision list; whoever screens registrations plans it, records attendance and asks for the
# list. The list page is a role page (403 for everyone else), a meeting is a 404 for them.
KETENKAMER_READ = {"regisseur", "regisseur_other", "ondersteuner", "manager"} | {
    "liaison_politie",
    "liaison_om",
}
KETENKAMER_RUN = {"regisseur", "regisseur_other", "ondersteuner", "manager"}


def ketenkamer_answers(read: int, run: int, others: int) -> dict[str, int]:
    return {
        name: run if name in KETENKAMER_RUN else read if name in KETENKAMER_READ else others
        for name in MATRIX
    }


TODAY = {"date": date.today().isoformat()}
ROWS += [
    matrix.Row("cases:ketenkamer_list", None, ketenkamer_answers(200, 200, 403)),
    # Planning a ketenkamer for a day that has one: the same meeting again, a redirect to it.
    matrix.Row(
        "cases:ketenkamer_list",
        None,
        ketenkamer_answers(403, 302, 403),
        method="post",
        data=TODAY,
    ),
    matrix.Row("cases:ketenkamer_detail", "ketenkamer", ketenkamer_answers(200, 200, 404)),
    matrix.Row(
        "cases:ketenkamer_detail",
        "ketenkamer",
        ketenkamer_answers(403, 302, 404),
        method="post",
        data={"notes": "Wijkagent"},
    ),
    matrix.Row("cases:decision_list", "ketenkamer", ketenkamer_answers(200, 200, 404)),
    matrix.Row(
        "cases:decision_list", "ketenkamer", ketenkamer_answers(403, 302, 404), method="post"
    ),
]

# The group approach (cases.policy.GROUPS): the bureau's case roles read it, directors and the
# manager change it; for everyone else the list is refused and a group is not there. Its page
# lists the group's cases through the case door (names only where the file may be opened:
# tests/cases/test_casework_walk.py).
GROUP_READ = {"regisseur", "regisseur_other", "ondersteuner", "begeleider", "manager"}
GROUP_CHANGE = {"regisseur", "regisseur_other", "manager"}
ROWS += [
    matrix.Row(
        "cases:group_list",
        None,
        {name: 200 if name in GROUP_READ else 403 for name in MATRIX},
    ),
    matrix.Row(
        "cases:group_detail",
        "group",
        {name: 200 if name in GROUP_READ else 404 for name in MATRIX},
    ),
    # A new group: made by who may change groups (a redirect to it); refused for the others.
    matrix.Row(
        "cases:group_list",
        None,
        {name: 302 if name in GROUP_CHANGE else 403 for name in MATRIX},
        method="post",
        data={"name": "Jeugdgroep Hoogeveen-Centrum"},
    ),
]

# The case pages whose permissions are tested elsewhere, and why not here.
ELSEWHERE = {
    "cases:case_list": "a list: what it shows per role, test_the_case_list_shows_exactly_...",
    "cases:action_status": "per action, not per case: test_a_team_partner_sets_the_status_...",
    "cases:known_person": "a partner gets 403: tests/cases/test_views.py",
    "cases:register": "a role taken away gives 403: tests/zvhd/test_security.py",
    "cases:closing_decide": "per proposal, not per case: tests/cases/test_closing.py",
    "cases:settings": "no case at all (beheer): tests/cases/test_closing.py",
    "cases:exchanges": "privacy officer only: tests/risk/test_permissions.py",
    "cases:legal_basis_list": "functioneel beheerder only: tests/risk/test_permissions.py",
    "cases:legal_basis_create": "functioneel beheerder only: tests/risk/test_permissions.py",
    "cases:legal_basis_edit": "functioneel beheerder only: tests/risk/test_permissions.py",
}
# Case pages that have no permission test yet: a known gap, listed so that it is visible and
# so that no new page can join it unnoticed (tests/matrix.py `assert_covers`).
NO_PERMISSION_TEST_YET = [
    "cases:registered",
    "cases:triage_queue",
    "cases:action_create",
    "cases:case_people",
    "cases:escalate",
    "cases:goal_create",
    "cases:link_group",
    "cases:meeting_create",
    "cases:my_cases",
    "cases:organisation_registrations",
    "cases:reopen",
    "cases:resolve_escalation",
    "cases:team_add",
    "cases:withdraw",
]


@pytest.fixture
def records(cast):
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
    triage = make_case(
        registered_by=cast.partner_other,
        municipality=cast.emmen,
        status=Status.IN_TRIAGE,
        decided_by=cast.ondersteuner,
    )
    ketenkamer = case_services.plan_ketenkamer(date=date.today(), planned_by=cast.ondersteuner)
    group = case_services.create_group(
        name="Jeugdgroep Assen-Noord", director=cast.regisseur, created_by=cast.regisseur
    )
    case_services.link_to_group(case=own, group=group, linked_by=cast.regisseur)
    return {"own": own, "other": other, "triage": triage, "ketenkamer": ketenkamer, "group": group}


def test_the_matrix_covers_every_user_of_the_cast():
    from tests.cast import CAST_USERS

    assert set(MATRIX) == set(CAST_USERS)


def test_every_case_page_is_in_the_matrix_or_said_where_it_is_tested():
    matrix.assert_covers("cases", ROWS, elsewhere=ELSEWHERE, untested=NO_PERMISSION_TEST_YET)


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_each_role_gets_exactly_its_pages(cast, client, records, row):
    matrix.check(row, client=client, people=matrix.people_of(cast), records=records)


def test_a_municipal_contact_sees_no_names_problem_areas_or_enrichment(cast, client_for, records):
    from cases import services

    services.add_enrichment(
        legal_basis=LegalBasis.objects.get(code="wpg"),
        purpose="Beoordelen",
        case=records["own"],
        added_by=cast.liaison_politie,
        text="Bekend bij politie: ABC123",
        shared_with="team",
    )
    html = client_for(cast.gemeente).get(reverse("cases:case_detail", args=[records["own"].pk]))
    text = html.content.decode()
    assert records["own"].number in text
    assert records["own"].person.last_name not in text
    assert "ABC123" not in text and "Psychische problematiek" not in text


def test_enrichment_reaches_the_team_only_when_its_source_shared_it(cast, client_for, records):
    from cases import services

    case = records["own"]
    services.add_enrichment(
        legal_basis=LegalBasis.objects.get(code="wpg"),
        purpose="Beoordelen",
        case=case,
        added_by=cast.liaison_politie,
        text="GEDEELD",
        shared_with="team",
    )
    services.add_enrichment(
        legal_basis=LegalBasis.objects.get(code="wpg"),
        purpose="Beoordelen",
        case=case,
        added_by=cast.liaison_politie,
        text="ALLEENZVHD",
        shared_with="zvhd",
    )
    partner_page = (
        client_for(cast.partner).get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    )
    assert "GEDEELD" in partner_page and "ALLEENZVHD" not in partner_page
    director_page = (
        client_for(cast.regisseur)
        .get(reverse("cases:case_detail", args=[case.pk]))
        .content.decode()
    )
    assert "GEDEELD" in director_page and "ALLEENZVHD" in director_page


def test_every_case_page_read_and_every_refusal_is_in_the_access_log(cast, client_for, records):
    case = records["own"]
    client_for(cast.regisseur).get(reverse("cases:case_plan", args=[case.pk]))
    assert AccessLog.objects.filter(object_id=str(case.pk), allowed=True, action="view").exists()
    client_for(cast.gemeente_other).get(reverse("cases:case_detail", args=[case.pk]))
    assert AccessLog.objects.filter(username="gemeente_other", allowed=False).exists()


@pytest.mark.parametrize(
    ("username", "visible"),
    [
        ("regisseur", {"own", "other", "triage"}),
        ("partner", {"own"}),
        ("partner_other", {"other", "triage"}),
        ("gemeente", {"own"}),
        ("liaison_om", {"triage"}),
        ("financien", set()),
    ],
)
def test_the_case_list_shows_exactly_what_the_role_may_see(
    cast, client_for, records, username, visible
):
    response = client_for(getattr(cast, username)).get(reverse("cases:case_list"))
    if username == "financien":
        shown = set()
    else:
        html = response.content.decode()
        shown = {key for key in RECORDS if records[key].number in html}
    assert shown == visible


def test_a_team_partner_sets_the_status_of_their_own_action_and_no_other(cast, client_for, records):
    """A partner reports progress on their part of the plan; the rest of the plan is the
    director's. Out of scope stays 404."""
    from datetime import timedelta

    from django.utils import timezone

    from cases import services
    from cases.models import Action, ActionStatus

    case = records["own"]
    due = timezone.localdate() + timedelta(days=7)
    own = services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="Behandelplan opstellen",
        owner_organisation=cast.partner.organisation,
        owner=cast.partner,
        due_on=due,
    )
    police = services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="Gebiedsverbod bewaken",
        owner_organisation=cast.politie,
        due_on=due,
    )
    elsewhere = services.add_action(
        case=records["other"],
        added_by=cast.regisseur_other,
        description="Afspraak maken",
        owner_organisation=cast.partner_other.organisation,
        due_on=due,
    )
    partner = client_for(cast.partner)
    plan = partner.get(reverse("cases:case_plan", args=[case.pk])).content.decode()
    assert reverse("cases:action_status", args=[own.pk]) in plan

    url = reverse("cases:action_status", args=[own.pk])
    assert partner.get(url).status_code == 200
    response = partner.post(url, {"status": ActionStatus.DONE})
    assert response.status_code == 302
    assert Action.objects.get(pk=own.pk).status == ActionStatus.DONE

    # The police's action on the same case: the partner does not even see it (404).
    assert (
        partner.post(
            reverse("cases:action_status", args=[police.pk]), {"status": "klaar"}
        ).status_code
        == 404
    )
    # An action of a case the partner is not on: 404.
    assert partner.get(reverse("cases:action_status", args=[elsewhere.pk])).status_code == 404
    # The municipal contact sees the case at summary level only: no action of it.
    assert client_for(cast.gemeente).get(url).status_code == 404
    # The director still sets any status.
    director = client_for(cast.regisseur)
    assert (
        director.post(
            reverse("cases:action_status", args=[police.pk]), {"status": ActionStatus.DONE}
        ).status_code
        == 302
    )


def test_the_action_status_scope_asks_each_actions_own_case_and_means_what_it_meant(cast, records):
    """Issue 24: the scope is written as EXISTS on the action's own case (the IN over every
    directed case took 240 ms at 1M for one action); the rows are the ones of the old
    definition (directing the case, or owning the action on a case one may read) for
    every role."""
    from datetime import timedelta

    from django.db.models import Q
    from django.utils import timezone

    from cases import services
    from cases.models import UPDATE_STATUS, Action, Case
    from tests.cast import CAST_USERS

    due = timezone.localdate() + timedelta(days=7)
    for key, owner_organisation, owner in (
        ("own", cast.partner.organisation, cast.partner),
        ("own", cast.politie, None),
        ("other", cast.partner_other.organisation, None),
    ):
        services.add_action(
            case=records[key],
            added_by=records[key].director or cast.regisseur,
            description="Actie",
            owner_organisation=owner_organisation,
            owner=owner,
            due_on=due,
        )
    for name in CAST_USERS:
        user = getattr(cast, name)
        owned = Q(owner_id=user.pk)
        if user.organisation_id:
            owned |= Q(owner_organisation_id=user.organisation_id)
        directing = Case.objects.visible_to(user, "change").values("pk")
        reading = Case.objects.visible_to(user, "details").values("pk")
        before = Action.objects.filter(Q(case__in=directing) | (owned & Q(case__in=reading)))
        now = Action.objects.visible_to(user, UPDATE_STATUS)
        assert set(now.values_list("pk", flat=True)) == set(before.values_list("pk", flat=True)), (
            name
        )
