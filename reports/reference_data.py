"""Reference data of the reports app, copied from the seed documents.

The primary tasks and the figures of the annual report 2020 and other years.

Plain Python literals only (no Django, no imports). The seed files, the way they are cited
(file and line) and the conventions (whole euros as ``int``, decimals as ``str``, nothing
invented) are described in the house's part, ``zvhd/network/reference_data.py``.
"""

# Annual report 2020 (004), "Primaire taken", lines 67-70 (spelling "Informatieknoppunt" as
# printed; the Emmen letter 000 l.37 lists the same four tasks).
PRIMARY_TASKS_2020 = [
    ("procesregie", "Procesregie"),
    ("informatieknooppunt", "Informatieknoppunt"),
    ("advies_expertisecentrum", "Advies- en expertisecentrum"),
    ("signaleren_adresseren", "Signaleren en adresseren van patronen en knelpunten"),
]

# ---------------------------------------------------------------------------------------------
# Figures of the 2020 annual report (004, "Cijfers" pages and later sections), with the Emmen
# letter (000) where it quotes the report's per-municipality chart. Every number is printed in a
# seed; charts without numbers in the text are listed in ANNUAL_REPORT_2020_CHARTS_WITHOUT_NUMBERS.
ANNUAL_REPORT_2020_FIGURES = {
    # 004 "Basiscijfers", lines 104-108. Columns "Aantallen in 2020 / 2019 / 2018".
    # "Aangemelde procesregiecasussen": "N (waarvan P PGA)".
    "registered_direction_cases": {
        2020: {"total": 50, "pga": 17},
        2019: {"total": 91, "pga": 22},
        2018: {"total": 46, "pga": 5},
    },
    # "Actieve procesregiecasussen": "N (waarvan P PGA)". maatwerk for 2020 from 004 l.219 ("78
    # maatwerkdossiers ... en 49 PGA dossiers"; 78 + 49 = 127, consistent). l.219 also says the
    # active maatwerk cases fell by 27: 2019 maatwerk = 157 - 52 = 105, and 105 - 78 = 27,
    # consistent. 2019/2018 maatwerk are not printed (only derivable as total - pga).
    "active_direction_cases": {
        2020: {"total": 127, "pga": 49, "maatwerk": 78},
        2019: {"total": 157, "pga": 52},
        2018: {"total": 129, "pga": 32},
    },
    # "Vragen aan informatieknoppunt".
    "information_hub_questions": {2020: 112, 2019: 85, 2018: 185},
    # "Advies en ondersteuning vanuit expertisecentrum".
    "advice_and_support": {2020: 173, 2019: 241, 2018: 63},
    # 004 l.211 "Niet opgepakte aanmeldingen in 2020 : 0". No other year is given.
    "not_taken_up": {2020: 0},
    # Carried in / inflow / closed / carried out ("meegenomen, instroom, afgesloten en actief",
    # 004 l.210) are a chart for the whole province; only Emmen's are in the text (see
    # by_municipality below).
    # 004 "Aangemelde procesregie casuïstiek per convenantpartner", lines 180-196; keys are
    # FIGURE_CATEGORIES labels. The 23 lines add up to 33 (left column) + 17 (right column) = 50 =
    # the printed "Totaal". l.196: "Het totaal van 50 is inclusief 17 PGA dossiers."
    "registrations_by_partner": {
        2020: {
            "by_category": {
                "Andere zorg- en veiligheidshuizen": 0,
                "Cosis": 0,
                "DJI": 1,
                "Gemeente veiligheid": 24,
                "Gemeente sociaal domein": 2,
                "GGD (OGGZ)": 3,
                "GGZ Drenthe": 1,
                "JB Noord jeugdbescherming": 0,
                "JB Noord jeugdreclassering": 1,
                "Leger des Heils welzijn": 1,
                "Leger des Heils reclassering": 0,
                "MEE Drenthe": 0,
                "Menso": 0,
                "Openbaar Ministerie": 0,
                "Politie": 11,
                "Raad voor de Kinderbescherming": 0,
                "3 Reclasseringsorganisaties": 2,
                "ST": 0,
                "Stichting HALT": 0,
                "VNN": 1,
                "Veilig Thuis Drenthe": 3,
                "William Schrikker": 0,
                "ZSM": 0,
            },
            "total": 50,
            "total_includes_pga": 17,
        },
    },
    # "Procesregie- en adviescasussen per gemeente" (004 l.202) is a chart; the text only has its
    # footnotes (004 l.206-208) and the Emmen letter quotes Emmen's bars (000 l.41).
    "by_municipality": {
        2020: {
            "Emmen": {
                # 000 l.41 "in 67 dossiers regie heeft gevoerd ... 26 dossiers afgesloten en 41
                # dossiers zijn meegenomen naar 2021" (26 + 41 = 67, consistent).
                "active_direction_cases": 67,
                "closed": 26,
                "carried_out": 41,
                # 000 l.41 "De gemeente heeft in 2020 8 maal advies gevraagd".
                "advice": 8,
                # 004 l.206 "Inclusief 35 PGA dossiers (21 PGA, 14 jeugd-PGA)" (21 + 14 = 35).
                "pga_included": 35,
                "pga_adult": 21,
                "pga_youth": 14,
            },
            "Midden-Drenthe": {
                # 004 l.207 "Inclusief 11 jeugd-PGA dossiers, als onderdeel van een
                # groepsaanpak (vastgesteld door de driehoek)".
                "pga_youth_included": 11,
            },
            "Coevorden": {
                # 004 l.208 "Inclusief 3 PGA dossiers".
                "pga_included": 3,
            },
        },
    },
    # 004 "Leeftijden procesregie casuïstiek", lines 116-123, percentages (add up to 100).
    # Dutch labels: "<18 jaar", "18 t/m 23 jaar", "24 t/m 40 jaar", "41 t/m 65 jaar", ">65 jaar".
    "age_classes_pct": {
        2020: {
            "under_18": 18,
            "age_18_23": 17,
            "age_24_40": 43,
            "age_41_65": 21,
            "over_65": 1,
        },
    },
    # "Minderjarigen": 004 l.235 (and 000 l.49) "In 2020 is de hoofdpersoon van 12% van de
    # casuïstiek een minderjarige (in 2019 was dit 9%)". NB the age table above gives "<18 jaar"
    # 18% for 2020; the report does not explain the difference.
    "share_minors_pct": {2020: 12, 2019: 9},
    # "Gemeentegrens overstijgend": 004 l.231 (and 000 l.47) "23% van onze casuïstiek".
    "share_cross_municipal_pct": {2020: 23},
    # "problematische huisvesting (63%)": 004 l.223 (and 000 l.43).
    "share_problematic_housing_pct": {2020: 63},
    # Veelplegersoverleg per region, 004 lines 373-374 ("Noord / Zuidwest / Zuidoost / Drenthe").
    # The table has no year; it is in the 2020 report, so 2020. 24 + 34 + 21 = 79 = the printed
    # Drenthe total.
    "veelplegersoverleg": {
        2020: {"noord": 24, "zuidwest": 34, "zuidoost": 21, "drenthe": 79},
    },
    # Leerplicht Casusoverleg (LPCO), 004 lines 380-397.
    "lpco": {
        # "Aantal besproken jongeren in 2020", lines 380-387 (keys: municipality names). Lines add
        # up to 46, equal to the 2020 "Totaal" of the Afdoening table.
        "discussed_by_municipality": {
            2020: {
                "Aa en Hunze": 0,
                "Assen": 4,
                "Borger-Odoorn": 0,
                "Coevorden": 0,
                "De Wolden": 2,
                "Emmen": 10,
                "Hoogeveen": 13,
                "Meppel": 6,
                "Midden-Drenthe": 3,
                "Noordenveld": 4,
                "Tynaarlo": 2,
                "Westerveld": 2,
            },
        },
        # "Afdoening", lines 389-397. Dutch labels: "Trip", "Dagvaarden", "Bespreekcasus",
        # "Vroegtijdig schoolverlater" (DOMAIN.md writes "voortijdig"), "Geseponeerd", "Totaal".
        # 2019: 35 + 75 + 0 + 0 + 2 = 112 = Totaal; 2020: 14 + 30 + 2 + 0 + 0 = 46 = Totaal.
        "outcomes": {
            2019: {
                "trip": 35,
                "dagvaarden": 75,
                "bespreekcasus": 0,
                "vroegtijdig_schoolverlater": 0,
                "geseponeerd": 2,
                "total": 112,
            },
            2020: {
                "trip": 14,
                "dagvaarden": 30,
                "bespreekcasus": 2,
                "vroegtijdig_schoolverlater": 0,
                "geseponeerd": 0,
                "total": 46,
            },
        },
    },
    # Nazorg (ex-) gedetineerden, 004 lines 309-319: the chart "Cijfers nazorg (ex-)
    # gedetineerden" has no numbers in the text. What is printed: the five plus-task
    # municipalities (l.313) and the five basic conditions (l.315-319). Money: FINANCE.
    "aftercare": {
        "municipalities": ["Aa en Hunze", "Tynaarlo", "De Wolden", "Hoogeveen", "Midden-Drenthe"],
        # Dutch wording of the five "basisvoorwaarden", 004 l.315-319.
        "basic_conditions": [
            "Een geldig identiteitsbewijs.",
            "Onderdak na ontslag uit detentie.",
            "Inkomen uit werk of een (tijdelijke) uitkering (of een vorm van dagbesteding).",
            "Inzicht in en aanpak van schuldenproblematiek.",
            "Het vaststellen van zorgbehoeften en (indien van toepassing) het zorgen voor een "
            "passende indicatie, een zorgverzekering en het realiseren van (continuïteit van) "
            "zorg.",
        ],
    },
    # Mensenhandel: the 2020 report prints no signal counts; only the chain director's 0.67 fte
    # (004 l.432, see FINANCE) and the contribution (004 l.470-472). 2023 signals: see
    # FIGURES_OTHER_YEARS.
    "trafficking": {},
}

# Charts of the 2020 annual report whose numbers are not in the seed text (only the caption is),
# with the line of the caption in 004. A reports module cannot reproduce these from the seeds.
ANNUAL_REPORT_2020_CHARTS_WITHOUT_NUMBERS = [
    ("Hoofdonderwerp procesregie casuïstiek", 112),
    ("Verdeling man / vrouw", 138),
    ("Minderjarigen", 142),  # only the 12% / 9% of l.235
    ("Problematiek procesregie casuïstiek", 146),  # only housing 63% of l.223
    ("Aanmeldingen per domein", 198),
    ("Procesregie- en adviescasussen per gemeente", 202),  # only Emmen, via 000 l.41
    ("Cijfers nazorg (ex-) gedetineerden", 311),
]

# Case figures for other years that the seeds give in passing.
FIGURES_OTHER_YEARS = {
    2023: {
        # Midden-Drenthe letter (001) l.42 "Er is in 2023 voor 65 casussen procesregie ingezet."
        "direction_cases": 65,
        # 001 l.42 "In Midden-Drenthe zijn momenteel 4 actieve casussen" (at the letter's date,
        # 27 November 2024).
        "active_direction_cases_midden_drenthe": 4,
        # 001 l.45 "In totaal waren er in 2023 zestien actieve casussen" (levensloopaanpak).
        "active_levensloop_cases": 16,
        # 001 l.71 "In 2023 heeft dit geleid tot 67 nieuwe signalen van mogelijke mensenhandel."
        "trafficking_signals_new": 67,
    },
}
