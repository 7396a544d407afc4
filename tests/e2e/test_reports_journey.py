"""Browser journeys: management freezes the figures, makes the jaarverslag and watches it being
made; a municipal contact sees the figures of their own municipality."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.reports.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = date.today().year - 1


@pytest.fixture
def report_world(cast):
    for i in range(6):
        make_case(
            registered_by=cast.regisseur,
            municipality=cast.assen,
            started=date(YEAR, 2, 1 + i),
            problem_areas=["huisvesting", "psychisch"],
            kind="pga" if i % 3 == 0 else "maatwerk",
        )
    for i in range(4):
        make_case(
            registered_by=cast.liaison_politie,
            municipality=cast.emmen,
            started=date(YEAR - 1, 5, 1 + i),
            closed=date(YEAR, 6, 1) if i < 2 else None,
            home=cast.emmen,
        )
    return cast


def test_management_freezes_publishes_and_makes_the_annual_report(
    report_world, page, as_user, shot, axe_findings
):
    cast = report_world
    as_user(page, cast.manager)
    page.goto("/rapportages/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Cijfers en jaarverslag {YEAR}"
    assert page.locator("img.zvhd-chart").count() >= 5
    shot(page, "reports-dashboard-manager")
    assert axe_findings(page) == []

    page.get_by_role("link", name=f"Jaarverslag {YEAR}").first.click()
    page.get_by_role("button", name=f"Leg de cijfers van {YEAR} vast").click()
    page.get_by_role("button", name="Publiceer versie 1").click()
    expect(page.get_by_text("gepubliceerd").first).to_be_visible()
    page.locator("#id_voorwoord").fill("Een jaar waarin samenwerking telde.")
    page.get_by_role("button", name="Teksten bewaren").click()
    page.get_by_label("Document").select_option("jaarverslag")
    page.get_by_role("button", name="Maak de PDF").click()
    page.get_by_role("link", name="download PDF").first.wait_for(timeout=60_000)
    shot(page, "reports-annual-report")
    assert axe_findings(page) == []


def test_a_municipal_contact_sees_only_their_own_figures(
    report_world, page, as_user, shot, axe_findings
):
    cast = report_world
    as_user(page, cast.gemeente)
    page.goto("/rapportages/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Cijfers Assen {YEAR}"
    expect(page.get_by_text("<5").first).to_be_visible()
    shot(page, "reports-dashboard-gemeente")
    assert axe_findings(page) == []


def test_figures_being_computed_say_so_and_the_page_shows_them_when_they_are_there(
    report_world, page, as_user, shot, axe_findings, monkeypatch
):
    """A year never computed while the worker is busy: a Dutch "wordt berekend" state that
    asks again by itself and shows the figures once the worker has stored them (issue 24)."""
    from reports import live
    from reports.tasks import refresh_figures

    cast = report_world
    sent = []
    # The live server runs in this process: the worker takes the task and has not run it yet.
    monkeypatch.setattr(live, "enqueue_now", lambda task, year: sent.append(year) or True)
    as_user(page, cast.gemeente)
    page.goto("/rapportages/")
    status = page.get_by_role("status").filter(has_text="worden berekend")
    expect(status).to_contain_text(
        f"De cijfers van {YEAR}, {YEAR - 1} en {YEAR - 2} worden berekend; "
        "deze pagina ververst vanzelf."
    )
    shot(page, "reports-dashboard-computing")
    assert axe_findings(page) == []
    assert sorted(sent) == [YEAR - 2, YEAR - 1, YEAR]
    for year in sent:
        live.release(year)
        refresh_figures(year)  # the worker has run
    # The page asks every 5 seconds and reloads itself when the figures are there. (Not
    # "<5" first: the explanation above the figures says "<5" too, before the reload.)
    expect(page.get_by_text("Stand van").first).to_be_visible(timeout=20_000)
    expect(page.get_by_role("main").get_by_text("<5", exact=True).first).to_be_visible()
    expect(page.get_by_text("worden berekend")).to_have_count(0)
    shot(page, "reports-dashboard-gemeente-stored")
