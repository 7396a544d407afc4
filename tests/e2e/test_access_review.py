"""Browser journey: the privacy officer opens the access review from the menu, picks a period
and a threshold, and follows a flagged user to their lines in the access log."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.cases.factories import make_case
from tests.privacy.helpers import log_at

pytestmark = pytest.mark.django_db(transaction=True)


def test_privacy_officer_reviews_unusual_access(cast, page, as_user, shot, axe_findings):
    from cases.models import Status

    cases = [
        make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.ACTIEF,
            director=cast.regisseur,
        )
        for _ in range(4)
    ]
    yesterday = timezone.localtime() - timedelta(days=1)
    for case in cases:
        log_at(yesterday.replace(hour=12), user=cast.manager, obj=case)
        log_at(yesterday.replace(hour=23), user=cast.regisseur, obj=case)

    as_user(page, cast.privacy)
    page.goto("/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Toegangscontrole"
    ).click()
    page.get_by_role("spinbutton", name="Drempel").fill("3")
    page.get_by_role("button", name="Tonen").click()
    flagged = page.get_by_role("region", name="Veel dossiers zonder betrokkenheid")
    expect(flagged).to_contain_text(cast.manager.username)
    late = page.get_by_role("region", name="Buiten kantooruren")
    expect(late).to_contain_text(cast.regisseur.username)
    shot(page, "privacy-access-review")
    assert axe_findings(page) == []

    flagged.get_by_role("link", name=cast.manager.username).click()
    expect(page).to_have_title(re.compile("Toegangslog"))
    expect(page.locator("tbody tr")).to_have_count(4)


def test_privacy_officer_finds_a_case_in_the_log_by_its_number_and_pages_back(
    cast, page, as_user, shot, axe_findings
):
    case = make_case(registered_by=cast.partner, municipality=cast.assen)
    other = make_case(registered_by=cast.partner, municipality=cast.assen)
    start = timezone.localtime() - timedelta(days=2)
    for minute in range(60):
        log_at(start + timedelta(minutes=minute), user=cast.manager, obj=case)
    log_at(start, user=cast.manager, obj=other)

    as_user(page, cast.privacy)
    page.goto("/privacy/toegangslog/")
    page.get_by_role("textbox", name="Recordnummer").fill(case.number)
    page.get_by_role("button", name="Zoeken").click()
    table = page.get_by_role("region", name="Toegangslog")
    expect(page).to_have_url(re.compile("object_id="))
    expect(table.locator("tbody tr")).to_have_count(50)
    assert case.number in table.inner_text() and other.number not in table.inner_text()
    shot(page, "privacy-access-log-by-number")
    assert axe_findings(page) == []

    page.get_by_role("link", name="Oudere regels").click()
    expect(table.locator("tbody tr")).to_have_count(10)
    assert page.get_by_role("textbox", name="Recordnummer").input_value() == case.number
    page.get_by_role("link", name="Nieuwste").click()
    expect(table.locator("tbody tr")).to_have_count(50)
