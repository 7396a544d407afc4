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
