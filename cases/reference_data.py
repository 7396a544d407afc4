"""Reference data of the cases app, copied from the seed documents.

The problem areas of direction cases.

Plain Python literals only (no Django, no imports). The seed files, the way they are cited
(file and line) and the conventions (whole euros as ``int``, decimals as ``str``, nothing
invented) are described in the house's part, ``zvhd/network/reference_data.py``.
"""

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

# Legal bases (grondslagen) under which partners provide data to the samenwerkingsverband
# (issue 20 part 2; DOMAIN.md "Privacy": "the Wgs for the samenwerkingsverband; the partner's
# own basis, e.g. Wpg for police data, Wjsg for justice data, the municipal task, consent,
# conflict of duties under professional secrecy"). The functioneel beheerder keeps the list;
# these are the first rows. (code, name, explanation)
LEGAL_BASES = [
    (
        "wgs",
        "Wgs — samenwerkingsverband Zorg- en Veiligheidshuis",
        "Wet gegevensverwerking door samenwerkingsverbanden (in werking 1 maart 2025).",
    ),
    (
        "wpg",
        "Wpg — politiegegevens",
        "Wet politiegegevens: verstrekking door de politie.",
    ),
    (
        "wjsg",
        "Wjsg — justitiële en strafvorderlijke gegevens",
        "Wet justitiële en strafvorderlijke gegevens: verstrekking door OM, DJI of reclassering.",
    ),
    (
        "avg-6-1-e",
        "AVG art. 6 lid 1 sub e — gemeentelijke taak",
        "Taak van algemeen belang of openbaar gezag van de gemeente.",
    ),
    (
        "avg-9",
        "AVG art. 9 — bijzondere persoonsgegevens",
        "Met de uitzondering op het verbod die de verstrekkende organisatie noemt.",
    ),
    (
        "toestemming",
        "Toestemming van de betrokkene",
        "De betrokkene heeft toestemming gegeven voor deze verstrekking.",
    ),
    (
        "conflict-van-plichten",
        "Conflict van plichten (beroepsgeheim)",
        "Doorbreking van het beroepsgeheim na afweging van een conflict van plichten.",
    ),
]
