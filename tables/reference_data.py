"""Reference data of the tables app: the kinds of thematic table.

Plain Python literals only (no Django, no imports); loaded by `tables.reference` after every
`migrate` (zvhd/network/reference.py). The functioneel beheerder renames, adds or retires kinds
afterwards (Beheer → Soorten tafels); the loader never puts back a kind once loaded.

Where each kind comes from:
  ketenkamer: DOMAIN.md ("weekly *ketenkamer*"); one table of this kind (tables/migrations/0003),
    whose meetings are the cases app's ketenkamers; its code is fixed (tables.models.KETENKAMER);
  casustafel_stalking, experttafel_onbegrepen_gedrag, routeeroverleg, jeugdgroep, tvo: issue 20
    and the 2025 plan (seed 003: "casustafel stalking", "experttafel onbegrepen gedrag",
    "routeeroverleg", "tafels waar een groep wordt besproken", "TVO");
  veelplegersoverleg, lpco: DOMAIN.md ("monthly *Veelplegersoverleg*", "*Leerplicht
    Casusoverleg*").
(code, label, description, shows other registrations)
"""

KINDS = [
    ("ketenkamer", "Ketenkamer", "Wekelijkse triage van nieuwe aanmeldingen.", False),
    (
        "casustafel_stalking",
        "Casustafel stalking",
        "Gezamenlijke aanpak van stalkingszaken.",
        False,
    ),
    (
        "experttafel_onbegrepen_gedrag",
        "Experttafel onbegrepen gedrag",
        "Advies over personen met onbegrepen (verward) gedrag.",
        False,
    ),
    (
        "routeeroverleg",
        "Routeeroverleg",
        "Bepaalt de route van een melding; toont of een persoon of huishouden vaker is aangemeld.",
        True,
    ),
    (
        "jeugdgroep",
        "Jeugdgroep",
        "Tafel waar een problematische jeugdgroep wordt besproken.",
        False,
    ),
    (
        "tvo",
        "Tactisch veiligheidsoverleg (TVO)",
        "Plustaak voor Assen, Midden-Drenthe en Tynaarlo.",
        False,
    ),
    ("veelplegersoverleg", "Veelplegersoverleg", "Maandelijks, per regio.", False),
    ("lpco", "Leerplicht Casusoverleg (LPCO)", "Maandelijks, per gemeente.", False),
]
