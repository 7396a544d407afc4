"""The start page per role, account beheer by the functioneel beheerder, the access-log page."""

import pytest
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import matrix
from tests.cast import CAST_USERS
from tests.factories import UserFactory
from zvhd.network.models import Organisation, Role, User
from zvhd.privacy.services import log_access

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", CAST_USERS)
def test_every_role_gets_a_start_page_with_its_own_menu(
    cast, client_for, name, django_assert_max_num_queries
):
    user = getattr(cast, name)
    client = client_for(user)
    # Every app adds its panels (one or two aggregates each); the user comes with roles and
    # second factor in one query. Under test the session's UPDATE runs inside a SAVEPOINT
    # pair, two queries production does not have. The most: the ketenregisseur mensenhandel.
    # 16 with Redis; without a shared cache the session is read from the database: 17.
    with django_assert_max_num_queries(17):
        response = client.get(reverse("start"))
    assert response.status_code == 200
    menu = [item.label for item in response.context["nav_items"]]
    assert ("Gebruikers" in menu) == (name == "beheerder")
    assert ("Toegangslog" in menu) == (name == "privacy")


def test_the_beheerder_start_page_counts_accounts_without_second_factor(cast, client_for):
    UserFactory(username="zonder", second_factor=False)
    response = client_for(cast.beheerder).get(reverse("start"))
    panel = next(p for p in response.context["panels"] if p["template"].endswith("beheer.html"))
    assert panel["without_second_factor"] == 1


MATRIX = [
    # (page, user, expected status)
    ("network:user_list", "beheerder", 200),
    ("network:user_create", "beheerder", 200),
    ("network:organisation_list", "beheerder", 200),
    ("privacy:access_log", "privacy", 200),
    *[("network:user_list", name, 403) for name in CAST_USERS if name != "beheerder"],
    *[("privacy:access_log", name, 403) for name in CAST_USERS if name != "privacy"],
]


HOUSE_PAGES = list(dict.fromkeys(page for page, _name, _status in MATRIX))
ROWS = [
    matrix.Row(page, None, {name: status for row_page, name, status in MATRIX if row_page == page})
    for page in HOUSE_PAGES
]


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_house_pages_follow_the_permission_matrix(cast, client, row):
    matrix.check(row, client=client, people=matrix.people_of(cast))


def test_every_beheer_page_is_in_the_matrix_or_said_where_it_is_tested():
    assert matrix.cells(ROWS) == len(MATRIX)
    matrix.assert_covers(
        "network",
        ROWS,
        elsewhere={
            "network:user_detail": "out of scope is a 404: tests/zvhd/test_permissions.py",
            **{
                f"network:{name}": "tests/zvhd/test_lookup_lists.py"
                for name in (
                    "term_list",
                    "term_create",
                    "term_update",
                    "municipality_list",
                    "municipality_create",
                    "municipality_update",
                )
            },
        },
        # The beheerder uses them (test_user_actions_are_post_only, test_reference_data.py);
        # no test yet of who else may not.
        untested=[
            "network:organisation_create",
            "network:organisation_update",
            "network:user_reset_second_factor",
            "network:user_unlock",
            "network:user_update",
        ],
    )


def test_the_user_list_does_not_grow_in_queries_with_its_rows(cast, client_for):
    client = client_for(cast.beheerder)
    client.get(reverse("network:user_list"))  # the session is written once after login
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("network:user_list"))
    for n in range(30):
        UserFactory(username=f"extra{n}", roles=[Role.PARTNERPROFESSIONAL])
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("network:user_list"), {"q": "extra"})
    assert "extra29" in response.content.decode()
    assert len(many) == len(few) <= 14


def test_the_beheerder_creates_a_municipal_contact(cast, client_for):
    client = client_for(cast.beheerder)
    response = client.post(
        reverse("network:user_create"),
        {
            "username": "contact.emmen",
            "first_name": "Els",
            "last_name": "Emmen",
            "email": "els@emmen.example",
            "organisation": cast.gemeente_emmen.pk,
            "municipality": cast.emmen.pk,
            "roles": [Role.GEMEENTELIJK_CONTACTPERSOON],
            "password": "een-lang-tijdelijk-wachtwoord",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="contact.emmen")
    assert user.has_role(Role.GEMEENTELIJK_CONTACTPERSOON)
    assert user.municipality == cast.emmen
    assert user.history.first().history_user == cast.beheerder


def test_a_municipal_contact_without_municipality_is_refused_next_to_the_field(cast, client_for):
    response = client_for(cast.beheerder).post(
        reverse("network:user_create"),
        {
            "username": "contact.x",
            "first_name": "X",
            "last_name": "Y",
            "organisation": cast.gemeente_emmen.pk,
            "roles": [Role.GEMEENTELIJK_CONTACTPERSOON],
            "password": "kort",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "precies één gemeente" in form.errors["municipality"][0]
    assert form.errors["password"]
    assert 'value="contact.x"' in response.content.decode()  # nothing typed is lost


def test_the_beheerder_unlocks_an_account_and_resets_its_second_factor(cast, client_for):
    AccessAttempt.objects.create(
        username="regisseur",
        ip_address="127.0.0.1",
        user_agent="x",
        failures_since_start=5,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/",
    )
    client = client_for(cast.beheerder)
    client.post(reverse("network:user_unlock", args=[cast.regisseur.pk]))
    assert not AccessAttempt.objects.filter(username="regisseur").exists()
    client.post(reverse("network:user_reset_second_factor", args=[cast.regisseur.pk]))
    assert not Authenticator.objects.filter(user=cast.regisseur).exists()


def test_user_actions_are_post_only(cast, client_for):
    response = client_for(cast.beheerder).get(
        reverse("network:user_unlock", args=[cast.partner.pk])
    )
    assert response.status_code == 405


def test_the_privacy_officer_searches_the_access_log_by_user_and_outcome(cast, client_for, rf):
    request = rf.get("/casussen/1/")
    request.user = cast.partner
    log_access(request=request, model=Organisation, object_id=1, allowed=False)
    request.user = cast.regisseur
    log_access(request=request, model=Organisation, object_id=1)
    client = client_for(cast.privacy)
    response = client.get(reverse("privacy:access_log"), {"username": "partner", "allowed": "0"})
    rows = list(response.context["object_list"])
    assert [(r.username, r.allowed) for r in rows] == [("partner", False)]


def test_an_impossible_period_is_explained_next_to_the_field(cast, client_for):
    response = client_for(cast.privacy).get(
        reverse("privacy:access_log"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "vóór de begindatum" in response.context["form"].errors["date_to"][0]
    response = client_for(cast.privacy).get(
        reverse("privacy:access_log"), {"date_from": "gisteren"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date_from"]


def test_the_menu_marks_exactly_one_item_as_the_current_page(cast):
    from zvhd.navigation import menu_for

    entries = menu_for(cast.regisseur, "/casussen/aanmelden/")
    assert [e.label for e in entries if e.active] == ["Aanmelden"]
    assert [e.label for e in menu_for(cast.regisseur, "/") if e.active] == ["Start"]
