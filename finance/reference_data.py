"""Reference data of the finance app, copied from the seed documents.

Contributions, distribution keys, accounts, budgets, reserve, liaisons and plus tasks.

Plain Python literals only (no Django, no imports). The seed files, the way they are cited
(file and line) and the conventions (whole euros as ``int``, decimals as ``str``, nothing
invented) are described in the house's part, ``zvhd/network/reference_data.py``.
"""

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
