"""No lost updates on the aftercare edit forms (zvhd.versions; tests/conflicts.py)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conflicts import two_editors
from tests.factories import UserFactory
from zvhd.network.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(world):
    """A second aftercare coordinator (the shared cast has one)."""
    return UserFactory(
        username="nazorg2", roles=[Role.NAZORGCOORDINATOR], organisation=world.nazorg.organisation
    )


def test_a_second_editor_of_a_condition_sees_the_change_and_loses_nothing(
    record, world, colleague, client_for
):
    condition = record.conditions.first()
    two_editors(
        client_for,
        url=reverse("aftercare:condition", args=[record.pk, condition.pk]),
        first=world.nazorg,
        second=colleague,
        record=condition,
        field="actions",
        first_value="ID-kaart aangevraagd bij de gemeente Assen.",
        second_value="Afspraak gemaakt met het Zorgloket.",
    )


def test_a_second_editor_of_the_consent_sees_the_change_and_loses_nothing(
    record, world, colleague, client_for
):
    from aftercare.models import Consent

    two_editors(
        client_for,
        url=reverse("aftercare:consent", args=[record.pk]),
        first=world.nazorg,
        second=colleague,
        record=record,
        field="consent",
        first_value=Consent.GIVEN,
        second_value=Consent.REFUSED,
        extra={"consent_on": timezone.localdate().isoformat()},
    )
