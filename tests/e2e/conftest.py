"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Fixtures:
- `page`: a fresh browser context and page whose base URL is the live server;
- `login(page, user)`: the real login, password and second factor, through the forms;
- `as_user(page, user)`: a logged-in session without the forms, for journeys that are not
  about logging in;
- `shot(page, name)`: with SCREENSHOTS=1, a full-page screenshot in test-artifacts/screenshots/
  to look at (`make test SCREENSHOTS=1`); without it nothing: a run took 262 of them, up to
  0.66 s each on the 2-core CI machine, and no test reads one;
- `axe_findings(page)`: serious and critical accessibility findings of axe-core.

Without Chromium the tests are skipped on a developer's machine; with CI set they fail.
"""

import os
import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--lang=nl-NL",
]
# A native date input is drawn in the browser's own language, not the page's `lang` or the
# context's locale: Chromium reads it from LANG/LANGUAGE, and needs its Dutch resources
# (Debian's chromium-l10n, which .ci/run installs) to show "dd-mm-jjjj" as a Dutch user sees.
CHROMIUM_ENV = {"LANG": "nl_NL.UTF-8", "LANGUAGE": "nl"}
START_PAGE = re.compile(r"^https?://[^/]+/$")
SUBMIT_LOGIN = re.compile("Inloggen|Aanmelden|Bevestigen")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI and missing at {CHROMIUM}")
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, env={**os.environ, **CHROMIUM_ENV}
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    # Generous: a shared 2-core CI machine can be slow; a real hang still fails.
    context.set_default_timeout(30_000)
    context.set_default_navigation_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


def current_totp(secret: str = TEST_TOTP_SECRET) -> str:
    """The code of the current 30-s window, as an authenticator app shows it. Near the end of
    a window it waits for the next one: the server accepts only the window it checks in
    (no tolerance), and typing, clicking and a loaded CI machine took the code across the
    boundary now and then (a login stuck on the second factor, CI 2026-12-07)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = settings.MFA_TOTP_PERIOD
    left = period - time.time() % period
    if left < 5:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


@pytest.fixture
def login():
    def do_login(page, user, password=TEST_PASSWORD):
        page.goto("/account/login/")
        page.get_by_label("Gebruikersnaam").fill(user.username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name=SUBMIT_LOGIN).click()
        page.get_by_label("Code").fill(current_totp())
        page.get_by_role("button", name=SUBMIT_LOGIN).click()
        page.wait_for_url(START_PAGE)

    return do_login


@pytest.fixture
def as_user(live_server):
    def log_in(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )
        return page

    return log_in


@pytest.fixture
def shot():
    wanted = os.environ.get("SCREENSHOTS", "") not in ("", "0")
    if wanted:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        if not wanted:
            return None
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def axe_findings():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def run(page):
        results = axe.run(page)
        return [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return run


def click_menu_item(page, name: str) -> None:
    """Click `name` in the main menu as a user does: under "Meer" when the row is full."""
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    link = menu.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        menu.get_by_text("Meer", exact=True).click()
    link.click()
