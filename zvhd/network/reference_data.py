"""Reference data for the Zorg- en Veiligheidshuis Drenthe, copied from the seed documents.

Plain Python literals only (no Django, no imports), so a data migration, a management command,
a fixture builder and the tests can all read the same facts.

Seed files (in ``shared/seeds/``; line numbers below are per file):

- ``000_1151a7c9073bd5c2.txt``: letter of the college of Emmen to its council, 1 September 2021,
  "Jaarstukken 2020 Zorg- en Veiligheidshuis Drenthe" (below: *Emmen letter*).
- ``001_e10d5ba90d8f415b.txt``: letter of the college of Midden-Drenthe to its council,
  27 November 2024, "jaarstukken ZVHD en aanpassing begroting" (below: *Midden-Drenthe letter*).
- ``002_eda7cf7f51db3535.txt``: letter of the stuurgroep Veiligheidshuis Drenthe to the Drenthe
  colleges, 24 July 2018, "Doorontwikkeling Veiligheidshuis Drenthe" (below: *2018 letter*).
- ``003_f1281e4de3ff8e4f.txt``: "Jaarplan en begroting 2025" (below: *plan 2025*).
- ``004_aab852765112c6b8.txt``: "Jaarverslag Zorg- en Veiligheidshuis Drenthe 2020"
  (below: *annual report 2020*).

Conventions:

- Amounts are whole euros as ``int``; decimals (percentages, fte) are ``str`` with a decimal
  point ("5.07"), ready for ``Decimal``. A "-" printed in a money table is ``None``.
- Years are ``int`` keys.
- Where a table has a total, a comment says whether its lines add up to it. Where the document's
  own total differs from the sum of its lines, both are kept (``total`` and ``lines_sum``).
- Figures that the annual report shows only as a chart (no numbers in the text) are absent and
  listed in ``ANNUAL_REPORT_2020_CHARTS_WITHOUT_NUMBERS``; nothing here is invented.
"""

# ---------------------------------------------------------------------------------------------
# Regions.
# Annual report 2020 (004), "Enkele ontwikkelingen in het kort", line 304: "alle Drentse regio's
# (Noord, Zuidoost, Zuidwest)"; order as in the Veelplegersoverleg table, lines 373-374.
REGIONS = [
    ("noord", "Noord"),
    ("zuidwest", "Zuidwest"),
    ("zuidoost", "Zuidoost"),
]

# ---------------------------------------------------------------------------------------------
# Municipalities.
# Names and order: 2018 letter (002), table "Totale gemeentelijke bijdrage 2019", lines 64-84.
#
# region: NOT in the seeds. The annual report names the three regions (004 l.304) and counts the
# Veelplegersoverleg per region (004 l.373-374) but never says which municipality is in which.
# Used here: the usual Drenthe split of the police basic teams / Veiligheidsregio Drenthe
# regions (Noord- en Midden-Drenthe, Zuidwest-Drenthe, Zuidoost-Drenthe). Midden-Drenthe is the
# least certain one (it is sometimes grouped on its own); check with ZVHD before relying on it.
#
# cbs_code: NOT in the seeds; public CBS gemeentecodes (stable since the 1998 Drenthe
# reorganisation), filled in from general knowledge.
#
# inhabitants: the seeds give NO inhabitant numbers for any year (the 2020 key is "per
# inwoneraantal, uitgaande van het bij het CBS laatst bekende aantal inwoners", Emmen letter 000
# l.55, but no figures are printed), so every dict is empty. Fill from CBS StatLine, not here.
MUNICIPALITIES = [
    {
        "name": "Aa en Hunze",
        "slug": "aa-en-hunze",
        "region": "noord",
        "cbs_code": "GM1680",
        "inhabitants": {},
    },
    {
        "name": "Assen",
        "slug": "assen",
        "region": "noord",
        "cbs_code": "GM0106",
        "inhabitants": {},
    },
    {
        "name": "Borger-Odoorn",
        "slug": "borger-odoorn",
        "region": "zuidoost",
        "cbs_code": "GM1681",
        "inhabitants": {},
    },
    {
        "name": "Coevorden",
        "slug": "coevorden",
        "region": "zuidoost",
        "cbs_code": "GM0109",
        "inhabitants": {},
    },
    {
        "name": "De Wolden",
        "slug": "de-wolden",
        "region": "zuidwest",
        "cbs_code": "GM1690",
        "inhabitants": {},
    },
    {
        "name": "Emmen",
        "slug": "emmen",
        "region": "zuidoost",
        "cbs_code": "GM0114",
        "inhabitants": {},
    },
    {
        "name": "Hoogeveen",
        "slug": "hoogeveen",
        "region": "zuidwest",
        "cbs_code": "GM0118",
        "inhabitants": {},
    },
    {
        "name": "Meppel",
        "slug": "meppel",
        "region": "zuidwest",
        "cbs_code": "GM0119",
        "inhabitants": {},
    },
    {
        "name": "Midden-Drenthe",
        "slug": "midden-drenthe",
        "region": "noord",
        "cbs_code": "GM1731",
        "inhabitants": {},
    },
    {
        "name": "Noordenveld",
        "slug": "noordenveld",
        "region": "noord",
        "cbs_code": "GM1699",
        "inhabitants": {},
    },
    {
        "name": "Tynaarlo",
        "slug": "tynaarlo",
        "region": "noord",
        "cbs_code": "GM1730",
        "inhabitants": {},
    },
    {
        "name": "Westerveld",
        "slug": "westerveld",
        "region": "zuidwest",
        "cbs_code": "GM1701",
        "inhabitants": {},
    },
]

# ---------------------------------------------------------------------------------------------
# Registering-partner categories.
# Annual report 2020 (004), table "Aangemelde procesregie casuïstiek per convenantpartner",
# lines 180-196. The text is a two-column layout: the left column (lines 183-194) has a legend
# code, the label and the count; the right column has label and count. Order: left column top to
# bottom, then right column top to bottom (roughly alphabetical, as the report prints it).
# The labels are copied exactly. Note: the report's label for municipal safety registrations is
# "Gemeente veiligheid" with legend code "OOV" (DOMAIN.md writes "gemeente veiligheid (OOV)");
# the social-domain label is "Gemeente sociaal domein" (code "SD"). "ST" is printed as is and is
# not expanded anywhere in the seeds.
FIGURE_CATEGORIES = [
    "Andere zorg- en veiligheidshuizen",
    "Cosis",
    "DJI",
    "Gemeente veiligheid",
    "Gemeente sociaal domein",
    "GGD (OGGZ)",
    "GGZ Drenthe",
    "JB Noord jeugdbescherming",
    "JB Noord jeugdreclassering",
    "Leger des Heils welzijn",
    "Leger des Heils reclassering",
    "MEE Drenthe",
    "Menso",
    "Openbaar Ministerie",
    "Politie",
    "Raad voor de Kinderbescherming",
    "3 Reclasseringsorganisaties",
    "ST",
    "Stichting HALT",
    "VNN",
    "Veilig Thuis Drenthe",
    "William Schrikker",
    "ZSM",
]

# Same table (004 l.183-194): the legend codes printed in the left column, label -> code. The right
# column has no codes.
FIGURE_CATEGORY_LEGEND_CODES = {
    "Andere zorg- en veiligheidshuizen": "ZVH",
    "Cosis": "Cosis",
    "DJI": "DJI",
    "Gemeente veiligheid": "OOV",
    "Gemeente sociaal domein": "SD",
    "GGD (OGGZ)": "GGD Drenthe",
    "GGZ Drenthe": "GGZ Drenthe",
    "JB Noord jeugdbescherming": "JB Noord jeugdbescherming",
    "JB Noord jeugdreclassering": "JB Noord jeugdreclassering",
    "Leger des Heils welzijn": "Leger des Heils welzijn",
    "Leger des Heils reclassering": "Leger des Heils reclassering",
    "MEE Drenthe": "MEE Drenthe",
}

# ---------------------------------------------------------------------------------------------
# Organisations: the convenant partners, the ZVHD bureau and one organisation per municipality.
# Sources: DOMAIN.md "What ZVHD is"; annual report 2020 (004) l.180-194 (registering partners),
# l.289-293 (liaisons; 3RO = "Reclassering Nederland, Stichting Verslavingszorg Reclassering en
# Leger des Heils Reclassering"); plan 2025 (003) l.159 (GGZ Drenthe, VNN), l.335 ("VTD"),
# l.436-437 (JB Noord, Raad voor de Kinderbescherming), l.544-545 (liaisons OM, DJI, Politie,
# Reclassering).
# Keys: name (unique), short_name, kind (one of the OrganisationKind values), figure_category (a
# FIGURE_CATEGORIES label or None), municipality (slug, only for kind "gemeente").
# Full names not spelled out in the seeds (e.g. "Verslavingszorg Noord Nederland" for VNN,
# "William Schrikker Stichting") are common knowledge, not seed facts.
ORGANISATIONS = [
    {
        # The bureau itself; it is not a registering category in the report (it registers,
        # e.g., aftercare records it escalates to direction, but the report has no row for that).
        "name": "Zorg- en Veiligheidshuis Drenthe",
        "short_name": "ZVHD",
        "kind": "zvhd",
        "figure_category": None,
        "municipality": None,
    },
    {
        "name": "Politie",
        "short_name": "Politie",
        "kind": "politie",
        "figure_category": "Politie",
        "municipality": None,
    },
    {
        "name": "Openbaar Ministerie",
        "short_name": "OM",
        "kind": "om",
        "figure_category": "Openbaar Ministerie",
        "municipality": None,
    },
    {
        "name": "Dienst Justitiële Inrichtingen",
        "short_name": "DJI",
        "kind": "dji",
        "figure_category": "DJI",
        "municipality": None,
    },
    # The three probation organisations of 3RO (004 l.293). The report counts "3
    # Reclasseringsorganisaties" and, separately, "Leger des Heils reclassering"; so Leger des
    # Heils JB&R gets its own category and the other two count under the 3RO row.
    {
        "name": "Reclassering Nederland",
        "short_name": "RN",
        "kind": "reclassering",
        "figure_category": "3 Reclasseringsorganisaties",
        "municipality": None,
    },
    {
        "name": "Leger des Heils Jeugdbescherming & Reclassering",
        "short_name": "LJ&R",
        "kind": "reclassering",
        "figure_category": "Leger des Heils reclassering",
        "municipality": None,
    },
    {
        # 004 l.293 calls it "Stichting Verslavingszorg Reclassering"; in Drenthe it is the
        # probation unit of VNN.
        "name": "Verslavingsreclassering (VNN)",
        "short_name": "VNN Reclassering",
        "kind": "reclassering",
        "figure_category": "3 Reclasseringsorganisaties",
        "municipality": None,
    },
    {
        "name": "GGD Drenthe",
        "short_name": "GGD",
        "kind": "ggd",
        "figure_category": "GGD (OGGZ)",
        "municipality": None,
    },
    {
        "name": "GGZ Drenthe",
        "short_name": "GGZ Drenthe",
        "kind": "ggz",
        "figure_category": "GGZ Drenthe",
        "municipality": None,
    },
    {
        "name": "Verslavingszorg Noord Nederland",
        "short_name": "VNN",
        "kind": "verslavingszorg",
        "figure_category": "VNN",
        "municipality": None,
    },
    {
        "name": "Veilig Thuis Drenthe",
        "short_name": "VTD",
        "kind": "veilig_thuis",
        "figure_category": "Veilig Thuis Drenthe",
        "municipality": None,
    },
    # The report counts JB Noord as two partners, "JB Noord jeugdbescherming" and "JB Noord
    # jeugdreclassering" (004 l.190-191); a registration names no department, so each
    # department is an organisation of its own, like the two sides of the Leger des Heils.
    {
        "name": "JB Noord jeugdbescherming",
        "short_name": "JB Noord JB",
        "kind": "jeugd",
        "figure_category": "JB Noord jeugdbescherming",
        "municipality": None,
    },
    {
        "name": "JB Noord jeugdreclassering",
        "short_name": "JB Noord JR",
        "kind": "jeugd",
        "figure_category": "JB Noord jeugdreclassering",
        "municipality": None,
    },
    {
        "name": "Raad voor de Kinderbescherming",
        "short_name": "RvdK",
        "kind": "jeugd",
        "figure_category": "Raad voor de Kinderbescherming",
        "municipality": None,
    },
    {
        # The welfare side of the Leger des Heils; its probation side is LJ&R above.
        "name": "Leger des Heils",
        "short_name": "LdH",
        "kind": "zorg",
        "figure_category": "Leger des Heils welzijn",
        "municipality": None,
    },
    {
        "name": "MEE Drenthe",
        "short_name": "MEE",
        "kind": "zorg",
        "figure_category": "MEE Drenthe",
        "municipality": None,
    },
    {
        "name": "William Schrikker",
        "short_name": "WSS",
        "kind": "jeugd",
        "figure_category": "William Schrikker",
        "municipality": None,
    },
    {
        "name": "Stichting HALT",
        "short_name": "HALT",
        "kind": "jeugd",
        "figure_category": "Stichting HALT",
        "municipality": None,
    },
    {
        "name": "Cosis",
        "short_name": "Cosis",
        "kind": "zorg",
        "figure_category": "Cosis",
        "municipality": None,
    },
    {
        "name": "Menso",
        "short_name": "Menso",
        "kind": "zorg",
        "figure_category": "Menso",
        "municipality": None,
    },
    {
        # ZSM is a way of working of the criminal-justice chain under the OM (004 l.255).
        "name": "ZSM",
        "short_name": "ZSM",
        "kind": "overig",
        "figure_category": "ZSM",
        "municipality": None,
    },
    {
        # The other ZVHs (e.g. Groningen and Friesland, 004 l.289) as one partner, as the
        # report counts them.
        "name": "Andere zorg- en veiligheidshuizen",
        "short_name": "ZVH",
        "kind": "zvh",
        "figure_category": "Andere zorg- en veiligheidshuizen",
        "municipality": None,
    },
    # One organisation per municipality. figure_category is None on purpose: the domain of the
    # registration decides between "Gemeente veiligheid" (OOV) and "Gemeente sociaal domein"
    # (004 l.186-187; see SPLIT_FIGURE_CATEGORIES).
    {
        "name": "Gemeente Aa en Hunze",
        "short_name": "Aa en Hunze",
        "kind": "gemeente",
        "figure_category": None,
        "municipality": "aa-en-hunze",
    },
    {
        "name": "Gemeente Assen",
        "short_name": "Assen",
        "kind": "gemeente",
        "figure_category": None,
        "municipality": "assen",
    },
    {
        "name": "Gemeente Borger-Odoorn",
        "short_name": "Borger-Odoorn",
        "kind": "gemeente",
        "figure_category": None,
        "municipality": "borger-odoorn",
    },
    {
        "name": "Gemeente Coevorden",
        "short_name": "Coevorden",
        "kind": "gemeente",
        "figure_category": None,
        "municipality": "coevorden",
    },
    {
        "name": "Gemeente De Wolden",
        "short_name": "De Wolden",
        "kind": "gemeente",
        "figure_category": None,
        "municipality": "de-wolden",
    },
    {
        "name": "Gemeente Emmen",
        "short_name": "Emmen",
        "kind": "gemeente",
        "figure_category": None,
        "municipality": "emmen",
    },
    {
        "name": "Gemeente Hoogeveen",
        "short_name": "Hoogeveen",
        "kind": "gemeente",
        "figure_category": None,
        "municipality": "hoogeveen",
    },
    {
        "name": "Gemeente Meppel",
        "short_name": "Meppel",
        "kind": "gemeente",
        "figure_category": None,
        "municipality": "meppel",
    },
    {
        "name": "Gemeente Midden-Drenthe",
        "short_name": "Midden-Drenthe",
        "kind": "gemeente",
        "figure_category": None,
        "municipality": "midden-drenthe",
    },
    {
        "name": "Gemeente Noordenveld",
        "short_name": "Noordenveld",
        "kind": "gemeente",
        "figure_category": None,
        "municipality": "noordenveld",
    },
    {
        "name": "Gemeente Tynaarlo",
        "short_name": "Tynaarlo",
        "kind": "gemeente",
        "figure_category": None,
        "municipality": "tynaarlo",
    },
    {
        "name": "Gemeente Westerveld",
        "short_name": "Westerveld",
        "kind": "gemeente",
        "figure_category": None,
        "municipality": "westerveld",
    },
]

# Annual report 2020 (004) l.186-187: organisations whose registrations fall under one of
# several categories, chosen per registration. Keyed by ORGANISATIONS kind ("gemeente": the
# municipal domain of the registration decides). JB Noord's two departments are two
# organisations (see ORGANISATIONS), so they need no split.
SPLIT_FIGURE_CATEGORIES = {
    "gemeente": ["Gemeente veiligheid", "Gemeente sociaal domein"],
}

# ---------------------------------------------------------------------------------------------
# Problem areas of direction cases.
# The annual report's chart "Problematiek procesregie casuïstiek" (004 l.146) has no labels or
# numbers in the text, so the labels are the report's own words where it uses them elsewhere:
#   psychisch, verslaving, lvb, huisvesting: 004 l.223 ("psychische problematiek in combinatie met
#     verslaving en/of een LVB (licht verstandelijke beperking) ... problematische huisvesting");
#   schulden: 004 l.318 ("schuldenproblematiek");
#   huiselijk_geweld: 004 l.263 ("huiselijk geweld");
#   stalking: 004 l.172 ("stalkingscasus");
#   mensenhandel: 004 l.432 ("Ketenregisseur mensenhandel");
#   radicalisering: not in the 2020 report; plan 2025 (003) l.204 ("Radicalisering");
#   jeugdcriminaliteit: not in the 2020 report; plan 2025 (003) l.924 ("jongeren die afglijden
#     naar het criminele milieu");
#   overig: not in any seed; a catch-all label.
PROBLEM_AREAS = [
    ("psychisch", "Psychische problematiek"),
    ("verslaving", "Verslaving"),
    ("lvb", "LVB (licht verstandelijke beperking)"),
    ("huisvesting", "Problematische huisvesting"),
    ("schulden", "Schuldenproblematiek"),
    ("huiselijk_geweld", "Huiselijk geweld"),
    ("radicalisering", "Radicalisering"),
    ("mensenhandel", "Mensenhandel"),
    ("stalking", "Stalking"),
    ("jeugdcriminaliteit", "Jongeren die afglijden naar het criminele milieu"),
    ("overig", "Overig"),
]

# ---------------------------------------------------------------------------------------------
# Topics (aandachtsgebieden).
# Plan 2025 (003), Bijlage 1 "Kerntaken — Kennis en expertisenetwerk", "Aandachtsgebieden zijn:",
# lines 917-931; wording copied (first letter capitalised, list punctuation dropped). The plan's
# body uses longer headings for the same themes (003 l.106, 151, 204, 234, 285, 327, 363).
# The annual report's chart "Hoofdonderwerp procesregie casuïstiek" (004 l.112) has no labels in
# the text, so its categories could not be copied.
TOPICS = [
    ("ex_gedetineerden", "(ex) gedetineerden met een hoog veiligheidsrisico"),
    (
        "multiproblematiek",
        "Mensen met multiproblematiek, waaronder verward gedrag, met een hoog veiligheidsrisico",
    ),
    (
        "radicalisering",
        "Geradicaliseerde personen, potentieel gevaarlijke eenlingen en polarisatie",
    ),
    ("criminele_jongeren", "Jongeren die afglijden naar het criminele milieu"),
    ("mensenhandel", "Mensenhandel en uitbuiting"),
    (
        "geweld_afhankelijkheidsrelaties",
        "(langdurig) geweld in afhankelijkheidsrelaties met een hoog veiligheidsrisico "
        "(waaronder stalking)",
    ),
    ("jeugdgroepen", "Expertise en ondersteuning aanpak problematische jeugdgroepen"),
]

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

# ---------------------------------------------------------------------------------------------
# Money.
FINANCE = {
    # 2018 letter (002), "Financiële consequenties", lines 62-84: table "Totale gemeentelijke
    # bijdrage 2019" in document order (Midden-Drenthe to Westerveld follow a page break at
    # l.80-83). Key: footnote l.74 "de verdeelsleutel is: 70/30 (Emmen-Hoogeveen-Assen/ overige
    # gemeenten) gebaseerd op het gemiddelde percentage casussen in een gemeente".
    # Check: 3 x 95.317 + 9 x 13.617 = 285.951 + 122.553 = 408.504 = the printed Totaal.
    "contributions_2019": {
        "distribution_key": {
            "name": "70/30",
            "description": (
                "70/30 (Emmen-Hoogeveen-Assen/ overige gemeenten) gebaseerd op het gemiddelde "
                "percentage casussen in een gemeente"
            ),
            "group_a": ["Assen", "Emmen", "Hoogeveen"],
            "group_a_pct": 70,
            "group_b_pct": 30,
            "split_within_group": "gelijk",
        },
        "lines": {
            "Aa en Hunze": 13617,
            "Assen": 95317,
            "Borger-Odoorn": 13617,
            "Coevorden": 13617,
            "De Wolden": 13617,
            "Emmen": 95317,
            "Hoogeveen": 95317,
            "Meppel": 13617,
            "Midden-Drenthe": 13617,
            "Noordenveld": 13617,
            "Tynaarlo": 13617,
            "Westerveld": 13617,
        },
        "total": 408504,
    },
    # 2018 letter (002) l.49-52 and l.62: the improvement proposals behind the 2019 increase.
    "increase_2019": {
        # "structurele verhoging van de begroting ... met €265.000,-"
        "budget_increase": 265000,
        # "€200.000,- extra bijdrage gevraagd van de twaalf Drentse gemeenten"
        "from_municipalities": 200000,
        # "ambitie om een bedrag van €65.000 in te laten vullen door de andere ketenpartners"
        # (200.000 + 65.000 = 265.000, consistent)
        "from_partners_ambition": 65000,
        # l.49: "informatiemakelaars van 0,77 fte [naar] 2,5 fte en ... procesregisseurs van 2
        # naar 4 fte"
        "fte": {
            "informatiemakelaars": {"from": "0.77", "to": "2.5"},
            "procesregisseurs": {"from": "2", "to": "4"},
        },
    },
    # Emmen letter (000) l.55 and l.57: the key adopted by the colleges in February/March 2020.
    # No per-municipality amounts or inhabitant numbers are printed for it.
    "distribution_key_2020": {
        "name": "20/80 inwoners",
        "description": (
            "de gemeente Assen, Hoogeveen en Emmen gezamenlijk 20% van de kosten; de resterende "
            "kosten per inwoneraantal, uitgaande van het bij het CBS laatst bekende aantal "
            "inwoners, over de 12 gemeenten verdeeld"
        ),
        "group_a": ["Assen", "Emmen", "Hoogeveen"],
        "group_a_pct": 20,
        "remainder_pct": 80,
        "remainder_basis": "inwoners (CBS, laatst bekend), alle 12 gemeenten",
        "adopted": "februari/maart 2020",
        "indexation": "jaarlijkse indexering o.b.v. de loonprijscompensatie",
    },
    # Annual report 2020 (004), "Financiën", lines 407-494 (an infographic: labels and amounts on
    # separate lines). Realisation 2020.
    "accounts_2020": {
        # "KOSTEN 817.300" (l.411). 81.413 + 724.227 + 11.660 = 817.300: adds up.
        "kosten": {
            "Algemeen plus huisvesting": 81413,
            "Personeel": 724227,
            "Nazorg ex-gedetineerden": 11660,
        },
        "kosten_total": 817300,
        # "Baten 827.282" (l.447). Lines in document order; a list because "Nazorg
        # ex-gedetineerden" appears twice (l.465-468 bold, 14.214; l.474-477 bold, 11.660).
        # All seven lines add up to 870.818, not 827.282. Without the first "Nazorg
        # ex-gedetineerden" 14.214 and "BTW" 29.322 they add up to exactly 827.282, so those two
        # are probably not part of the Baten total; the infographic does not say.
        "baten": [
            ("Rijksbijdrage", 197900),
            ("Bijdrage gemeenten", 454457),
            ("Nazorg ex-gedetineerden", 14214),
            ("Bijdrage mensenhandel", 93393),
            ("Nazorg ex-gedetineerden", 11660),
            ("Zon MW (regio coördinator WvGGZ)", 69872),
            ("BTW", 29322),
        ],
        "baten_total": 827282,
        "baten_lines_sum": 870818,
        # "Σ Resultaat 9.984" (l.488). Baten - kosten = 827.282 - 817.300 = 9.982; the Emmen letter
        # (000 l.59) gives a saldo of 9.983 (= 21.534 - 11.551). Three different values.
        "resultaat": 9984,
        "resultaat_computed": 9982,
        # "Algemene reserve 58.001" (l.492-494), presumably the balance at the end of 2020.
        "algemene_reserve": 58001,
        # "Formatie", lines 429-433 (fte, as printed; "0,5" written with a comma). Sum 8.64; no
        # total printed.
        "formatie_fte": {
            "Procesregisseur": "3.39",
            "Proces-ondersteuner": "2.3",
            "Ketenregisseur mensenhandel": "0.67",
            "Regiocoördinator WvGGZ": "0.5",
            "Manager": "0.89",
            "Ondersteuning": "0.89",
        },
    },
    # Emmen letter (000) about the 2020 accounts.
    "accounts_2020_emmen_letter": {
        # l.53 "met een totaalbedrag van € 454.455,-- voor 2020" (the annual report, 004 l.463,
        # prints 454.457 for "Bijdrage gemeenten").
        "municipal_contributions_total": 454455,
        # l.53 "Jaarlijks wordt een rijksbijdrage ontvangen van € 197.900,--" (= 004 l.456).
        "rijksbijdrage": 197900,
        # l.59 expenses above budget, income above budget, saldo added to the reserve.
        "expenses_above_budget": 11551,
        "income_above_budget": 21534,
        "saldo_to_reserve": 9983,
    },
    # Emmen letter (000) l.57: "De bijdrage van de gemeente Emmen voor het ZVHD voor 2022
    # bedraagt inclusief de kosten voor de regisseur Mensenhandel, € 141,181,--" (printed with a
    # comma as thousands separator).
    "contribution_emmen_2022": 141181,
    # Midden-Drenthe letter (001) about the 2023 accounts, l.58: "negatief resultaat van
    # -€ 18.373. De eindstand van de algemene reserve komt daarmee op € 225.212."
    "accounts_2023": {
        "resultaat": -18373,
        "algemene_reserve_end": 225212,
    },
    # Midden-Drenthe letter (001) l.89-93: its 2025 contribution ("deelnemersbijdrage"), the
    # amount it had budgeted, and the shortfall (59.949 - 41.458 = 18.491: adds up).
    "contribution_midden_drenthe_2025": {
        "deelnemersbijdrage": 59949,
        "begroot": 41458,
        "tekort": 18491,
    },
    # Plan 2025 (003), budget table, lines 826-872. Columns "Begroting 2024 nieuw" (5,07 % index)
    # and "Begroting 2025" (4,18 % index). Lines in document order. "parent" names the group
    # heading a line belongs to (None: top level). The groups are not marked consistently in the
    # document, so they were derived from the sums:
    # - "Personeel gerelateerde kosten" = Inhuur derden + Opleidingskosten + Reiskosten + Overige
    #   personeelskosten (2024: 0 + 42.000 + 24.500 + 13.500 = 80.000; 2025: 43.756 + 25.524 +
    #   14.064 = 83.344): adds up.
    # - "Algemene kosten" = the four "- " lines + "Ondersteuningskosten" (printed without the
    #   dash): 2024: 12.500 + 51.263 + 14.321 + 2.403 + 13.073 = 93.560, adds up; 2025: 13.023 +
    #   78.135 + 14.920 + 2.504 + 13.619 = 122.201, one more than the printed 122.200.
    # - Income "ZVHD" = Rijksbijdrage + Bijdrage gemeenten plustaken + Onttrekking reserve t.b.v.
    #   Personeel + Cofinanciering + LvMzVv (2024: 1.200.824, 2025: 1.369.133): adds up.
    # - Income "Justitiabelen" = Bijdrage begeleiden + Bijdrage Nazorg (2024: 69.957, 2025:
    #   72.957): adds up.
    "budget": {
        "columns": {2024: "Begroting 2024 nieuw", 2025: "Begroting 2025"},
        "indexation_pct": {2024: "5.07", 2025: "4.18"},
        "kosten": [
            {
                "line": "Personeel ZVHD (exclusief jeugd)",
                "parent": None,
                "amounts": {2024: 1003942, 2025: 1064753},
            },
            {
                "line": "Personeel Justitiabelen",
                "parent": None,
                "amounts": {2024: 66977, 2025: 72956},
            },
            {
                "line": "Personeel Aanpak Mensenhandel",
                "parent": None,
                "amounts": {2024: 191286, 2025: 256713},
            },
            {
                "line": "Personeel ZonMw",
                "parent": None,
                "amounts": {2024: 280522, 2025: 410262},
            },
            {
                "line": "Personeel gerelateerde kosten",
                "parent": None,
                "amounts": {2024: 80000, 2025: 83344},
            },
            {
                # printed "- -"
                "line": "Inhuur derden (Ziektevervanging)",
                "parent": "Personeel gerelateerde kosten",
                "amounts": {2024: None, 2025: None},
            },
            {
                "line": "Opleidingskosten personeel",
                "parent": "Personeel gerelateerde kosten",
                "amounts": {2024: 42000, 2025: 43756},
            },
            {
                "line": "Reiskosten",
                "parent": "Personeel gerelateerde kosten",
                "amounts": {2024: 24500, 2025: 25524},
            },
            {
                "line": "Overige personeelskosten",
                "parent": "Personeel gerelateerde kosten",
                "amounts": {2024: 13500, 2025: 14064},
            },
            {
                "line": "Algemene kosten",
                "parent": None,
                "amounts": {2024: 93560, 2025: 122200},
            },
            {
                "line": "Client volgsysteem",
                "parent": "Algemene kosten",
                "amounts": {2024: 12500, 2025: 13023},
            },
            {
                "line": "ICT",
                "parent": "Algemene kosten",
                "amounts": {2024: 51263, 2025: 78135},
            },
            {
                "line": "Bijeenkomsten ketenpartners /deskundigheidsbevordering",
                "parent": "Algemene kosten",
                "amounts": {2024: 14321, 2025: 14920},
            },
            {
                "line": "Ontwikkelbudget ICT",
                "parent": "Algemene kosten",
                "amounts": {2024: 2403, 2025: 2504},
            },
            {
                "line": "Ondersteuningskosten (ict, financiën, p&o, etc)",
                "parent": "Algemene kosten",
                "amounts": {2024: 13073, 2025: 13619},
            },
            {
                "line": "Algemene kosten aanpak mensenhandel",
                "parent": None,
                "amounts": {2024: 16000, 2025: 16669},
            },
            {
                "line": "Kosten huisvesting",
                "parent": None,
                "amounts": {2024: 45000, 2025: 68835},
            },
            {
                "line": "Onvoorzien",
                "parent": None,
                "amounts": {2024: 4000, 2025: 4167},
            },
            {
                "line": "Plustaken t.b.v. gemeenten",
                "parent": None,
                "amounts": {2024: 2995, 2025: 3120},
            },
            {
                # 2025 printed "-" (while the income line "Bijdrage Nazorg ex-gedetineerden" is
                # 30.000 in 2025; the cost presumably moved into "Personeel Justitiabelen").
                "line": "Plusprodukt nazorg ex-gedetineerden",
                "parent": None,
                "amounts": {2024: 27000, 2025: None},
            },
        ],
        # "Totaal uitgaven" (l.852). Top-level lines add up to 1.811.282 in 2024 (document:
        # 1.811.281, one less) and to 2.103.019 in 2025 (document: 2.103.019, adds up).
        "kosten_total": {2024: 1811281, 2025: 2103019},
        "kosten_lines_sum": {2024: 1811282, 2025: 2103019},
        "inkomsten": [
            {
                "line": "ZVHD",
                "parent": None,
                "amounts": {2024: 1200824, 2025: 1369133},
            },
            {
                "line": "Rijksbijdrage",
                "parent": "ZVHD",
                "amounts": {2024: 454926, 2025: 454926},
            },
            {
                "line": "Bijdrage gemeenten plustaken, specificatie gemeentebijdrage",
                "parent": "ZVHD",
                "amounts": {2024: 2995, 2025: 3120},
            },
            {
                "line": "Onttrekking reserve t.b.v. Personeel",
                "parent": "ZVHD",
                "amounts": {2024: 65289, 2025: 35080},
            },
            {
                "line": "Cofinanciering Drentse gemeenten",
                "parent": "ZVHD",
                "amounts": {2024: 662614, 2025: 857370},
            },
            {
                "line": "LvMzVv",
                "parent": "ZVHD",
                "amounts": {2024: 15000, 2025: 18637},
            },
            {
                "line": "Justitiabelen",
                "parent": None,
                "amounts": {2024: 69957, 2025: 72957},
            },
            {
                "line": "Bijdrage begeleiden van ex-gedetineerden",
                "parent": "Justitiabelen",
                "amounts": {2024: 42957, 2025: 42957},
            },
            {
                "line": "Bijdrage Nazorg ex-gedetineerden",
                "parent": "Justitiabelen",
                "amounts": {2024: 27000, 2025: 30000},
            },
            {
                "line": "Aanpak mensenhandel",
                "parent": None,
                "amounts": {2024: 240610, 2025: 250667},
            },
            {
                "line": "ZonMw",
                "parent": None,
                "amounts": {2024: 279890, 2025: 410262},
            },
            {
                # 2025 printed "=" (an OCR'd "-").
                "line": "Onttrekking reserve",
                "parent": None,
                "amounts": {2024: 20000, 2025: None},
            },
        ],
        # "Totale inkomsten" (l.866). Top-level lines add up to 1.811.281 in 2024 (adds up) and
        # to 2.103.019 in 2025; the document prints 2.103.020 (one more), also at l.870 and in
        # DOMAIN.md. Costs 2025 are printed as 2.103.019, yet "Begrotingssaldo" is 0.
        "inkomsten_total": {2024: 1811281, 2025: 2103020},
        "inkomsten_lines_sum": {2024: 1811281, 2025: 2103019},
        # l.867
        "begrotingssaldo": {2024: 0, 2025: 0},
    },
    # Reserve ("Stand algemene reserve", plan 2025 003 l.868 and l.872; end 2023 from the
    # Midden-Drenthe letter 001 l.58; end 2020 from 004 l.492-494).
    # Movements (computed, consistent): 225.212 - 65.289 (onttrekking t.b.v. personeel) -
    # 20.000 (onttrekking reserve) = 139.923 (2024); 139.923 - 35.080 = 104.843 (2025).
    # Percentages: 139.923 / 1.811.281 = 7,73 %; 104.843 / 2.103.020 = 4,99 %: consistent.
    "reserve": {
        "balance_end": {2020: 58001, 2023: 225212, 2024: 139923, 2025: 104843},
        "withdrawals": {
            2024: {"Onttrekking reserve t.b.v. Personeel": 65289, "Onttrekking reserve": 20000},
            2025: {"Onttrekking reserve t.b.v. Personeel": 35080, "Onttrekking reserve": None},
        },
        # "Percentage algemene reserve t.o.v. totale begroting"
        "pct_of_total_budget": {2024: "7.73", 2025: "4.99"},
    },
    # Liaisons contributed in kind ("Inzet vanuit de ketenpartners").
    "liaison_contributions": {
        # 004 lines 435-443 (no total printed; the lines add up to 149.150). l.443: "0,25 fte vanuit
        # politie is structureel. 1 fte vanuit politie is van november 2019 tot nov. 2021."
        2020: {
            "Liaison OM": 34000,
            "Liaison DJI": 34350,
            "Liaison GGD": 6600,
            "Liaison Politie": 72500,
            "Liaison Reclassering vanaf 1 december": 1700,
        },
        # 003 lines 874-884: two columns headed "Kosten per jaar", taken to be 2024 and 2025
        # like the budget columns. Totaal 114.500 in both; lines add up.
        2024: {
            "Liaison OM": 34000,
            "Liaison DJI": 36000,
            "Liaison Reclassering": 20500,
            "Liaison Politie": 24000,
        },
        2025: {
            "Liaison OM": 34000,
            "Liaison DJI": 36000,
            "Liaison Reclassering": 20500,
            "Liaison Politie": 24000,
        },
        "totals": {2024: 114500, 2025: 114500},
    },
    # Plus tasks: who buys them and what the seeds say they bring in. No per-municipality
    # plus-task amounts are given in any seed.
    "plus_tasks": {
        # Plan 2025 (003) l.764-766 (six, 2025); annual report 2020 (004) l.313 (five, 2020;
        # Meppel is not among them).
        "nazorg": {
            "buyers": {
                2020: ["Aa en Hunze", "Tynaarlo", "De Wolden", "Hoogeveen", "Midden-Drenthe"],
                2025: [
                    "Aa en Hunze",
                    "De Wolden",
                    "Hoogeveen",
                    "Meppel",
                    "Midden-Drenthe",
                    "Tynaarlo",
                ],
            },
            # 2020: the infographic has two "Nazorg ex-gedetineerden" baten (14.214 and 11.660)
            # and a cost line of 11.660 (004 l.427, 465-477). 2024/2025: budget income line
            # "Bijdrage Nazorg ex-gedetineerden" and cost line "Plusprodukt nazorg
            # ex-gedetineerden" (003 l.851, 862).
            "income": {2020: [14214, 11660], 2024: 27000, 2025: 30000},
            "cost": {2020: 11660, 2024: 27000, 2025: None},
        },
        # Plan 2025 (003) l.786-788: "Deelname aan het tactisch veiligheidsoverleg (TVO) van de
        # gemeenten Assen, Midden-Drenthe en Tynaarlo". The budget line "Plustaken t.b.v.
        # gemeenten" / "Bijdrage gemeenten plustaken" (003 l.850, 856) is not labelled TVO in the
        # document; it is the only municipal plus-task line besides nazorg, so presumably TVO.
        "tvo": {
            "buyers": {2025: ["Assen", "Midden-Drenthe", "Tynaarlo"]},
            "income": {2024: 2995, 2025: 3120},
            "cost": {2024: 2995, 2025: 3120},
        },
        # Plan 2025 (003) l.717-719: "De aanpak van mensenhandel voor de gehele provincie
        # Drenthe" (all twelve). Income: 2020 "Bijdrage mensenhandel" (004 l.470-472); 2024/2025
        # "Aanpak mensenhandel" (003 l.863).
        "mensenhandel": {
            "buyers": "alle twaalf gemeenten",
            "income": {2020: 93393, 2024: 240610, 2025: 250667},
        },
    },
}

# ---------------------------------------------------------------------------------------------
# Municipalities that buy the aftercare (nazorg ex-gedetineerden) plus task, per year, in the
# order the seeds list them: 2020 from the annual report 2020 (004) l.313; 2025 from plan 2025
# (003) l.764-766 ("Zes van de twaalf gemeenten", l.109-110). Other years are not stated.
AFTERCARE_MUNICIPALITIES = {
    2020: ["Aa en Hunze", "Tynaarlo", "De Wolden", "Hoogeveen", "Midden-Drenthe"],
    2025: ["Aa en Hunze", "De Wolden", "Hoogeveen", "Meppel", "Midden-Drenthe", "Tynaarlo"],
}
