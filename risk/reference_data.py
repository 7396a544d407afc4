"""Reference data of the risk app (plain literals; loaded by risk/reference.py).

The instrument is a NEUTRAL EXAMPLE, not a validated risk assessment instrument: no seed names
one (the 2025 jaarplan, seed 003, only asks to "implementeren van de werkwijze m.b.t.
risicotaxaties door en met partners"). It lets the app work from the first day; the
functioneel beheerder adds the instruments the partners really use (and may retire this one).
"""

EXAMPLE_INSTRUMENT = {
    "name": "Neutraal voorbeeldinstrument (geen gevalideerd instrument)",
    "guidance": (
        "Dit is een neutraal voorbeeld dat met de applicatie wordt meegeleverd; het is geen "
        "gevalideerd risicotaxatie-instrument. Score per domein: 0 = geen zorg, 1 = enige zorg, "
        "2 = duidelijke zorg, 3 = ernstige zorg. Het totaalniveau is een professioneel oordeel, "
        "geen optelsom."
    ),
    "scale_min": 0,
    "scale_max": 3,
    "domains": [
        ("Geweld en agressie", "Dreiging of gebruik van geweld, ook tegen hulpverleners."),
        ("Middelengebruik", "Alcohol, drugs, gokken."),
        ("Psychisch functioneren", "Psychische problematiek, LVB, zorgmijding."),
        ("Wonen en financiën", "Dreigende dakloosheid, schulden."),
        ("Sociaal netwerk", "Steun of druk uit het systeem en de omgeving."),
        ("Justitiële voorgeschiedenis", "Recente delicten, lopende trajecten."),
    ],
}

# Kinds of safety flags (issue 20: "danger to staff, weapons, do not visit alone").
FLAG_KINDS = [
    ("Gevaar voor medewerkers", "Eerdere dreiging of geweld tegen hulpverleners."),
    ("Wapenbezit", "Bekend of vermoed bezit van wapens."),
    ("Niet alleen op huisbezoek", "Huisbezoek altijd met twee personen."),
    ("Agressieve dieren", "Bijvoorbeeld een gevaarlijke hond in huis."),
    ("Besmettingsgevaar", "Neem voorzorgsmaatregelen bij contact."),
]
