"""Logging in with a second factor, by mouse and by keyboard, and the accessibility scan."""

import pytest

from tests.e2e.conftest import START_PAGE, current_totp
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_user_logs_in_with_a_second_factor_and_out_again(cast, page, login, shot):
    login(page, cast.regisseur)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Goede")
    shot(page, "start-regisseur")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/account/login/**")


def test_a_user_logs_in_with_the_keyboard_only(cast, page):
    page.goto("/account/login/")
    page.keyboard.press("Tab")  # skip link first
    focused = page.evaluate("document.activeElement.textContent")
    assert "inhoud" in focused.lower()
    page.get_by_label("Gebruikersnaam").focus()
    page.keyboard.type(cast.manager.username)
    page.keyboard.press("Tab")
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_label("Code").wait_for()
    page.keyboard.type(current_totp())
    page.keyboard.press("Enter")
    page.wait_for_url(START_PAGE)
    assert "Goede" in page.get_by_role("heading", level=1).inner_text()


def test_login_and_start_pages_have_no_serious_accessibility_findings(
    cast, page, as_user, axe_findings, shot
):
    page.goto("/account/login/")
    shot(page, "login")
    assert axe_findings(page) == []
    for user in (cast.regisseur, cast.gemeente, cast.beheerder, cast.privacy):
        page.context.clear_cookies()
        as_user(page, user)
        page.goto("/")
        shot(page, f"start-{user.username}")
        assert axe_findings(page) == [], user.username
