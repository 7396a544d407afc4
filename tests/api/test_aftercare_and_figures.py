"""Issue 9: detention notifications from DJI/probation and the national key figures."""

import io
import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from aftercare.models import AftercareRecord, Notification
from api.models import Scope
from tests.aftercare.factories import participate, valid_bsn
from tests.api.factories import make_client
from tests.cases.factories import make_case
from tests.factories import OrganisationFactory
from tests.reports.factories import local
from zvhd.network.models import OrganisationKind
from zvhd.privacy.models import AccessLog

pytestmark = pytest.mark.django_db

DETENTION = "/api/v1/detentiemeldingen/"


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def dji(cast):
    return OrganisationFactory(name="DJI PI Veenhuizen", kind=OrganisationKind.DJI)


@pytest.fixture
def dji_client(cast, dji):
    participate(cast.assen, timezone.localdate().year)
    return make_client(organisation=dji, created_by=cast.beheerder, scopes=[Scope.DETENTION_WRITE])


def notification(**changes):
    start = timezone.localdate() - timedelta(days=20)
    data = {
        "kind": "start",
        "first_names": "Jan Willem",
        "last_name": "Jansen",
        "birth_date": "1990-05-17",
        "bsn": valid_bsn(),
        "municipality": "Assen",
        "institution": "PI Veenhuizen",
        "detention_start": start.isoformat(),
        "expected_release": (start + timedelta(days=90)).isoformat(),
    }
    data.update(changes)
    return data


def post(client, token, data):
    return client.post(DETENTION, data, content_type="application/json", **auth(token))


def test_dji_notifies_a_detention_and_gets_the_record_number_only(client, cast, dji_client):
    api_client, token = dji_client
    response = post(client, token, notification())
    assert response.status_code == 201, response.json()
    body = response.json()
    record = AftercareRecord.objects.get()
    assert body["number"] == record.number and body["new_record"] is True
    assert body["status"] == "open" and body["status_label"] == "In behandeling"
    assert "last_name" not in body and "bsn" not in body  # nothing of the record comes back
    item = Notification.objects.get()
    assert item.via_api and item.received_by == api_client.user
    assert item.source.startswith("DJI PI Veenhuizen")
    assert record.conditions.count() == 5  # the same intake as the form
    log = AccessLog.objects.get(user=api_client.user, path=DETENTION)
    assert log.action == "change" and log.allowed and log.object_id == str(record.pk)


def test_a_second_notification_lands_in_the_same_record_and_a_duplicate_is_refused(
    client, cast, dji_client
):
    _c, token = dji_client
    data = notification()
    assert post(client, token, data).status_code == 201
    end = post(client, token, {**data, "kind": "einde"})
    assert end.status_code == 201 and end.json()["new_record"] is False
    again = post(client, token, data)
    assert again.status_code == 400
    assert "al ontvangen" in str(again.json()["kind"])
    assert AftercareRecord.objects.count() == 1 and Notification.objects.count() == 2


def test_bad_input_gets_the_forms_dutch_messages_next_to_the_fields(client, cast, dji_client):
    _c, token = dji_client
    unknown = post(client, token, notification(municipality="Groningen"))
    assert unknown.status_code == 400
    assert "Onbekende gemeente" in str(unknown.json()["municipality"])
    start = timezone.localdate() - timedelta(days=20)
    response = post(
        client,
        token,
        notification(bsn="123456789", expected_release=(start - timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 400
    errors = response.json()
    assert "elfproef" in str(errors["bsn"])
    assert "voor het begin van de detentie" in str(errors["expected_release"])
    not_participating = post(client, token, notification(municipality="Emmen"))
    assert not_participating.status_code == 400
    assert "neemt in" in str(not_participating.json()["municipality"])
    missing = post(client, token, {})
    assert missing.status_code == 400 and "bsn" in missing.json()
    assert not AftercareRecord.objects.exists()
    assert AccessLog.objects.filter(path=DETENTION, allowed=False).count() == 4


def test_without_the_scope_or_outside_justice_a_client_may_not_notify(client, cast, dji):
    participate(cast.assen, timezone.localdate().year)
    _c, other_scopes = make_client(
        organisation=dji, created_by=cast.beheerder, scopes=[Scope.REGISTRATIONS_WRITE]
    )
    assert post(client, other_scopes, notification()).status_code == 403
    # A care partner cannot be given the scope ...
    with pytest.raises(ValidationError) as refused:
        make_client(
            organisation=cast.ggz, created_by=cast.beheerder, scopes=[Scope.DETENTION_WRITE]
        )
    assert "DJI of de reclassering" in str(refused.value)
    # ... and a justice client whose organisation is no longer of that kind loses it at once.
    _c, token = make_client(
        organisation=dji, created_by=cast.beheerder, scopes=[Scope.DETENTION_WRITE]
    )
    dji.kind = OrganisationKind.GGZ
    dji.save()
    assert post(client, token, notification()).status_code == 403
    assert not AftercareRecord.objects.exists()


def test_probation_may_notify_too(client, cast):
    participate(cast.assen, timezone.localdate().year)
    reclassering = OrganisationFactory(name="Reclassering Nederland", kind="reclassering")
    _c, token = make_client(
        organisation=reclassering, created_by=cast.beheerder, scopes=[Scope.DETENTION_WRITE]
    )
    assert post(client, token, notification()).status_code == 201


def test_a_revoked_client_is_refused(client, cast, dji_client):
    from api.services import revoke_client

    api_client, token = dji_client
    revoke_client(client=api_client, revoked_by=cast.beheerder)
    response = post(client, token, notification())
    assert response.status_code == 401 and "ingetrokken" in response.json()["detail"]
    assert (
        client.get(f"/api/v1/cijfers/{timezone.localdate().year}/", **auth(token)).status_code
        == 401
    )
    assert not AftercareRecord.objects.exists()


def test_a_notifying_client_reads_nothing_of_aftercare_or_cases(client, cast, dji_client):
    """The scope lets it write; it reads no record, list or figures with it."""
    _c, token = dji_client
    assert post(client, token, notification()).status_code == 201
    make_case(registered_by=cast.partner, municipality=cast.assen)
    assert client.get("/api/v1/aanmeldingen/", **auth(token)).status_code == 403
    assert client.get(DETENTION, **auth(token)).status_code == 405
    year = timezone.localdate().year
    assert client.get(f"/api/v1/cijfers/{year}/", **auth(token)).status_code == 403


# ---------------------------------------------------------------------------------------------
# Key figures


@pytest.fixture
def figures_client(cast):
    return make_client(organisation=cast.om, created_by=cast.beheerder, scopes=[Scope.FIGURES_READ])


def test_the_key_figures_are_exactly_what_the_figures_command_prints(client, cast, figures_client):
    api_client, token = figures_client
    make_case(registered_by=cast.partner, municipality=cast.assen)
    year = timezone.localdate().year
    response = client.get(f"/api/v1/cijfers/{year}/", **auth(token))
    assert response.status_code == 200
    out = io.StringIO()
    call_command("figures", str(year), "--format", "json", stdout=out)
    assert response.json() == json.loads(out.getvalue())
    assert response.json()["year"] == year and "by_municipality" in response.json()
    assert AccessLog.objects.filter(user=api_client.user, allowed=True).exists()


def frozen(year, *, by, published, version=1, **figures):
    """A finished snapshot of `year` as the reports task leaves it, with `figures` frozen."""
    from reports.figures import snapshot_figures
    from reports.models import JobStatus, YearSnapshot

    data = {**snapshot_figures(year), **figures}
    return YearSnapshot.objects.create(
        year=year,
        version=version,
        status=JobStatus.DONE,
        data=json.loads(json.dumps(data, default=str)),
        created_by=by,
        published=published,
    )


def command_json(*args):
    out = io.StringIO()
    call_command("figures", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_a_year_with_a_published_snapshot_gets_the_snapshot_and_not_todays_figures(
    client, cast, figures_client
):
    _c, token = figures_client
    year = timezone.localdate().year - 1
    make_case(registered_by=cast.partner, municipality=cast.assen, registered_at=local(year, 3, 4))
    # As published, whatever changed since; a newer draft does not count.
    snapshot = frozen(year, by=cast.manager, published=True, inflow=41)
    frozen(year, by=cast.manager, published=False, version=2, inflow=99)
    make_case(registered_by=cast.partner, municipality=cast.assen, registered_at=local(year, 3, 4))

    response = client.get(f"/api/v1/cijfers/{year}/", **auth(token))

    assert response.status_code == 200
    assert response.json() == command_json(str(year), "--published")
    assert response.json()["inflow"] == 41 == snapshot.data["inflow"]
    assert response.json() != command_json(str(year))  # the live figures moved on
    assert list(response.json()) == list(command_json(str(year)))  # the same shape


def test_a_year_without_a_published_snapshot_is_computed_live(client, cast, figures_client):
    _c, token = figures_client
    year = timezone.localdate().year - 1
    frozen(year, by=cast.manager, published=False, inflow=99)  # made but never published
    make_case(registered_by=cast.partner, municipality=cast.assen, registered_at=local(year, 3, 4))

    response = client.get(f"/api/v1/cijfers/{year}/", **auth(token))

    assert response.status_code == 200
    assert response.json() == command_json(str(year))
    assert response.json()["inflow"] != 99


@pytest.mark.parametrize("year", ["1999", str(date.today().year + 1), "abc", "-5", "99999999999"])
def test_an_unknown_or_future_year_is_a_dutch_404(client, cast, figures_client, year):
    _c, token = figures_client
    response = client.get(f"/api/v1/cijfers/{year}/", **auth(token))
    assert response.status_code == 404
    assert "Er zijn geen cijfers van het jaar" in response.json()["detail"]


def test_the_figures_need_their_scope(client, cast):
    _c, token = make_client(
        organisation=cast.om, created_by=cast.beheerder, scopes=[Scope.REGISTRATIONS_READ]
    )
    year = timezone.localdate().year
    assert client.get(f"/api/v1/cijfers/{year}/", **auth(token)).status_code == 403
    assert client.get(f"/api/v1/cijfers/{year}/").status_code == 401


def test_both_endpoints_are_in_the_schema(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    assert "post" in paths["/api/v1/detentiemeldingen/"]
    assert "get" in paths["/api/v1/cijfers/{year}/"]


def test_the_beheer_form_refuses_the_detention_scope_for_a_care_partner(client_for, cast):
    from django.urls import reverse

    from api.models import ApiClient

    response = client_for(cast.beheerder).post(
        reverse("api:client_create"),
        {"name": "GGZ EPD", "organisation": cast.ggz.pk, "scopes": [Scope.DETENTION_WRITE]},
    )
    assert response.status_code == 200
    assert "DJI of de reclassering" in str(response.context["form"].errors["scopes"])
    assert not ApiClient.objects.exists()


def test_the_figures_are_throttled_as_the_other_endpoints(
    client, cast, figures_client, monkeypatch
):
    from api.throttling import ClientRateThrottle

    monkeypatch.setattr(ClientRateThrottle, "rate", "2/min")
    _c, token = figures_client
    url = f"/api/v1/cijfers/{timezone.localdate().year}/"
    codes = [client.get(url, **auth(token)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
