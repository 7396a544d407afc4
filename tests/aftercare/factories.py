"""Aftercare test data, made through the services so records look like real ones."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from django.utils import timezone

from aftercare import services
from aftercare.models import NotificationKind, Participation

_serial = itertools.count(10_000_000)


def valid_bsn(serial: int | None = None) -> str:
    """A nine-digit number that passes the elfproef (fictitious, for tests and demo only).

    Each call draws fresh serials until one passes, so two calls never give the same number.
    """
    number = serial if serial is not None else next(_serial)
    while True:
        first8 = f"{number % 100_000_000:08d}"
        total = sum(int(d) * w for d, w in zip(first8, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10 and first8[0] != "0":
            return first8 + str(check)
        number = number + 1 if serial is not None else next(_serial)


def participate(municipality, *years):
    for year in years:
        Participation.objects.get_or_create(year=year, municipality=municipality)


def make_record(
    *,
    municipality,
    by,
    days_to_release: int = 30,
    detention_days: int = 60,
    last_name: str = "Jansen",
    bsn: str | None = None,
    **extra,
):
    today = timezone.localdate()
    release = today + timedelta(days=days_to_release)
    notification = services.receive_notification(
        kind=extra.pop("kind", NotificationKind.START),
        first_names=extra.pop("first_names", "Jan Willem"),
        last_name=last_name,
        birth_date=extra.pop("birth_date", date(1990, 5, 17)),
        bsn=bsn or valid_bsn(),
        municipality=municipality,
        institution=extra.pop("institution", "PI Veenhuizen"),
        detention_start=release - timedelta(days=detention_days),
        expected_release=release,
        source="DJI",
        received_by=by,
        **extra,
    )
    return notification.record
