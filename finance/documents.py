"""PDF and XLSX renderings of the budget, the contributions and the contribution letter.

PDFs are made only by `tasks.render_document` (never in a request); spreadsheets are small and
built in the request that downloads them.
"""

from __future__ import annotations

import io
from datetime import date

from django.utils import timezone

from finance.figures import budget_for, contributions_for, previous_year_for
from finance.models import DocumentKind, FinanceYear
from zvhd import pdf
from zvhd.formats import XLSX_COUNT, XLSX_EURO, XLSX_PERCENT


def render(document) -> tuple[bytes, object]:
    if document.kind == DocumentKind.BUDGET:
        year = FinanceYear.objects.for_detail().get(pk=document.year_id)
        return pdf.render_pdf(
            "finance/pdf/budget.html", {"budget": budget_for(year), "now": timezone.now()}
        ), None
    year = FinanceYear.objects.for_contributions().get(pk=document.year_id)
    contributions = contributions_for(year, previous=previous_year_for(year))
    if contributions.error:
        raise ValueError(contributions.error)
    if document.kind == DocumentKind.CONTRIBUTIONS:
        html_context = {"contributions": contributions, "year": year, "now": timezone.now()}
        return pdf.render_pdf("finance/pdf/contributions.html", html_context), None
    row = contributions.row_for(document.municipality)
    context = {
        "year": year,
        "row": row,
        "contributions": contributions,
        "municipality": document.municipality,
        "plus": [
            (task, amount)
            for task, amount in zip(contributions.plus_tasks, row.plus, strict=True)
            if amount
        ],
        "today": date.today(),
        "inhabitants": contributions.inhabitants.get(document.municipality_id),
        # A letter that looks finished (issue 23): our reference, who to ask, who signs.
        "reference": f"ZVHD/FIN/{year.year}/{document.pk}",
        "contact": document.requested_by,
        "signatory": _signatory(),
    }
    return pdf.render_pdf("finance/pdf/letter.html", context), row.total


def _signatory():
    """The manager of the ZVHD signs on behalf of the steering group; None when there is none
    (the letter then names the function only)."""
    from zvhd.network.models import Role, User

    return (
        User.objects.filter(is_active=True, groups__name=Role.MANAGER)
        .order_by("last_name", "pk")
        .first()
    )


# ---------------------------------------------------------------------------------------------
# Spreadsheets


def _workbook():
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    return book, Font(bold=True)


EURO = XLSX_EURO


def budget_xlsx(year: FinanceYear) -> bytes:
    budget = budget_for(year)
    book, bold = _workbook()
    sheet = book.active
    sheet.title = f"Begroting {year.year}"
    sheet.append([f"Begroting {year.year} Zorg- en Veiligheidshuis Drenthe"])
    sheet["A1"].font = bold
    header = [
        "Regel",
        "Primaire begroting",
        "Wijzigingen",
        "Actuele begroting",
        "Realisatie",
        "Verschil",
    ]
    for title, rows, totals in (
        ("Kosten", budget.costs, budget.cost_totals),
        ("Inkomsten", budget.income, budget.income_totals),
    ):
        sheet.append([])
        sheet.append([title])
        sheet.cell(sheet.max_row, 1).font = bold
        sheet.append(header)
        for row in rows:
            name = ("    " if row.level else "") + row.line.name
            sheet.append(
                [
                    name,
                    row.original,
                    row.amendments or None,
                    row.current,
                    row.realised,
                    row.variance,
                ]
            )
            if row.is_group:
                sheet.cell(sheet.max_row, 1).font = bold
        sheet.append(
            [
                f"Totaal {title.lower()}",
                totals.original,
                totals.amendments or None,
                totals.current,
                totals.realised,
                totals.variance,
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.font = bold
    sheet.append([])
    sheet.append(
        [
            "Begrotingssaldo (inkomsten − kosten)",
            budget.balance_original,
            None,
            budget.balance_current,
            budget.balance_realised,
        ]
    )
    reserve = budget.reserve
    sheet.append([])
    sheet.append(["Algemene reserve"])
    sheet.cell(sheet.max_row, 1).font = bold
    sheet.append(["Beginstand", reserve.start])
    sheet.append(["Toevoegingen", reserve.additions])
    sheet.append(["Onttrekkingen", reserve.withdrawals])
    sheet.append(["Eindstand", reserve.end])
    sheet.append(["Percentage van de totale begroting", float(reserve.pct_of_budget or 0) / 100])
    sheet.cell(sheet.max_row, 2).number_format = XLSX_PERCENT
    for row in sheet.iter_rows(min_col=2, max_col=6):
        for cell in row:
            if cell.number_format == "General":
                cell.number_format = EURO
    sheet.column_dimensions["A"].width = 60
    for column in "BCDEF":
        sheet.column_dimensions[column].width = 18
    return _save(book)


def contributions_xlsx(year: FinanceYear, contributions) -> bytes:
    book, bold = _workbook()
    sheet = book.active
    sheet.title = f"Bijdragen {year.year}"
    header = ["Gemeente", "Inwoners", "Bijdrage verdeelsleutel"]
    header += [f"Plustaak {t.name}" for t in contributions.plus_tasks]
    header += ["Totaal"]
    if contributions.previous_year:
        header += [f"Totaal {contributions.previous_year}", "Verschil"]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = bold
    for row in contributions.rows:
        values = [
            row.municipality.name,
            contributions.inhabitants.get(row.municipality.pk),
            row.key_amount,
            *row.plus,
            row.total,
        ]
        if contributions.previous_year:
            values += [row.previous, row.difference]
        sheet.append(values)
    totals = [
        "Totaal",
        sum(contributions.inhabitants.get(r.municipality.pk) or 0 for r in contributions.rows)
        or None,
        contributions.key_total,
        *contributions.plus_totals,
        contributions.total,
    ]
    if contributions.previous_year:
        totals += [
            contributions.previous_total,
            contributions.total - (contributions.previous_total or 0),
        ]
    sheet.append(totals)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for row in sheet.iter_rows(min_row=2, min_col=3):
        for cell in row:
            cell.number_format = EURO
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        for cell in row:
            cell.number_format = XLSX_COUNT
    sheet.column_dimensions["A"].width = 22
    for index in range(2, len(header) + 1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = 20
    return _save(book)


def _save(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
