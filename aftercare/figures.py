"""Aftercare figures per year (issue 5 point 11), ready for the reports app.

Definitions (shown next to the figures on the page):
- notifications: records whose first notification was received in the year, by municipality;
- consent rate: of those records, the share with consent given;
- conditions arranged at release: records released in the year, per basic condition the
  number arranged (or not applicable) on the day of release, and the number with all five;
- guidance started: records whose trajectory guidance started in the year;
- escalations: records escalated to process direction in the year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from aftercare.models import BASIC_CONDITIONS, DONE_STATUSES, AftercareRecord, Consent

DEFINITIONS = [
    ("Meldingen", "Nazorgdossiers waarvan de eerste melding in het jaar is ontvangen."),
    ("Toestemming", "Aandeel van die dossiers waarin de gedetineerde toestemming gaf."),
    (
        "Geregeld bij ontslag",
        "Dossiers met ontslag in het jaar: per basisvoorwaarde het aantal dat op de dag van "
        "ontslag geregeld of niet van toepassing was.",
    ),
    ("Begeleiding gestart", "Dossiers waarin de trajectbegeleiding in het jaar begon."),
    ("Opgeschaald", "Dossiers die in het jaar zijn opgeschaald naar procesregie."),
]


@dataclass
class AftercareFigures:
    year: int
    by_municipality: list[tuple[str, int, int]] = field(default_factory=list)
    notifications: int = 0
    with_consent: int = 0
    released: int = 0
    arranged_at_release: list[tuple[str, int]] = field(default_factory=list)
    all_arranged_at_release: int = 0
    guidance_started: int = 0
    escalations: int = 0

    @property
    def consent_rate(self) -> int | None:
        if not self.notifications:
            return None
        return round(100 * self.with_consent / self.notifications)


def figures_for(year: int) -> AftercareFigures:
    """Four queries, whatever the number of records."""
    from aftercare.models import ConditionKind

    # Anonymous counts over every record: no person is shown, and the page that calls this is
    # for the roles that account for the plus task (see views.FiguresView).
    records = AftercareRecord.objects.all()
    notified = records.filter(notified_on__year=year)
    rows = (
        notified.values("municipality__name")
        .annotate(total=Count("pk"), consent=Count("pk", filter=Q(consent=Consent.GIVEN)))
        .order_by("municipality__name")
    )
    figures = AftercareFigures(year=year)
    figures.by_municipality = [(r["municipality__name"], r["total"], r["consent"]) for r in rows]
    figures.notifications = sum(r[1] for r in figures.by_municipality)
    figures.with_consent = sum(r[2] for r in figures.by_municipality)

    snapshots = list(
        records.filter(actual_release__year=year).values_list("release_snapshot", flat=True)
    )
    figures.released = len(snapshots)
    figures.arranged_at_release = [
        (
            ConditionKind(kind).label,
            sum(1 for s in snapshots if s.get(kind) in DONE_STATUSES),
        )
        for kind in BASIC_CONDITIONS
    ]
    figures.all_arranged_at_release = sum(
        1 for s in snapshots if all(s.get(kind) in DONE_STATUSES for kind in BASIC_CONDITIONS)
    )
    counts = records.aggregate(
        guidance=Count("pk", filter=Q(guidance_started_on__year=year)),
        escalations=Count("pk", filter=Q(escalated_on__year=year)),
    )
    figures.guidance_started = counts["guidance"]
    figures.escalations = counts["escalations"]
    return figures
