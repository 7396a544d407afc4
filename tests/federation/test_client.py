"""Asking the peers: in parallel, within 2 s, a Dutch line for each that did not answer."""

import time
from contextlib import ExitStack

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from federation import client
from federation.models import Direction, Outcome, Peer, Query
from tests.federation.factories import KNOWN_BSN, make_house, make_key, make_peer
from tests.federation.fake_peers import closed_port_url, fake_peer

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("loopback"),
]


@pytest.fixture
def loopback():
    with override_settings(FEDERATION_ALLOW_HTTP=True, FEDERATION_ALLOW_PRIVATE_ADDRESSES=True):
        yield


@pytest.fixture
def configured(cast):
    make_house(cast.beheerder)
    make_key(cast.beheerder)


def add_peer(cast, name, url):
    peer, _token = make_peer(cast.beheerder, name=name, base_url=url, with_client=False)
    return peer


def test_every_peer_is_asked_at_once_and_a_bad_one_costs_the_page_at_most_two_seconds(
    cast, configured
):
    behaviours = {
        "Zorg- en Veiligheidshuis Groningen": "good",
        "Zorg- en Veiligheidshuis Fryslân": "slow",
        "Zorg- en Veiligheidshuis Twente": "malformed",
        "Zorg- en Veiligheidshuis IJsselland": "error",
        "Zorg- en Veiligheidshuis Gelderland-Zuid": "redirect",
        "Zorg- en Veiligheidshuis Limburg": "wrong_id",
        "Zorg- en Veiligheidshuis Zeeland": "huge",
        "Zorg- en Veiligheidshuis Brabant": "unauthorised",
    }
    with ExitStack() as stack:
        for name, behaviour in behaviours.items():
            add_peer(cast, name, stack.enter_context(fake_peer(behaviour)))
        add_peer(cast, "Zorg- en Veiligheidshuis Flevoland", closed_port_url())
        started = time.monotonic()
        result = client.ask_all(bsn=KNOWN_BSN, purpose="Intake", asked_by=cast.regisseur)
        elapsed = time.monotonic() - started
    assert elapsed < 2.0, elapsed
    by_name = {answer.peer.name: answer for answer in result.answers}
    assert by_name["Zorg- en Veiligheidshuis Groningen"].known
    assert by_name["Zorg- en Veiligheidshuis Groningen"].contact["role"] == "Casusregie"
    silent = {name for name, answer in by_name.items() if not answer.answered}
    assert silent == set(by_name) - {"Zorg- en Veiligheidshuis Groningen"}
    assert by_name["Zorg- en Veiligheidshuis Fryslân"].detail == "geen antwoord binnen de tijd"
    assert by_name["Zorg- en Veiligheidshuis Flevoland"].detail == "niet bereikbaar"
    assert by_name["Zorg- en Veiligheidshuis Gelderland-Zuid"].detail == "HTTP 302"
    assert "protocol" in by_name["Zorg- en Veiligheidshuis Twente"].detail
    assert "protocol" in by_name["Zorg- en Veiligheidshuis Limburg"].detail
    logged = Query.objects.filter(direction=Direction.OUTGOING)
    assert logged.count() == 9
    assert logged.filter(outcome=Outcome.KNOWN).get().asked_by == cast.regisseur
    assert set(logged.values_list("purpose", flat=True)) == {"Intake"}
    assert len(set(logged.values_list("request_id", flat=True))) == 1


def test_the_answer_partial_says_in_dutch_who_knows_the_person_and_who_did_not_answer(
    client_for, cast, configured
):
    with fake_peer("good") as good, fake_peer("good", known=False) as no:
        add_peer(cast, "Zorg- en Veiligheidshuis Groningen", good)
        add_peer(cast, "Zorg- en Veiligheidshuis Fryslân", no)
        add_peer(cast, "Zorg- en Veiligheidshuis Twente", closed_port_url())
        response = client_for(cast.regisseur).post(
            "/federatie/navragen/vraag/", {"bsn": KNOWN_BSN, "context": "intake"}
        )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Bekend bij Zorg- en Veiligheidshuis Groningen" in text
    assert "casusregie@zvh.example" in text
    assert "Niet bekend bij Zorg- en Veiligheidshuis Fryslân" in text
    assert "Zorg- en Veiligheidshuis Twente antwoordde niet" in text
    assert Query.objects.filter(purpose__startswith="Intake").count() == 3


def test_an_invalid_bsn_asks_nobody_and_says_why(client_for, cast, configured):
    add_peer(cast, "Zorg- en Veiligheidshuis Groningen", closed_port_url())
    response = client_for(cast.regisseur).post(
        "/federatie/navragen/vraag/", {"bsn": "123456789", "context": "intake"}
    )
    assert "elfproef" in response.content.decode()
    assert not Query.objects.exists()


def test_without_peers_or_key_the_intake_hears_it_is_not_set_up(client_for, cast):
    response = client_for(cast.regisseur).post(
        "/federatie/navragen/vraag/", {"bsn": KNOWN_BSN, "context": "intake"}
    )
    assert "nog niet ingericht" in response.content.decode()


def test_the_search_page_needs_a_purpose(client_for, cast, configured):
    response = client_for(cast.regisseur).post("/federatie/navragen/", {"bsn": KNOWN_BSN})
    assert response.status_code == 200
    assert "Dit veld is vereist" in response.content.decode()
    assert KNOWN_BSN in response.content.decode()  # nothing typed is lost
    assert not Query.objects.exists()


@override_settings(FEDERATION_ALLOW_HTTP=False, FEDERATION_ALLOW_PRIVATE_ADDRESSES=False)
@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://zvh.example/", "https://"),
        ("ftp://zvh.example/", "https://"),
        ("https://user:pw@zvh.example/", "gebruikersnaam"),
        ("https://zvh.example/?a=1", "?- of #-deel"),
        ("https://127.0.0.1/", "intern netwerkadres"),
        ("https://10.1.2.3/", "intern netwerkadres"),
        ("https://[::1]/", "intern netwerkadres"),
        ("https://169.254.169.254/", "intern netwerkadres"),
    ],
)
def test_a_peer_address_that_could_reach_inside_is_refused(cast, url, words):
    with pytest.raises(ValidationError) as refused:
        make_peer(cast.beheerder, base_url=url, with_client=False)
    assert words in str(refused.value)
    assert not Peer.objects.exists()


def test_a_peer_whose_address_became_internal_is_not_called(cast, configured):
    """Checked again before each call (a name that now resolves to an internal address)."""
    with fake_peer("good") as url:
        add_peer(cast, "Zorg- en Veiligheidshuis Groningen", url)
        with override_settings(FEDERATION_ALLOW_PRIVATE_ADDRESSES=False):
            result = client.ask_all(bsn=KNOWN_BSN, purpose="Intake", asked_by=cast.regisseur)
    assert not result.answers[0].answered
    assert "adres geweigerd" in result.answers[0].detail
