"""Every API error is JSON with a Dutch `detail`; malformed or too deep JSON is a 400.

Before: `[` x 5000 posted to the API raised RecursionError in the JSON parser, a 500 with
Django's HTML error page; an unknown API address was the site's HTML 404 page.
"""

import time

import pytest
from django.test import Client

from api.throttling import ClientRateThrottle
from tests.api.factories import make_client

pytestmark = pytest.mark.django_db

LIST = "/api/v1/aanmeldingen/"


@pytest.fixture
def token(cast):
    return make_client(organisation=cast.ggz, created_by=cast.beheerder)[1]


def headers(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def assert_dutch_json(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail
    for english in ("JSON parse error", "not found", 'Method "', "throttled", "credentials"):
        assert english not in detail, detail
    return detail


@pytest.mark.parametrize(
    "body",
    [
        "[" * 5000,
        "{" * 5000,
        '{"a": ' * 5000,
        "[" * 100 + "]" * 100,
        "{niet json",
        '{"first_name": "Sanne"',
        "\x00",
        "[NaN]",
        b"\xff\xfe[1]",
    ],
    ids=[
        "deep-list",
        "deep-object",
        "deep-keys",
        "too-deep",
        "broken",
        "cut",
        "nul",
        "nan",
        "bytes",
    ],
)
def test_malformed_or_too_deep_json_is_a_dutch_400(client, token, body):
    client.get(LIST, **headers(token))  # warm: the first request of a run imports a lot
    started = time.perf_counter()
    response = client.post(LIST, body, content_type="application/json", **headers(token))
    assert time.perf_counter() - started < 1
    detail = assert_dutch_json(response, 400)
    assert "JSON" in detail


def test_an_unknown_api_address_is_a_json_404(client, token):
    assert_dutch_json(client.get("/api/v1/onzin/", **headers(token)), 404)
    assert_dutch_json(client.get("/api/v1/aanmeldingen/2099-9999/", **headers(token)), 404)


def test_a_wrong_method_is_a_json_405(client, token):
    assert_dutch_json(client.delete(LIST, **headers(token)), 405)


def test_no_key_is_a_json_401_and_a_missing_scope_a_json_403(client, cast):
    assert_dutch_json(client.get(LIST), 401)
    _client, token = make_client(
        organisation=cast.ggz, created_by=cast.beheerder, scopes=["aanmeldingen:schrijven"]
    )
    assert_dutch_json(client.get(LIST, **headers(token)), 403)


def test_throttling_is_a_json_429(client, token, monkeypatch):
    monkeypatch.setattr(ClientRateThrottle, "rate", "1/min")
    client.get(LIST, **headers(token))
    assert_dutch_json(client.get(LIST, **headers(token)), 429)


def test_an_error_inside_the_api_is_a_json_500_and_logged(token, monkeypatch, caplog):
    from api import api_views

    def broken(*args, **kwargs):
        raise RuntimeError("stuk")

    monkeypatch.setattr(api_views.RegistrationListCreateView, "get_queryset", broken)
    client = Client(raise_request_exception=False)
    detail = assert_dutch_json(client.get(LIST, **headers(token)), 500)
    assert "stuk" not in detail
    assert any("stuk" in (r.exc_text or str(r.exc_info)) for r in caplog.records if r.exc_info)


def test_a_body_over_the_upload_limit_is_a_dutch_413(client, token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = '{"reason": "' + "x" * 2000 + '"}'
    detail = assert_dutch_json(
        client.post(LIST, body, content_type="application/json", **headers(token)), 413
    )
    assert "te groot" in detail


def test_a_large_body_is_refused_before_it_is_parsed(client, token):
    body = "[" + ",".join(["1"] * 1_000_000) + "]"  # 2 MB: under Django's limit, over ours
    client.get(LIST, **headers(token))
    started = time.perf_counter()
    response = client.post(LIST, body, content_type="application/json", **headers(token))
    assert time.perf_counter() - started < 1
    assert "te groot" in assert_dutch_json(response, 413)


def test_an_error_outside_the_api_views_is_json_too(rf):
    from zvhd.errors import page_not_found, server_error

    for view in (server_error, page_not_found):
        response = (
            view(rf.get("/api/v1/aanmeldingen/"))
            if view is server_error
            else view(rf.get("/api/v1/x/"), None)
        )
        assert response["Content-Type"].startswith("application/json")
        assert "detail" in response.content.decode()


def test_the_html_pages_keep_their_html_errors(client_for, cast):
    response = client_for(cast.regisseur).get("/casussen/999999/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
