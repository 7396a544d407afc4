"""Demo access-log rows, so the privacy officer's access review has something to review.

The demo seeds records through services, not through pages, so nobody has read anything yet
and Toegangscontrole (README "Toegangslog: bewaartermijn en toegangscontrole") would be empty.
This writes a fortnight of reads before today, mostly ordinary office work, with two things
in it that the review is there to find:
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

from datetime import date, datetime, time, timedelta
from itertools import cycle

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

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
UNINVOLVED_CASES = 27


def _workdays(today: date, n: int) -> list[date]:
    """The last `n` working days before today, oldest first."""
    days, day = [], today
    while len(days) < n:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days[::-1]


def _last(today: date, weekday: int) -> date:
    """The most recent `weekday` (Monday 0) before today."""
    return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)


def _plan(today: date) -> list[tuple[str, datetime, str, object]]:
    """(username, moment, "office" or "home", record) for every read, in Amsterdam time."""
    from aftercare.models import AftercareRecord
    from aftercare.models import Status as AftercareStatus
    from cases.models import DIRECTION_STATUSES, TRIAGE_STATUSES, Case
    from trafficking.models import Signal
    from zvhd.privacy.review import OFFICE_TZ

    def at(day: date, hour: int, minute: int) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=OFFICE_TZ)

    workdays = _workdays(today, 10)
    active = list(Case.objects.filter(status__in=DIRECTION_STATUSES).order_by("pk"))
    own = [c for c in active if c.director_id is not None]
    triage = list(Case.objects.filter(status__in=TRIAGE_STATUSES).order_by("pk"))
    # Cases the trajectbegeleider has nothing to do with: a mix of running and closed ones.
    begeleider = _user("begeleider")
    not_hers = list(
        Case.objects.exclude(guide=begeleider)
        .exclude(team__user=begeleider)
        .order_by("-registered_at", "pk")[:UNINVOLVED_CASES]
    )
    aftercare = list(
        AftercareRecord.objects.exclude(status=AftercareStatus.CLOSED).order_by("pk")[:6]
    )
    signals = list(Signal.objects.exclude(status="afgesloten").order_by("pk")[:4])

    plan = []
    # Ordinary office work: the director and support on their own cases, the coordinators on
    # their own records, the manager looking at a few escalations.
    for i, (day, case) in enumerate(zip(cycle(workdays), own[:12], strict=False)):
        plan.append(("regisseur", at(day, 9 + i % 7, 10 + 3 * i % 40), "office", case))
    for i, (day, case) in enumerate(zip(workdays[::2], own[12:18], strict=False)):
        plan.append(("ondersteuner", at(day, 10 + i % 5, 5 + 7 * i % 50), "office", case))
    for i, (day, record) in enumerate(zip(workdays[1::2], aftercare, strict=False)):
        plan.append(("nazorg", at(day, 11 + i % 4, 20 + i), "office", record))
    for i, (day, signal) in enumerate(zip(workdays[::3], signals, strict=False)):
        plan.append(("mensenhandel", at(day, 14 + i % 3, 15 + 4 * i), "office", signal))
    for i, case in enumerate(active[-4:]):
        plan.append(("manager", at(workdays[-3], 15, 10 + 6 * i), "office", case))
    # (a) Many records without involvement: 27 case summaries in three days, the last ten in
    # the evening.
    binge_days = [workdays[-5], workdays[-4], workdays[-2]]
    for i, case in enumerate(not_hers):
        if i < 17:
            moment = at(binge_days[i // 9], 10 + (i % 9) // 3, 4 + 17 * (i % 3))
            plan.append(("begeleider", moment, "office", case))
        else:
            plan.append(("begeleider", at(binge_days[2], 19, 12 + 4 * (i - 17)), "home", case))
    # (b) Outside office hours, for reasons that may well be fine: the review asks, not judges.
    sunday = _last(today, 6)
    for i, case in enumerate(own[:3]):
        plan.append(("regisseur", at(sunday, 20, 41 + 9 * i), "home", case))
    for i, record in enumerate(aftercare[:2]):
        plan.append(("nazorg", at(workdays[-6], 6, 35 + 6 * i), "home", record))
    if triage:
        plan.append(("liaison.politie", at(_last(today, 5), 23, 17), "home", triage[0]))
    return plan


def _user(username: str):
    from zvhd.network.models import User

    return User.objects.select_related("organisation").get(username=username)


def _path(record) -> str:
    from aftercare.models import AftercareRecord
    from cases.models import Case

    if isinstance(record, Case):
        return reverse("cases:case_detail", args=[record.pk])
    if isinstance(record, AftercareRecord):
        return reverse("aftercare:record_detail", args=[record.pk])
    return reverse("trafficking:signal_detail", args=[record.pk])


def seed(*, stdout) -> None:
    from zvhd.privacy.models import AccessAction, AccessLog
    from zvhd.privacy.review import DEFAULT_DAYS

    addresses = [ip for pair in ADDRESSES.values() for ip in pair]
    now = timezone.now()
    if AccessLog.objects.filter(
        ip_address__in=addresses, at__gte=now - timedelta(days=DEFAULT_DAYS)
    ).exists():
        stdout.write("  toegangslog: demoregels van een eerdere run staan er al")
        return
    users = {name: _user(name) for name in ADDRESSES}
    rows = []
    for username, moment, place, record in _plan(timezone.localdate(now)):
        user = users[username]
        office, home = ADDRESSES[username]
        rows.append(
            AccessLog(
                at=moment,
                user=user,
                username=user.get_username(),
                organisation=str(user.organisation) if user.organisation else "",
                roles=", ".join(sorted(user.role_names)),
                content_type=ContentType.objects.get_for_model(type(record)),
                object_id=str(record.pk),
                action=AccessAction.VIEW,
                allowed=True,
                path=_path(record),
                ip_address=office if place == "office" else home,
            )
        )
    for row in sorted(rows, key=lambda r: r.at):
        # `at` is stamped by the model (auto_now_add); a raw save keeps the moment given, as
        # loading a fixture does. Only the demo backdates its rows.
        row.save_base(raw=True)
    stdout.write(f"  toegangslog: {len(rows)} demoregels in de twee weken voor vandaag")
