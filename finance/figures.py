"""View-models: the budget table, the reserve and the contributions of one year.

Pages, PDFs, spreadsheets and the `contributions` command all read these, so a figure is
computed in one place. They take a year fetched with `FinanceYear.objects.for_detail()` /
`for_contributions()` and add a fixed, small number of queries (never one per line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, DecimalField, F, Sum, When

from finance.distribution import Component, DistributionError, distribute
from finance.models import FinanceYear, MovementKind, ReserveMovement, Side
from zvhd.apps_contract import FiguresProvider
from zvhd.network.models import Municipality, Population

ZERO = Decimal(0)


def _add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return a + b


@dataclass
class LineRow:
    line: object
    level: int
    is_group: bool
    original: Decimal | None
    amendments: Decimal
    realised: Decimal | None

    @property
    def current(self) -> Decimal | None:
        if self.original is None and not self.amendments:
            return None
        return (self.original or ZERO) + self.amendments

    @property
    def variance(self) -> Decimal | None:
        """Realisation minus current budget (positive: more spent / received than budgeted)."""
        if self.realised is None:
            return None
        return self.realised - (self.current or ZERO)


@dataclass
class SideTotals:
    original: Decimal = ZERO
    amendments: Decimal = ZERO
    current: Decimal = ZERO
    realised: Decimal | None = None

    @property
    def variance(self):
        return None if self.realised is None else self.realised - self.current


@dataclass
class Reserve:
    start: Decimal
    additions: Decimal
    withdrawals: Decimal
    movements: list
    budget_total: Decimal

    @property
    def end(self) -> Decimal:
        return self.start + self.additions - self.withdrawals

    @property
    def pct_of_budget(self) -> Decimal | None:
        if not self.budget_total:
            return None
        return (self.end * 100 / self.budget_total).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )


@dataclass
class Budget:
    year: FinanceYear
    costs: list[LineRow]
    income: list[LineRow]
    cost_totals: SideTotals
    income_totals: SideTotals
    reserve: Reserve | None = None

    @property
    def balance_original(self):
        return self.income_totals.original - self.cost_totals.original

    @property
    def balance_current(self):
        return self.income_totals.current - self.cost_totals.current

    @property
    def balance_realised(self):
        if self.income_totals.realised is None and self.cost_totals.realised is None:
            return None
        return (self.income_totals.realised or ZERO) - (self.cost_totals.realised or ZERO)

    @property
    def has_realisation(self) -> bool:
        return self.cost_totals.realised is not None or self.income_totals.realised is not None


def _side_rows(lines) -> tuple[list[LineRow], SideTotals]:
    """Rows in document order: each top-level line, then its sub-lines; totals over top level.

    A group's amounts are the sum of its sub-lines, so a total can never disagree with them.
    """
    children: dict[int, list] = {}
    top = []
    for line in lines:
        if line.parent_id:
            children.setdefault(line.parent_id, []).append(line)
        else:
            top.append(line)

    def leaf(line, level):
        amendments = sum((a.amount for a in line.amendments.all()), ZERO)
        return LineRow(line, level, False, line.original, amendments, line.realised)

    rows: list[LineRow] = []
    totals = SideTotals()
    for line in top:
        subs = [leaf(c, 1) for c in children.get(line.pk, [])]
        if subs:
            original = realised = None
            amendments = ZERO
            for sub in subs:
                original = _add(original, sub.original)
                realised = _add(realised, sub.realised)
                amendments += sub.amendments
            row = LineRow(line, 0, True, original, amendments, realised)
        else:
            row = leaf(line, 0)
        rows.append(row)
        rows.extend(subs)
        totals.original += row.original or ZERO
        totals.amendments += row.amendments
        totals.current += row.current or ZERO
        totals.realised = _add(totals.realised, row.realised)
    return rows, totals


def budget_for(year: FinanceYear) -> Budget:
    lines = list(year.lines.all())
    costs, cost_totals = _side_rows([ln for ln in lines if ln.side == Side.COST])
    income, income_totals = _side_rows([ln for ln in lines if ln.side == Side.INCOME])
    budget = Budget(year, costs, income, cost_totals, income_totals)
    budget.reserve = reserve_for(year, budget_total=cost_totals.current)
    return budget


def reserve_for(year: FinanceYear, *, budget_total: Decimal) -> Reserve:
    """Start = the year's own opening balance, else the end of the years before (walked)."""
    movements = list(year.reserve_movements.all())
    start = year.reserve_opening
    if start is None:
        start = _end_before(year.year)
    additions = sum((m.amount for m in movements if m.kind == MovementKind.ADDITION), ZERO)
    withdrawals = sum((m.amount for m in movements if m.kind == MovementKind.WITHDRAWAL), ZERO)
    return Reserve(start, additions, withdrawals, movements, budget_total)


def _end_before(year: int) -> Decimal:
    # Internal arithmetic over earlier years; the caller has already been allowed this year.
    earlier = FinanceYear._base_manager.filter(year__lt=year).order_by("year")
    nets = dict(
        ReserveMovement._base_manager.filter(year__year__lt=year)
        .values_list("year__year")
        .annotate(
            net=Sum(
                Case(
                    When(kind=MovementKind.WITHDRAWAL, then=-F("amount")),
                    default=F("amount"),
                    output_field=DecimalField(max_digits=12, decimal_places=0),
                )
            )
        )
    )
    balance = ZERO
    for item in earlier.values("year", "reserve_opening"):
        if item["reserve_opening"] is not None:
            balance = item["reserve_opening"]
        balance += nets.get(item["year"]) or ZERO
    return balance


# ---------------------------------------------------------------------------------------------
# Contributions


@dataclass
class ContributionRow:
    municipality: Municipality
    key_amount: int
    plus: list[int]
    previous: int | None = None

    @property
    def plus_total(self) -> int:
        return sum(self.plus)

    @property
    def total(self) -> int:
        return self.key_amount + self.plus_total

    @property
    def difference(self) -> int | None:
        return None if self.previous is None else self.total - self.previous

    @property
    def difference_pct(self) -> Decimal | None:
        if not self.previous:
            return None
        return (Decimal(self.difference) * 100 / self.previous).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


@dataclass
class Contributions:
    year: FinanceYear
    rows: list[ContributionRow] = field(default_factory=list)
    plus_tasks: list = field(default_factory=list)
    error: str = ""
    previous_year: int | None = None
    inhabitants: dict = field(default_factory=dict)

    @property
    def key_total(self) -> int:
        return sum(r.key_amount for r in self.rows)

    @property
    def plus_totals(self) -> list[int]:
        return [sum(r.plus[i] for r in self.rows) for i in range(len(self.plus_tasks))]

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)

    @property
    def previous_total(self) -> int | None:
        if self.previous_year is None:
            return None
        return sum(r.previous or 0 for r in self.rows)

    def row_for(self, municipality) -> ContributionRow | None:
        for row in self.rows:
            if row.municipality.pk == getattr(municipality, "pk", municipality):
                return row
        return None


def _inhabitants(year: int | None) -> dict[int, int]:
    if year is None:
        return {}
    return dict(Population.objects.filter(year=year).values_list("municipality_id", "inhabitants"))


def amounts_for(year: FinanceYear, municipalities) -> tuple[dict, list, list, dict]:
    """(key amounts, plus tasks, plus amounts per task, inhabitants); raises DistributionError."""
    names = {m.pk: m.name for m in municipalities}
    inhabitants = _inhabitants(year.population_year)
    key_amounts = {m.pk: 0 for m in municipalities}
    if year.municipal_total:
        if year.distribution_key is None:
            raise DistributionError(f"Voor {year.year} is nog geen verdeelsleutel gekozen.")
        components = year.distribution_key.engine_components()
        if year.population_year is None and any(c.basis != "gelijk" for c in components):
            raise DistributionError(
                f"De verdeelsleutel van {year.year} verdeelt naar inwoners, maar er is geen jaar "
                "van de inwonertallen gekozen."
            )
        key_amounts.update(
            distribute(year.municipal_total, components, inhabitants=inhabitants, names=names)
        )
    tasks = list(year.plus_tasks.all())
    plus = []
    for task in tasks:
        task.buyer_list = task.buyers()
        members = tuple(m.pk for m in task.buyer_list)
        if task.follows_aftercare and task.amount and not members:
            raise DistributionError(
                f"Voor de plustaak {task.name} zijn in {year.year} geen deelnemende gemeenten "
                "nazorg vastgelegd (Nazorg, Deelnemende gemeenten)."
            )
        if not members or not task.amount:
            plus.append({})
            continue
        component = Component(100, task.basis, members, label=f"plustaak {task.name}")
        plus.append(distribute(task.amount, [component], inhabitants=inhabitants, names=names))
    return key_amounts, tasks, plus, inhabitants


def contributions_for(year: FinanceYear, *, previous: FinanceYear | None = None) -> Contributions:
    municipalities = list(Municipality.objects.order_by("name"))
    result = Contributions(year=year)
    try:
        key_amounts, tasks, plus, inhabitants = amounts_for(year, municipalities)
    except DistributionError as exc:
        result.error = str(exc)
        return result
    previous_totals = None
    if previous is not None:
        try:
            prev_key, _, prev_plus, _ = amounts_for(previous, municipalities)
        except DistributionError:
            prev_key = None
        if prev_key is not None:
            result.previous_year = previous.year
            previous_totals = {
                m.pk: prev_key.get(m.pk, 0) + sum(p.get(m.pk, 0) for p in prev_plus)
                for m in municipalities
            }
    result.plus_tasks = tasks
    result.inhabitants = inhabitants
    for municipality in municipalities:
        result.rows.append(
            ContributionRow(
                municipality=municipality,
                key_amount=key_amounts.get(municipality.pk, 0),
                plus=[p.get(municipality.pk, 0) for p in plus],
                previous=previous_totals.get(municipality.pk) if previous_totals else None,
            )
        )
    return result


def previous_year_for(year: FinanceYear, user=None) -> FinanceYear | None:
    qs = FinanceYear.objects.for_contributions()
    if user is not None:
        qs = FinanceYear.objects.visible_to(user).for_contributions()
    return qs.filter(year=year.year - 1).first()


# ---------------------------------------------------------------------------------------------
# For the reports app, through the finance app's contract (finance/apps.py)


def _int(value) -> int | None:
    return None if value is None else int(value)


def for_report(year: int, municipality=None) -> dict | None:
    """The finance chapter of the annual report: plain JSON-able numbers (whole euros) from
    this module's `Budget`, for a snapshot, the dashboard and the PDF (province-wide only)."""
    if municipality is not None:
        return None
    # Anonymous totals for the report; access to the report pages is checked by the view.
    finance_year = FinanceYear._base_manager.filter(year=year).first()
    if finance_year is None:
        return None
    finance_year = FinanceYear.objects.for_detail().get(pk=finance_year.pk)
    budget = budget_for(finance_year)
    realised = budget.has_realisation

    def side(rows):
        return [
            {
                "line": row.line.name,
                "level": row.level,
                "amount": _int(row.realised if realised else row.current),
            }
            for row in rows
        ]

    cost_total = budget.cost_totals.realised if realised else budget.cost_totals.current
    income_total = budget.income_totals.realised if realised else budget.income_totals.current
    reserve = budget.reserve
    return {
        "basis": "realisatie" if realised else "begroting",
        "adopted": finance_year.is_adopted,
        "costs": side(budget.costs),
        "income": side(budget.income),
        "cost_total": _int(cost_total or 0),
        "income_total": _int(income_total or 0),
        "result": _int((income_total or 0) - (cost_total or 0)),
        "reserve": {
            "start": _int(reserve.start),
            "additions": _int(reserve.additions),
            "withdrawals": _int(reserve.withdrawals),
            "end": _int(reserve.end),
            "pct_of_budget": None if reserve.pct_of_budget is None else str(reserve.pct_of_budget),
        },
        "staffing": [
            {"function": s.function, "fte": str(s.fte)} for s in finance_year.staffing.all()
        ],
        "liaisons": [
            {"label": li.label, "organisation": li.organisation.name, "amount": _int(li.amount)}
            for li in finance_year.liaisons.all()
        ],
    }


def contribution_for_factsheet(year: int, municipality) -> dict | None:
    """The municipality's total contribution (key + plus tasks) of `year`."""
    finance_year = FinanceYear._base_manager.filter(year=year).first()
    if finance_year is None:
        return None
    finance_year = FinanceYear.objects.for_contributions().get(pk=finance_year.pk)
    contributions = contributions_for(finance_year)
    if contributions.error:
        return None
    row = contributions.row_for(municipality)
    return None if row is None else {"contribution": row.total}


FIGURES = FiguresProvider(for_year=for_report, factsheet=contribution_for_factsheet)
