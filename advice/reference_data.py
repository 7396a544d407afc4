"""Reference data of the advice app, copied from the seed documents.

The topics (aandachtsgebieden).

Plain Python literals only (no Django, no imports). The seed files, the way they are cited
(file and line) and the conventions (whole euros as ``int``, decimals as ``str``, nothing
invented) are described in the house's part, ``zvhd/network/reference_data.py``.
"""

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
