"""Logging a question: quick entry, the full form, bad input and person data in free text."""

import pytest
from django.urls import reverse

from advice.models import AdviceKind, AdviceOutcome, AdviceRecord
from advice.privacy import findings_in

pytestmark = pytest.mark.django_db

VALID_BSN = "111222333"  # passes the eleven-test


def quick_data(cast, **overrides):
    data = {
        "kind": AdviceKind.INFORMATIEKNOOPPUNT,
        "requester_name": "Wijkagent Assen-Oost",
        "organisation": cast.politie.pk,
        "municipality": cast.assen.pk,
        "topic": "",
        "question": "Wie is het aanspreekpunt woonoverlast?",
        "answer": "Meldpunt woonoverlast doorgegeven.",
        "minutes_spent": "5",
        "outcome": AdviceOutcome.ANSWERED,
        "referred_to": "",
    }
    data.update(overrides)
    return data


def test_quick_entry_logs_a_phone_question_with_sensible_defaults(cast, client_for):
    response = client_for(cast.ondersteuner).post(reverse("advice:quick"), quick_data(cast))
    assert response.status_code == 302
    assert response.url == reverse("advice:quick")
    advice = AdviceRecord.objects.get()
    assert advice.answered_by == cast.ondersteuner
    assert advice.created_by == cast.ondersteuner
    assert advice.history.get().history_user == cast.ondersteuner


def test_the_start_page_panel_posts_the_shortest_form_and_returns_to_the_start_page(
    cast, client_for
):
    data = {
        "form": "panel",
        "next": "/",
        "kind": AdviceKind.ADVIES_KORT,
        "requester_name": "Leerplichtambtenaar",
        "organisation": cast.gemeente_assen.pk,
        "municipality": "",
        "question": "Leerling verzuimt, mogelijk drugsrunner.",
        "answer": "",
    }
    response = client_for(cast.regisseur).post(reverse("advice:quick"), data)
    assert response.status_code == 302 and response.url == "/"
    advice = AdviceRecord.objects.get()
    assert (advice.minutes_spent, advice.outcome) == (10, AdviceOutcome.ANSWERED)


def test_the_start_page_shows_the_quick_form_to_whoever_answers_the_phone(cast, client_for):
    page = client_for(cast.begeleider).get("/").content.decode()
    assert 'name="form" value="panel"' in page
    assert 'name="form" value="panel"' not in client_for(cast.manager).get("/").content.decode()


def test_a_redirect_elsewhere_after_quick_entry_is_refused(cast, client_for):
    data = quick_data(cast, next="https://elders.example/")
    response = client_for(cast.ondersteuner).post(reverse("advice:quick"), data)
    assert response.url == reverse("advice:quick")


def test_missing_fields_get_a_dutch_message_at_the_field_and_nothing_is_lost(cast, client_for):
    data = quick_data(cast, requester_name="", organisation="", question="")
    data["answer"] = "Mijn zorgvuldig getypte antwoord"
    response = client_for(cast.ondersteuner).post(reverse("advice:quick"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["requester_name"] == ["Vul in wie de vraag stelt."]
    assert form.errors["organisation"] == ["Kies de organisatie van de vragensteller."]
    assert form.errors["question"] == ["Vul de vraag in."]
    assert "Mijn zorgvuldig getypte antwoord" in response.content.decode()
    assert not AdviceRecord.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [{"minutes_spent": "een kwartier"}, {"organisation": "999999"}, {"kind": "roddel"}],
)
def test_garbage_input_is_a_message_not_a_500(cast, client_for, bad):
    response = client_for(cast.ondersteuner).post(reverse("advice:quick"), quick_data(cast, **bad))
    assert response.status_code == 200
    assert response.context["form"].errors


def test_a_bsn_in_the_question_is_refused_and_cannot_be_confirmed_away(cast, client_for):
    data = quick_data(cast, question=f"Cliënt met BSN {VALID_BSN} vraagt om hulp")
    data["confirm_not_personal"] = "on"
    response = client_for(cast.ondersteuner).post(reverse("advice:quick"), data)
    assert response.status_code == 200
    assert "dit lijkt een persoonsgegeven" in response.context["form"].errors["question"][0].lower()
    assert "BSN" in response.context["form"].errors["question"][0]
    assert not AdviceRecord.objects.exists()


def test_an_e_mail_address_is_flagged_and_may_be_confirmed_as_a_professionals(cast, client_for):
    client = client_for(cast.ondersteuner)
    data = quick_data(cast, answer="Mail de wijkagent: wijkagent.oost@politie.example")
    response = client.post(reverse("advice:quick"), data)
    assert response.status_code == 200
    assert "e-mailadres" in response.context["form"].errors["answer"][0]
    assert 'type="checkbox" name="confirm_not_personal"' in response.content.decode()
    data["confirm_not_personal"] = "on"
    assert client.post(reverse("advice:quick"), data).status_code == 302
    assert AdviceRecord.objects.count() == 1


def test_the_alias_takes_initials_but_never_a_number(cast, client_for):
    client = client_for(cast.ondersteuner)
    response = client.post(
        reverse("advice:create"),
        {
            **quick_data(cast),
            "date": "2026-03-02",
            "subject_alias": "12-03-1990",
        },
    )
    assert "subject_alias" in response.context["form"].errors
    response = client.post(
        reverse("advice:create"),
        {**quick_data(cast), "date": "2026-03-02", "subject_alias": "J.d.V."},
    )
    assert response.status_code == 302
    assert AdviceRecord.objects.get().subject_alias == "J.d.V."


def test_a_referral_needs_the_partner_it_went_to(cast, client_for):
    data = quick_data(cast, outcome=AdviceOutcome.REFERRED)
    response = client_for(cast.ondersteuner).post(reverse("advice:quick"), data)
    assert response.context["form"].errors["referred_to"] == [
        "Kies de partner waarnaar is doorverwezen."
    ]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("bel 06-12345678", False),  # a phone number has ten digits
        ("BSN 111.222.333", True),
        ("nummer 123456789", True),  # nine digits, not a valid BSN: still asked to confirm
        ("mail a.b@c.example", True),
        ("3 casussen in 2025", False),
    ],
)
def test_the_person_data_check_knows_a_bsn_from_a_phone_number(text, flagged):
    assert bool(findings_in(text)) is flagged
