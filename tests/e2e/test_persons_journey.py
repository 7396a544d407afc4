"""The person register in the browser: the fuzzy hit list at intake, and a merge proposed by
the functioneel beheerder, approved by the manager (four eyes) and split again with a reason."""

from datetime import date

import pytest

from cases.models import Person as CasePerson
from tests.cases.factories import make_case, person_data
from tests.e2e.conftest import click_menu_item

pytestmark = pytest.mark.django_db(transaction=True)


def test_intake_shows_ranked_hits_with_the_reason(cast, page, as_user, shot):
    make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(
            cast.assen, first_name="Ayşe", last_name="Yılmaz", birth_date=date(1987, 6, 5)
        ),
    )
    as_user(page, cast.ondersteuner)
    page.goto("/casussen/aanmelden/")
    page.get_by_label("Voornaam").first.fill("Ayse")
    page.get_by_label("Achternaam").first.fill("Yilmaz")
    page.get_by_label("Geboortedatum").first.fill("1987-05-06")  # day and month swapped
    page.get_by_label("BSN").click()
    # Each field's change asks again; the answer with the date says so.
    page.get_by_text("dag en maand omgedraaid", exact=False).wait_for()
    text = page.locator("#known-person").inner_text()
    assert "Ayşe Yılmaz" in text
    assert "dag en maand omgedraaid" in text
    page.locator("#known-person").scroll_into_view_if_needed()
    shot(page, "persons-intake-hits")
    page.locator("#known-person").get_by_role("link", name="Ayşe Yılmaz").click()
    page.get_by_role("heading", name="Huishouden en systeem").wait_for()
    shot(page, "persons-person-page")


def test_merge_four_eyes_and_split_in_the_browser(cast, page, as_user, shot):
    one = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        person=person_data(
            cast.assen, first_name="Jan", last_name="Janssen", birth_date=date(1985, 4, 9)
        ),
    )
    two = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        person=person_data(
            cast.assen, first_name="Jan", last_name="Jansen", birth_date=date(1985, 4, 9)
        ),
    )
    # The functioneel beheerder proposes.
    as_user(page, cast.beheerder)
    page.goto("/")
    click_menu_item(page, "Dubbele personen")
    row = page.locator("tbody tr").filter(has_text="Janssen").first
    assert "geboortedatum gelijk" in row.inner_text()
    shot(page, "persons-duplicates")
    row.get_by_label("Waarom is dit dezelfde persoon?").fill("Zelfde adres en telefoonnummer")
    row.get_by_role("button", name="Samenvoegen voorstellen").click()
    page.get_by_text("Het voorstel is vastgelegd").wait_for()
    assert page.get_by_role("button", name="Goedkeuren en samenvoegen").count() == 0
    url = page.url
    page.context.clear_cookies()

    # The manager approves.
    as_user(page, cast.manager)
    page.goto(url)
    page.get_by_role("button", name="Goedkeuren en samenvoegen").click()
    page.get_by_text("De personen zijn samengevoegd").wait_for()
    shot(page, "persons-merged")
    registers = {
        CasePerson.objects.get(pk=one.person.pk).registered_person_id,
        CasePerson.objects.get(pk=two.person.pk).registered_person_id,
    }
    assert len(registers) == 1

    # And splits it again, with a reason.
    page.get_by_label("Waarom wordt de samenvoeging teruggedraaid?").fill(
        "Toch twee verschillende mensen"
    )
    page.get_by_role("button", name="Splitsen").click()
    page.get_by_text("De samenvoeging is teruggedraaid").wait_for()
    assert (
        CasePerson.objects.get(pk=one.person.pk).registered_person_id
        != CasePerson.objects.get(pk=two.person.pk).registered_person_id
    )


def test_the_demo_duplicates_give_the_beheerder_work_and_the_manager_a_merge_to_judge(
    cast, page, as_user, shot
):
    """The persons demo (persons/demo.py) on a few records of each app, as `seed_demo` runs it
    once every app has seeded: the duplicates page lists its pairs with their reasons, and the
    merge the beheerder proposed waits for the manager."""
    import io
    import random

    from persons import demo
    from tests.aftercare.factories import make_record, participate
    from tests.trafficking.factories import make_signal

    participate(cast.assen, date.today().year)
    for n, gender in enumerate(["man"] * 5 + ["vrouw"] * 2):
        make_case(
            registered_by=cast.regisseur,
            municipality=cast.assen,
            person=person_data(cast.assen, gender=gender, birth_date=date(1970 + n, 2, 3)),
        )
    for n in range(2):
        make_record(
            municipality=cast.assen, by=cast.nazorg, last_name=f"Nazorg{n}",
            birth_date=date(1980 + n, 4, 5),
        )  # fmt: skip
    make_signal(
        by=cast.mensenhandel, organisation=cast.politie, bsn="", birth_date=date(1985, 6, 7)
    )
    out = io.StringIO()
    demo.after_seed(stdout=out, rng=random.Random(1))
    assert "5 personen twee keer geregistreerd; 1 voorstel" in out.getvalue()

    as_user(page, cast.beheerder)
    page.goto("/personen/dubbel/")
    rows = page.locator("table").first.locator("tbody tr")
    assert rows.count() == 3  # the trafficking pair is not the beheerder's to see
    amrani = rows.filter(has_text="Amrani").inner_text()
    # The one whose BSN is known is offered to stay.
    assert amrani.index("Mohamed El Amrani") < amrani.index("Mohammed el Amrani")
    assert "voornaam lijkt op elkaar" in amrani and "BSN bekend" in amrani
    assert "achternaam gelijk" in rows.filter(has_text="Yilmaz").inner_text()
    proposals = page.locator("table").nth(1)
    assert "Kevin Janssen" in proposals.inner_text() and "Voorgesteld" in proposals.inner_text()
    shot(page, "persons-demo-duplicates")
    page.context.clear_cookies()

    as_user(page, cast.manager)
    page.goto("/personen/dubbel/")
    page.get_by_role("link", name="Kevin Janssen").click()
    page.get_by_role("button", name="Goedkeuren en samenvoegen").wait_for()
    assert "met één s geschreven" in page.locator("main").inner_text()
    shot(page, "persons-demo-proposal")
