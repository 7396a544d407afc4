"""Cases built through the services, so tests exercise the real life cycle."""

from __future__ import annotations

import itertools
from datetime import date

from cases import services
from cases.models import Decision, Status

_counter = itertools.count(1)


def person_data(municipality, **overrides):
    n = next(_counter)
    data = {
        "first_name": "Jan",
        "last_name": f"Testpersoon{n}",
        "birth_date": date(1990, 1, 1),
        "gender": "man",
        "bsn": "",
        "municipality": municipality,
    }
    data.update(overrides)
    return data


def make_case(
    *,
    registered_by,
    organisation=None,
    municipality,
    status: str = Status.AANGEMELD,
    director=None,
    team=(),
    person=None,
    decided_by=None,
    invited=(),
    **extra,
):
    """A case of `municipality` registered by `organisation` and moved to `status`."""
    kwargs = {
        "registered_by": registered_by,
        "registering_organisation": organisation or registered_by.organisation,
        "registrant_name": "Petra Partner",
        "registrant_email": "petra@ggz.example",
        "municipality": municipality,
        "person": person or person_data(municipality),
        "reason": "Zorgen over overlast en verwaarlozing",
        "desired_outcome": "Een gezamenlijk plan",
        "topic": "multiproblematiek",
        "problem_areas": ["psychisch", "schulden"],
        "person_informed": True,
        "invited_organisations": invited,
    }
    kwargs.update(extra)
    case = services.register_case(**kwargs)
    if status == Status.AANGEMELD:
        return case
    decider = decided_by or director or registered_by
    services.screen_case(case=case, screened_by=decider, notes="compleet", complete=True)
    if status == Status.IN_TRIAGE:
        return case
    if status in (Status.ACTIEF, Status.OPGESCHAALD, Status.AFGESLOTEN):
        services.decide_triage(
            case=case,
            decided_by=decider,
            decision=Decision.MAATWERK,
            criteria=services.Criteria(True, True, True, True, False),
            director=director,
        )
        for member in team:
            services.add_team_member(case=case, user=member, task="", added_by=decider)
        if status == Status.OPGESCHAALD:
            services.escalate_case(
                case=case,
                escalated_by=decider,
                level="management",
                reason="stagnatie",
                escalated_to="MT GGZ",
            )
        if status == Status.AFGESLOTEN:
            services.close_case(case=case, closed_by=decider, reason="doel_bereikt")
        return case
    if status == Status.ONDERSTEUNING:
        services.decide_triage(
            case=case,
            decided_by=decider,
            decision=Decision.ONDERSTEUNING,
            criteria=services.Criteria(True, True, True, False, False),
            reason="Regie blijft lokaal.",
        )
        return case
    if status == Status.NIET_OPGEPAKT:
        services.decide_triage(
            case=case,
            decided_by=decider,
            decision=Decision.NIET_OPGEPAKT,
            criteria=services.Criteria(),
            reason="geen meervoudige problematiek",
            referred_to="Wijkteam",
        )
        return case
    raise ValueError(status)


def exchange(code: str = "wpg") -> dict:
    """The legal basis and purpose every enrichment records (issue 20 part 2)."""
    from cases.models import LegalBasis

    return {"legal_basis": LegalBasis.objects.get(code=code), "purpose": "Gezamenlijke aanpak"}
