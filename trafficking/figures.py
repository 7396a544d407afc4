"""Anonymous figures of the trafficking register, for the figures page and the reports issue.

`figures_for_year(year)` returns counts only, never a record. Definitions (shown next to the
figures on every page that uses them):
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from trafficking.models import (
    AwarenessActivity,
    AwarenessKind,
    ExploitationForm,
    FollowUp,
    FollowUpKind,
    Minor,
    Signal,
    SignalExploitation,
)
from zvhd.apps_contract import Definition, FiguresProvider
from zvhd.figures import once

DEFINITIONS = [
    (
        _("Signalen"),
        _("Nieuwe signalen van mogelijke mensenhandel met een signaaldatum in het jaar."),
    ),
    (
        _("Naar vorm"),
        _(
            "Signalen per vorm van uitbuiting; een signaal met meer vormen telt bij elke vorm, "
            "dus de som kan groter zijn dan het aantal signalen."
        ),
    ),
    (
        _("Naar melder"),
        _("Signalen naar de categorie (of de naam) van de meldende organisatie."),
    ),
    (
        _("Naar opvolging"),
        _(
            "Opvolgingen waartoe in het jaar is besloten, naar soort; een signaal kan meer "
            "opvolgingen hebben."
        ),
    ),
    (
        _("Minderjarigen"),
        _("Signalen over een persoon die op de signaaldatum jonger was dan 18 jaar."),
    ),
    (
        _("Naar gemeente"),
        _(
            "Signalen naar de gemeente van verblijf of uitbuiting. Aantallen onder 5 staan er "
            "als '<5', zodat niemand herkenbaar wordt."
        ),
    ),
    (
        _("Bewustwording"),
        _("Trainingen en bijeenkomsten gegeven in het jaar, met het aantal deelnemers."),
    ),
]


@dataclass
class Row:
    label: str
    count: int


@dataclass
class TraffickingFigures:
    year: int
    signals: int
    minors: int
    reported_to_comensha: int
    by_form: list[Row] = field(default_factory=list)
    by_reporter: list[Row] = field(default_factory=list)
    by_follow_up: list[Row] = field(default_factory=list)
    by_municipality: list[Row] = field(default_factory=list)
    awareness: list[Row] = field(default_factory=list)
    awareness_participants: int = 0
    definitions: list = field(default_factory=lambda: DEFINITIONS)


def signals_per_year() -> list[Row]:
    rows = (
        Signal.objects.values_list("received_on__year")
        .annotate(n=Count("pk"))
        .order_by("received_on__year")
    )
    return [Row(str(year), n) for year, n in rows]


def figures_for_year(year: int) -> TraffickingFigures:
    """Counts for year `year` (1 January to 31 December). Seven queries, whatever the size."""
    signals = Signal.objects.in_year(year)
    totals = signals.aggregate(
        n=Count("pk"),
        minors=Count("pk", filter=Q(minor=Minor.YES)),
        comensha=Count("pk", filter=Q(comensha_reported_on__isnull=False)),
    )
    form_counts = dict(
        SignalExploitation.objects.filter(signal__in=signals)
        .values_list("form")
        .annotate(n=Count("signal", distinct=True))
    )
    by_form = [
        Row(str(label), form_counts.get(value, 0)) for value, label in ExploitationForm.choices
    ]

    reporter_counts: dict[str, int] = {}
    for category, name, short, n in (
        signals.values_list(
            "reporting_organisation__figure_category",
            "reporting_organisation__name",
            "reporting_organisation__short_name",
        )
        .annotate(n=Count("pk"))
        .order_by()
    ):
        label = category or short or name
        reporter_counts[label] = reporter_counts.get(label, 0) + n
    by_reporter = [
        Row(k, v) for k, v in sorted(reporter_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]

    follow_counts = dict(
        FollowUp.objects.filter(decided_on__year=year).values_list("kind").annotate(n=Count("pk"))
    )
    by_follow_up = [
        Row(str(label), follow_counts.get(value, 0)) for value, label in FollowUpKind.choices
    ]

    by_municipality = [
        Row(name or str(_("onbekend")), n)
        for name, n in signals.values_list("municipality__name")
        .annotate(n=Count("pk"))
        .order_by("municipality__name")
    ]

    activities = AwarenessActivity.objects.filter(held_on__year=year)
    kind_counts = {
        kind: (n, people or 0)
        for kind, n, people in activities.values_list("kind")
        .annotate(n=Count("pk"), people=Sum("participants"))
        .order_by()
    }
    awareness = [
        Row(str(label), kind_counts.get(value, (0, 0))[0]) for value, label in AwarenessKind.choices
    ]
    participants = sum(people for _n, people in kind_counts.values())

    return TraffickingFigures(
        year=year,
        signals=totals["n"],
        minors=totals["minors"],
        reported_to_comensha=totals["comensha"],
        by_form=by_form,
        by_reporter=by_reporter,
        by_follow_up=by_follow_up,
        by_municipality=by_municipality,
        awareness=awareness,
        awareness_participants=participants,
    )


# ---------------------------------------------------------------------------------------------
# For the reports app, through the trafficking app's contract (trafficking/apps.py)

REPORT_DEFINITIONS = [
    Definition(
        "trafficking",
        "Mensenhandel",
        "Nieuwe signalen van mogelijke mensenhandel met een signaaldatum in het jaar (alleen "
        "aantallen, nooit personen); per gemeente: de gemeente van verblijf of uitbuiting.",
    )
]


def for_report(year: int, municipality=None) -> dict:
    """The trafficking chapter of the reports app (JSON-ready, a snapshot freezes it); for a
    municipality only its number of signals. Within a figures session the year's figures are
    computed once (a snapshot asks for the year and for each of its 12 factsheets)."""
    figures = once(("trafficking.figures_for_year", year), lambda: figures_for_year(year))
    if municipality is not None:
        by_name = {row.label: row.count for row in figures.by_municipality}
        return {"signals": by_name.get(municipality.name, 0)}
    return {
        "signals": figures.signals,
        "minors": figures.minors,
        "reported_to_comensha": figures.reported_to_comensha,
        "by_form": {row.label: row.count for row in figures.by_form},
        "by_reporter": {row.label: row.count for row in figures.by_reporter},
        "by_follow_up": {row.label: row.count for row in figures.by_follow_up},
        "by_municipality": {row.label: row.count for row in figures.by_municipality},
    }


FIGURES = FiguresProvider(for_year=for_report, definitions=REPORT_DEFINITIONS)
