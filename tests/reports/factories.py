"""Hand-built cases with exact dates, for the figures' boundary tests.

Figures read only the stored dates and status, so these rows are written directly (the
services would stamp today's date); the life cycle itself is tested in tests/cases.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from cases.models import Case, CaseProblemArea, Kind, Person, Status

_numbers = itertools.count(1)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(year, month, day, hour=12, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def make_case(
    *,
    registered_by,
    municipality,
    organisation=None,
    registered=None,
    started=None,
    closed=None,
    kind=Kind.MAATWERK,
    status=None,
    birth_date=date(1990, 6, 15),
    gender="man",
    home=None,
    problem_areas=(),
    topic="multiproblematiek",
    municipal_domain="",
    cross_municipal=None,
    triaged=None,
):
    """A case of `municipality`; `started` makes it a direction case of `kind`."""
    n = next(_numbers)
    person = Person.objects.create(
        first_name="Test",
        last_name=f"Persoon{n}",
        birth_date=birth_date,
        gender=gender,
        municipality=home or municipality,
    )
    if status is None:
        status = Status.AFGESLOTEN if closed else Status.ACTIEF if started else Status.AANGEMELD
    case = Case._base_manager.create(
        number=f"T-{n:06d}",
        person=person,
        status=status,
        kind=kind if started else "",
        registering_organisation=organisation or registered_by.organisation,
        registered_by=registered_by,
        registrant_name="Test Aanmelder",
        registrant_email="aanmelder@example.org",
        municipality=municipality,
        municipal_domain=municipal_domain,
        reason="Zorgen",
        desired_outcome="Plan",
        topic=topic,
        person_informed=True,
        registered_at=registered
        or (local(started.year, started.month, started.day) if started else datetime.now(UTC)),
        triaged_on=triaged or started,
        started_on=started,
        closed_on=closed,
        closing_reason="doel_bereikt" if closed else "",
        cross_municipal=cross_municipal,
    )
    for code in problem_areas:
        CaseProblemArea.objects.create(case=case, code=code)
    return case
