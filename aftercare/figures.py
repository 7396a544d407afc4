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
from zvhd.apps_contract import FiguresProvider

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


def _arranged(kind: str) -> Q:
    """The condition was arranged (or not applicable) on the day of release (JSON snapshot)."""
    return Q(**{f"release_snapshot__{kind}__in": [str(v) for v in DONE_STATUSES]})


def _counts(year: int, municipality=None) -> dict:
    """Every count of the year as aggregates: three queries, whatever the number of records."""
    records = AftercareRecord._base_manager.all()
    if municipality is not None:
        records = records.filter(municipality=municipality)
    notified = records.filter(notified_on__year=year)
    released = records.filter(actual_release__year=year)
    totals = notified.aggregate(
        notifications=Count("pk"), with_consent=Count("pk", filter=Q(consent=Consent.GIVEN))
    )
    at_release = released.aggregate(
        released=Count("pk"),
        all_arranged=Count("pk", filter=Q(*[_arranged(kind) for kind in BASIC_CONDITIONS])),
        **{f"arranged_{kind}": Count("pk", filter=_arranged(kind)) for kind in BASIC_CONDITIONS},
    )
    guided, escalated = Q(guidance_started_on__year=year), Q(escalated_on__year=year)
    # Only the records with either in the year (each date has its own index), not all of them.
    work = records.filter(guided | escalated).aggregate(
        guidance=Count("pk", filter=guided), escalations=Count("pk", filter=escalated)
    )
    return {**totals, **at_release, **work, "notified": notified}


def figures_for(year: int) -> AftercareFigures:
    """The aftercare figures page: four queries, whatever the number of records."""
    from aftercare.models import ConditionKind

    # Anonymous counts over every record: no person is shown, and the page that calls this is
    # for the roles that account for the plus task (see views.FiguresView).
    counts = _counts(year)
    rows = (
        counts["notified"]
        .values("municipality__name")
        .annotate(total=Count("pk"), consent=Count("pk", filter=Q(consent=Consent.GIVEN)))
        .order_by("municipality__name")
    )
    return AftercareFigures(
        year=year,
        by_municipality=[(r["municipality__name"], r["total"], r["consent"]) for r in rows],
        notifications=counts["notifications"],
        with_consent=counts["with_consent"],
        released=counts["released"],
        arranged_at_release=[
            (ConditionKind(kind).label, counts[f"arranged_{kind}"]) for kind in BASIC_CONDITIONS
        ],
        all_arranged_at_release=counts["all_arranged"],
        guidance_started=counts["guidance"],
        escalations=counts["escalations"],
    )


def for_report(year: int, municipality=None) -> dict:
    """The aftercare chapter of the reports app: JSON-ready, so a year snapshot can freeze it.

    `total` is what a municipal factsheet shows; `tables` are reports.tables.FigureTable
    arguments for the jaarverslag and the dashboard.
    """
    from aftercare.models import ConditionKind

    counts = _counts(year, municipality)
    definitions = dict(DEFINITIONS)
    rows = [
        ["Meldingen van detentie", counts["notifications"]],
        ["waarvan met toestemming", counts["with_consent"]],
        ["Trajectbegeleiding gestart", counts["guidance"]],
        ["Opgeschaald naar procesregie", counts["escalations"]],
    ]
    conditions = [
        [str(ConditionKind(kind).label), counts[f"arranged_{kind}"]] for kind in BASIC_CONDITIONS
    ]
    return {
        "total": counts["notifications"],
        "with_consent": counts["with_consent"],
        "released": counts["released"],
        "all_arranged_at_release": counts["all_arranged"],
        "guidance_started": counts["guidance"],
        "escalations": counts["escalations"],
        "tables": [
            {
                "slug": "nazorg",
                "title": "Nazorg (ex-)gedetineerden",
                "definition": " ".join(
                    f"{name}: {definitions[name]}"
                    for name in ("Meldingen", "Toestemming", "Begeleiding gestart", "Opgeschaald")
                ),
                "headers": ["", "Aantal"],
                "rows": rows,
                "chapter": "nazorg",
            },
            {
                "slug": "nazorg-basisvoorwaarden",
                "title": "Basisvoorwaarden geregeld bij ontslag",
                "definition": definitions["Geregeld bij ontslag"],
                "headers": ["Basisvoorwaarde", "Geregeld bij ontslag"],
                "rows": conditions,
                "total": ["Alle vijf geregeld", counts["all_arranged"]],
                "chapter": "nazorg",
            },
        ],
    }


# The aftercare chapter of the reports app, through the aftercare app's contract.
FIGURES = FiguresProvider(for_year=for_report)
