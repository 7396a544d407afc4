"""No lost updates on the trafficking edit forms (zvhd.versions; tests/conflicts.py)."""

import pytest
from django.urls import reverse

from tests.conflicts import two_editors
from tests.factories import UserFactory
from tests.trafficking.factories import IndicatorFactory
from trafficking.models import ExploitationForm
from zvhd.network.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy(cast):
    """A second chain director (the shared cast has one)."""
    return UserFactory(username="ketenregisseur2", roles=[Role.KETENREGISSEUR_MENSENHANDEL])


def test_a_second_editor_of_a_signal_sees_the_change_and_loses_nothing(
    cast, signal, deputy, client_for
):
    two_editors(
        client_for,
        url=reverse("trafficking:signal_update", args=[signal.pk]),
        first=cast.mensenhandel,
        second=deputy,
        record=signal,
        field="description",
        first_value="Anna Jansen werkt zeven dagen per week in een massagesalon.",
        second_value="De melder zag een tweede vrouw met dezelfde begeleider.",
    )


def test_a_second_editor_of_an_indicator_sees_the_change_and_loses_nothing(
    cast, deputy, client_for
):
    indicator = IndicatorFactory(code="S09", form=ExploitationForm.SEXUAL, text="Geen eigen geld")
    two_editors(
        client_for,
        url=reverse("trafficking:indicator_update", args=[indicator.pk]),
        first=cast.mensenhandel,
        second=deputy,
        record=indicator,
        field="text",
        first_value="Heeft geen eigen geld of bankpas",
        second_value="Moet verdiensten afstaan aan een ander",
    )
