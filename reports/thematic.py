"""The thematic tables of the annual report, summed from `ThematicCount` rows (GROUP BY)."""

from __future__ import annotations

from django.db.models import Sum

from reports.models import LpcoOutcome, Table, ThematicCount
from zvhd.network.models import Municipality, Region

DEFINITIONS = {
    "veelplegers": (
        "Veelplegersoverleg",
        "Personen besproken in het maandelijkse veelplegersoverleg (onder regie van het OM, "
        "gefaciliteerd door ZVHD), naar regio; opgeteld over de overleggen van het jaar.",
    ),
    "lpco": (
        "Leerplicht Casusoverleg (LPCO)",
        "Jongeren besproken in het maandelijkse Leerplicht Casusoverleg, naar gemeente en naar "
        "afdoening; opgeteld over de overleggen van het jaar.",
    ),
}


def thematic_for_year(year: int) -> dict:
    """Three GROUP BY queries; every region, municipality and outcome is present (0 if none)."""
    rows = ThematicCount._base_manager.filter(year=year)
    by_region = dict(
        rows.filter(table=Table.VEELPLEGERS)
        .values_list("region")
        .annotate(n=Sum("count"))
        .order_by()
    )
    veelplegers = {str(label): by_region.get(value, 0) for value, label in Region.choices}
    veelplegers["Drenthe"] = sum(veelplegers.values())

    lpco = rows.filter(table=Table.LPCO)
    by_municipality = dict(
        lpco.values_list("municipality__name").annotate(n=Sum("count")).order_by()
    )
    names = Municipality.objects.order_by("name").values_list("name", flat=True)
    by_outcome = dict(lpco.values_list("outcome").annotate(n=Sum("count")).order_by())
    outcomes = {str(label): by_outcome.get(value, 0) for value, label in LpcoOutcome.choices}
    return {
        "veelplegers": veelplegers,
        "lpco_by_municipality": {name: by_municipality.get(name, 0) for name in names},
        "lpco_outcomes": outcomes,
        "lpco_total": sum(outcomes.values()),
    }
