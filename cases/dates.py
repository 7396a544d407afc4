"""Working days, for "registrations older than 5 working days without a decision"."""

from datetime import date, timedelta


def working_days_between(start: date, end: date) -> int:
    """Monday-to-Friday days after `start` up to and including `end` (0 if end <= start).

    Public holidays are not counted out: the signal is meant to be early rather than late.
    """
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (start + timedelta(days=offset)).weekday() < 5:
            count += 1
    return count


def last_day_overdue(today: date, working_days: int) -> date:
    """The latest day whose registrations have waited more than `working_days` by `today`.

    working_days_between(start, today) only grows as `start` moves back, so a registration is
    overdue exactly when its day is on or before this one: a list can count them in SQL.
    """
    day = today
    while working_days_between(day, today) <= working_days:
        day -= timedelta(days=1)
    return day
