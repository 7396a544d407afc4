"""The case figures of DOMAIN.md as code: one named function per figure, its definition beside it.

Every figure is a count in SQL. A scalar figure is a function that returns the *conditions* it
counts (``Q(...)``, one per part); `case_counts` counts all of them in ONE query over the cases
of the year (`case_rows`), so adding a figure adds a column, not a query or a loop. A breakdown
(by partner, municipality, topic, ...) is one GROUP BY query. Python only turns the few
aggregated rows into labels and percentages; it never walks records.

The cases app's own dates and status are the source of truth (cases.models):
- a *direction case* is a case with ``kind`` maatwerk or PGA (set exactly when the triage
  decision is procesregie maatwerk or PGA) and a ``started_on`` date;
- registration is ``registered_at`` (a moment; its year is taken in Europe/Amsterdam time, so a
  registration at 00:30 on 1 January is in the new year), start is ``started_on``, closing is
  ``closed_on`` (dates).

Figures are anonymous counts. They read the tables directly, not through ``visible_to``: who may
see which figures is decided by the report pages (`reports.policy`), and a municipal contact
gets the same functions restricted to their municipality.

The reports app reads them through the cases app's contract (`FIGURES`, registered in
cases/apps.py): `for_year` is the cases' part of a year's figures, `factsheet` a
municipality's.
"""

from __future__ import annotations

from collections import Counter

from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Func, IntegerField, Q
from django.db.models.functions import (
    TruncDate,
)

from cases.leadtimes import lead_times, lead_times_by_municipality, no_lead_times
from cases.models import CRITERIA, Case, CaseProblemArea, Gender, Kind, Status
from zvhd import terms
from zvhd.apps_contract import Definition, FiguresProvider
from zvhd.figures import Year, made, once, pct, pcts_summing_to_100
from zvhd.network.models import Municipality, OrganisationKind, Vocabulary
from zvhd.network.reference_data import FIGURE_CATEGORIES

# Definitions (Dutch, as printed next to the figures; DOMAIN.md "Figures"), in report order.
DEFINITIONS: list[Definition] = []


def _define(key: str, label: str, text: str) -> Definition:
    DEFINITIONS.append(Definition(key, label, text))
    return DEFINITIONS[-1]


DIRECTION = Q(kind__in=[Kind.MAATWERK, Kind.PGA], started_on__isnull=False)
PGA = Q(kind=Kind.PGA)


def _registered_in(y: Year) -> Q:
    return Q(registered_at__gte=y.start_moment, registered_at__lt=y.next_start_moment)


def _open_in(y: Year) -> Q:
    return (
        DIRECTION
        & Q(started_on__lte=y.last_day)
        & (Q(closed_on__isnull=True) | Q(closed_on__gte=y.first_day))
    )


def _total_and_pga(condition: Q) -> dict:
    return {"total": condition, "pga": condition & PGA}


# ---------------------------------------------------------------------------------------------
# Scalar figures over cases. Each returns {part: the condition a case counts under}.

_define(
    "registered_direction",
    "Aangemelde procesregiecasussen",
    "Casussen met als triagebesluit procesregie maatwerk of PGA en een aanmelddatum in het "
    "jaar; weergegeven als N (waarvan P PGA).",
)


def registered_direction(y: Year) -> dict:
    return _total_and_pga(DIRECTION & _registered_in(y))


_define(
    "active_direction",
    "Actieve procesregiecasussen",
    "Procesregiecasussen die op enig moment in het jaar open waren: gestart op of vóór "
    "31 december en niet afgesloten vóór 1 januari; weergegeven als N (waarvan P PGA).",
)


def active_direction(y: Year) -> dict:
    return _total_and_pga(_open_in(y))


_define(
    "carried_in",
    "Meegenomen",
    "Procesregiecasussen gestart vóór 1 januari en niet afgesloten vóór 1 januari.",
)


def carried_in(y: Year) -> dict:
    return {"n": _open_in(y) & Q(started_on__lt=y.first_day)}


_define(
    "inflow",
    "Instroom",
    "Procesregiecasussen gestart in het jaar (meegenomen + instroom = "
    "actief). Een casus aangemeld in december en gestart in januari is aangemeld in het ene "
    "jaar en instroom van het volgende.",
)


def inflow(y: Year) -> dict:
    return {"n": DIRECTION & Q(started_on__gte=y.first_day, started_on__lte=y.last_day)}


_define("closed", "Afgesloten", "Procesregiecasussen afgesloten in het jaar.")


def closed(y: Year) -> dict:
    return {"n": DIRECTION & Q(closed_on__gte=y.first_day, closed_on__lte=y.last_day)}


_define(
    "carried_out",
    "Meegenomen naar volgend jaar",
    "Actieve procesregiecasussen min de in het jaar afgesloten casussen.",
)
# carried_out = active - closed: computed from those two, no query of its own.


_define(
    "not_taken_up",
    "Niet opgepakte aanmeldingen",
    "Aanmeldingen in het jaar met als triagebesluit 'niet opgepakt'.",
)


def not_taken_up(y: Year) -> dict:
    return {"n": _registered_in(y) & Q(status=Status.NIET_OPGEPAKT)}


_define(
    "age_classes",
    "Leeftijden procesregie casuïstiek",
    "Leeftijd van de hoofdpersoon op de aanmelddatum, over de actieve procesregiecasussen; "
    "percentages in hele getallen (afgerond zodat ze samen 100 zijn).",
)

AGE_CLASSES = [
    ("<18", "<18 jaar", None, 17),
    ("18-23", "18 t/m 23 jaar", 18, 23),
    ("24-40", "24 t/m 40 jaar", 24, 40),
    ("41-65", "41 t/m 65 jaar", 41, 65),
    (">65", ">65 jaar", 66, None),
]


class _AgeInYears(Func):
    """PostgreSQL: completed years between a birth date and a day, `AGE(day, born)`."""

    template = "DATE_PART('year', AGE(%(expressions)s))::integer"
    output_field = IntegerField()


def _age_at_registration():
    """Whole years between birth and the (local) registration day: the age on that day.

    PostgreSQL's `AGE` on two dates counts a year complete on the birthday itself. (A
    portable yyyymmdd difference was ~17x slower on a million cases, issue 8.)
    """
    return _AgeInYears(TruncDate("registered_at"), F("person__birth_date"))


def _in_class(age: int, low: int | None, high: int | None) -> bool:
    return (low is None or age >= low) and (high is None or age <= high)


def age_classes(active_by_age: dict[int | None, int]) -> dict:
    """Counts per age class, from the active cases per age (see `case_counts`)."""
    return {
        key: sum(
            n for age, n in active_by_age.items() if age is not None and _in_class(age, low, high)
        )
        for key, _label, low, high in AGE_CLASSES
    }


_define(
    "minors",
    "Minderjarigen",
    "Aandeel van de actieve procesregiecasussen waarvan de hoofdpersoon op de aanmelddatum "
    "jonger was dan 18 jaar.",
)


def minors(active_by_age: dict[int | None, int]) -> dict:
    return {"n": sum(n for age, n in active_by_age.items() if age is not None and age < 18)}


_define(
    "cross_municipal",
    "Gemeentegrens overstijgend",
    "Aandeel van de actieve procesregiecasussen waarin de problematiek (ook) speelt buiten de "
    "gemeente waar de hoofdpersoon is ingeschreven, mogelijk buiten Drenthe: zoals bij de "
    "casus vastgelegd (bij de aanmelding of de import), niet afgeleid uit de gemeentevelden. "
    "Een casus waarbij het niet is vastgelegd, telt niet mee als gemeentegrens overstijgend.",
)


def cross_municipal(y: Year) -> dict:
    """The recorded flag (DOMAIN.md), not a comparison of the case's and the person's
    municipality: a person living in the case's municipality can have problems that play in
    another one, or outside Drenthe. Cases from before the flag existed got it once from that
    comparison (migration cases 0008)."""
    return {"n": _open_in(y) & Q(cross_municipal=True)}


_define(
    "problematic_housing",
    "Problematische huisvesting",
    "Aandeel van de actieve procesregiecasussen met het probleemgebied 'problematische "
    "huisvesting'.",
)


def problematic_housing(y: Year) -> dict:
    return {"n": _open_in(y) & Q(has_housing=True)}


SCALAR_FIGURES = {
    "registered_direction": registered_direction,
    "active_direction": active_direction,
    "carried_in": carried_in,
    "inflow": inflow,
    "closed": closed,
    "not_taken_up": not_taken_up,
    "cross_municipal": cross_municipal,
    "problematic_housing": problematic_housing,
}
# Figures over the age at registration: computed in Python from the active cases per age (one
# GROUP BY column), so the database computes each case's age once, not once per age class.
AGE_FIGURES = {"age_classes": age_classes, "minors": minors}


def _cases(municipality=None):
    # Figures count across everyone's cases (anonymous totals; see the module docstring).
    qs = Case._base_manager.all()
    if municipality is not None:
        qs = qs.filter(person__municipality=municipality)
    return qs


def _relevant(y: Year) -> Q:
    """The rows any figure of year Y can count: registered in Y, or directed at some time in Y."""
    return _registered_in(y) | _open_in(y)


CASE_ROW_KEYS = ("age", "topic", "person__gender", "person__municipality_id")


def case_rows(year: int, municipality=None) -> list[dict]:
    """The one pass over the year's cases (and their main persons) that the scalar figures
    and the active-case breakdowns are summed from.

    Grouped by the age at registration, the topic, the gender and the home municipality of
    the main person, with every scalar figure as a column: so each case's age is computed
    once (not once per age class), and the active cases and their persons are read once for
    the scalar figures, the age classes, topics, gender and municipalities, not four times.
    At most ages x topics x genders x municipalities rows, and never more than the cases.
    """
    key = ("cases.case_rows", year, getattr(municipality, "pk", None))
    if municipality is not None:
        # The province's pass, when this figures session made it (the dashboard's stored
        # figures of every municipality, issue 24), holds the municipality's own rows: it is
        # grouped by the home municipality of the main person, which is what the filter is.
        province = made(("cases.case_rows", year, None))
        if province is not None:
            return once(
                key,
                lambda: [r for r in province if r["person__municipality_id"] == municipality.pk],
            )
    return once(key, lambda: _case_rows(year, municipality))


def _case_rows(year: int, municipality=None) -> list[dict]:
    y = Year(year)
    # The inner query (the ORM): per case of the year its grouping keys and, per figure part,
    # whether the case counts; `pk IN (the cases with the area)` rather than a correlated
    # EXISTS per case: PostgreSQL runs the IN list as one hashed subplan.
    housing = CaseProblemArea._base_manager.filter(code="huisvesting").values("case_id")
    flags = {}
    for name, fn in SCALAR_FIGURES.items():
        for part, condition in fn(y).items():
            flags[f"f_{name}__{part}"] = ExpressionWrapper(condition, output_field=BooleanField())
    keys = {
        "k_age": _age_at_registration(),
        "k_topic": F("topic"),
        "k_gender": F("person__gender"),
        "k_home": F("person__municipality_id"),
    }
    per_case = (
        _cases(municipality)
        .filter(_relevant(y))
        .annotate(has_housing=ExpressionWrapper(Q(pk__in=housing), output_field=BooleanField()))
        .annotate(**keys, **flags)
        .values(*keys, *flags)
        .order_by()
    )
    sql, params = per_case.query.sql_with_params()
    # The outer query counts those flags per group. `OFFSET 0` keeps PostgreSQL from pulling
    # each condition into each count's FILTER again: every condition is evaluated once per
    # case and the rows sorted for the grouping are a few booleans wide, not the case's
    # columns (issue 20: 0.62 instead of 0.80-0.92 s of backend CPU at 1,000,000 cases).
    # Only the aliases made above go into the SQL; every value stays a parameter.
    quote = connection.ops.quote_name
    counts = ", ".join(f"COUNT(*) FILTER (WHERE {quote(flag)})" for flag in flags)
    group = ", ".join(quote(key) for key in keys)
    outer = f"SELECT {group}, {counts} FROM ({sql} OFFSET 0) per_case GROUP BY {group}"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        names = [*CASE_ROW_KEYS, *(flag.removeprefix("f_") for flag in flags)]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def active_pga_by_municipality(year: int, municipality=None) -> Counter:
    """Active PGA cases of `year` per home municipality id of the main person, summed from
    `case_rows` (so within a figures session no pass of its own): what the programmes' PGA
    split divides."""
    counts: Counter = Counter()
    for row in case_rows(year, municipality):
        if row["active_direction__pga"]:
            counts[row["person__municipality_id"]] += row["active_direction__pga"]
    return counts


def case_counts(year: int, municipality=None, *, rows=None) -> dict:
    """All scalar case figures of `year`: {figure: {part: n}}, summed from `case_rows`."""
    if rows is None:
        rows = case_rows(year, municipality)
    totals: Counter = Counter()
    active_by_age: Counter = Counter()
    for row in rows:
        totals.update({k: v for k, v in row.items() if k not in CASE_ROW_KEYS})
        active_by_age[row["age"]] += row["active_direction__total"]
    result: dict[str, dict] = {}
    for name, fn in SCALAR_FIGURES.items():
        result[name] = {part: totals[f"{name}__{part}"] for part in fn(Year(year))}
    for name, fn in AGE_FIGURES.items():
        result[name] = fn(active_by_age)
    return result


# ---------------------------------------------------------------------------------------------
# Breakdowns (one GROUP BY each)

_define(
    "registered_by_partner",
    "Aangemelde procesregie casuïstiek per convenantpartner",
    "Aangemelde procesregiecasussen in het jaar naar de aanmeldende organisatie; aanmeldingen "
    "door een gemeente gesplitst in 'Gemeente veiligheid' (OOV) en 'Gemeente sociaal domein'.",
)

UNKNOWN_MUNICIPAL_DOMAIN = "Gemeente (domein onbekend)"


def _partner_category(kind, category, short_name, name, domain) -> str:
    if kind == OrganisationKind.GEMEENTE:
        if domain == "veiligheid":
            return "Gemeente veiligheid"
        if domain == "sociaal":
            return "Gemeente sociaal domein"
        return UNKNOWN_MUNICIPAL_DOMAIN
    return category or short_name or name


def _registrations_by_organisation(year: int, municipality=None) -> list[tuple]:
    """Registered direction cases of the year per registering organisation and municipal
    domain: the one GROUP BY both the partner and the domain breakdown are read from."""
    return list(
        _cases(municipality)
        .filter(DIRECTION & _registered_in(Year(year)))
        .values_list(
            "registering_organisation__kind",
            "registering_organisation__figure_category",
            "registering_organisation__short_name",
            "registering_organisation__name",
            "municipal_domain",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )


def _grouped(year: int) -> bool:
    """Whether this figures session made the province's pass over the year: then it computes
    the figures of many municipalities (the dashboard's stored figures, issue 24), and their
    breakdowns come from one pass each grouped by home municipality, not one per
    municipality."""
    return made(("cases.case_rows", year, None)) is not None


def _municipal_registrations(year: int, municipality) -> list[tuple]:
    """`_registrations_by_organisation(year, municipality)`, from the session's one pass
    grouped by the home municipality of the main person when it computes many of them."""
    if municipality is None or not _grouped(year):
        return _registrations_by_organisation(year, municipality)
    grouped = once(
        ("cases.registrations_by_home", year),
        lambda: list(
            _cases()
            .filter(DIRECTION & _registered_in(Year(year)))
            .values_list(
                "person__municipality_id",
                "registering_organisation__kind",
                "registering_organisation__figure_category",
                "registering_organisation__short_name",
                "registering_organisation__name",
                "municipal_domain",
            )
            .annotate(n=Count("pk"))
            .order_by()
        ),
    )
    return [row[1:] for row in grouped if row[0] == municipality.pk]


def registered_by_partner(year: int, municipality=None, *, rows=None) -> dict[str, int]:
    """Every category of the 2020 report (zero included), in its order, then any others."""
    if rows is None:
        rows = _registrations_by_organisation(year, municipality)
    counts = dict.fromkeys(FIGURE_CATEGORIES, 0)
    for kind, category, short, name, domain, n in rows:
        label = _partner_category(kind, category, short, name, domain)
        counts[label] = counts.get(label, 0) + n
    return counts


_define(
    "registered_by_domain",
    "Aanmeldingen per domein",
    "Aangemelde procesregiecasussen in het jaar naar het domein van de aanmeldende organisatie "
    "(veiligheid, zorg, jeugd, gemeente, overig).",
)

DOMAINS = {
    "Veiligheid en justitie": {
        OrganisationKind.POLITIE,
        OrganisationKind.OM,
        OrganisationKind.DJI,
        OrganisationKind.RECLASSERING,
    },
    "Zorg": {
        OrganisationKind.GGZ,
        OrganisationKind.GGD,
        OrganisationKind.VERSLAVINGSZORG,
        OrganisationKind.VEILIG_THUIS,
        OrganisationKind.ZORG,
    },
    "Jeugd": {OrganisationKind.JEUGD},
    "Gemeente": {OrganisationKind.GEMEENTE},
}


def registered_by_domain(year: int, municipality=None, *, rows=None) -> dict[str, int]:
    if rows is None:
        rows = _registrations_by_organisation(year, municipality)
    result = dict.fromkeys(DOMAINS, 0)
    result["Overig"] = 0
    for kind, *_names, n in rows:
        domain = next((d for d, kinds in DOMAINS.items() if kind in kinds), "Overig")
        result[domain] += n
    return result


_define(
    "by_municipality",
    "Procesregie- en adviescasussen per gemeente",
    "Actieve procesregiecasussen en adviesvragen in het jaar naar de woongemeente van de "
    "hoofdpersoon of de gemeente van de vraagsteller.",
)


def _active_by_topic_gender_home(year: int, municipality=None, *, rows=None) -> list[tuple]:
    """Active direction cases of the year as (topic, gender, home municipality id, n) rows,
    summed from `case_rows`: what the topic, gender and municipality breakdowns read."""
    if rows is None:
        rows = case_rows(year, municipality)
    counts: Counter = Counter()
    for row in rows:
        if row["active_direction__total"]:
            key = (row["topic"], row["person__gender"], row["person__municipality_id"])
            counts[key] += row["active_direction__total"]
    return [(*key, n) for key, n in counts.items()]


def _sum_by(rows, position: int) -> Counter:
    counts: Counter = Counter()
    for row in rows:
        counts[row[position]] += row[-1]
    return counts


def direction_by_municipality(year: int, *, rows=None) -> dict[str, int]:
    if rows is None:
        rows = _active_by_topic_gender_home(year)
    counts = _sum_by(rows, 2)
    return {name: counts.get(pk, 0) for pk, name in _municipalities()}


def _municipalities() -> list[tuple[int, str]]:
    return list(Municipality.objects.order_by("name").values_list("pk", "name"))


_define(
    "topics",
    "Hoofdonderwerp procesregie casuïstiek",
    "Actieve procesregiecasussen naar het aandachtsgebied van de aanmelding.",
)


def topics(year: int, municipality=None, *, rows=None) -> dict[str, int]:
    if rows is None:
        rows = _active_by_topic_gender_home(year, municipality)
    counts = _sum_by(rows, 0)
    return {
        entry.label: counts.get(entry.code, 0)
        for entry in terms.entries(Vocabulary.AANDACHTSGEBIED)
        if entry.active or counts.get(entry.code)
    }


_define(
    "gender",
    "Verdeling man / vrouw",
    "Actieve procesregiecasussen naar het geslacht van de hoofdpersoon.",
)


def gender(year: int, municipality=None, *, rows=None) -> dict[str, int]:
    if rows is None:
        rows = _active_by_topic_gender_home(year, municipality)
    counts = _sum_by(rows, 1)
    return {str(label): counts.get(value, 0) for value, label in Gender.choices}


_define(
    "problem_areas",
    "Problematiek procesregie casuïstiek",
    "Actieve procesregiecasussen per probleemgebied; een casus met meer probleemgebieden telt "
    "bij elk mee, dus de som is groter dan het aantal casussen.",
)


_define(
    "lead_times",
    "Doorlooptijden",
    "Aanmelding → triagebesluit: werkdagen na de dag van aanmelding tot en met de dag van het "
    "besluit; zaterdag, zondag en de algemeen erkende feestdagen (Algemene termijnenwet, ook "
    "5 mei) tellen niet. Besluit → start procesregie en start → afsluiting: kalenderdagen. "
    "Per soort de mediaan en het 90e percentiel, over de casussen waarvan de latere datum in "
    "het jaar valt: een casus met een besluit op 31 december en een start op 2 januari telt "
    "het besluit in het ene jaar en de start in het volgende.",
)


def problem_areas(year: int, municipality=None) -> dict[str, int]:
    if municipality is not None and _grouped(year):
        # Many municipalities in this session: one pass grouped by home municipality.
        grouped = once(
            ("cases.problem_areas_by_home", year),
            lambda: list(
                CaseProblemArea._base_manager.filter(
                    case__in=_cases().filter(_open_in(Year(year))).values("pk")
                )
                .values_list("case__person__municipality_id", "code")
                .annotate(n=Count("pk"))
                .order_by()
            ),
        )
        counts = {code: n for home, code, n in grouped if home == municipality.pk}
    else:
        active = _cases(municipality).filter(_open_in(Year(year))).values("pk")
        counts = dict(
            CaseProblemArea._base_manager.filter(case__in=active)
            .values_list("code")
            .annotate(n=Count("pk"))
            .order_by()
        )
    return {
        entry.label: counts.get(entry.code, 0)
        for entry in terms.entries(Vocabulary.PROBLEEMGEBIED)
        if entry.active or counts.get(entry.code)
    }


# ---------------------------------------------------------------------------------------------
# The cases' part of the year's figures, for the reports app


def for_year(year: int, municipality=None) -> dict:
    """The case figures of `year` as JSON-able data (the reports app adds the other apps').

    Without a municipality it also holds ``direction_by_municipality`` (active direction
    cases per home municipality), which the reports app merges with the advice figures.
    """
    rows = case_rows(year, municipality)
    counts = case_counts(year, rows=rows)
    registrations = _municipal_registrations(year, municipality)
    active_rows = _active_by_topic_gender_home(year, rows=rows)
    active = counts["active_direction"]["total"]
    closed_n = counts["closed"]["n"]
    ages = {key: counts["age_classes"][key] for key, *_ in AGE_CLASSES}
    data = {
        "registered_direction": counts["registered_direction"],
        "active_direction": counts["active_direction"],
        "carried_in": counts["carried_in"]["n"],
        "inflow": counts["inflow"]["n"],
        "closed": closed_n,
        "carried_out": active - closed_n,
        "not_taken_up": counts["not_taken_up"]["n"],
        "age_classes_count": ages,
        "age_classes": pcts_summing_to_100(ages),
        "minors": counts["minors"]["n"],
        "minors_pct": pct(counts["minors"]["n"], active),
        "cross_municipal": counts["cross_municipal"]["n"],
        "cross_municipal_pct": pct(counts["cross_municipal"]["n"], active),
        "problematic_housing": counts["problematic_housing"]["n"],
        "problematic_housing_pct": pct(counts["problematic_housing"]["n"], active),
        "registered_by_partner": registered_by_partner(year, rows=registrations),
        "registered_by_domain": registered_by_domain(year, rows=registrations),
        "topics": topics(year, rows=active_rows),
        "gender": gender(year, rows=active_rows),
        "problem_areas": problem_areas(year, municipality),
        "lead_times": _lead_times(year, municipality),
    }
    if municipality is None:
        data["direction_by_municipality"] = direction_by_municipality(year, rows=active_rows)
    return data


def _lead_times(year: int, municipality=None) -> dict:
    if municipality is None or not _grouped(year):
        return lead_times(year, municipality)
    grouped = once(("cases.lead_times_by_home", year), lambda: lead_times_by_municipality(year))
    return grouped.get(municipality.pk) or no_lead_times()


def factsheet(year: int, municipality) -> dict:
    """What a municipal factsheet shows of the cases: its direction cases of the year."""
    return _factsheet(case_counts(year, municipality))


def factsheets(year: int, municipalities) -> dict[int, dict]:
    """Every municipality's `factsheet` at once ({pk: factsheet}), from the year's one pass
    (`case_rows` without a municipality, shared within a figures session with the year's
    figures): its rows are grouped by the home municipality of the main person, which is
    what `factsheet` filters on, so a municipality's rows are its own pass."""
    by_home: dict = {m.pk: [] for m in municipalities}
    for row in case_rows(year):
        if row["person__municipality_id"] in by_home:
            by_home[row["person__municipality_id"]].append(row)
    return {pk: _factsheet(case_counts(year, rows=rows)) for pk, rows in by_home.items()}


def _factsheet(counts: dict) -> dict:
    active = counts["active_direction"]
    return {
        "registered_direction": counts["registered_direction"],
        "active_direction": active,
        "carried_in": counts["carried_in"]["n"],
        "inflow": counts["inflow"]["n"],
        "closed": counts["closed"]["n"],
        "carried_out": active["total"] - counts["closed"]["n"],
        "not_taken_up": counts["not_taken_up"]["n"],
    }


FIGURES = FiguresProvider(
    for_year=for_year,
    factsheet=factsheet,
    factsheets=factsheets,
    definitions=DEFINITIONS,
    vocabulary={"age_classes": AGE_CLASSES, "criteria": CRITERIA},
)
