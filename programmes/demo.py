"""Demo data of the programmes app: about one in five demo direction cases in a programme.

Runs after the cases' demo (INSTALLED_APPS order). Safe to run twice: nothing is added when
any case already has a programme period. Some periods end before the case closes, so the
figures show inflow, closed and active apart; about half of the PGA cases of Emmen and
Midden-Drenthe get jeugd-PGA, as in the 2020 report.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from cases.models import Case, Kind
from programmes.models import CaseProgramme, Programme
from zvhd.network.models import User


def seed(*, stdout, rng) -> None:
    if CaseProgramme._base_manager.exists():
        stdout.write("Programma's: al toegekend, niets toegevoegd.\n")
        return
    programmes = {p.code: p for p in Programme.objects.in_use()}
    youth = programmes.get("jeugd-pga")
    others = [p for code, p in programmes.items() if code != "jeugd-pga"]
    director = User.objects.filter(username="regisseur").first()
    if not others or director is None:
        stdout.write("Programma's: geen programma's of regisseur, overgeslagen.\n")
        return
    cases = (
        Case._base_manager.filter(kind__in=[Kind.MAATWERK, Kind.PGA], started_on__isnull=False)
        .select_related("person__municipality")
        .order_by("pk")
    )
    periods = []
    for case in cases:
        home = case.person.municipality.name
        if youth and case.kind == Kind.PGA and home in ("Emmen", "Midden-Drenthe"):
            if rng.random() < 0.5:
                periods.append(_period(case, youth, director, rng))
            continue
        if rng.random() < 0.2:
            periods.append(_period(case, rng.choice(others), director, rng))
    with transaction.atomic():
        bulk_create_with_history(periods, CaseProgramme, default_user=director)
    stdout.write(f"Programma's: {len(periods)} programmaperiodes toegekend.\n")


def _period(case, programme, director, rng) -> CaseProgramme:
    # Never an in date after today: the service refuses one (programmes.services), and the
    # inzage would show a period that has not begun yet.
    start = min(case.started_on + timedelta(days=rng.randint(0, 30)), timezone.localdate())
    if case.closed_on and start > case.closed_on:
        start = case.started_on
    end = None
    if rng.random() < 0.3:
        end = start + timedelta(days=rng.randint(30, 300))
        if case.closed_on and end > case.closed_on:
            end = case.closed_on
    return CaseProgramme(
        case=case, programme=programme, started_on=start, ended_on=end, added_by=director
    )
