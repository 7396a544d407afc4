"""View-models: plain data the PDF templates render (no queries in templates)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class DecisionRow:
    number: str
    municipality: str
    registrant: str
    decision: str
    criteria: list[bool]
    director: str
    reason: str
    referred_to: str


@dataclass
class DecisionList:
    date: date
    attendees: list[str]
    other_attendees: str
    rows: list[DecisionRow] = field(default_factory=list)


def decision_list(ketenkamer) -> DecisionList:
    from cases.models import TriageDecision

    decisions = (
        TriageDecision.objects.filter(ketenkamer=ketenkamer)
        .select_related(
            "case", "case__municipality", "case__registering_organisation", "case__director"
        )
        .order_by("case__number")
    )
    return DecisionList(
        date=ketenkamer.date,
        attendees=[str(u) for u in ketenkamer.attendees.all()],
        other_attendees=ketenkamer.other_attendees,
        rows=[
            DecisionRow(
                number=d.case.number,
                municipality=str(d.case.municipality),
                registrant=str(d.case.registering_organisation),
                decision=d.get_decision_display(),
                criteria=[
                    d.criterion_multiple_problems,
                    d.criterion_crime_or_decline,
                    d.criterion_chains,
                    d.criterion_system,
                    d.criterion_local_safety,
                ],
                director=str(d.case.director or ""),
                reason=d.reason,
                referred_to=d.referred_to,
            )
            for d in decisions
        ],
    )
