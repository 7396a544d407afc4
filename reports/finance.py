"""The finance chapter of the annual report, from the finance app's own figures.

Nothing is computed here: finance.figures turns its `Budget` into plain JSON-able numbers
(whole euros) for a snapshot, the dashboard and the PDF, and offers them through the finance
app's contract (`zvhd.apps_contract.FiguresProvider`).
"""

from __future__ import annotations

from zvhd.apps_contract import figures

DEFINITION = (
    "Financiën",
    "Kosten en baten van het jaar: de realisatie waar die is ingevoerd, anders de actuele "
    "begroting (primaire begroting plus wijzigingen). Resultaat = baten min kosten. De "
    "algemene reserve: eindstand = beginstand + toevoegingen - onttrekkingen. De inzet van de "
    "ketenpartners (liaisons) is in natura en valt buiten de baten.",
)


def finance_for_year(year: int) -> dict | None:
    provider = figures("finance")
    return None if provider is None else provider.for_year(year)


def municipal_contribution(year: int, municipality) -> int | None:
    """The municipality's total contribution (key + plus tasks) of `year`, via finance."""
    provider = figures("finance")
    if provider is None or provider.factsheet is None:
        return None
    found = provider.factsheet(year, municipality)
    return None if found is None else found["contribution"]
