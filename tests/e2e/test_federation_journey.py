"""Across houses in the browser: at intake the bureau asks the other houses and sees, without
leaving the form, "Bekend bij Zorg- en Veiligheidshuis Groningen" from a peer, and which house
did not answer; the beheer pages, the search page and the privacy officer's log."""

import pytest

from federation.models import Query
from tests.federation.factories import KNOWN_BSN, make_house, make_key, make_peer
from tests.federation.fake_peers import closed_port_url, fake_peer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def federation(cast, settings):
    settings.FEDERATION_ALLOW_HTTP = True
    settings.FEDERATION_ALLOW_PRIVATE_ADDRESSES = True
    make_house(cast.beheerder)
    make_key(cast.beheerder)
    with fake_peer("good") as url:
        make_peer(cast.beheerder, name="Zorg- en Veiligheidshuis Groningen", base_url=url,
                  with_client=False)  # fmt: skip
        make_peer(cast.beheerder, name="Zorg- en Veiligheidshuis Fryslân",
                  base_url=closed_port_url(), with_client=False)  # fmt: skip
        yield


def test_the_intake_shows_a_person_known_at_another_house(
    cast, page, as_user, shot, federation, axe_findings
):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    as_user(page, cast.ondersteuner)
    page.goto("/casussen/aanmelden/")
    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("BSN").fill(KNOWN_BSN)
    page.get_by_role("button", name="Navragen bij andere Zorg- en Veiligheidshuizen").click()
    page.get_by_text("Bekend bij Zorg- en Veiligheidshuis Groningen").wait_for()
    answers = page.locator("#known-elsewhere").inner_text()
    assert "casusregie@zvh.example" in answers
    assert "Zorg- en Veiligheidshuis Fryslân antwoordde niet" in answers
    assert page.get_by_label("Voornaam").input_value() == "Sanne"  # the form is untouched
    assert not any(KNOWN_BSN in url for url in requested)
    shot(page, "federation-intake")
    assert axe_findings(page) == []
    assert Query.objects.filter(asked_by=cast.ondersteuner).count() == 2


def test_the_beheer_search_and_log_pages(cast, page, as_user, shot, federation, axe_findings):
    as_user(page, cast.beheerder)
    page.goto("/federatie/beheer/")
    page.get_by_role("heading", name="Gekoppelde huizen").wait_for()
    shot(page, "federation-beheer")
    assert axe_findings(page) == []
    page.goto("/federatie/beheer/sleutels/nieuw/")
    shot(page, "federation-key-form")
    page.context.clear_cookies()

    as_user(page, cast.regisseur)
    page.goto("/federatie/navragen/")
    page.get_by_label("BSN").fill(KNOWN_BSN)
    page.get_by_label("Doel van de vraag").fill("Voorbereiding casusoverleg")
    page.get_by_role("button", name="Navragen").click()
    page.get_by_text("Bekend bij Zorg- en Veiligheidshuis Groningen").wait_for()
    shot(page, "federation-search")
    assert axe_findings(page) == []
    page.context.clear_cookies()

    as_user(page, cast.privacy)
    page.goto("/federatie/logboek/")
    page.get_by_text("Voorbereiding casusoverleg").first.wait_for()
    shot(page, "federation-log")
    assert axe_findings(page) == []
