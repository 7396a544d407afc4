"""Lead times (cases/leadtimes.py): working days with Dutch holidays, calendar days, the year
of the later date, median and 90th percentile per kind."""

from datetime import date

import pytest

from cases.leadtimes import lead_times
from cases.models import Kind, Status
from reports import figures
from tests.reports.factories import local, make_case
from zvhd.holidays import working_days_after

pytestmark = pytest.mark.django_db


def test_a_case_decided_on_31_december_and_started_on_2_january_splits_over_two_years(cast):
    make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        registered=local(2024, 12, 20),  # a Friday
        triaged=date(2024, 12, 31),
        started=date(2025, 1, 2),
        closed=date(2025, 3, 3),
    )
    old, new = lead_times(2024), lead_times(2025)
    # 23, 24, 27, 30 and 31 December: the Christmas days are holidays.
    assert old["registration_to_decision"]["maatwerk"] == {"n": 1, "median": 5.0, "p90": 5.0}
    assert old["decision_to_start"]["maatwerk"]["n"] == 0
    assert new["registration_to_decision"]["maatwerk"]["n"] == 0
    assert new["decision_to_start"]["maatwerk"] == {"n": 1, "median": 2.0, "p90": 2.0}
    assert new["start_to_closing"]["maatwerk"] == {"n": 1, "median": 60.0, "p90": 60.0}


@pytest.mark.parametrize(
    "registered, decided, expected",
    [
        (date(2024, 5, 3), date(2024, 5, 6), 1),  # Friday -> Monday
        (date(2024, 5, 8), date(2024, 5, 10), 1),  # over Hemelvaartsdag (9 May)
        (date(2024, 4, 26), date(2024, 5, 7), 7),  # Koningsdag a Saturday, 5 May a Sunday
        (date(2023, 5, 4), date(2023, 5, 8), 1),  # Friday 5 May 2023 is a holiday
        (date(2024, 12, 31), date(2025, 1, 2), 1),  # over Nieuwjaarsdag
        (date(2024, 6, 3), date(2024, 6, 3), 0),  # decided on the day itself
    ],
)
def test_working_days_in_sql_are_the_python_count(cast, registered, decided, expected):
    """Registered late in the evening (local time): the registration day is the local one."""
    make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        registered=local(registered.year, registered.month, registered.day, 23, 30),
        triaged=decided,
        status=Status.ADVIES,
    )
    assert working_days_after(registered, decided) == expected
    found = lead_times(decided.year)["registration_to_decision"]["overig"]
    assert found == {"n": 1, "median": float(expected), "p90": float(expected)}


def test_a_closing_counts_only_for_a_case_that_was_started(cast):
    """The lead-time query finds the closings through the index of the started cases: a case
    closed in the year without a start still counts its decision, and no closing lead time."""
    make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        registered=local(2024, 3, 4),
        triaged=date(2024, 3, 5),
        closed=date(2024, 6, 3),
        status=Status.INGETROKKEN,
    )
    make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        registered=local(2023, 3, 1),
        started=date(2023, 3, 1),
        closed=date(2024, 3, 1),
    )
    found = lead_times(2024)
    assert found["registration_to_decision"]["overig"] == {"n": 1, "median": 1.0, "p90": 1.0}
    assert found["registration_to_decision"]["maatwerk"]["n"] == 0
    assert found["start_to_closing"]["totaal"] == {"n": 1, "median": 366.0, "p90": 366.0}


def test_median_and_90th_percentile_per_kind_and_for_all_together(cast):
    for days, kind in [
        (10, Kind.MAATWERK),
        (20, Kind.MAATWERK),
        (30, Kind.MAATWERK),
        (40, Kind.PGA),
        (100, Kind.MAATWERK),
    ]:
        make_case(
            registered_by=cast.regisseur,
            municipality=cast.assen,
            started=date(2024, 1, 1),
            closed=date(2024, 1, 1).fromordinal(date(2024, 1, 1).toordinal() + days),
            kind=kind,
        )
    closing = lead_times(2024)["start_to_closing"]
    assert closing["maatwerk"] == {"n": 4, "median": 25.0, "p90": 79.0}
    assert closing["pga"] == {"n": 1, "median": 40.0, "p90": 40.0}
    assert closing["totaal"] == {"n": 5, "median": 30.0, "p90": 76.0}


def test_lead_times_are_in_the_year_figures_and_a_municipality_gets_its_own(cast):
    make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        started=date(2024, 3, 1),
        closed=date(2024, 3, 11),
    )
    make_case(
        registered_by=cast.regisseur,
        municipality=cast.emmen,
        started=date(2024, 3, 1),
        closed=date(2024, 3, 21),
    )
    assert figures.year_figures(2024)["lead_times"]["start_to_closing"]["totaal"]["n"] == 2
    assen = figures.year_figures(2024, municipality=cast.assen)["lead_times"]
    assert assen["start_to_closing"]["totaal"] == {"n": 1, "median": 10.0, "p90": 10.0}
