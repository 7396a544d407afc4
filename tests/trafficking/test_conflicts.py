"""No lost updates on the trafficking edit forms (zvhd.versions; tests/conflicts.py)."""

import pytest
from django.urls import reverse

from tests.conflicts import CONFLICT, form_data, two_editors
from tests.factories import UserFactory
from tests.trafficking.factories import IndicatorFactory
from trafficking.models import ExploitationForm, IndicatorObservation
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


def test_a_second_editor_of_a_signals_indicators_sees_the_change_and_loses_nothing(
    cast, signal, indicators, deputy, client_for
):
    """The observations are rows of the signal: the form claims the signal's version."""
    s01, s02, _a01 = indicators
    url = reverse("trafficking:signal_indicators", args=[signal.pk])
    first, second = client_for(cast.mensenhandel), client_for(deputy)
    opened = second.get(url).context["form"]
    assert opened["version"].value() == signal.version  # the form carries the signal's version
    second_sees = form_data(opened)
    first_sees = form_data(first.get(url).context["form"])

    saved = first.post(
        url,
        {
            **first_sees,
            f"indicator-{s01.pk}-status": "waargenomen",
            f"indicator-{s01.pk}-source": "wijkagent",
        },
    )
    assert saved.status_code == 302
    signal.refresh_from_db()
    assert signal.version == opened["version"].value() + 1

    mine = {f"indicator-{s02.pk}-status": "onbekend", f"indicator-{s01.pk}-source": "de <melder>"}
    refused = second.post(url, {**second_sees, **mine})
    text = refused.content.decode()
    assert refused.status_code == 200
    assert CONFLICT in text
    assert "Waar de opgeslagen versie verschilt van uw invoer" in text  # per indicator
    assert "Moet verdiensten afstaan" in text and "waargenomen (wijkagent)" in text
    assert 'value="de &lt;melder&gt;"' in text  # the editor's input stays in the form
    form = refused.context["form"]
    assert str(form["version"].value()) == str(signal.version)  # the next save is deliberate
    observed = dict(IndicatorObservation.objects.values_list("indicator_id", "source"))
    assert observed == {s01.pk: "wijkagent"}  # nothing overwritten, nothing added
    signal.refresh_from_db()
    version = signal.version

    again = second.post(url, {**form_data(form), f"indicator-{s01.pk}-status": "waargenomen"})
    assert again.status_code == 302, again.content.decode()[:2000]
    observed = dict(IndicatorObservation.objects.values_list("indicator_id", "source"))
    assert observed == {s01.pk: "de <melder>", s02.pk: ""}
    signal.refresh_from_db()
    assert signal.version == version + 1
    kept = IndicatorObservation.history.filter(indicator=s01).values_list("source", flat=True)
    assert {"wijkagent", "de <melder>"} <= set(kept)  # the history keeps both
