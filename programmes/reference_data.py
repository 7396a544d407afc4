"""Reference data of the programmes app: the programme tags (issue 20 part 3).

Plain Python literals only. The names come from the seeds: the 2025 jaarplan (003) names the
levensloopaanpak ("in totaal waren er in 2023 zestien actieve casussen"), ISD, PIJ and TBS
measures, the Wet PGA radicalisering, the youth-group tables, the casustafel stalking and the
experttafel onbegrepen gedrag; the 2020 annual report (004 l.206-207) splits PGA into "PGA"
and "jeugd-PGA" ("Inclusief 35 PGA dossiers (21 PGA, 14 jeugd-PGA)").

Keys: code (stable, never shown), name (as shown), description, apart_within_pga (counted as
its own part of the PGA cases, as the 2020 report does with jeugd-PGA), order.
The functioneel beheerder renames, adds and retires tags (Beheer → Programma's); the loader
adds each code once and never overwrites what was changed.
"""

PROGRAMMES = [
    {
        "code": "levensloopaanpak",
        "name": "Levensloopaanpak",
        "description": "Langdurige aanpak volgens de Ketenveldnorm voor personen met "
        "ernstige, langdurige problematiek.",
        "apart_within_pga": False,
    },
    {
        "code": "isd",
        "name": "ISD-maatregel",
        "description": "Maatregel Inrichting Stelselmatige Daders.",
        "apart_within_pga": False,
    },
    {
        "code": "pij",
        "name": "PIJ-maatregel",
        "description": "Plaatsing in een inrichting voor jeugdigen.",
        "apart_within_pga": False,
    },
    {
        "code": "tbs",
        "name": "TBS",
        "description": "Terbeschikkingstelling.",
        "apart_within_pga": False,
    },
    {
        "code": "jeugd-pga",
        "name": "Jeugd-PGA",
        "description": "Persoonsgerichte aanpak voor jeugdigen; in de cijfers een eigen deel "
        "van de PGA-casussen, zoals in het jaarverslag 2020.",
        "apart_within_pga": True,
    },
    {
        "code": "radicalisering",
        "name": "Radicalisering (Wet PGA)",
        "description": "Persoonsgerichte aanpak radicalisering en terroristisch gedrag.",
        "apart_within_pga": False,
    },
    {
        "code": "jeugdgroep",
        "name": "Jeugdgroep",
        "description": "Aanpak van een problematische jeugdgroep.",
        "apart_within_pga": False,
    },
    {
        "code": "stalking",
        "name": "Stalking",
        "description": "Besproken aan de casustafel stalking.",
        "apart_within_pga": False,
    },
    {
        "code": "onbegrepen-gedrag",
        "name": "Onbegrepen gedrag",
        "description": "Besproken aan de experttafel onbegrepen gedrag.",
        "apart_within_pga": False,
    },
]
