"""schemathesis against /api/schema/: no 500 and no response outside the schema."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from tests.aftercare.factories import participate
from tests.api.factories import make_client
from tests.cases.factories import make_case
from tests.factories import OrganisationFactory
from zvhd.network.models import OrganisationKind


@pytest.fixture
def api_schema(db, cast):
    from zvhd.wsgi import application

    # The WSGI handler closes "old" connections at each request, which would close the test's
    # own transaction; Django's test client disconnects these signals the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(cast, settings):
    """A care partner's key (registrations, figures) and DJI's (detention notifications)."""
    # The fuzzer sends invalid keys by the hundred from one address: the key-guessing lockout
    # (zvhd/network/lockout.py, tested in tests/zvhd/test_auth_rate_limits.py) would answer
    # 429 where this test checks the 401.
    settings.AXES_FAILURE_LIMIT = 100000
    settings.AUTH_ADDRESS_FAILURE_LIMIT = 100000
    settings.AUTH_ACCOUNT_FAILURE_LIMIT = 100000
    make_case(registered_by=cast.partner, municipality=cast.assen)
    participate(cast.assen, timezone.localdate().year)
    from api.throttling import ClientRateThrottle

    ClientRateThrottle.rate = "100000/min"  # the fuzzer is not a runaway client
    _client, ggz = make_client(organisation=cast.ggz, created_by=cast.beheerder)
    dji_org = OrganisationFactory(name="DJI", kind=OrganisationKind.DJI)
    _client, dji = make_client(organisation=dji_org, created_by=cast.beheerder)
    yield {"ggz": ggz, "dji": dji}
    ClientRateThrottle.rate = "120/min"


def test_the_api_meets_its_schema_and_never_fails(api_schema, tokens):
    """Every operation, with generated valid and invalid requests, under a valid key.

    (schemathesis' own pytest plugin does not run with this pytest, so the operations are
    walked here with hypothesis directly; the checks are schemathesis' own.)"""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.method.upper() + " " + op.path for op in operations} >= {
        "GET /api/v1/aanmeldingen/",
        "POST /api/v1/aanmeldingen/",
        "GET /api/v1/aanmeldingen/{number}/",
        "POST /api/v1/detentiemeldingen/",
        "GET /api/v1/cijfers/{year}/",
    }
    for operation in operations:
        token = tokens["dji" if "detentie" in operation.path else "ggz"]
        _checker(operation, {"Authorization": f"Bearer {token}"})()


def _checker(operation, headers):
    @given(case=operation.as_strategy())
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate(
            headers=headers,
            # A schema-valid request may still be refused for what only the data can tell (an
            # unknown municipality, a BSN failing the elfproef, a future date, a year without
            # figures): that 400/404 is the validation, not a bug.
            excluded_checks=[checks.positive_data_acceptance],
        )

    return check
