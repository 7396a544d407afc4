"""The seed's budget and reserve, through the demo data and the services that load it."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from finance import demo
from finance import reference_data as ref
from finance.figures import budget_for, contributions_for
from finance.models import DistributionKey, FinanceYear, YearStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(cast):
    demo.seed(stdout=io.StringIO(), rng=None)
    return cast


def budget(year):
    return budget_for(FinanceYear.objects.for_detail().get(year=year))


def test_the_2025_budget_totals_equal_the_seed(seeded):
    seed = ref.FINANCE["budget"]
    result = budget(2025)
    # Costs: the lines add up to the "Totaal uitgaven" of 2.103.019 when the group "Algemene
    # kosten" is taken as printed (122.200); its five sub-lines add up to 122.201 and here a
    # group is the sum of its sub-lines, so the total is 2.103.020: the figure DOMAIN.md and
    # the seed use as the total budget ("104.843 = 4,99 % of 2.103.020").
    assert result.cost_totals.current == Decimal(2103020) == seed["inkomsten_total"][2025]
    # Income: the lines add up to 2.103.019 (the document prints 2.103.020, one more).
    assert result.income_totals.current == seed["inkomsten_lines_sum"][2025] == 2103019
    groups = {row.line.name: row.current for row in result.costs + result.income if row.is_group}
    assert groups["Personeel gerelateerde kosten"] == 83344
    assert groups["ZVHD"] == 1369133
    assert groups["Justitiabelen"] == 72957
    assert result.year.indexation_pct == Decimal("4.18")


def test_the_2024_budget_totals_equal_the_seed(seeded):
    seed = ref.FINANCE["budget"]
    result = budget(2024)
    assert result.income_totals.current == seed["inkomsten_total"][2024] == 1811281
    # The document prints 1.811.281 for the costs; its own lines add up to 1.811.282.
    assert result.cost_totals.current == seed["kosten_lines_sum"][2024] == 1811282


@pytest.mark.parametrize(
    "year, start, withdrawals, end, pct",
    [(2024, 225212, 85289, 139923, "7.73"), (2025, 139923, 35080, 104843, "4.99")],
)
def test_the_reserve_equals_the_seed(seeded, year, start, withdrawals, end, pct):
    reserve = budget(year).reserve
    assert reserve.start == start
    assert reserve.withdrawals == withdrawals
    assert reserve.additions == 0
    assert reserve.end == end == ref.FINANCE["reserve"]["balance_end"][year]
    assert (
        reserve.pct_of_budget
        == Decimal(pct)
        == Decimal(ref.FINANCE["reserve"]["pct_of_total_budget"][year])
    )


def test_the_demo_keys_reproduce_2019_and_add_up_in_2025(seeded):
    out = io.StringIO()
    call_command("contributions", "2019", stdout=out)
    lines = dict(line.split(";") for line in out.getvalue().splitlines())
    assert {k: int(v) for k, v in lines.items()} == ref.FINANCE["contributions_2019"]["lines"]
    year = FinanceYear.objects.for_contributions().get(year=2025)
    result = contributions_for(year)
    assert result.error == ""
    assert result.key_total == year.municipal_total
    assert result.plus_totals == [30000, 3120]  # nazorg over six, TVO over three


def test_the_demo_is_safe_to_run_twice(seeded):
    counts = (FinanceYear.objects.count(), DistributionKey.objects.count())
    demo.seed(stdout=io.StringIO(), rng=None)
    # 2019, 2020, 2024, 2025 from the seeds and every later year up to next year's: adopted
    # up to this one, so a municipality is told this year's contribution, and next year's a
    # concept that finance is working on (issue 23).
    this_year = timezone.localdate().year
    years = 4 + max(0, this_year + 1 - 2025)
    assert (FinanceYear.objects.count(), DistributionKey.objects.count()) == counts == (years, 2)
    statuses = dict(FinanceYear.objects.filter(year__gte=2024).values_list("year", "status"))
    assert statuses == {
        year: YearStatus.ADOPTED if year <= this_year else YearStatus.CONCEPT
        for year in range(2024, this_year + 2)
    }


def test_the_contributions_command_refuses_an_unknown_year(seeded):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="geen begrotingsjaar 1999"):
        call_command("contributions", "1999", stdout=io.StringIO())
