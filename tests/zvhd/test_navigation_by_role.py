"""Each role's menu starts with its own work, fits one row at 1366 px and marks where you are;
a sub-page without breadcrumbs of its own gets Start › its menu entry (issue 23)."""

import pytest
from django.urls import reverse

from zvhd.navigation import (
    ROW_WIDTH,
    MenuEntry,
    estimated_width,
    menu_for,
    panels_for,
    section_crumbs,
    split_menu,
)

OWN_WORK = {
    "nazorg": "Nazorg",
    "mensenhandel": "Mensenhandel",
    "manager": "Cijfers",
    "gemeente": "Nazorg",
    "financien": "Financiën",
    "beheerder": "Gebruikers",
    "privacy": "Toegangslog",
}


@pytest.mark.parametrize(("name", "first"), OWN_WORK.items())
def test_each_role_s_menu_starts_with_its_own_work_right_after_start(cast, name, first):
    labels = [e.label for e in menu_for(getattr(cast, name))]
    assert labels[:2] == ["Start", first]


def test_figures_of_trafficking_are_no_longer_first_for_those_who_only_look_at_them(cast):
    for name in ("beheerder", "privacy", "financien"):
        labels = [e.label for e in menu_for(getattr(cast, name))]
        assert labels.index("Cijfers mensenhandel") > 1


@pytest.mark.parametrize("name", list(OWN_WORK))
def test_the_row_fits_and_the_rest_goes_under_more_in_the_same_order(cast, name):
    entries = menu_for(getattr(cast, name))
    row, more = split_menu(entries)
    assert row + more == entries
    assert sum(estimated_width(e.label) for e in row) <= ROW_WIDTH


def test_a_short_menu_has_no_more():
    entries = [MenuEntry("Start", "/", True), MenuEntry("Financiën", "/financien/", False)]
    assert split_menu(entries) == (entries, [])


def test_the_manager_s_start_page_opens_with_the_figures_not_with_an_empty_case_list(cast):
    templates = [p.template for p in panels_for(cast.manager)]
    assert templates[0] == "reports/panels/figures.html"
    assert templates.index("cases/panels/my_work.html") > 2
    # Deciding on proposals to close is the manager's own work: in the first group.
    assert templates.index("cases/panels/closings.html") < templates.index(
        "cases/panels/my_work.html"
    )


def test_a_manager_without_cases_gets_no_empty_my_cases_panel_a_director_does(cast, client_for):
    """Issue 23: the manager's start page showed "Mijn casussen 0"."""
    page = client_for(cast.manager).get("/").content.decode()
    assert "Mijn casussen" not in page
    assert "Afsluiten ter goedkeuring" in page
    fresh = client_for(cast.begeleider).get("/").content.decode()
    assert "Mijn casussen" in fresh  # a trajectbegeleider's own work, even at 0


def test_a_sub_page_gets_start_and_its_menu_entry_as_breadcrumbs(cast):
    entries = menu_for(cast.nazorg, "/nazorg/ontslagen/")
    assert section_crumbs(entries, "/nazorg/ontslagen/") == [
        {"label": "Start", "url": "/"},
        {"label": "Nazorg", "url": "/nazorg/"},
    ]
    assert section_crumbs(menu_for(cast.nazorg, "/nazorg/"), "/nazorg/") == []


def test_the_page_shows_the_row_the_more_menu_and_the_default_breadcrumbs(cast, client_for):
    response = client_for(cast.manager).get(reverse("aftercare:figures"))
    html = response.content.decode()
    assert 'class="zvhd-nav-more__details"' in html
    assert 'aria-current="page">Cijfers nazorg</a>' in html
    response = client_for(cast.nazorg).get(reverse("aftercare:releases"))
    assert 'aria-label="Kruimelpad"' in response.content.decode()


def test_the_privacy_officer_s_start_page_says_what_waits_for_review(cast, client_for):
    """Issue 23: only denied reads were shown while a destruction list waited for review."""
    from zvhd.privacy.models import DestructionList

    DestructionList.objects.create()
    page = client_for(cast.privacy).get("/").content.decode()
    assert "1 vernietigingslijst wacht op uw beoordeling" in page
    assert "0 inzageverzoeken zijn nog niet afgehandeld" in page
    assert page.index("Te beoordelen") < page.index("Geweigerde toegang")


# The former partials/nav_link.html, included once per menu entry until `{% nav_link %}`
# (zvhd/templatetags/zvhd.py) wrote the same link in Python (issue 24).
FORMER_NAV_LINK = (
    '<a class="utrecht-nav-list__link" href="{{ item.url }}"{% if item.active %}'
    ' aria-current="page"{% endif %}{% if item.accesskey %} accesskey="{{ item.accesskey }}"'
    ' aria-keyshortcuts="Alt+Shift+{{ item.accesskey|upper }}" title="{{ item.label }}'
    ' (Alt+Shift+{{ item.accesskey|upper }})"{% endif %}>{{ item.label }}</a>'
)


@pytest.mark.parametrize("active", [False, True])
@pytest.mark.parametrize("accesskey", ["", "c"])
@pytest.mark.parametrize("label", ["Casussen", 'Mijn "werk" & <meer>'])
def test_the_menu_link_tag_writes_what_the_partial_did(label, accesskey, active):
    from django.template import Context, Template

    item = MenuEntry(label=label, url="/casussen/?a=1&b=2", active=active, accesskey=accesskey)
    former = Template(FORMER_NAV_LINK).render(Context({"item": item}))
    tag = Template("{% load zvhd %}{% nav_link item %}").render(Context({"item": item}))
    assert tag == former


def test_every_role_s_menu_is_written_by_the_tag(cast, client_for):
    from django.template import Context, Template

    for name in ("regisseur", "partner", "beheerder", "gemeente"):
        user = getattr(cast, name)
        page = client_for(user).get(reverse("start")).content.decode()
        for item in menu_for(user):
            item = MenuEntry(item.label, item.url, item.url == "/", item.accesskey)
            assert Template(FORMER_NAV_LINK).render(Context({"item": item})) in page, item


def test_a_liaison_finds_their_teams_actions_and_registrations_after_the_triage(cast, client_for):
    """The politie liaison sat on the teams of dozens of running cases and their start page
    showed the triage alone. After it now: the partner's panel (their teams' running cases,
    their actions, their organisation's registrations)."""
    from cases.models import Status
    from tests.cases.factories import make_case

    client = client_for(cast.liaison_politie)
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.liaison_politie],
    )
    response = client.get("/")
    templates = [p["template"] for p in response.context["panels"]]
    assert templates.index("cases/panels/triage.html") < templates.index(
        "cases/panels/partner.html"
    )
    assert "cases/panels/my_work.html" not in templates
    data = next(p for p in response.context["panels"] if p["template"].endswith("partner.html"))
    assert data["team_cases"] == 1
    mine = client.get(reverse("cases:my_cases") + "?status=lopend")
    assert [row.number for row in mine.context["table"].rows] == [case.number]
    # The partner's own start page still opens with it.
    partner = [p.template for p in panels_for(cast.partner)]
    assert partner[0] == "cases/panels/partner.html"
