"""The inbox in the browser: the director adds a partner to the case team; the partner sees
the unread count in the header, opens the notification (it leads to the case), and marks the
rest read."""

import re

import pytest
from playwright.sync_api import expect

from cases.models import Status
from tests.cases.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_partner_added_to_a_team_finds_it_in_the_inbox(cast, page, as_user, shot, axe_findings):
    case = make_case(
        registered_by=cast.partner_other,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        decided_by=cast.manager,
    )
    # The director adds the partner of GGZ Drenthe to the team.
    as_user(page, cast.regisseur)
    page.goto(f"/casussen/{case.pk}/team/")
    # The team picker names each person's organisation too (issue 23).
    picker = page.get_by_label("Professional")
    option = picker.locator("option", has_text=str(cast.partner)).first
    picker.select_option(value=option.get_attribute("value"))
    page.get_by_label("Rol in het team").fill("Behandelaar GGZ")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De professional is toegevoegd aan het casusteam").wait_for()

    # The partner sees one unread notification in the header of the start page.
    as_user(page, cast.partner)
    page.goto("/")
    link = page.locator(".zvhd-inbox-link")
    assert link.locator(".zvhd-inbox-link__count").inner_text().startswith("1")
    shot(page, "inbox-01-header-count")
    link.click()
    page.get_by_role("heading", name="Meldingen").wait_for()
    assert case.number in page.content()
    assert "Nieuw" in page.content()
    shot(page, "inbox-02-list")
    assert not axe_findings(page)

    # Opening it leads to the case and marks it read.
    page.get_by_role("link", name="U bent toegevoegd aan het casusteam.").click()
    page.wait_for_url(f"**/casussen/{case.pk}/")
    assert page.locator(".zvhd-inbox-link__count").count() == 0
    page.goto("/meldingen/")
    assert page.get_by_role("button", name="Markeer als gelezen").count() == 0
    shot(page, "inbox-03-read")

    # The preferences: e-mail for team changes, a digest for the rest.
    page.goto("/meldingen/voorkeuren/")
    page.get_by_label("Toegevoegd aan een casusteam").select_option("digest")
    shot(page, "inbox-04-preferences")
    assert not axe_findings(page)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Uw voorkeuren voor meldingen zijn opgeslagen").wait_for()

    # Taken off the team, the partner's notification keeps no detail and no link.
    from cases import services

    services.remove_team_member(member=case.team.get(), removed_by=cast.regisseur)
    page.goto("/meldingen/")
    assert "Melding over een casus die u niet (meer) kunt inzien." in page.content()
    assert case.number not in page.content()
    assert page.get_by_role("link", name="U bent toegevoegd aan het casusteam.").count() == 0
    shot(page, "inbox-05-lost-access")


def test_mark_all_read_empties_the_count(cast, page, as_user):
    from inbox import kinds
    from inbox.services import notify

    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        decided_by=cast.manager,
    )
    for _ in range(3):
        notify(kinds.ESCALATION, [cast.manager], case=case, actor=cast.regisseur)
    as_user(page, cast.manager)
    page.goto("/meldingen/")
    assert page.locator(".zvhd-inbox-link__count").inner_text().startswith("3")
    page.get_by_role("button", name="Markeer als gelezen").first.click()
    expect(page.locator(".zvhd-inbox-link__count")).to_have_text(re.compile(r"^\s*2"))
    page.get_by_role("button", name="Alles als gelezen markeren").click()
    expect(page.locator(".zvhd-inbox-link__count")).to_have_count(0)
