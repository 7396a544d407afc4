"""The state tables of advice outcomes and signals, and conversion into a registration."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from advice import services
from advice.models import AdviceOutcome, SignalStatus
from tests.advice.factories import AdviceRecordFactory, PatternSignalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def advice(cast):
    return AdviceRecordFactory(
        organisation=cast.politie, municipality=cast.assen, answered_by=cast.ondersteuner
    )


def test_converting_records_who_and_when_and_returns_the_registration_prefill(cast, advice):
    initial = services.convert_to_registration(advice=advice, converted_by=cast.regisseur)
    advice.refresh_from_db()
    assert advice.outcome == AdviceOutcome.REGISTRATION
    assert advice.converted_by == cast.regisseur and advice.converted_at
    assert initial["source_advice"] == advice.pk
    assert initial["registering_organisation"] == cast.politie.pk
    assert initial["municipality"] == cast.assen.pk
    assert initial["reason"] == advice.question
    assert advice.history.first().history_change_reason == "omgezet in aanmelding"


def test_converting_twice_is_harmless(cast, advice):
    first = services.convert_to_registration(advice=advice, converted_by=cast.regisseur)
    second = services.convert_to_registration(advice=advice, converted_by=cast.ondersteuner)
    advice.refresh_from_db()
    assert first == second and advice.converted_by == cast.regisseur


def test_a_converted_question_keeps_its_outcome(cast, advice):
    services.convert_to_registration(advice=advice, converted_by=cast.regisseur)
    advice.refresh_from_db()
    advice.outcome = AdviceOutcome.ANSWERED
    with pytest.raises(ValidationError):
        services.update_advice(advice=advice, changed_by=cast.regisseur)


def test_converting_opens_a_prefilled_registration_that_links_both_ways(cast, client_for, advice):
    from cases.models import Case

    client = client_for(cast.regisseur)
    response = client.post(reverse("advice:convert", args=[advice.pk]))
    assert response.status_code == 302
    assert response.url == f"{reverse('cases:register')}?advies={advice.pk}"
    form_page = client.get(response.url)
    initial = form_page.context["form"].initial
    assert initial["municipality"] == cast.assen.pk
    assert initial["registering_organisation"] == cast.politie.pk
    assert advice.question in initial["reason"]
    assert "komt uit de adviesvraag" in form_page.content.decode()

    response = client.post(
        response.url,
        {
            "first_name": "Kees",
            "last_name": "Bakker",
            "birth_date": "1980-04-02",
            "gender": "man",
            "person_municipality": cast.assen.pk,
            "registering_organisation": cast.politie.pk,
            "registrant_name": "Agent Smit",
            "registrant_email": "smit@politie.example",
            "municipality": cast.assen.pk,
            "reason": initial["reason"],
            "desired_outcome": "Een gezamenlijke aanpak",
            "problem_areas": ["psychisch"],
            "topic": "multiproblematiek",
            "person_informed": "ja",
            "urgency": "normaal",
            "legal_basis": "wpg",
            "legal_purpose": "Beoordelen of procesregie nodig is",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    case = Case.objects.get(person__last_name="Bakker")
    advice.refresh_from_db()
    assert advice.registration == case
    assert case.origin_url == reverse("advice:detail", args=[advice.pk])
    detail = client.get(reverse("advice:detail", args=[advice.pk])).content.decode()
    assert case.number in detail


def test_someone_who_may_not_convert_gets_an_empty_registration_form(cast, client_for, advice):
    response = client_for(cast.partner).get(f"{reverse('cases:register')}?advies={advice.pk}")
    assert response.status_code == 200
    assert response.context["source_advice"] is None
    assert "municipality" not in response.context["form"].initial


def test_a_signal_cannot_skip_being_addressed(cast):
    signal = PatternSignalFactory(created_by=cast.regisseur)
    with pytest.raises(ValidationError):
        services.change_signal_status(
            signal=signal, to_status=SignalStatus.FOLLOW_UP, changed_by=cast.manager
        )


def test_addressing_a_signal_needs_a_partner_or_body_and_records_the_date(cast):
    signal = PatternSignalFactory(created_by=cast.regisseur)
    with pytest.raises(ValidationError):
        services.change_signal_status(
            signal=signal, to_status=SignalStatus.ADDRESSED, changed_by=cast.manager
        )
    signal = services.change_signal_status(
        signal=signal,
        to_status=SignalStatus.ADDRESSED,
        changed_by=cast.manager,
        addressed_to=cast.ggz,
    )
    assert signal.status == SignalStatus.ADDRESSED and signal.addressed_on
    assert signal.history.first().history_user == cast.manager


def test_the_status_form_shows_its_error_at_the_field(cast, client_for):
    signal = PatternSignalFactory(created_by=cast.regisseur)
    response = client_for(cast.manager).post(
        reverse("advice:signal_status", args=[signal.pk]), {"to_status": "geadresseerd"}
    )
    assert response.status_code == 200
    assert response.context["status_form"].errors["addressed_to"]


def test_a_signal_with_a_name_like_number_is_refused(cast, client_for):
    response = client_for(cast.regisseur).post(
        reverse("advice:signal_create"),
        {
            "title": "Wachtlijst",
            "kind": "knelpunt",
            "observed_on": "2026-01-10",
            "description": "Zie dossier 111222333",
            "evidence": "4 casussen",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["description"]


def test_registering_from_a_question_not_converted_registers_nothing(cast, advice):
    from cases.models import Case
    from cases.services import register_case

    with pytest.raises(ValidationError):
        services.register_from_advice(
            advice=advice,
            registered_by=cast.regisseur,
            register=register_case,
            registering_organisation=cast.politie,
            registrant_name="Agent Smit",
            registrant_email="smit@politie.example",
            municipality=cast.assen,
            person={
                "first_name": "Kees",
                "last_name": "Bakker",
                "birth_date": date(1980, 4, 2),
                "gender": "man",
                "municipality": cast.assen,
            },
            reason="Overlast",
            desired_outcome="Een gezamenlijke aanpak",
            topic="multiproblematiek",
            problem_areas=["psychisch"],
            person_informed=True,
        )
    assert not Case.objects.filter(person__last_name="Bakker").exists()  # one transaction
