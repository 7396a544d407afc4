"""No lost updates on the privacy officer's inzageverzoek form (zvhd.versions)."""

from datetime import date

import pytest
from django.urls import reverse

from tests.conflicts import two_editors
from tests.factories import UserFactory
from zvhd.network.models import Role
from zvhd.privacy import services
from zvhd.privacy.models import SubjectAccessRequest

pytestmark = pytest.mark.django_db


def test_a_second_editor_of_an_access_request_sees_the_change_and_loses_nothing(cast, client_for):
    access_request = services.register_access_request(
        access_request=SubjectAccessRequest(
            received_on=date(2026, 11, 2), requester="Brief van betrokkene", bsn="111222333"
        ),
        registered_by=cast.privacy,
    )
    colleague = UserFactory(username="privacy2", roles=[Role.PRIVACY_OFFICER])
    two_editors(
        client_for,
        url=reverse("privacy:access_request_edit", args=[access_request.pk]),
        first=cast.privacy,
        second=colleague,
        record=access_request,
        field="requester",
        first_value="Brief van de advocaat van betrokkene",
        second_value="E-mail van betrokkene zelf",
    )


def test_registering_an_access_request_goes_through_the_service(cast, client_for):
    response = client_for(cast.privacy).post(
        reverse("privacy:access_request_new"),
        {
            "received_on": "2026-11-02",
            "requester": "Aan de balie",
            "last_name": "Jansen",
            "birth_date": "1980-04-02",
        },
    )
    assert response.status_code == 302
    created = SubjectAccessRequest.objects.get()
    assert created.registered_by == cast.privacy
    assert created.history.get().history_user == cast.privacy
