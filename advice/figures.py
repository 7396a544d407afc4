"""Anonymous figures of the advice records, for the reports app (through the advice app's
contract, advice/apps.py): counts of the year by kind and by municipality, never a record."""

from __future__ import annotations

from django.db.models import Count, Q

from advice.models import AdviceKind, AdviceRecord
from zvhd.apps_contract import Definition, FiguresProvider
from zvhd.figures import Year
from zvhd.network.models import Municipality

DEFINITIONS = [
    Definition(
        "information_hub_questions",
        "Vragen aan informatieknooppunt",
        "Adviesrecords met een datum in het jaar van de soort 'vraag aan informatieknooppunt'.",
    ),
    Definition(
        "advice_and_support",
        "Advies en ondersteuning vanuit expertisecentrum",
        "Adviesrecords met een datum in het jaar van de soort 'advies kort' of 'ondersteuning "
        "lokale casus'.",
    ),
]


def _municipality_names() -> list[str]:
    return list(Municipality.objects.order_by("name").values_list("name", flat=True))


def for_report(year: int, municipality=None) -> dict:
    """Advice records of the year by kind (advice.models.AdviceKind), and by municipality."""
    y = Year(year)
    records = AdviceRecord._base_manager.filter(date__gte=y.first_day, date__lte=y.last_day)
    if municipality is not None:
        records = records.filter(municipality=municipality)
    totals = records.aggregate(
        hub=Count("pk", filter=Q(kind=AdviceKind.INFORMATIEKNOOPPUNT)),
        support=Count("pk", filter=Q(kind__in=[AdviceKind.ADVIES_KORT, AdviceKind.ONDERSTEUNING])),
        total=Count("pk"),
    )
    result = {
        "information_hub_questions": totals["hub"],
        "advice_and_support": totals["support"],
        "total": totals["total"],
    }
    if municipality is None:
        by_name = dict(records.values_list("municipality__name").annotate(n=Count("pk")).order_by())
        result["by_municipality"] = {name: by_name.get(name, 0) for name in _municipality_names()}
        # Questions about no one municipality (province-wide) have no row of their own.
        result["province_wide"] = by_name.get(None, 0)
    return result


FIGURES = FiguresProvider(for_year=for_report, definitions=DEFINITIONS)
