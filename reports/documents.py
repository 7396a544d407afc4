"""The jaarverslag and the municipal factsheets as PDF (only ever called by reports.tasks).

A view-model is built from the document's snapshot (frozen figures) or, without one, from the
live figures (the PDF then says "voorlopige cijfers"); charts are SVG data URIs
(reports.charts); the HTML goes through zvhd.pdf.render_pdf (WeasyPrint, our static files only).
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from reports import reference_data as ref
from reports.charts import bars
from reports.figures import DEFINITIONS, factsheet_figures, vocabulary, year_figures
from reports.finance import municipal_contribution
from reports.models import DocumentKind, JobStatus, ReportText, Section, YearSnapshot
from reports.tables import build_tables
from zvhd import pdf

CHAPTERS = [
    ("cijfers", "Cijfers"),
    ("mensenhandel", "Mensenhandel"),
    ("thematisch", "Veelplegersoverleg en Leerplicht Casusoverleg"),
    ("financien", "Financiën"),
]


def _year_data(year: int, snapshot) -> dict:
    if snapshot is not None and snapshot.year == year:
        return snapshot.data
    published = YearSnapshot._base_manager.filter(
        year=year, published=True, status=JobStatus.DONE
    ).first()
    return published.data if published else year_figures(year)


def annual_report_context(document, progress: Callable[[int, str], None]) -> dict:
    year = document.year
    progress(5, "Cijfers ophalen")
    years = [_year_data(y, document.snapshot) for y in (year, year - 1, year - 2)]
    progress(35, "Tabellen en grafieken maken")
    tables = build_tables(years)
    for table in tables:
        if table.chart:
            table.chart_uri = bars(
                table.chart["labels"],
                table.chart["series"],
                horizontal=table.chart["horizontal"],
                unit=table.chart["unit"],
                width=6.8,
            )
    chapters = [
        {"slug": slug, "title": title, "tables": [t for t in tables if t.chapter == slug]}
        for slug, title in CHAPTERS
    ]
    texts = dict(ReportText._base_manager.filter(year=year).values_list("section", "text"))
    current = years[0]
    return {
        "year": year,
        "document": document,
        "provisional": document.snapshot is None,
        "current": current,
        "chapters": chapters,
        "texts": {section: texts.get(section, "") for section in Section.values},
        "primary_tasks": [label for _code, label in ref.PRIMARY_TASKS_2020],
        "criteria": [str(label) for _field, label in vocabulary("cases", "criteria") or ()],
        "aftercare_conditions": ref.ANNUAL_REPORT_2020_FIGURES["aftercare"]["basic_conditions"],
        "aftercare_tables": [t for t in tables if t.chapter == "nazorg"],
        "definitions": list(DEFINITIONS.values()),
        "made_at": timezone.localtime(),
    }


def factsheet_context(document, progress) -> dict:
    year = document.year
    progress(10, "Cijfers ophalen")
    municipality = document.municipality
    frozen = (document.snapshot.data or {}).get("factsheets", {}) if document.snapshot else {}
    figures = [
        frozen.get(municipality.name)
        if y == year and frozen
        else factsheet_figures(y, municipality)
        for y in (year, year - 1, year - 2)
    ]
    progress(50, "Grafiek maken")
    labels = ["Meegenomen", "Instroom", "Afgesloten", "Meegenomen naar volgend jaar"]
    keys = ["carried_in", "inflow", "closed", "carried_out"]
    chart = bars(
        labels,
        {str(year - i): [f[k] for k in keys] for i, f in enumerate(figures)},
        horizontal=False,
        width=6.8,
    )
    return {
        "year": year,
        "years": [year, year - 1, year - 2],
        "document": document,
        "provisional": document.snapshot is None,
        "municipality": municipality,
        "figures": figures,
        "current": figures[0],
        "chart": chart,
        "contribution": municipal_contribution(year, municipality),
        "definitions": [
            DEFINITIONS[k]
            for k in (
                "registered_direction",
                "active_direction",
                "carried_in",
                "inflow",
                "closed",
                "carried_out",
                "not_taken_up",
            )
        ]
        + [DEFINITIONS[k] for k in ("by_programme",) if k in DEFINITIONS],
        "made_at": timezone.localtime(),
    }


def render(document, *, progress: Callable[[int, str], None] = lambda p, s: None) -> bytes:
    if document.kind == DocumentKind.ANNUAL_REPORT:
        context = annual_report_context(document, progress)
        template = "reports/pdf/annual_report.html"
    else:
        context = factsheet_context(document, progress)
        template = "reports/pdf/factsheet.html"
    progress(70, "PDF opmaken")
    return pdf.render_pdf(template, context)
