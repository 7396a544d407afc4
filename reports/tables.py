"""Figure tables: the view-model shared by the dashboard, the PDF and the CSV/XLSX exports.

`build_tables(years)` takes the figures of up to three years (newest first, each a
`figures.year_figures` dict, live or from a snapshot) and returns the tables in the order of the
2020 annual report, each with its definition. With `mask_small=True` (a municipality's view),
counts of sensitive kinds under 5 become "<5" in every output, not only on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reports.figures import DEFINITIONS, vocabulary
from reports.thematic import DEFINITIONS as THEMATIC_DEFINITIONS

SMALL = 5


@dataclass
class FigureTable:
    slug: str
    title: str
    definition: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    total: list | None = None
    chapter: str = "cijfers"
    chart: dict | None = None  # {"labels", "series", "horizontal", "unit"} for reports.charts

    @property
    def all_rows(self) -> list[list]:
        return self.rows + ([self.total] if self.total else [])


def _mask(value, mask: bool):
    if mask and isinstance(value, int) and 0 < value < SMALL:
        return f"<{SMALL}"
    return value


def _n_pga(item) -> str:
    if not item:
        return ""
    return f"{item['total']} (waarvan {item['pga']} PGA)"


def _per_year(years, slug, title, key, labels=None, *, mask=False, chart=True, unit=""):
    """A breakdown dict `key` of each year as rows (label) x columns (years)."""
    first = years[0].get(key) or {}
    labels = labels or list(first)
    headers = ["", *[str(d["year"]) for d in years]]
    rows = [
        [label, *[_mask((d.get(key) or {}).get(label), mask) for d in years]] for label in labels
    ]
    table = FigureTable(slug, title, DEFINITIONS[_definition_key(key)].text, headers, rows)
    if chart and not mask:
        table.chart = {
            "labels": labels,
            "series": {
                str(d["year"]): [(d.get(key) or {}).get(lb) for lb in labels] for d in years
            },
            "horizontal": True,
            "unit": unit,
        }
    return table


def _definition_key(key: str) -> str:
    return {"age_classes": "age_classes", "age_classes_count": "age_classes"}.get(key, key)


def build_tables(years: list[dict], *, mask_small: bool = False) -> list[FigureTable]:
    current = years[0]
    headers = ["", *[str(d["year"]) for d in years]]
    tables: list[FigureTable] = []

    basics = FigureTable(
        "basiscijfers",
        "Basiscijfers",
        " ".join(
            DEFINITIONS[k].text
            for k in ("registered_direction", "active_direction", "not_taken_up")
        ),
        headers,
        [
            ["Aangemelde procesregiecasussen", *[_n_pga(d["registered_direction"]) for d in years]],
            ["Actieve procesregiecasussen", *[_n_pga(d["active_direction"]) for d in years]],
            [
                "Vragen aan informatieknooppunt",
                *[d.get("information_hub_questions") for d in years],
            ],
            [
                "Advies en ondersteuning vanuit expertisecentrum",
                *[d.get("advice_and_support") for d in years],
            ],
            ["Niet opgepakte aanmeldingen", *[d["not_taken_up"] for d in years]],
        ],
    )
    tables.append(basics)

    flow_labels = ["Meegenomen", "Instroom", "Afgesloten", "Meegenomen naar volgend jaar"]
    flow_keys = ["carried_in", "inflow", "closed", "carried_out"]
    flow = FigureTable(
        "doorstroom",
        "Meegenomen, instroom, afgesloten en actief",
        " ".join(DEFINITIONS[k].text for k in flow_keys),
        headers,
        [[label, *[d[k] for d in years]] for label, k in zip(flow_labels, flow_keys, strict=True)]
        + [["Actief", *[d["active_direction"]["total"] for d in years]]],
    )
    flow.chart = {
        "labels": flow_labels,
        "series": {str(d["year"]): [d[k] for k in flow_keys] for d in years},
        "horizontal": False,
        "unit": "",
    }
    tables.append(flow)

    age_classes = vocabulary("cases", "age_classes") or ()
    age_labels = [label for _key, label, *_ in age_classes]
    age_keys = [key for key, *_ in age_classes]
    if mask_small:
        # Percentages of a few cases would reveal them; a municipality gets masked counts.
        rows = [
            [label, *[_mask((d.get("age_classes_count") or {}).get(k), True) for d in years]]
            for label, k in zip(age_labels, age_keys, strict=True)
        ]
        age = FigureTable("leeftijden", "Leeftijden (aantallen)", "", headers, rows)
    else:
        rows = [
            [label, *[(d.get("age_classes") or {}).get(k) for d in years]]
            for label, k in zip(age_labels, age_keys, strict=True)
        ]
        age = FigureTable("leeftijden", "Leeftijden procesregie casuïstiek (%)", "", headers, rows)
        age.chart = {
            "labels": age_labels,
            "series": {
                str(d["year"]): [(d.get("age_classes") or {}).get(k) for k in age_keys]
                for d in years
            },
            "horizontal": True,
            "unit": "%",
        }
    age.definition = DEFINITIONS["age_classes"].text
    tables.append(age)

    shares = FigureTable(
        "aandelen",
        "Minderjarigen, gemeentegrens overstijgend, problematische huisvesting (%)",
        " ".join(DEFINITIONS[k].text for k in ("minors", "cross_municipal", "problematic_housing")),
        headers,
        [
            ["Minderjarigen", *[d.get("minors_pct") for d in years]],
            ["Gemeentegrens overstijgend", *[d.get("cross_municipal_pct") for d in years]],
            ["Problematische huisvesting", *[d.get("problematic_housing_pct") for d in years]],
        ],
    )
    if mask_small:
        shares.title = "Minderjarigen, gemeentegrens overstijgend, problematische huisvesting"
        shares.rows = [
            ["Minderjarigen", *[_mask(d.get("minors"), True) for d in years]],
            ["Gemeentegrens overstijgend", *[_mask(d.get("cross_municipal"), True) for d in years]],
            [
                "Problematische huisvesting",
                *[_mask(d.get("problematic_housing"), True) for d in years],
            ],
        ]
    tables.append(shares)

    tables.append(
        _per_year(
            years, "onderwerpen", "Hoofdonderwerp procesregie casuïstiek", "topics", mask=mask_small
        )
    )
    tables.append(_per_year(years, "geslacht", "Verdeling man / vrouw", "gender", mask=mask_small))
    tables.append(
        _per_year(
            years,
            "problematiek",
            "Problematiek procesregie casuïstiek",
            "problem_areas",
            mask=mask_small,
        )
    )

    partners = current["registered_by_partner"]
    partner_table = FigureTable(
        "partners",
        f"Aangemelde procesregie casuïstiek per convenantpartner {current['year']}",
        DEFINITIONS["registered_by_partner"].text,
        ["Convenantpartner", str(current["year"])],
        [[label, _mask(n, mask_small)] for label, n in partners.items()],
        total=["Totaal", current["registered_direction"]["total"]],
    )
    if not mask_small:
        shown = [label for label, n in partners.items() if n]
        partner_table.chart = {
            "labels": shown,
            "series": {str(current["year"]): [partners[label] for label in shown]},
            "horizontal": True,
            "unit": "",
        }
    tables.append(partner_table)
    tables.append(
        _per_year(
            years, "domeinen", "Aanmeldingen per domein", "registered_by_domain", mask=mask_small
        )
    )

    if current.get("by_municipality"):
        names = list(current["by_municipality"])
        split = (current.get("programmes") or {}).get("pga_split") or {}
        apart = (current.get("programmes") or {}).get("apart_label") or "jeugd-PGA"
        municipal = FigureTable(
            "gemeenten",
            f"Procesregie- en adviescasussen per gemeente {current['year']}",
            DEFINITIONS["by_municipality"].text
            + (f" {DEFINITIONS['pga_split'].text}" if split else ""),
            ["Gemeente", "Procesregie", "Advies", *(["Toelichting"] if split else [])],
            [
                [
                    name,
                    current["by_municipality"][name]["direction"],
                    current["by_municipality"][name]["advice"],
                    *([_pga_note(split.get(name), apart)] if split else []),
                ]
                for name in names
            ],
        )
        municipal.chart = {
            "labels": names,
            "series": {
                "Procesregie": [current["by_municipality"][n]["direction"] for n in names],
                "Advies": [current["by_municipality"][n]["advice"] for n in names],
            },
            "horizontal": True,
            "unit": "",
        }
        tables.append(municipal)

    trafficking = current.get("trafficking") or {}
    rows = [
        [
            "Signalen van mogelijke mensenhandel",
            *[_mask((d.get("trafficking") or {}).get("signals"), mask_small) for d in years],
        ]
    ]
    if not mask_small:
        rows += [
            ["waarvan minderjarig", *[(d.get("trafficking") or {}).get("minors") for d in years]],
            [
                "gemeld bij CoMensha",
                *[(d.get("trafficking") or {}).get("reported_to_comensha") for d in years],
            ],
        ]
        rows += [
            [
                f"vorm: {label}",
                *[((d.get("trafficking") or {}).get("by_form") or {}).get(label) for d in years],
            ]
            for label in trafficking.get("by_form", {})
        ]
    tables.append(
        FigureTable(
            "mensenhandel",
            "Mensenhandel (aantallen)",
            DEFINITIONS["trafficking"].text,
            headers,
            rows,
            chapter="mensenhandel",
        )
    )

    thematic = current.get("thematic")
    if thematic:
        veelplegers = thematic["veelplegers"]
        tables.append(
            FigureTable(
                "veelplegers",
                THEMATIC_DEFINITIONS["veelplegers"][0],
                THEMATIC_DEFINITIONS["veelplegers"][1],
                list(veelplegers),
                [list(veelplegers.values())],
                chapter="thematisch",
            )
        )
        lpco = thematic["lpco_by_municipality"]
        tables.append(
            FigureTable(
                "lpco-gemeenten",
                f"Aantal besproken jongeren in {current['year']} (LPCO)",
                THEMATIC_DEFINITIONS["lpco"][1],
                ["Gemeente", str(current["year"])],
                [[name, n] for name, n in lpco.items()],
                total=["Totaal", sum(lpco.values())],
                chapter="thematisch",
            )
        )
        # Newest year first, as every other table (issue 23: this one ran the other way).
        outcome_years = [d for d in years if d.get("thematic")][:2]
        labels = list(thematic["lpco_outcomes"])
        tables.append(
            FigureTable(
                "lpco-afdoening",
                "Afdoening (LPCO)",
                THEMATIC_DEFINITIONS["lpco"][1],
                ["", *[str(d["year"]) for d in outcome_years]],
                [
                    [label, *[d["thematic"]["lpco_outcomes"].get(label) for d in outcome_years]]
                    for label in labels
                ],
                total=["Totaal", *[d["thematic"]["lpco_total"] for d in outcome_years]],
                chapter="thematisch",
            )
        )

    finance = current.get("finance")
    if finance:
        from reports.finance import DEFINITION as FINANCE_DEFINITION

        basis = "realisatie" if finance["basis"] == "realisatie" else "begroting"
        for slug, title, side, total in (
            (
                "kosten",
                f"Kosten {current['year']} ({basis})",
                finance["costs"],
                finance["cost_total"],
            ),
            (
                "baten",
                f"Baten {current['year']} ({basis})",
                finance["income"],
                finance["income_total"],
            ),
        ):
            tables.append(
                FigureTable(
                    slug,
                    title,
                    FINANCE_DEFINITION[1],
                    ["Post", "Bedrag (€)"],
                    [[("\u2003" * row["level"]) + row["line"], row["amount"]] for row in side],
                    total=["Totaal", total],
                    chapter="financien",
                )
            )
        reserve = finance["reserve"]
        tables.append(
            FigureTable(
                "resultaat",
                "Resultaat en algemene reserve",
                FINANCE_DEFINITION[1],
                ["", "Bedrag (€)"],
                [
                    ["Resultaat (baten min kosten)", finance["result"]],
                    ["Algemene reserve begin", reserve["start"]],
                    ["Toevoegingen", reserve["additions"]],
                    ["Onttrekkingen", reserve["withdrawals"]],
                    ["Algemene reserve eind", reserve["end"]],
                    ["Reserve in % van de begroting", reserve["pct_of_budget"]],
                ],
                chapter="financien",
            )
        )
        if finance["staffing"]:
            tables.append(
                FigureTable(
                    "formatie",
                    "Formatie",
                    "Formatie in fte per functie.",
                    ["Functie", "fte"],
                    [[s["function"], s["fte"]] for s in finance["staffing"]],
                    chapter="financien",
                )
            )
        if finance["liaisons"]:
            tables.append(
                FigureTable(
                    "liaisons",
                    "Inzet vanuit de ketenpartners",
                    "Liaisons die partners in natura inbrengen, gewaardeerd per jaar.",
                    ["Liaison", "Waarde (€)"],
                    [[li["label"], li["amount"]] for li in finance["liaisons"]],
                    total=["Totaal", sum(li["amount"] or 0 for li in finance["liaisons"])],
                    chapter="financien",
                )
            )
    lead = lead_times_table(current, mask=mask_small)
    if lead is not None:
        tables.append(lead)
    for extra in ("programmes", "advice", "aftercare"):
        section = current.get(extra)
        if section and section.get("tables"):
            for item in section["tables"]:
                table = FigureTable(**item)
                if mask_small and extra == "programmes":
                    # Who is in TBS or radicalisering in a small municipality: "<5".
                    table.rows = [[_mask(cell, True) for cell in row] for row in table.rows]
                    table.chart = None  # a bar of 1 would show what "<5" hides
                tables.append(table)
    return tables


def _pga_note(split: dict | None, apart: str) -> str:
    """The 2020 report's note: "inclusief 35 PGA-dossiers (21 PGA, 14 jeugd-PGA)"."""
    if not split or not split.get("pga"):
        return ""
    if not split.get("apart"):
        return f"inclusief {split['pga']} PGA-dossiers"
    return f"inclusief {split['pga']} PGA-dossiers ({split['other']} PGA, {split['apart']} {apart})"


LEAD_MEASURES = [
    ("registration_to_decision", "Aanmelding → triagebesluit (werkdagen)"),
    ("decision_to_start", "Besluit → start procesregie (dagen)"),
    ("start_to_closing", "Start → afsluiting (dagen)"),
]
LEAD_KINDS = {
    "maatwerk": "maatwerk",
    "pga": "PGA",
    "overig": "overige besluiten",
    "totaal": "alle",
}


def _days(value) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def lead_times_table(current: dict, *, mask: bool = False) -> FigureTable | None:
    """Median and 90th percentile per measure and kind (None for a snapshot from before the
    lead times were counted). A municipality's view masks fewer than 5 cases, and their
    median, which would describe those few cases."""
    lead = current.get("lead_times")
    if not lead:
        return None
    rows = []
    for measure, label in LEAD_MEASURES:
        for kind, kind_label in LEAD_KINDS.items():
            item = lead.get(measure, {}).get(kind)
            if item is None:
                continue
            few = mask and 0 < item["n"] < SMALL
            rows.append(
                [
                    f"{label}, {kind_label}",
                    _mask(item["n"], mask),
                    "—" if few else _days(item["median"]),
                    "—" if few else _days(item["p90"]),
                ]
            )
    return FigureTable(
        "doorlooptijden",
        f"Doorlooptijden {current['year']}",
        DEFINITIONS["lead_times"].text,
        ["", "Aantal casussen", "Mediaan", "90e percentiel"],
        rows,
    )


def table_by_slug(tables: list[FigureTable], slug: str) -> FigureTable | None:
    return next((t for t in tables if t.slug == slug), None)
