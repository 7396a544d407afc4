"""Who sees what (the permission matrix as data), query counts, bad input and the letters."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from finance import demo, services
from finance.models import (
    BudgetLine,
    DistributionKey,
    DocumentKind,
    FinanceDocument,
    FinanceYear,
    Side,
    YearStatus,
)
from tests import matrix
from zvhd.jobs import JobStatus as DocumentStatus
from zvhd.network.models import Municipality, Population

pytestmark = pytest.mark.django_db


class World(dict):
    """The finance world of a test. Its two letters (`letter_assen`, `letter_emmen`) are made
    on first use: WeasyPrint takes ~0.4 s for the two, and most tests never open one."""

    def __init__(self, make_letters, **items):
        super().__init__(**items)
        self.make_letters = make_letters

    def __missing__(self, key):
        if key not in ("letter_assen", "letter_emmen"):
            raise KeyError(key)
        self["letter_assen"], self["letter_emmen"] = self.make_letters()
        return self[key]


@pytest.fixture
def world(cast, django_capture_on_commit_callbacks):
    """The demo's finance data, with 2025 reopened as a concept (the demo adopts every year up
    to the current one): the seeds' figures in a year that may be edited; Assen/Emmen letters
    of 2024 (made when a test first asks for one)."""
    demo.seed(stdout=io.StringIO(), rng=None)
    services.change_year_status(
        finance_year=FinanceYear.objects.get(year=2025),
        to=YearStatus.CONCEPT,
        changed_by=cast.financien,
        reason="Heropend voor de tests",
    )
    y2024 = FinanceYear.objects.get(year=2024)

    def make_letters():
        with django_capture_on_commit_callbacks(execute=True):  # runs the Celery task (eager)
            return services.request_letters(
                year=y2024,
                requested_by=cast.financien,
                municipalities=[cast.assen, cast.emmen],
            )

    return World(
        make_letters,
        y2024=y2024,
        y2025=FinanceYear.objects.get(year=2025),
        line=BudgetLine.objects.get(year__year=2025, name="Kosten huisvesting"),
        key=DistributionKey.objects.first(),
    )


FINANCE_STAFF = ["financien", "manager"]
EVERYONE_ELSE = [
    "regisseur",
    "ondersteuner",
    "begeleider",
    "nazorg",
    "mensenhandel",
    "liaison_politie",
    "liaison_om",
    "partner",
    "beheerder",
    "privacy",
    "nobody",
]

# (page, url builder) -> expected status per user. 200 = allowed, 403 = no right to the page
# or the action, 404 = the record is out of the user's scope.
PAGES = {
    "home": lambda w: reverse("finance:home"),
    "year 2025 (concept)": lambda w: reverse("finance:year", args=[2025]),
    "year 2024 (adopted)": lambda w: reverse("finance:year", args=[2024]),
    "year update": lambda w: reverse("finance:year_update", args=[2025]),
    "contributions 2025": lambda w: reverse("finance:contributions", args=[2025]),
    "contributions 2024": lambda w: reverse("finance:contributions", args=[2024]),
    "budget xlsx": lambda w: reverse("finance:budget_xlsx", args=[2025]),
    "contributions xlsx": lambda w: reverse("finance:contributions_xlsx", args=[2024]),
    "line": lambda w: reverse("finance:line", args=[w["line"].pk]),
    "keys": lambda w: reverse("finance:keys"),
    "key": lambda w: reverse("finance:key_update", args=[w["key"].pk]),
    "inhabitants": lambda w: reverse("finance:inhabitants"),
    "my contribution": lambda w: reverse("finance:my_contribution"),
    "letter Assen": lambda w: reverse("finance:document_download", args=[w["letter_assen"].pk]),
    "letter Emmen": lambda w: reverse("finance:document_download", args=[w["letter_emmen"].pk]),
}

STAFF_SEES = dict.fromkeys(PAGES, 200) | {"my contribution": 403}
CONTACT_ASSEN = dict.fromkeys(PAGES, 403) | {
    "year 2025 (concept)": 404,  # a concept year does not exist for a municipality
    "year update": 404,
    "contributions 2025": 404,
    "budget xlsx": 404,
    "line": 404,
    "my contribution": 200,
    "letter Assen": 200,
    "letter Emmen": 404,
    "key": 403,
}
CONTACT_EMMEN = CONTACT_ASSEN | {"letter Assen": 404, "letter Emmen": 200}
OTHERS = dict.fromkeys(PAGES, 403) | {
    "year 2025 (concept)": 404,
    "year 2024 (adopted)": 404,
    "year update": 404,
    "contributions 2025": 404,
    "contributions 2024": 404,
    "budget xlsx": 404,
    "contributions xlsx": 404,
    "line": 404,
    "letter Assen": 404,
    "letter Emmen": 404,
}
MATRIX = (
    dict.fromkeys(FINANCE_STAFF, STAFF_SEES)
    | {"gemeente": CONTACT_ASSEN, "gemeente_other": CONTACT_EMMEN}
    | dict.fromkeys(EVERYONE_ELSE, OTHERS)
)


# The same, as rows of the shared matrix (tests/matrix.py): page -> (URL name, arguments).
ROUTES = {
    "home": ("finance:home", []),
    "year 2025 (concept)": ("finance:year", [2025]),
    "year 2024 (adopted)": ("finance:year", [2024]),
    "year update": ("finance:year_update", [2025]),
    "contributions 2025": ("finance:contributions", [2025]),
    "contributions 2024": ("finance:contributions", [2024]),
    "budget xlsx": ("finance:budget_xlsx", [2025]),
    "contributions xlsx": ("finance:contributions_xlsx", [2024]),
    "line": ("finance:line", lambda w: [w["line"].pk]),
    "keys": ("finance:keys", []),
    "key": ("finance:key_update", lambda w: [w["key"].pk]),
    "inhabitants": ("finance:inhabitants", []),
    "my contribution": ("finance:my_contribution", []),
    "letter Assen": ("finance:document_download", lambda w: [w["letter_assen"].pk]),
    "letter Emmen": ("finance:document_download", lambda w: [w["letter_emmen"].pk]),
}
ROWS = [
    matrix.Row(
        url_name,
        page,
        {username: MATRIX[username][page] for username in MATRIX},
        args=args,
    )
    for page, (url_name, args) in ROUTES.items()
]


def test_the_rows_ask_for_the_pages_of_the_matrix(world):
    assert {row.record: row.url(world) for row in ROWS} == {
        page: url(world) for page, url in PAGES.items()
    }


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_each_role_sees_exactly_its_part_of_finance(world, cast, client, row):
    people = {username: getattr(cast, username) for username in MATRIX}
    matrix.check(row, client=client, people=people, records=world)


def test_every_finance_page_is_in_the_matrix_or_said_where_it_is_tested():
    matrix.assert_covers(
        "finance",
        ROWS,
        elsewhere=dict.fromkeys(
            ["finance:line_create", "finance:year_status", "finance:draft_next"],
            "POST: test_only_finance_staff_may_write",
        ),
        untested=[
            "finance:budget_pdf",
            "finance:contributions_pdf",
            "finance:document_status",
            "finance:key_create",
            "finance:letters",
            "finance:liaison_create",
            "finance:plus_task_create",
            "finance:reserve_create",
            "finance:staffing_create",
            "finance:year_create",
        ],
    )


@pytest.mark.parametrize(
    "username, url_name, expected",
    [
        ("financien", "finance:line_create", 302),
        ("manager", "finance:line_create", 302),
        ("gemeente", "finance:line_create", 404),
        ("regisseur", "finance:line_create", 404),
        ("gemeente", "finance:year_status", 404),
        ("partner", "finance:draft_next", 404),
    ],
)
def test_only_finance_staff_may_write(world, cast, client_for, username, url_name, expected):
    data = {"side": "kosten", "name": "Nieuwe regel", "original": "1000", "reason": "x"}
    response = client_for(getattr(cast, username)).post(reverse(url_name, args=[2025]), data)
    assert response.status_code == expected


def test_the_contact_page_shows_only_the_own_municipality(world, cast, client_for):
    page = client_for(cast.gemeente).get(reverse("finance:my_contribution")).content.decode()
    assert "Assen" in page and "2024" in page
    assert "Emmen" not in page
    assert "2025" not in page  # a concept is not shown to municipalities


# Measured on the demo data; the second half of the test shows they do not grow with rows.
QUERY_LIMITS = {
    "home": (lambda w: reverse("finance:home"), "financien", 13),
    "year": (lambda w: reverse("finance:year", args=[2025]), "financien", 23),
    "contributions": (lambda w: reverse("finance:contributions", args=[2025]), "financien", 25),
    "line": (lambda w: reverse("finance:line", args=[w["line"].pk]), "financien", 13),
    "keys": (lambda w: reverse("finance:keys"), "financien", 11),
    "inhabitants": (lambda w: reverse("finance:inhabitants"), "financien", 10),
    "my contribution": (lambda w: reverse("finance:my_contribution"), "gemeente", 18),
}


@pytest.mark.parametrize("page", list(QUERY_LIMITS))
def test_pages_keep_to_a_fixed_number_of_queries(
    world, cast, client_for, django_assert_max_num_queries, page
):
    url, username, limit = QUERY_LIMITS[page]
    client = client_for(getattr(cast, username))
    with django_assert_max_num_queries(limit):
        assert client.get(url(world)).status_code == 200
    # More lines, amendments, movements and plus tasks do not add queries.
    year = world["y2025"]
    for n in range(15):
        line = services.add_budget_line(
            year=year, side=Side.COST, name=f"Extra {n}", original=n, created_by=cast.financien
        )
        services.amend_budget_line(
            line=line, date=date(2025, 3, 1), amount=1, reason="test", created_by=cast.financien
        )
    for n in range(3):
        services.save_plus_task(
            year=year,
            name=f"Extra plustaak {n}",
            amount=300,
            municipalities=[cast.assen],
            changed_by=cast.financien,
        )
    with django_assert_max_num_queries(limit):
        assert client.get(url(world)).status_code == 200


# ---------------------------------------------------------------------------------------------
# Bad input: a Dutch message at the field, nothing saved, never a 500.


def key_post(shares, municipalities):
    data = {
        "name": "Proef",
        "description": "",
        "c-TOTAL_FORMS": str(len(shares)),
        "c-INITIAL_FORMS": "0",
        "c-MIN_NUM_FORMS": "1",
        "c-MAX_NUM_FORMS": "1000",
    }
    for i, (share, members) in enumerate(zip(shares, municipalities, strict=True)):
        data[f"c-{i}-share_pct"] = share
        data[f"c-{i}-basis"] = "gelijk"
        data[f"c-{i}-municipalities"] = [m.pk for m in members]
    return data


def test_a_key_whose_shares_do_not_add_up_is_refused_and_nothing_is_saved(world, cast, client_for):
    before = DistributionKey.objects.count()
    response = client_for(cast.financien).post(
        reverse("finance:key_create"), key_post(["60", "30"], [[cast.assen], [cast.emmen]])
    )
    assert response.status_code == 400
    assert "tellen op tot 90 %, niet tot 100 %" in response.content.decode()
    assert DistributionKey.objects.count() == before


def test_a_valid_key_is_saved_from_the_form(world, cast, client_for):
    response = client_for(cast.financien).post(
        reverse("finance:key_create"), key_post(["60,5", "39,5"], [[cast.assen], [cast.emmen]])
    )
    assert response.status_code == 302
    key = DistributionKey.objects.get(name="Proef")
    assert [c.share_pct for c in key.components.all()] == [Decimal("60.5"), Decimal("39.5")]


def test_a_municipality_twice_in_one_component_is_refused_by_the_service(world, cast):
    with pytest.raises(services.FinanceError, match="Assen staat twee keer"):
        services.save_distribution_key(
            name="Dubbel",
            changed_by=cast.financien,
            components=[services.ComponentSpec(Decimal(100), "gelijk", [cast.assen, cast.assen])],
        )
    assert not DistributionKey.objects.filter(name="Dubbel").exists()


def test_a_negative_amount_is_refused_next_to_the_field(world, cast, client_for):
    line = world["line"]
    response = client_for(cast.financien).post(
        reverse("finance:line", args=[line.pk]),
        {"name": line.name, "original": "-500", "realised": ""},
    )
    assert response.status_code == 400
    assert "Een negatief bedrag is hier niet toegestaan." in response.content.decode()
    line.refresh_from_db()
    assert line.original == 68835


def test_a_year_without_inhabitants_for_a_by_inhabitants_key_gets_a_clear_message(
    world, cast, client_for
):
    year = world["y2025"]
    services.update_year(
        finance_year=year,
        changed_by=cast.financien,
        indexation_pct=year.indexation_pct,
        distribution_key=year.distribution_key,
        municipal_total=year.municipal_total,
        population_year=2031,
        reserve_opening=None,
    )
    response = client_for(cast.financien).get(reverse("finance:contributions", args=[2025]))
    assert response.status_code == 200
    assert "ontbreekt het aantal inwoners van: Aa en Hunze, Assen" in response.content.decode()
    with pytest.raises(services.FinanceError, match="Vaststellen kan nog niet"):
        services.change_year_status(
            finance_year=year, to=YearStatus.ADOPTED, changed_by=cast.financien, reason="x"
        )


def test_an_adopted_year_cannot_be_edited_but_can_be_amended(world, cast):
    line = BudgetLine.objects.get(year__year=2024, name="Kosten huisvesting")
    with pytest.raises(services.FinanceError, match="vastgesteld"):
        services.change_budget_line(
            line=line, changed_by=cast.financien, name=line.name, original=1, realised=None
        )
    services.amend_budget_line(
        line=line,
        date=date(2024, 6, 1),
        amount=-5000,
        reason="Huur lager",
        created_by=cast.financien,
    )
    assert line.amendments.get().amount == -5000


def test_editing_a_line_keeps_its_history_with_the_user(world, cast, client_for):
    line = world["line"]
    response = client_for(cast.financien).post(
        reverse("finance:line", args=[line.pk]),
        {"name": line.name, "original": "70.000", "realised": "", "note": "nieuwe huur"},
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.original == 70000
    assert line.history.first().history_user == cast.financien


def test_the_draft_for_next_year_copies_lines_with_indexation(world, cast):
    # The demo has a concept budget for the current year (2026) too; this test makes it anew.
    FinanceYear.objects.filter(year=2026).delete()
    draft = services.draft_next_year(
        source=world["y2025"], indexation_pct=Decimal("3.5"), created_by=cast.financien
    )
    assert draft.year == 2026 and draft.status == YearStatus.CONCEPT
    copied = BudgetLine.objects.get(year=draft, name="Kosten huisvesting")
    assert copied.original == Decimal(round(68835 * 1.035))  # 71.244
    assert draft.lines.count() == world["y2025"].lines.count()
    assert draft.plus_tasks.get(name="Nazorg ex-gedetineerden").amount == 31050
    with pytest.raises(services.FinanceError, match="al een begroting voor 2026"):
        services.draft_next_year(source=world["y2025"], indexation_pct=1, created_by=cast.financien)


def test_inhabitants_csv_is_imported_all_or_nothing(world, cast):
    good = "gemeente;jaar;inwoners\nAssen;2025;69890\nGM0114;2025;107.500\n"
    assert services.import_inhabitants_csv(text=good, changed_by=cast.financien) == 2
    assert Population.objects.get(municipality=cast.emmen, year=2025).inhabitants == 107500
    bad = "Assen;2026;70000\nAtlantis;2026;5\nEmmen;2026;-3\n"
    with pytest.raises(services.FinanceError) as refused:
        services.import_inhabitants_csv(text=bad, changed_by=cast.financien)
    message = str(refused.value)
    assert "regel 2: onbekende gemeente ‘Atlantis’" in message
    assert "regel 3: het aantal inwoners moet groter zijn dan 0" in message
    assert not Population.objects.filter(year=2026).exists()


def test_a_bad_csv_upload_shows_the_problems_and_saves_nothing(world, cast, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("cbs.csv", b"Assen;2027;abc\n", content_type="text/csv")
    response = client_for(cast.financien).post(
        reverse("finance:inhabitants"), {"csv": "1", "file": upload}
    )
    assert response.status_code == 400
    assert "regel 1: jaar en inwoners moeten hele getallen zijn" in response.content.decode()
    assert not Population.objects.filter(year=2027).exists()


# ---------------------------------------------------------------------------------------------
# Documents


def test_a_letter_is_made_by_the_task_and_holds_the_amount(world, cast):
    letter = FinanceDocument.objects.get(pk=world["letter_assen"].pk)
    assert letter.status == DocumentStatus.DONE
    assert letter.file.read(4) == b"%PDF"
    assert letter.amount > 0


def test_the_task_is_safe_to_run_twice(world):
    from finance.tasks import render_document

    letter = world["letter_assen"]
    before = FinanceDocument.objects.get(pk=letter.pk).file.name
    assert render_document(letter.pk) == "skipped"  # the job kernel: done, left alone
    assert FinanceDocument.objects.get(pk=letter.pk).file.name == before
    assert render_document(999999) == "missing"


def test_a_pdf_request_is_answered_without_rendering_in_the_request(
    world, cast, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(cast.financien).post(reverse("finance:budget_pdf", args=[2025]))
    assert response.status_code == 302
    document = FinanceDocument.objects.get(kind=DocumentKind.BUDGET)
    assert document.status == DocumentStatus.PENDING and len(callbacks) == 1


def test_the_budget_and_contributions_spreadsheets_open(world, cast, client_for):
    from openpyxl import load_workbook

    client = client_for(cast.financien)
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("finance:budget_xlsx", args=[2025])).content)
    ).active
    values = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "Totaal kosten" in values and "Eindstand" in values
    book = load_workbook(
        io.BytesIO(client.get(reverse("finance:contributions_xlsx", args=[2024])).content)
    )
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[-1][0] == "Totaal" and len(rows) == 14
    assert rows[-1][2] == FinanceYear.objects.get(year=2024).municipal_total


def test_letters_are_refused_when_contributions_cannot_be_made(world, cast):
    Population.objects.filter(year=2024).delete()
    with pytest.raises(services.FinanceError, match="ontbreekt het aantal inwoners"):
        services.request_letters(
            year=world["y2025"], requested_by=cast.financien, municipalities=[cast.assen]
        )


def test_the_start_page_shows_the_panels(world, cast, client_for):
    assert "Begroting 2025" in client_for(cast.financien).get("/").content.decode()
    page = client_for(cast.gemeente).get("/").content.decode()
    assert "Bijdrage Assen" in page
    assert Municipality.objects.count() == 12


def test_with_a_worker_the_demo_asks_this_years_letters_once(
    cast, settings, django_capture_on_commit_callbacks
):
    """A municipal contact of the demo finds this year's letter (the worker makes it while
    the demo starts); without a broker, as under test, the seed renders nothing."""
    this_year = date.today().year
    demo.seed(stdout=io.StringIO(), rng=None)
    assert not FinanceDocument.objects.exists()  # tasks in-process: left to ask
    settings.CELERY_TASK_ALWAYS_EAGER = False
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        demo.seed(stdout=out, rng=None)
        demo.seed(stdout=io.StringIO(), rng=None)  # safe to run twice
    letters = FinanceDocument.objects.filter(kind=DocumentKind.LETTER)
    assert {(d.year.year, d.status) for d in letters} == {(this_year, DocumentStatus.PENDING)}
    assert letters.count() == Municipality.objects.count() == len(callbacks) == 12
    assert f"bijdragebrieven {this_year} aangevraagd" in out.getvalue()
