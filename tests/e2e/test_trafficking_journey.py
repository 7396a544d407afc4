"""From a signal to the Drieluik's decision to process direction, in a real browser; and what
the manager and a municipality see of the same register."""

import re

import pytest
from playwright.sync_api import expect

from tests.trafficking.factories import drieluik_member
from zvhd.network.models import Municipality

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_signal_goes_to_the_drieluik_and_is_escalated_to_process_direction(
    cast, page, as_user, shot, axe_findings
):
    drieluik_member(organisation=cast.ggz)
    as_user(page, cast.mensenhandel)
    page.goto("/")
    shot(page, "trafficking-start-mensenhandel")
    page.get_by_role("link", name="Nieuw signaal").first.click()

    # First with a minor flag that contradicts the birth date: refused, nothing lost.
    page.get_by_label("Meldende organisatie").select_option(label="GGZ Drenthe")
    page.get_by_label("Naam melder (professional)").fill("M. Melder")
    page.get_by_label("Seksuele uitbuiting").check()
    page.get_by_label("Sector").select_option(label="Prostitutie / seksbranche")
    page.get_by_label("Omschrijving van het signaal").fill("Wisselende bezoekers op het adres.")
    page.get_by_label("Voornaam").fill("Lena")
    page.get_by_label("Achternaam").fill("Kuipers")
    page.get_by_label("Geboortedatum").fill("2001-02-03")
    page.get_by_label("Gemeente").select_option(label="Assen")
    page.get_by_label("Minderjarig").select_option(label="ja, minderjarig")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("dus niet minderjarig").first).to_be_visible()
    assert page.get_by_label("Voornaam").input_value() == "Lena"
    shot(page, "trafficking-signal-form-error")
    assert axe_findings(page) == []

    page.get_by_label("Minderjarig").select_option(label="onbekend")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/mensenhandel/signalen/*/")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert "Lena Kuipers" in heading and "MH-" in heading
    reference = heading.split(":")[0].replace("Signaal ", "").strip()
    shot(page, "trafficking-signal-detail")
    assert axe_findings(page) == []

    # The Drieluik: the new signal is on the agenda by itself.
    page.goto("/mensenhandel/drieluik/nieuw/")
    page.get_by_label("Dirk").check()
    page.get_by_label("Overige aanwezigen").fill("Politie Drenthe (AVIM)")
    page.get_by_role("button", name="Aanmaken met agenda").click()
    page.wait_for_url("**/mensenhandel/drieluik/*/")
    expect(page.get_by_role("heading", name=f"{reference}: Lena Kuipers")).to_be_visible()
    shot(page, "trafficking-drieluik-agenda")
    assert axe_findings(page) == []

    page.get_by_role("link", name=f"Bespreking en besluit vastleggen {reference}").click()
    page.get_by_label("Bespreking").fill("Zorg en politie delen zorgen; procesregie nodig.")
    page.get_by_label("procesregie door ZVHD").check()
    page.get_by_label("Uitgevoerd door").fill("ZVHD procesregie")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_url("**/mensenhandel/drieluik/*/**")
    expect(page.get_by_text("opvolging: procesregie door ZVHD").first).to_be_visible()

    page.get_by_role("link", name=reference).first.click()
    expect(
        page.get_by_role("link", name=re.compile(r"aanmelding \d{4}-\d{4} voor procesregie"))
    ).to_be_visible()
    expect(page.get_by_text("in opvolging").first).to_be_visible()
    shot(page, "trafficking-signal-escalated")

    # The manager: the same signal, without who it is.
    page.context.clear_cookies()
    as_user(page, cast.manager)
    page.goto("/mensenhandel/signalen/")
    expect(page.get_by_role("link", name=reference)).to_be_visible()
    assert "Kuipers" not in page.content()
    shot(page, "trafficking-list-manager")
    assert axe_findings(page) == []
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_text("afgeschermd").first).to_be_visible()
    assert "Lena" not in page.content() and "afgeschermd" in page.content()
    shot(page, "trafficking-detail-manager")

    # A municipality: counts only, "<5" for a small municipal count.
    page.context.clear_cookies()
    as_user(page, cast.gemeente)
    page.goto("/mensenhandel/cijfers/")
    assert Municipality.objects.filter(name="Assen").exists()
    expect(page.get_by_role("row", name="Assen <5")).to_be_visible()
    shot(page, "trafficking-figures-gemeente")
    assert axe_findings(page) == []
