"""Programme figures per year (programmes/figures.py): active, inflow and closed per tag with
the year boundaries, and jeugd-PGA counted as the 2020 report does."""

from datetime import date

import pytest

from cases.models import Kind
from programmes.figures import by_programme, pga_split
from programmes.models import CaseProgramme, Programme
from reports import figures
from tests.reports.factories import make_case

pytestmark = pytest.mark.django_db


def tag(case, code, start, end=None, *, by):
    return CaseProgramme.objects.create(
        case=case,
        programme=Programme.objects.get(code=code),
        started_on=start,
        ended_on=end,
        added_by=by,
    )


def counts(year, code, municipality=None):
    row = next(r for r in by_programme(year, municipality) if r["code"] == code)
    return row["carried_in"], row["inflow"], row["closed"], row["active"]


def test_a_tag_counts_while_the_case_is_directed_and_the_period_runs(cast):
    r, assen = cast.regisseur, cast.assen
    # Tagged on 31 December 2023 for a case started then: carried in to 2024.
    a = make_case(registered_by=r, municipality=assen, started=date(2023, 12, 31))
    tag(a, "levensloopaanpak", date(2023, 12, 31), by=r)
    # Tagged in 2023, but the case starts on 2 January 2024: inflow of 2024, not active in 2023.
    b = make_case(registered_by=r, municipality=assen, started=date(2024, 1, 2))
    tag(b, "levensloopaanpak", date(2023, 11, 1), by=r)
    # Period ends on 1 January 2024: active and closed in 2024; the case goes on.
    c = make_case(registered_by=r, municipality=assen, started=date(2023, 6, 1))
    tag(c, "levensloopaanpak", date(2023, 6, 1), date(2024, 1, 1), by=r)
    # Period ended 31 December 2023: not active in 2024.
    d = make_case(registered_by=r, municipality=assen, started=date(2023, 6, 1))
    tag(d, "levensloopaanpak", date(2023, 6, 1), date(2023, 12, 31), by=r)
    # Case closed on 31 December 2024 with the tag still running: closed in 2024.
    e = make_case(
        registered_by=r, municipality=assen, started=date(2024, 3, 1), closed=date(2024, 12, 31)
    )
    tag(e, "levensloopaanpak", date(2024, 3, 1), by=r)
    # Tag begins after the case was closed: never counts.
    f = make_case(
        registered_by=r, municipality=assen, started=date(2024, 1, 1), closed=date(2024, 2, 1)
    )
    tag(f, "levensloopaanpak", date(2024, 3, 1), by=r)
    # Not a direction case (registration only): never counts.
    g = make_case(registered_by=r, municipality=assen)
    tag(g, "levensloopaanpak", date(2024, 3, 1), by=r)
    # Two periods of one case in 2024: counted once.
    h = make_case(registered_by=r, municipality=assen, started=date(2024, 1, 10))
    tag(h, "levensloopaanpak", date(2024, 1, 10), date(2024, 2, 1), by=r)
    tag(h, "levensloopaanpak", date(2024, 5, 1), by=r)

    assert counts(2023, "levensloopaanpak") == (0, 3, 1, 3)  # a, c, d; d closed
    # carried in a, c; inflow b, e, h; closed c, e (h re-entered); active a, b, c, e, h
    assert counts(2024, "levensloopaanpak") == (2, 3, 2, 5)
    assert counts(2025, "levensloopaanpak") == (3, 0, 0, 3)  # a, b, h
    carried_in, inflow, _closed, active = counts(2024, "levensloopaanpak")
    assert carried_in + inflow == active


def test_every_programme_in_use_is_a_row_and_the_figures_are_in_the_year_figures(cast):
    data = figures.year_figures(2024)
    names = [row["name"] for row in data["programmes"]["by_programme"]]
    assert names[:2] == ["Levensloopaanpak", "ISD-maatregel"] and len(names) == 9
    table = next(t for t in data["programmes"]["tables"] if t["slug"] == "programmas")
    assert table["headers"] == ["Programma", "Meegenomen", "Instroom", "Afgesloten", "Actief"]


def test_jeugd_pga_is_split_from_pga_per_municipality_as_in_the_2020_report(cast):
    """Seed 004: "Emmen: inclusief 35 PGA dossiers (21 PGA, 14 jeugd-PGA)" - here 3 = 2 + 1."""
    r, emmen = cast.regisseur, cast.emmen
    for _n in range(2):
        make_case(registered_by=r, municipality=emmen, started=date(2020, 2, 1), kind=Kind.PGA)
    youth = make_case(registered_by=r, municipality=emmen, started=date(2020, 2, 1), kind=Kind.PGA)
    tag(youth, "jeugd-pga", date(2020, 2, 1), by=r)
    maatwerk = make_case(registered_by=r, municipality=emmen, started=date(2020, 2, 1))
    tag(maatwerk, "jeugd-pga", date(2020, 2, 1), by=r)  # not PGA: not in the split
    assert pga_split(2020)["Emmen"] == {"pga": 3, "apart": 1, "other": 2}
    data = figures.year_figures(2020)
    from reports.tables import build_tables, table_by_slug

    table = table_by_slug(build_tables([data]), "gemeenten")
    emmen_row = next(row for row in table.rows if row[0] == "Emmen")
    assert emmen_row[-1] == "inclusief 3 PGA-dossiers (2 PGA, 1 Jeugd-PGA)"
    assert table.headers[-1] == "Toelichting"


def test_a_municipal_view_masks_small_programme_counts(cast):
    r = cast.regisseur
    case = make_case(registered_by=r, municipality=cast.assen, started=date(2024, 2, 1))
    tag(case, "radicalisering", date(2024, 2, 1), by=r)
    from reports.tables import build_tables, table_by_slug

    data = figures.year_figures(2024, municipality=cast.assen)
    table = table_by_slug(build_tables([data], mask_small=True), "programmas")
    row = next(row for row in table.rows if row[0] == "Radicalisering (Wet PGA)")
    assert row[1:] == [0, "<5", 0, "<5"]


def test_the_pga_split_in_a_figures_session_reads_its_totals_from_the_cases_pass(
    cast, django_assert_num_queries
):
    """The PGA totals come from the cases' one pass over the year (issue 20, 1,000,000 cases):
    within a figures session the split adds only its apart count and the municipality names,
    and counts what it counts on its own: the apart tag only while its period runs in the year
    of a PGA case open then."""
    from cases.figures import case_rows
    from zvhd.figures import session

    r, emmen = cast.regisseur, cast.emmen
    youth = make_case(registered_by=r, municipality=emmen, started=date(2023, 2, 1), kind=Kind.PGA)
    tag(youth, "jeugd-pga", date(2023, 2, 1), date(2024, 1, 1), by=r)  # ends on 1 January
    ended = make_case(registered_by=r, municipality=emmen, started=date(2023, 2, 1), kind=Kind.PGA)
    tag(ended, "jeugd-pga", date(2023, 2, 1), date(2023, 12, 31), by=r)  # ended before 2024
    closed = make_case(
        registered_by=r,
        municipality=emmen,
        started=date(2023, 2, 1),
        closed=date(2023, 12, 31),
        kind=Kind.PGA,
    )
    tag(closed, "jeugd-pga", date(2023, 2, 1), by=r)  # the case closed before 2024
    later = make_case(registered_by=r, municipality=emmen, started=date(2024, 3, 1), kind=Kind.PGA)
    tag(later, "jeugd-pga", date(2025, 1, 1), by=r)  # tagged only in 2025
    expected = {"pga": 3, "apart": 1, "other": 2}  # youth, ended, later; youth apart
    assert pga_split(2024)["Emmen"] == expected
    assert pga_split(2024, cast.emmen) == {"Emmen": expected}
    programmes = list(Programme.objects.all())
    with session():
        case_rows(2024)
        with django_assert_num_queries(2):
            split = pga_split(2024, programmes=programmes)
    assert split["Emmen"] == expected
    assert pga_split(2025)["Emmen"] == {"pga": 3, "apart": 1, "other": 2}  # youth out, later in
