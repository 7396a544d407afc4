"""Demo access-log rows, so the privacy officer's access review has something to review.

The demo seeds records through services, not through pages, so nobody has read anything yet
and Toegangscontrole (README "Toegangslog: bewaartermijn en toegangscontrole") would be empty.
This writes a fortnight of reads before today, mostly ordinary office work, with two things
in it that the review is there to find (each app plans the reads of its own records, its
contract's `Demo.access_reads`; this module writes them):
- the trajectbegeleider, who guides none of the demo cases, opens 27 case summaries over three
  days, the last ones in the evening (above the default threshold of 20);
- reads outside office hours: the process director prepares a meeting on a Sunday evening, the
  aftercare coordinator opens two records before seven on a release day, a police liaison
  opens a triage case late on a Saturday.

Fictitious like all demo data: the addresses come from the ranges reserved for documentation
(RFC 5737), which is also how a re-seed recognises its own rows. Safe to run twice: while the
rows of an earlier run still fall in the review's default period nothing is added; after that
a new fortnight is written (the log is append-only, earlier rows stay).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from zvhd.apps_contract import contracts, reviewed_records
from zvhd.privacy.review import OFFICE_TZ

# Office workstation and home/VPN address per demo account (RFC 5737 documentation ranges).
ADDRESSES = {
    "regisseur": ("192.0.2.11", "198.51.100.11"),
    "ondersteuner": ("192.0.2.12", "198.51.100.12"),
    "begeleider": ("192.0.2.13", "198.51.100.13"),
    "nazorg": ("192.0.2.14", "198.51.100.14"),
    "mensenhandel": ("192.0.2.15", "198.51.100.15"),
    "manager": ("192.0.2.16", "198.51.100.16"),
    "liaison.politie": ("192.0.2.21", "198.51.100.21"),
}


@dataclass(frozen=True)
class DemoRead:
    """One demo read of a record: who, when (Amsterdam time), from where ("office"/"home")."""

    username: str
    moment: datetime
    place: str
    record: object


class DemoCalendar:
    """The days an app's demo reads are planned on (`Demo.access_reads(calendar)`)."""

    def __init__(self, today: date):
        self.today = today
        # The last ten working days before today, oldest first.
        self.workdays = _workdays(today, 10)

    def at(self, day: date, hour: int, minute: int) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=OFFICE_TZ)

    def last(self, weekday: int) -> date:
        """The most recent `weekday` (Monday 0) before today."""
        return self.today - timedelta(days=(self.today.weekday() - weekday - 1) % 7 + 1)


def _workdays(today: date, n: int) -> list[date]:
    """The last `n` working days before today, oldest first."""
    days, day = [], today
    while len(days) < n:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days[::-1]


def _plan(today: date) -> list[DemoRead]:
    """Every app's demo reads (its contract's `demo.access_reads`), in Amsterdam time."""
    calendar = DemoCalendar(today)
    return [
        read
        for contract in contracts()
        if contract.demo is not None and contract.demo.access_reads is not None
        for read in contract.demo.access_reads(calendar)
    ]


def demo_user(username: str):
    from zvhd.network.models import User

    return User.objects.select_related("organisation").get(username=username)


def _path(record) -> str:
    for kind in reviewed_records():
        if isinstance(record, kind.model):
            return reverse(kind.detail_url, args=[record.pk])
    raise LookupError(f"{type(record).__name__} is no reviewed record")


def seed(*, stdout) -> None:
    from zvhd.privacy.models import AccessAction, AccessLog
    from zvhd.privacy.review import DEFAULT_DAYS
    from zvhd.privacy.services import access_log_row

    addresses = [ip for pair in ADDRESSES.values() for ip in pair]
    now = timezone.now()
    if AccessLog.objects.filter(
        ip_address__in=addresses, at__gte=now - timedelta(days=DEFAULT_DAYS)
    ).exists():
        stdout.write("  toegangslog: demoregels van een eerdere run staan er al")
        return
    users = {name: demo_user(name) for name in ADDRESSES}
    rows = []
    for read in _plan(timezone.localdate(now)):
        record, moment, place = read.record, read.moment, read.place
        user = users[read.username]
        office, home = ADDRESSES[read.username]
        row = access_log_row(
            user=user,
            model=type(record),
            object_id=record.pk,
            action=AccessAction.VIEW,
            path=_path(record),
            ip_address=office if place == "office" else home,
        )
        row.at = moment
        rows.append(row)
    for row in sorted(rows, key=lambda r: r.at):
        # `at` is stamped by the model (auto_now_add); a raw save keeps the moment given, as
        # loading a fixture does. Only the demo backdates its rows.
        row.save_base(raw=True)
    stdout.write(f"  toegangslog: {len(rows)} demoregels in de twee weken voor vandaag")
