"""A walk through the pages of the case-work roles (issue 23, part A): each role logs in, opens
the pages it uses every day, and every page is Dutch without raw codes (tests/e2e/walk.py),
passes the accessibility scan, and is saved as a screenshot to look at.

The roles: procesregisseur (with the real login and second factor), procesondersteuner,
trajectbegeleider, the liaisons of police and OM, and a partner professional on a case team.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases import services
from cases.models import Ketenkamer, Status
from tests.cases.factories import exchange, make_case
from tests.e2e.walk import telltales

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(cast):
    running = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        invited=[cast.politie],
    )
    running.support = cast.ondersteuner
    running.guide = cast.begeleider
    running.review_on = timezone.localdate() + timedelta(days=5)
    running.save()
    action = services.add_action(
        case=running,
        added_by=cast.regisseur,
        description="Intake GGZ plannen",
        owner_organisation=cast.ggz,
        owner=cast.partner,
        due_on=timezone.localdate() + timedelta(days=3),
    )
    waiting = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.IN_TRIAGE,
        decided_by=cast.ondersteuner,
    )
    services.add_enrichment(
        case=waiting,
        added_by=cast.liaison_politie,
        text="Bekend bij politie: twee meldingen",
        shared_with="team",
        **exchange(),
    )
    ketenkamer = Ketenkamer.objects.create(date=timezone.localdate())
    return {"running": running, "action": action, "waiting": waiting, "ketenkamer": ketenkamer}


def pages_of(name, world):
    running, waiting = world["running"].pk, world["waiting"].pk
    ketenkamer, action = world["ketenkamer"].pk, world["action"].pk
    bureau = [
        ("start", "/"),
        ("casussen", "/casussen/"),
        ("mijn-casussen", "/casussen/mijn/?status=procesregie"),
        ("zoeken", f"/casussen/?q={world['running'].number}"),
        ("triage", "/casussen/triage/"),
        ("ketenkamer", f"/casussen/ketenkamer/{ketenkamer}/"),
        ("aanmelden", "/casussen/aanmelden/"),
        ("adviesvragen", "/advies/vragen/"),
    ]
    case_file = [
        ("casus", f"/casussen/{running}/"),
        ("plan", f"/casussen/{running}/plan/"),
        ("overleggen", f"/casussen/{running}/overleggen/"),
        ("logboek", f"/casussen/{running}/logboek/"),
        ("documenten", f"/casussen/{running}/documenten/"),
        ("tijdlijn", f"/casussen/{running}/tijdlijn/"),
        # Its changes as a person reads them (it printed "director: — → 1", issue 24 walk).
        ("geschiedenis", f"/casussen/{running}/geschiedenis/"),
    ]
    directing = [
        ("overleg-vastleggen", f"/casussen/{running}/overleggen/nieuw/"),
        ("team", f"/casussen/{running}/team/"),
        ("afsluiten", f"/casussen/{running}/afsluiten/"),
        ("actiestatus", f"/casussen/acties/{action}/status/"),
        ("besluit", f"/casussen/{waiting}/besluit/?ketenkamer={ketenkamer}"),
    ]
    return {
        "regisseur": bureau + case_file + directing,
        "ondersteuner": bureau
        + case_file
        + [("besluit", f"/casussen/{waiting}/besluit/?ketenkamer={ketenkamer}")],
        "begeleider": [*bureau[:5], *case_file],
        "liaison_politie": [
            ("start", "/"),
            ("triage", "/casussen/triage/"),
            ("ketenkamer", f"/casussen/ketenkamer/{ketenkamer}/"),
            ("aanmelding", f"/casussen/{waiting}/"),
            ("verrijken", f"/casussen/{waiting}/verrijken/"),
            ("casus", f"/casussen/{running}/"),
        ],
        "liaison_om": [
            ("start", "/"),
            ("triage", "/casussen/triage/"),
            ("aanmelding", f"/casussen/{waiting}/"),
            ("verrijken", f"/casussen/{waiting}/verrijken/"),
        ],
        "partner": [
            ("start", "/"),
            ("mijn-casussen", "/casussen/mijn/?status=lopend"),
            ("organisatie", "/casussen/mijn-organisatie/"),
            ("aanmelden", "/casussen/aanmelden/"),
            ("casus", f"/casussen/{running}/"),
            ("plan", f"/casussen/{running}/plan/"),
            ("actiestatus", f"/casussen/acties/{action}/status/"),
        ],
    }[name]


def walk(page, name, world, shot, axe_findings, user):
    # The account panel shows the username; the cast's "liaison_politie" is data, not a code
    # (the demo's accounts are "liaison.politie").
    own_name = f"code: {user.username!r}"
    found = {}
    for slug, url in pages_of(name, world):
        response = page.goto(url)
        assert response.status == 200, f"{name} {url}: {response.status}"
        shot(page, f"walk-{name}-{slug}")
        problems = [t for t in telltales(page) if t != own_name] + axe_findings(page)
        if problems:
            found[url] = problems
    assert found == {}


def test_the_procesregisseur_walks_in_through_the_real_login(
    cast, world, page, login, shot, axe_findings
):
    login(page, cast.regisseur)
    walk(page, "regisseur", world, shot, axe_findings, cast.regisseur)


@pytest.mark.parametrize(
    "name", ["ondersteuner", "begeleider", "liaison_politie", "liaison_om", "partner"]
)
def test_a_case_work_role_walks_its_daily_pages(
    cast, world, page, as_user, shot, axe_findings, name
):
    user = getattr(cast, name)
    as_user(page, user)
    walk(page, name, world, shot, axe_findings, user)
