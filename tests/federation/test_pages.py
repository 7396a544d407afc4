"""Who reaches the federation pages (the matrix), and the beheerder's and privacy officer's
journeys through them."""

import pytest
from django.urls import reverse

from cases.policy import DUPLICATE_CHECK_ROLES
from federation.models import FederationKey, House, KeyStatus, Peer, Query
from tests import matrix
from tests.cast import CAST_USERS
from tests.federation.factories import (
    KNOWN_BSN,
    SHARED_KEY,
    make_house,
    make_key,
    make_peer,
    subject,
)

pytestmark = pytest.mark.django_db


def answers(cast, allowed, ok=200, refused=403):
    return {name: ok if getattr(cast, name).has_role(*allowed) else refused for name in CAST_USERS}


@pytest.fixture
def records(cast):
    make_house(cast.beheerder)
    peer, _token = make_peer(cast.beheerder)
    key = make_key(cast.beheerder, key_id="2027-1", activate=False)
    return {"peer": peer, "key": key}


def rows(cast):
    beheer = {"functioneel_beheerder"}
    return [
        matrix.Row("federation:beheer", None, answers(cast, beheer)),
        matrix.Row("federation:house", None, answers(cast, beheer)),
        matrix.Row("federation:peer_create", None, answers(cast, beheer)),
        matrix.Row("federation:peer_update", "peer", answers(cast, beheer)),
        matrix.Row("federation:key_create", None, answers(cast, beheer)),
        matrix.Row("federation:key_activate", "key", answers(cast, beheer, ok=302), method="post"),
        matrix.Row("federation:search", None, answers(cast, DUPLICATE_CHECK_ROLES)),
        matrix.Row(
            "federation:ask",
            None,
            answers(cast, DUPLICATE_CHECK_ROLES),
            method="post",
            data={"bsn": "", "context": "intake"},
        ),
        matrix.Row("federation:log", None, answers(cast, {"privacy_officer"})),
    ]


def test_the_federation_matrix(client, cast, records):
    """Beheer pages: the functioneel beheerder only; asking: the bureau (the duplicate-check
    roles) only, so no partner, liaison or municipal contact; the log: the privacy officer."""
    for row in rows(cast):
        matrix.check(row, client=client, people=matrix.people_of(cast), records=records)
    assert records["key"].__class__.objects.get(pk=records["key"].pk).status == KeyStatus.CURRENT


def test_every_federation_page_is_in_the_matrix(cast):
    matrix.assert_covers("federation", rows(cast))
    matrix.assert_covers(
        "federation_api",
        [],
        elsewhere={
            "federation_api:ask": "the peer endpoint, by token: tests/federation/test_endpoint.py"
        },
    )


def test_the_municipal_contact_and_partners_see_no_federation_menu(client_for, cast):
    for who in (cast.gemeente, cast.partner, cast.liaison_politie):
        text = client_for(who).get("/").content.decode()
        assert "Bekend bij ander huis?" not in text
    assert "Bekend bij ander huis?" in client_for(cast.regisseur).get("/").content.decode()


def test_the_beheerder_sets_up_the_house_a_peer_and_a_key_shown_once(client_for, cast, settings):
    settings.FEDERATION_ALLOW_PRIVATE_ADDRESSES = False
    client = client_for(cast.beheerder)
    response = client.post(
        reverse("federation:house"),
        {
            "house_id": "zvh-drenthe",
            "name": "Zorg- en Veiligheidshuis Drenthe",
            "contact_role": "Procesregie",
            "contact_email": "niet-een-adres",
            "contact_phone": "0592 123 456",
            "answering": "on",
        },
    )
    assert "Voer een geldig e-mailadres in" in response.content.decode()
    assert "Procesregie" in response.content.decode()  # nothing typed is lost
    response = client.post(
        reverse("federation:house"),
        {
            "house_id": "zvh-drenthe",
            "name": "Zorg- en Veiligheidshuis Drenthe",
            "contact_role": "Procesregie",
            "contact_email": "procesregie@zvhdrenthe.example",
            "contact_phone": "0592 123 456",
            "answering": "on",
        },
    )
    assert response.status_code == 302
    assert House.objects.get().contact_role == "Procesregie"

    response = client.post(
        reverse("federation:peer_create"),
        {
            "name": "Zorg- en Veiligheidshuis Groningen",
            "base_url": "https://127.0.0.1/",
            "outbound_token": "abc.def",
            "active": "on",
        },  # fmt: skip
    )
    assert "intern netwerkadres" in response.content.decode()
    assert not Peer.objects.exists()

    response = client.post(reverse("federation:key_create"), {"key_id": "2026-1", "secret": "kort"})
    assert "base64 van ten minste 32 bytes" in response.content.decode()
    response = client.post(reverse("federation:key_create"), {"key_id": "2026-1", "secret": ""})
    assert response.status_code == 200
    key = FederationKey.objects.get()
    shown = response.context["secret"]
    assert shown in response.content.decode()
    assert shown not in key.secret  # kept encrypted
    response = client.post(reverse("federation:key_activate", args=[key.pk]))
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.status == KeyStatus.CURRENT
    page = client.get(reverse("federation:beheer")).content.decode()
    assert shown not in page
    assert "Huidige sleutel" in page


def test_the_house_form_keeps_both_editors_work(client_for, cast):
    house = make_house(cast.beheerder)
    client = client_for(cast.beheerder)
    data = {
        "house_id": "zvh-drenthe",
        "name": "Zorg- en Veiligheidshuis Drenthe",
        "contact_role": "Eerste",
        "contact_email": "a@zvhdrenthe.example",
        "contact_phone": "0592 1",
        "answering": "on",
        "version": house.version,
    }
    assert client.post(reverse("federation:house"), data).status_code == 302
    response = client.post(reverse("federation:house"), {**data, "contact_role": "Tweede"})
    assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    assert House.objects.get().contact_role == "Eerste"


def test_the_beheer_page_and_the_log_have_a_fixed_number_of_queries(
    client_for, cast, django_assert_max_num_queries
):
    make_house(cast.beheerder)
    key = make_key(cast.beheerder)
    for n in range(5):
        make_peer(cast.beheerder, name=f"Zorg- en Veiligheidshuis {n}")
        Query.objects.create(direction="uit", peer_name=f"Huis {n}", asked_by=cast.regisseur,
                             purpose="Intake", outcome="bekend", key_id=key.key_id)  # fmt: skip
    client = client_for(cast.beheerder)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("federation:beheer")).status_code == 200
    client = client_for(cast.privacy)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("federation:log")).status_code == 200


def test_the_privacy_officer_finds_the_questions_about_one_person_by_bsn(client_for, cast):
    make_house(cast.beheerder)
    key = make_key(cast.beheerder)
    Query.objects.create(direction="in", peer_name="Zorg- en Veiligheidshuis Groningen",
                         asked_by_text="J. Vos (casusregisseur)", purpose="Over deze persoon",
                         outcome="bekend", key_id=key.key_id,
                         digest=subject(KNOWN_BSN, SHARED_KEY))  # fmt: skip
    Query.objects.create(direction="in", peer_name="Zorg- en Veiligheidshuis Groningen",
                         asked_by_text="J. Vos (casusregisseur)", purpose="Over een ander",
                         outcome="niet_bekend", key_id=key.key_id, digest="0" * 64)  # fmt: skip
    client = client_for(cast.privacy)
    text = client.get(reverse("federation:log"), {"bsn": KNOWN_BSN}).content.decode()
    assert "Over deze persoon" in text
    assert "Over een ander" not in text
    assert "Ons gevraagd" in text
    text = client.get(reverse("federation:log"), {"bsn": "12345"}).content.decode()
    assert "elfproef" in text
