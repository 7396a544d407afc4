"""Browser journeys of the advice app: quick entry by keyboard (timed) and conversion.

The quick-entry time is measured and written to test-artifacts/advice_quick_entry.txt; it is
reported, not asserted (the machine's load decides it as much as the page).
"""

import time
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from advice.models import AdviceOutcome, AdviceRecord
from advice.topics import ensure_topics
from tests.advice.factories import AdviceRecordFactory, DirectoryEntryFactory, PatternSignalFactory
from tests.cast import build_cast

pytestmark = pytest.mark.django_db(transaction=True)

TIMINGS = Path(settings.BASE_DIR) / "test-artifacts" / "advice_quick_entry.txt"


@pytest.fixture
def cast(transactional_db):
    ensure_topics()
    return build_cast()


def test_a_phone_question_is_logged_with_the_keyboard_alone(
    page, as_user, cast, shot, axe_findings
):
    as_user(page, cast.ondersteuner)
    page.goto("/")
    started = time.perf_counter()
    # From any page: "Vraag vastleggen" in the menu carries the access key V (Alt+V in
    # Chromium, Alt+Shift+V in Firefox; Playwright's synthetic keys cannot press access keys,
    # so the test checks the key and follows the link with the keyboard).
    link = page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Vraag vastleggen"
    )
    assert link.get_attribute("accesskey") == "v"
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/advies/snel/")
    assert axe_findings(page) == []
    # The name field has the focus on arrival: a phone call needs no mouse.
    page.keyboard.type("Wijkagent Assen-Oost")
    page.keyboard.press("Tab")
    page.keyboard.type("Politie")
    page.keyboard.press("Tab")
    page.keyboard.type("Assen")
    page.keyboard.press("Tab")
    page.keyboard.type("Wie is het aanspreekpunt voor woonoverlast in de wijk?")
    page.keyboard.press("Tab")
    page.keyboard.type("Meldpunt woonoverlast van de gemeente doorgegeven.")
    page.keyboard.press("Tab")  # the kind: default informatieknooppunt
    page.keyboard.press("Tab")  # topic
    page.keyboard.press("Tab")  # minutes: 10
    page.keyboard.press("Enter")
    page.get_by_text("Vastgelegd:").wait_for()
    elapsed = time.perf_counter() - started
    TIMINGS.parent.mkdir(parents=True, exist_ok=True)
    TIMINGS.write_text(f"quick entry, keyboard only, typed by the robot: {elapsed:.2f} s\n")
    print(f"\nquick entry took {elapsed:.2f} s")
    shot(page, "advice_quick_saved")
    advice = AdviceRecord.objects.get()
    assert (advice.organisation, advice.municipality) == (cast.politie, cast.assen)
    assert advice.answered_by == cast.ondersteuner


def test_a_quick_entry_with_a_bsn_keeps_what_was_typed_and_says_why(page, as_user, cast, shot):
    as_user(page, cast.ondersteuner)
    page.goto("/advies/snel/")
    page.get_by_label("Vragensteller", exact=True).fill("Consulent Werk en Inkomen")
    page.get_by_label("Organisatie van de vragensteller").select_option(label="Gemeente Assen")
    page.get_by_label("Vraag", exact=True).fill("Klant met BSN 111222333 uit zich extremistisch")
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_text("Dit lijkt een persoonsgegeven").first.wait_for()
    assert (
        page.get_by_label("Vragensteller", exact=True).input_value() == "Consulent Werk en Inkomen"
    )
    shot(page, "advice_quick_bsn_flagged")
    assert not AdviceRecord.objects.exists()


def test_advice_is_turned_into_a_registration(page, as_user, cast, shot, axe_findings):
    advice = AdviceRecordFactory(
        organisation=cast.gemeente_assen,
        municipality=cast.assen,
        answered_by=cast.ondersteuner,
        requester_name="Regisseur sociaal domein",
        question="Gezin met schulden, verslaving en overlast; lokaal overleg loopt vast.",
    )
    as_user(page, cast.regisseur)
    page.goto(f"/advies/vragen/{advice.pk}/")
    shot(page, "advice_detail")
    assert axe_findings(page) == []
    page.get_by_role("link", name="Omzetten in aanmelding").click()
    page.get_by_role("heading", name="Omzetten in aanmelding").wait_for()
    shot(page, "advice_convert_confirm")
    page.get_by_role("button", name="Omzetten en aanmelding openen").click()
    # The registration form of the cases app opens, pre-filled from the question.
    page.get_by_text("komt uit de adviesvraag").wait_for()
    shot(page, "advice_converted_registration_form")
    page.get_by_label("Voornaam").fill("Kees")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("Geboortedatum", exact=True).fill("1980-04-02")
    page.get_by_label("E-mail aanmelder").fill("sociaal@assen.example")
    page.get_by_label("Wat wilt u met de aanmelding bereiken?").fill("Een gezamenlijke aanpak")
    page.get_by_label("Psychische problematiek").check()
    page.get_by_label("Aandachtsgebied").select_option("multiproblematiek")
    page.locator("input[name=person_informed][value=ja]").check()
    page.get_by_label("Domein (alleen bij aanmelding door een gemeente)").select_option("sociaal")
    page.get_by_label("Grondslag van de verstrekking").select_option("avg-6-1-e")
    page.get_by_label("Doel van de verstrekking").fill("Beoordelen of procesregie nodig is")
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.wait_for_load_state()
    shot(page, "advice_registration_submitted")
    page.wait_for_url("**/ontvangen/")
    advice.refresh_from_db()
    assert advice.outcome == AdviceOutcome.REGISTRATION
    assert advice.registration is not None
    page.goto(f"/advies/vragen/{advice.pk}/")
    expect(page.get_by_role("link", name=advice.registration.number)).to_be_visible()
    assert page.get_by_role("link", name="Omzetten in aanmelding").count() == 0


def test_the_lists_and_the_start_page_look_right(page, as_user, cast, shot, axe_findings):
    for i in range(6):
        AdviceRecordFactory(
            organisation=cast.politie if i % 2 else cast.ggz,
            municipality=cast.assen if i % 2 else cast.emmen,
            answered_by=cast.ondersteuner,
        )
    DirectoryEntryFactory(organisation=cast.ggz, name="Annet de Vries", job_title="Crisisdienst")
    signal = PatternSignalFactory(created_by=cast.regisseur)
    as_user(page, cast.ondersteuner)
    findings = {}
    for name, url in [
        ("advice_start", "/"),
        ("advice_list", "/advies/vragen/"),
        ("advice_directory", "/advies/sociale-kaart/"),
        ("advice_signals", "/advies/signalen/"),
        ("advice_signal_detail", f"/advies/signalen/{signal.pk}/"),
        ("advice_full_form", "/advies/vragen/nieuw/"),
    ]:
        page.goto(url)
        shot(page, name)
        findings[name] = axe_findings(page)
    assert findings == {name: [] for name in findings}


def test_a_long_choice_in_a_form_is_shown_whole(page, as_user, cast, shot):
    """A form's select is as wide as its chosen option, up to the form's column (40rem): the
    topic "(ex) gedetineerden met een hoog veiligheidsrisico" was cut off after "veilighei".
    A choice longer than the column (the longest topic, 97 characters) fills the column and is
    read whole in the open list; the select never reaches past the column, on a phone either."""
    from tests.e2e.walk import clipped_selects

    as_user(page, cast.ondersteuner)
    page.goto("/advies/vragen/nieuw/")
    topic = page.get_by_label("Aandachtsgebied")
    topic.select_option(label="(ex) gedetineerden met een hoog veiligheidsrisico")
    shot(page, "advice_form_long_topic")
    assert clipped_selects(page) == []
    longest = max(topic.locator("option").all_text_contents(), key=len)
    topic.select_option(label=longest)
    column = page.locator("form").filter(has=topic).first
    assert topic.evaluate("e => e.getBoundingClientRect().right") <= column.evaluate(
        "e => e.getBoundingClientRect().right"
    )
    page.set_viewport_size({"width": 360, "height": 740})
    assert topic.evaluate("e => e.getBoundingClientRect().right") <= 360
