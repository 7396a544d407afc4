"""The REST API: a client acts as its organisation, with its scopes, throttled and logged."""

import pytest
from django.urls import reverse

from api.models import ApiClient, Scope
from api.throttling import ClientRateThrottle
from cases.models import Case
from tests.api.factories import make_client, registration
from tests.cases.factories import make_case
from zvhd.privacy.models import AccessLog

pytestmark = pytest.mark.django_db

LIST = "/api/v1/aanmeldingen/"


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def ggz_client(cast):
    return make_client(organisation=cast.ggz, created_by=cast.beheerder)


@pytest.fixture
def cases_of_both(cast):
    """One registration by GGZ Drenthe and one by VNN, in which GGZ is invited."""
    own = make_case(registered_by=cast.partner, municipality=cast.assen)
    other = make_case(registered_by=cast.partner_other, municipality=cast.emmen, invited=[cast.ggz])
    return own, other


def test_a_client_registers_a_case_for_its_own_organisation(client, cast, ggz_client):
    _client, token = ggz_client
    response = client.post(LIST, registration(), content_type="application/json", **auth(token))
    assert response.status_code == 201, response.json()
    case = Case.objects.get(number=response.json()["number"])
    assert case.registering_organisation == cast.ggz
    assert case.status == "aangemeld"
    assert "Partnersysteem" in case.origin
    assert response.json()["status_label"] == "Aangemeld"
    assert "last_name" not in response.json()  # the summary only, as a partner sees it


def test_the_api_refuses_what_the_form_refuses_with_the_same_dutch_messages(
    client, cast, ggz_client
):
    _client, token = ggz_client
    data = registration(bsn="123456789", person_informed=False, municipality="Groningen")
    response = client.post(LIST, data, content_type="application/json", **auth(token))
    assert response.status_code == 400
    assert "Onbekende gemeente" in str(response.json()["municipality"])
    data["municipality"] = "Assen"
    response = client.post(LIST, data, content_type="application/json", **auth(token))
    errors = response.json()
    assert "elfproef" in str(errors["bsn"])
    assert "waarom de betrokkene niet" in str(errors["not_informed_reason"])
    assert not Case.objects.exists()


def test_a_client_reads_only_its_own_organisations_registrations(
    client, cast, ggz_client, cases_of_both
):
    own, other = cases_of_both
    _client, token = ggz_client
    numbers = [c["number"] for c in client.get(LIST, **auth(token)).json()["results"]]
    assert numbers == [own.number]
    assert client.get(f"{LIST}{own.number}/", **auth(token)).status_code == 200
    # Invited is not registered: a GGZ professional would not see it in the list either.
    assert client.get(f"{LIST}{other.number}/", **auth(token)).status_code == 404
    assert client.get(f"{LIST}9999-0001/", **auth(token)).status_code == 404


# Scope matrix: (scopes of the client, method, expected status).
SCOPE_MATRIX = [
    ([Scope.REGISTRATIONS_READ], "get", 200),
    ([Scope.REGISTRATIONS_READ], "post", 403),
    ([Scope.REGISTRATIONS_WRITE], "get", 403),
    ([Scope.REGISTRATIONS_WRITE], "post", 201),
    ([Scope.REGISTRATIONS_READ, Scope.REGISTRATIONS_WRITE], "get", 200),
    ([Scope.REGISTRATIONS_READ, Scope.REGISTRATIONS_WRITE], "post", 201),
]


@pytest.mark.parametrize(("scopes", "method", "expected"), SCOPE_MATRIX)
def test_each_scope_opens_exactly_its_own_endpoint(client, cast, scopes, method, expected):
    _c, token = make_client(organisation=cast.ggz, created_by=cast.beheerder, scopes=scopes)
    if method == "get":
        response = client.get(LIST, **auth(token))
    else:
        response = client.post(LIST, registration(), content_type="application/json", **auth(token))
    assert response.status_code == expected


def test_the_detail_needs_the_read_scope(client, cast, cases_of_both):
    own, _other = cases_of_both
    _c, token = make_client(
        organisation=cast.ggz, created_by=cast.beheerder, scopes=[Scope.REGISTRATIONS_WRITE]
    )
    assert client.get(f"{LIST}{own.number}/", **auth(token)).status_code == 403


@pytest.mark.parametrize(
    "header",
    ["", "Bearer ", "Bearer onzin", "Bearer abc.def", "Token x.y", "Bearer a.b.c"],
)
def test_no_or_a_wrong_key_is_a_401_not_a_login_page(client, cast, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get(LIST, **extra)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")


def test_a_revoked_client_is_refused_and_the_refusal_is_logged(client, cast, ggz_client):
    from api.services import revoke_client

    api_client, token = ggz_client
    assert client.get(LIST, **auth(token)).status_code == 200
    revoke_client(client=api_client, revoked_by=cast.beheerder, reason="Systeem vervangen")
    response = client.get(LIST, **auth(token))
    assert response.status_code == 401
    assert "ingetrokken" in response.json()["detail"]
    assert AccessLog.objects.filter(path=LIST, allowed=False).exists()


def test_the_secret_is_stored_only_as_a_hash(cast, ggz_client):
    api_client, token = ggz_client
    secret = token.split(".", 1)[1]
    stored = ApiClient.objects.get(pk=api_client.pk)
    assert secret not in stored.secret_hash and len(stored.secret_hash) == 64
    assert not stored.user.has_usable_password()
    assert stored.user.role_names == frozenset()  # no roles: in no dropdown or team


def test_every_call_is_in_the_access_log_with_the_client_account(
    client, cast, ggz_client, cases_of_both
):
    own, _other = cases_of_both
    api_client, token = ggz_client
    client.get(LIST, **auth(token))
    client.get(f"{LIST}{own.number}/", **auth(token))
    client.post(LIST, registration(), content_type="application/json", **auth(token))
    rows = AccessLog.objects.filter(user=api_client.user)
    assert rows.filter(action="list", object_id=str(own.pk)).exists()
    assert rows.filter(action="view", object_id=str(own.pk), allowed=True).exists()
    assert rows.filter(action="change", allowed=True).exists()
    assert rows.filter(path=LIST).count() >= 3  # list row + call row, and the POST
    assert set(rows.values_list("organisation", flat=True)) == {"GGZ Drenthe"}


def test_a_client_is_throttled(client, cast, ggz_client, monkeypatch):
    monkeypatch.setattr(ClientRateThrottle, "rate", "3/min")
    _client, token = ggz_client
    codes = [client.get(LIST, **auth(token)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_the_list_query_count_does_not_grow_with_the_rows(
    client, cast, ggz_client, django_assert_max_num_queries
):
    _client, token = ggz_client
    for _ in range(2):
        make_case(registered_by=cast.partner, municipality=cast.assen)
    with django_assert_max_num_queries(9):
        assert client.get(LIST, **auth(token)).status_code == 200
    for _ in range(10):
        make_case(registered_by=cast.partner, municipality=cast.assen)
    with django_assert_max_num_queries(9):
        assert len(client.get(LIST, **auth(token)).json()["results"]) == 12


def test_the_schema_and_its_docs_page_are_public(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert "/api/v1/aanmeldingen/" in schema.json()["paths"]
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    assert "POST /api/v1/aanmeldingen/" in docs.content.decode()
