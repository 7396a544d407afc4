"""No lost updates on the advice app's edit forms (zvhd.versions; tests/conflicts.py)."""

import pytest
from django.urls import reverse

from tests.advice.factories import AdviceRecordFactory, DirectoryEntryFactory, PatternSignalFactory
from tests.conflicts import two_editors

pytestmark = pytest.mark.django_db


def test_a_second_editor_of_an_advice_question_sees_the_change_and_loses_nothing(cast, client_for):
    advice = AdviceRecordFactory(
        organisation=cast.politie, municipality=cast.assen, answered_by=cast.ondersteuner
    )
    two_editors(
        client_for,
        url=reverse("advice:update", args=[advice.pk]),
        first=cast.ondersteuner,
        second=cast.regisseur,
        record=advice,
        field="answer",
        first_value="Doorverwezen naar het wijkteam van Assen-Oost.",
        second_value="Gebeld met de woningcorporatie; zij nemen contact op.",
    )


def test_a_second_editor_of_a_directory_contact_sees_the_change_and_loses_nothing(cast, client_for):
    entry = DirectoryEntryFactory(organisation=cast.ggz)
    two_editors(
        client_for,
        url=reverse("advice:directory_update", args=[entry.pk]),
        first=cast.ondersteuner,
        second=cast.manager,
        record=entry,
        field="job_title",
        first_value="Teamleider wijkteams",
        second_value="Coördinator bemoeizorg",
    )


def test_a_second_editor_of_a_signal_sees_the_change_and_loses_nothing(cast, client_for):
    signal = PatternSignalFactory(created_by=cast.regisseur)
    two_editors(
        client_for,
        url=reverse("advice:signal_update", args=[signal.pk]),
        first=cast.regisseur,
        second=cast.manager,
        record=signal,
        field="evidence",
        first_value="In 9 van de 40 casussen; wachttijd 11 maanden.",
        second_value="Bevestigd door twee gemeenten in het regio-overleg.",
    )
