"""Every page of one case marks where it is: one link of the side menu is the current one
(aria-current, which theme.css draws with a bar and bold text) and the breadcrumbs end at the
page itself (issue 23: the forms of a case marked no tab, or "Overzicht" for a plan form)."""

import re
from datetime import timedelta

import pytest
from django.template.loader import get_template
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from casefile import services as casefile_services
from cases import services
from cases.views.case_file import TABS
from tests.casefile.factories import own_case
from tests.risk.factories import make_assessment, make_flag

pytestmark = pytest.mark.django_db

SIDE_NAV = re.compile(r'<nav class="zvhd-side-nav".*?</nav>', re.DOTALL)
CURRENT = re.compile(r'<a href="[^"]*" aria-current="page">([^<]*)</a>')


@pytest.fixture
def world(cast):
    case = own_case(cast)
    action = services.add_action(
        case=case,
        added_by=cast.regisseur,
        description="Intake GGZ plannen",
        owner_organisation=cast.ggz,
        owner=cast.partner,
        due_on=timezone.localdate() + timedelta(days=3),
    )
    entry = casefile_services.add_journal_entry(
        case=case,
        author=cast.regisseur,
        kind="huisbezoek",
        occurred_at=timezone.now() - timedelta(hours=1),
        text="Huisbezoek afgelegd",
        audience="team",
    )
    escalation = services.escalate_case(
        case=case,
        escalated_by=cast.regisseur,
        level="bestuur",
        reason="Geen voortgang",
        escalated_to="Burgemeester",
    )
    assessment = make_assessment(case=case, by=cast.regisseur)
    flag = make_flag(case=case, by=cast.regisseur)
    return {
        "case": case,
        "action": action,
        "entry": entry,
        "escalation": escalation,
        "assessment": assessment,
        "flag": flag,
    }


def pages(world):
    """(URL name, object, the side-menu link that is current)."""
    case = world["case"]
    return [
        ("cases:case_detail", case, "Overzicht"),
        ("cases:case_plan", case, "Plan van aanpak"),
        ("cases:plan_edit", case, "Plan van aanpak"),
        ("cases:goal_create", case, "Plan van aanpak"),
        ("cases:action_create", case, "Plan van aanpak"),
        ("cases:action_status", world["action"], "Plan van aanpak"),
        ("cases:case_meetings", case, "Overleggen"),
        ("cases:meeting_create", case, "Overleggen"),
        ("cases:case_history", case, "Geschiedenis"),
        ("cases:case_timeline", case, "Tijdlijn"),
        ("cases:case_people", case, "Overzicht"),
        ("cases:team_add", case, "Overzicht"),
        ("cases:escalate", case, "Overzicht"),
        ("cases:resolve_escalation", world["escalation"], "Overzicht"),
        ("cases:close", case, "Overzicht"),
        ("cases:link_group", case, "Overzicht"),
        ("casefile:journal", case, "Logboek"),
        ("casefile:journal_add", case, "Logboek"),
        ("casefile:journal_correct", world["entry"], "Logboek"),
        ("casefile:documents", case, "Documenten"),
        ("casefile:document_add", case, "Documenten"),
        ("casefile:document_request_add", case, "Documenten"),
        ("programmes:case_programmes", case, "Programma's"),
        ("risk:case_risk", case, "Risico en veiligheid"),
        ("risk:assessment_create", case, "Risico en veiligheid"),
        ("risk:flag_create", case, "Risico en veiligheid"),
        ("risk:assessment_detail", world["assessment"], "Risico en veiligheid"),
        ("risk:flag_lift", world["flag"], "Risico en veiligheid"),
    ]


def test_every_page_of_a_case_marks_its_own_tab_in_the_side_menu(cast, client, world):
    client.force_login(cast.regisseur)
    wrong = {}
    for name, obj, tab in pages(world):
        response = client.get(reverse(name, args=[obj.pk]))
        assert response.status_code == 200, name
        html = response.content.decode()
        current = CURRENT.findall(SIDE_NAV.search(html).group(0))
        if current != [tab]:
            wrong[name] = current
    assert wrong == {}


def test_the_breadcrumbs_of_a_form_lead_back_through_the_case_and_its_tab(cast, client, world):
    client.force_login(cast.regisseur)
    case = world["case"]
    html = client.get(reverse("cases:action_status", args=[world["action"].pk])).content.decode()
    crumbs = re.search(r'<nav class="utrecht-breadcrumb-nav.*?</nav>', html, re.DOTALL).group(0)
    labels = re.findall(r"<a [^>]*>([^<]*)</a>", crumbs)
    assert labels == ["Casussen", case.number, "Plan van aanpak", "Status van de actie"]
    assert crumbs.count('aria-current="page"') == 1
    # The main menu marks "Casussen" on a case page outside /casussen/ too (/risico/casus/N/).
    html = client.get(reverse("risk:case_risk", args=[case.pk])).content.decode()
    menu = re.search(r'aria-label="Hoofdmenu".*?</nav>', html, re.DOTALL).group(0)
    assert re.findall(r'aria-current="page"[^>]*>([^<]*)<', menu) == ["Casussen"]


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry


def test_every_page_in_the_case_frame_names_the_tab_it_belongs_to():
    """A new page of a case (any template that extends cases/_case_base.html) says which tab
    it is on, and that tab exists: the list above checks the pages as they render."""
    from cases import extensions

    known = set(TABS) | {t.tab for t in extensions.tabs()}
    unmarked = []
    for name, pattern in _patterns(get_resolver()):
        view = getattr(pattern.callback, "view_class", None)
        template = getattr(view, "template_name", None)
        if not template:
            continue
        source = get_template(template).template.source
        if '{% extends "cases/_case_base.html" %}' not in source:
            continue
        if getattr(view, "tab", "") not in known:
            unmarked.append(f"{name}: {getattr(view, 'tab', None)!r}")
    assert unmarked == []
