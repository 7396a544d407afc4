"""Dutch public holidays (zvhd/holidays.py) against published dates."""

from datetime import date

import pytest

from zvhd.holidays import (
    dutch_public_holidays,
    easter_sunday,
    royal_birthday,
    weekday_holidays,
    working_days_after,
)


@pytest.mark.parametrize(
    "year, easter",
    [
        (1900, date(1900, 4, 15)),
        (1961, date(1961, 4, 2)),
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2038, date(2038, 4, 25)),
        (2100, date(2100, 3, 28)),
    ],
)
def test_easter_sunday_is_the_published_date(year, easter):
    assert easter_sunday(year) == easter


def test_the_holidays_of_2025_are_the_ones_in_the_calendar():
    assert sorted(dutch_public_holidays(2025)) == [
        date(2025, 1, 1),
        date(2025, 4, 20),
        date(2025, 4, 21),
        date(2025, 4, 26),  # 27 April 2025 is a Sunday: Koningsdag on Saturday the 26th
        date(2025, 5, 5),
        date(2025, 5, 29),
        date(2025, 6, 8),
        date(2025, 6, 9),
        date(2025, 12, 25),
        date(2025, 12, 26),
    ]


def test_the_royal_birthday_moves_off_a_sunday_as_the_rules_of_each_period_say():
    assert royal_birthday(2014) == date(2014, 4, 26)  # 27 April 2014 was a Sunday
    assert royal_birthday(2024) == date(2024, 4, 27)
    assert royal_birthday(2006) == date(2006, 4, 29)  # 30 April 2006 a Sunday, after 1980
    assert royal_birthday(1978) == date(1978, 5, 1)  # 30 April 1978 a Sunday, before 1980
    assert royal_birthday(1948) == date(1948, 8, 31)


def test_bevrijdingsdag_counts_every_year_as_the_algemene_termijnenwet_says():
    assert date(2024, 5, 5) in dutch_public_holidays(2024)
    assert date(2023, 5, 5) in dutch_public_holidays(2023)


def test_good_friday_is_no_public_holiday():
    assert date(2024, 3, 29) not in dutch_public_holidays(2024)


def test_working_days_skip_weekends_and_holidays():
    # Friday 20 December 2024 -> Friday 3 January 2025: 23, 24, 27, 30, 31 Dec and 2, 3 Jan
    # (25 and 26 December and 1 January are holidays).
    assert working_days_after(date(2024, 12, 20), date(2025, 1, 3)) == 7
    assert working_days_after(date(2024, 5, 3), date(2024, 5, 6)) == 1  # Friday -> Monday
    assert working_days_after(date(2024, 5, 3), date(2024, 5, 3)) == 0
    assert working_days_after(date(2024, 5, 8), date(2024, 5, 10)) == 1  # Hemelvaart on the 9th


def test_weekday_holidays_are_sorted_and_skip_weekends():
    days = weekday_holidays(2024, 2025)
    assert list(days) == sorted(days)
    assert all(day.weekday() < 5 for day in days)
    assert date(2025, 4, 26) not in days  # a Saturday
