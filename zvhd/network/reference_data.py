"""Reference data for the Zorg- en Veiligheidshuis Drenthe, copied from the seed documents.

This is the house's part: regions, municipalities, the registering-partner categories and
the organisations. Each app keeps its own part in its own ``reference_data`` module (cases:
problem areas; advice: topics; aftercare: the municipalities per year; finance: the money;
reports: the figures of the annual report), so the house imports no app.

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
