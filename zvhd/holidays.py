"""Dutch public holidays, for counting working days (the lead time registration → triage).

Which days: the *algemeen erkende feestdagen* of the Algemene termijnenwet (art. 3), the
statute by which Dutch law counts terms in days: Nieuwjaarsdag, Tweede Paasdag, Hemelvaartsdag,
Tweede Pinksterdag, both Christmas days, the day the King's (Queen's) birthday is celebrated,
and 5 May; Easter Sunday and Whit Sunday are Sundays anyway. Good Friday is not among them.

Why our own function and not the `holidays` library: its Dutch calendar counts Bevrijdingsdag
(5 May) only every fifth year, where the Algemene termijnenwet names 5 May every year; a
statute is the definition a report can cite, and the whole rule fits in the thirty lines below
(tested against the published dates in tests/zvhd/test_holidays.py). The same list is applied
to every year from 1900 (the law dates from 1964; earlier dates are rare imports).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

SUNDAY = 6


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def royal_birthday(year: int) -> date:
    """Koningsdag since 2014: 27 April, on Saturday 26 April when the 27th is a Sunday.
    Koninginnedag 1949-2013: 30 April; when a Sunday, 1 May until 1979 and 29 April from 1980.
    Before 1949: 31 August (Wilhelmina), 1 September when a Sunday."""
    if year >= 2014:
        day = date(year, 4, 27)
        return day - timedelta(days=1) if day.weekday() == SUNDAY else day
    if year >= 1949:
        day = date(year, 4, 30)
        if day.weekday() == SUNDAY:
            return day + timedelta(days=1) if year < 1980 else day - timedelta(days=1)
        return day
    day = date(year, 8, 31)
    return day + timedelta(days=1) if day.weekday() == SUNDAY else day


def dutch_public_holidays(year: int) -> dict[date, str]:
    """The public holidays of `year` (Algemene termijnenwet art. 3), day -> Dutch name."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter: "Eerste Paasdag",
        easter + timedelta(days=1): "Tweede Paasdag",
        royal_birthday(year): "Koningsdag" if year >= 2014 else "Koninginnedag",
        date(year, 5, 5): "Bevrijdingsdag",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=49): "Eerste Pinksterdag",
        easter + timedelta(days=50): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }


@lru_cache(maxsize=8)
def weekday_holidays(first_year: int, last_year: int) -> tuple[date, ...]:
    """Every holiday from `first_year` to `last_year` that falls on Monday-Friday, sorted (as
    PostgreSQL's `width_bucket` needs it to count the holidays up to a day)."""
    return tuple(
        sorted(
            day
            for year in range(first_year, last_year + 1)
            for day in dutch_public_holidays(year)
            if day.weekday() < 5
        )
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in dutch_public_holidays(day.year)


def working_days_after(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` <= `start`): the
    Python twin of the SQL in cases/leadtimes.py, for tests and single cases."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def working_day_on_or_after(day: date) -> date:
    """The day itself when it is a working day, else the first working day after it (a
    meeting planned on a Saturday or on Koningsdag moves to the next working day)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
