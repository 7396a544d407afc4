"""Texts Django 6.1 itself does not translate yet come from our own locale (locale/nl)."""

import pytest
from django import forms
from django.utils import translation

from zvhd.network.models import Organisation

pytestmark = pytest.mark.django_db


def test_an_empty_select_option_is_dutch():
    # Django's own empty option of a select whose form gives none of its own.
    class Pick(forms.Form):
        organisation = forms.ModelChoiceField(queryset=Organisation.objects.all())

    with translation.override("nl"):
        html = str(Pick())
    assert "Select an option" not in html
    assert "— kies een optie —" in html


def test_the_access_log_filters_say_what_their_empty_choice_means(cast, client_for):
    from django.urls import reverse

    page = client_for(cast.privacy).get(reverse("privacy:access_log")).content.decode()
    assert "Select an option" not in page and "---------" not in page
    assert "Alle handelingen" in page and "Alle soorten gegevens" in page


def test_the_access_log_names_an_advice_question_by_its_day_and_kind_not_its_id(cast, client_for):
    """Issue 23: "adviesvraag 295" where the privacy officer reads."""
    import datetime

    from django.urls import reverse

    from tests.advice.factories import AdviceRecordFactory

    advice = AdviceRecordFactory(
        date=datetime.date(2026, 11, 27),
        organisation=cast.politie,
        answered_by=cast.regisseur,
    )
    client_for(cast.regisseur).get(reverse("advice:detail", args=[advice.pk]))
    page = client_for(cast.privacy).get(reverse("privacy:access_log")).content.decode()
    assert "adviesvraag van 27-11-2026 (advies kort)" in page
    assert f"adviesvraag {advice.pk}<" not in page
