"""The finance chapter of the annual report, read from the finance app's own view-models.

Nothing is computed here that finance.figures already computes: this only turns its `Budget`
into plain JSON-able numbers (whole euros) for a snapshot, the dashboard and the PDF.
"""

from __future__ import annotations

from finance.figures import budget_for
from finance.models import FinanceYear

DEFINITION = (
    "Financiën",
    "Kosten en baten van het jaar: de realisatie waar die is ingevoerd, anders de actuele "
    "begroting (primaire begroting plus wijzigingen). Resultaat = baten min kosten. De "
    "algemene reserve: eindstand = beginstand + toevoegingen - onttrekkingen. De inzet van de "
    "ketenpartners (liaisons) is in natura en valt buiten de baten.",
)


def _int(value) -> int | None:
    return None if value is None else int(value)


def finance_for_year(year: int) -> dict | None:
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


def municipal_contribution(year: int, municipality) -> int | None:
    """The municipality's total contribution (key + plus tasks) of `year`, via finance."""
    from finance.figures import contributions_for

    finance_year = FinanceYear._base_manager.filter(year=year).first()
    if finance_year is None:
        return None
    finance_year = FinanceYear.objects.for_contributions().get(pk=finance_year.pk)
    contributions = contributions_for(finance_year)
    if contributions.error:
        return None
    row = contributions.row_for(municipality)
    return None if row is None else row.total
