"""A walk through the pages of the register, oversight and admin roles (issue 23, part B):
each page is Dutch with no raw codes (`telltales`), passes the accessibility scan, and the
main menu is one row at 1366 px with the role's own work first."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.aftercare.factories import make_record, participate
from tests.e2e.walk import telltales
from tests.trafficking.factories import make_signal

pytestmark = pytest.mark.django_db(transaction=True)

WIDE = {"width": 1366, "height": 900}


@pytest.fixture
def records(cast):
    from aftercare.models import Participation

    Participation.objects.all().delete()
    this_year = timezone.localdate().year
    participate(cast.assen, this_year - 1, this_year)
    record = make_record(municipality=cast.assen, by=cast.nazorg)
    signal = make_signal(
        by=cast.mensenhandel, organisation=cast.politie, municipality=cast.assen,
        received_on=date(this_year, 1, 6),
    )  # fmt: skip
    return record, signal


def pages_of(cast, record, signal):
    last_year = timezone.localdate().year - 1
    return {
        "nazorg": ["aftercare:record_list", "aftercare:releases", "aftercare:figures",
                   ("aftercare:record_detail", record.pk)],
        "mensenhandel": ["trafficking:signal_list", "trafficking:meeting_list",
                         ("trafficking:signal_detail", signal.pk), "trafficking:figures"],
        "manager": ["reports:dashboard", ("reports:annual_report", last_year), "finance:home",
                    "aftercare:figures", "reports:thematic"],
        "gemeente": ["aftercare:municipal_list", "finance:my_contribution", "reports:factsheets",
                     "reports:dashboard"],
        "financien": ["finance:home", "finance:keys"],
        "beheerder": ["network:user_list", ("network:user_detail", cast.nazorg.pk),
                      "network:organisation_list", "network:municipality_list"],
        "privacy": ["privacy:access_log", "privacy:access_requests", "privacy:access_review"],
    }  # fmt: skip


def nav_rows(page) -> int:
    return page.evaluate(
        "() => new Set([...document.querySelectorAll('.zvhd-nav .utrecht-nav-list > li')]"
        ".map(li => Math.round(li.getBoundingClientRect().top))).size"
    )


def walk(page, name, urls, shot, axe_findings):
    from zvhd.network.models import User

    # A login name is what people type, not a raw code ("regisseur_other" of the test cast).
    usernames = {f"code: {u!r}" for u in User.objects.values_list("username", flat=True)}
    found = {}
    for index, target in enumerate(["start", *urls]):
        url_name, *args = target if isinstance(target, tuple) else (target,)
        response = page.goto(reverse(url_name, args=args))
        assert response.status == 200, (name, url_name)
        assert nav_rows(page) == 1, (name, url_name)
        shot(page, f"walk-{name}-{index:02d}-{url_name.replace(':', '-')}")
        problems = [p for p in telltales(page) if p not in usernames] + axe_findings(page)
        if problems:
            found[url_name] = problems
    return found


def test_the_aftercare_coordinator_walks_in_with_the_real_second_factor(
    cast, records, page, login, shot, axe_findings
):
    page.set_viewport_size(WIDE)
    login(page, cast.nazorg)
    # allauth's own message, in formal Dutch.
    expect(page.get_by_text("U bent ingelogd als")).to_be_visible()
    assert page.locator(".zvhd-nav a").nth(1).inner_text() == "Nazorg"
    assert walk(page, "nazorg", pages_of(cast, *records)["nazorg"], shot, axe_findings) == {}


@pytest.mark.parametrize(
    "name", ["mensenhandel", "manager", "gemeente", "financien", "beheerder", "privacy"]
)
def test_each_register_oversight_and_admin_role_walks_its_pages(
    cast, records, page, as_user, shot, axe_findings, name
):
    page.set_viewport_size(WIDE)
    as_user(page, getattr(cast, name))
    assert walk(page, name, pages_of(cast, *records)[name], shot, axe_findings) == {}


def test_the_more_menu_opens_with_the_keyboard_and_marks_the_current_page(
    cast, page, as_user, shot
):
    page.set_viewport_size(WIDE)
    as_user(page, cast.manager)
    page.goto(reverse("privacy:destruction_lists"))
    summary = page.locator(".zvhd-nav-more__summary")
    assert "zvhd-nav-more__summary--current" in summary.get_attribute("class")
    summary.focus()
    page.keyboard.press("Enter")
    current = page.locator(".zvhd-nav-more__list a[aria-current='page']")
    assert current.inner_text() == "Vernietiging"
    shot(page, "walk-manager-more-menu")
