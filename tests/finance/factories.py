"""Factories of the finance app, around the fixed cast (tests/cast.py)."""

from decimal import Decimal

import factory

from finance.models import FinanceYear
from tests.factories import MunicipalityFactory
from zvhd.network import reference_data as ref
from zvhd.network.models import Municipality, Population
from zvhd.network.reference import INHABITANTS


class FinanceYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinanceYear
        django_get_or_create = ("year",)

    year = 2025
    indexation_pct = Decimal("4.18")


def twelve_municipalities(*, inhabitants_year: int | None = None) -> dict[str, Municipality]:
    """The twelve Drenthe municipalities (reference data: `migrate` loaded them)."""
    result = {}
    for item in ref.MUNICIPALITIES:
        result[item["name"]] = MunicipalityFactory(
            name=item["name"], slug=item["slug"], cbs_code=item["cbs_code"], region=item["region"]
        )
        if inhabitants_year:
            Population.objects.get_or_create(
                municipality=result[item["name"]],
                year=inhabitants_year,
                defaults={"inhabitants": INHABITANTS[item["cbs_code"]]},
            )
    return result
