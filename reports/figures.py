"""The figures of DOMAIN.md as code: one named function per figure, its definition beside it.

Every figure is a queryset aggregate. A scalar figure is a function that returns the aggregate
*expressions* it needs (``Count(..., filter=Q(...))``); `case_counts` runs all of them in ONE
query over the cases of the year, so adding a figure adds a column, not a query or a loop. A
breakdown (by partner, municipality, topic, ...) is one GROUP BY query. Python only turns the
few aggregated rows into labels and percentages; it never walks records.

The cases app's own dates and status are the source of truth (cases.models):
- a *direction case* is a case with ``kind`` maatwerk or PGA (set exactly when the triage
  decision is procesregie maatwerk or PGA) and a ``started_on`` date;
- registration is ``registered_at`` (a moment; its year is taken in Europe/Amsterdam time, so a
  registration at 00:30 on 1 January is in the new year), start is ``started_on``, closing is
  ``closed_on`` (dates).

Figures are anonymous counts. They read the tables directly, not through ``visible_to``: who may
see which figures is decided by the report pages (`reports.policy`), and a municipal contact
gets the same functions restricted to their municipality.

`year_figures(year)` returns everything of one year as a JSON-able dict (what a snapshot
freezes and what the dashboard, the PDF and the exports read); `key_figures(year)` is the
national key-figures delivery (``manage.py figures YEAR --format json`` and the API).
"""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q
from django.db.models.functions import (
    TruncDate,
)

from cases.models import Case, CaseProblemArea, Gender, Kind, Status, Topic
from zvhd.network import reference_data as ref
from zvhd.network.models import Municipality, OrganisationKind

# ---------------------------------------------------------------------------------------------
# Definitions (Dutch, as printed next to the figures; DOMAIN.md "Figures")


@dataclass(frozen=True)
class Definition:
    key: str
    label: str
    text: str


DEFINITIONS: dict[str, Definition] = {}


def _define(key: str, label: str, text: str) -> Definition:
    DEFINITIONS[key] = Definition(key, label, text)
    return DEFINITIONS[key]


# ---------------------------------------------------------------------------------------------
# The year


@dataclass(frozen=True)
class Year:
    """Year Y = 1 January up to and including 31 December, in Dutch local time."""

    year: int

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, 12, 31)

    @property
    def start_moment(self) -> datetime:
        return datetime(self.year, 1, 1, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def next_start_moment(self) -> datetime:
        return datetime(self.year + 1, 1, 1, tzinfo=ZoneInfo(settings.TIME_ZONE))


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
    return {"total": Count("pk", filter=condition), "pga": Count("pk", filter=condition & PGA)}


# ---------------------------------------------------------------------------------------------
# Scalar figures over cases. Each returns {name: aggregate expression}.

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
    condition = _open_in(y) & Q(started_on__lt=y.first_day)
    return {"n": Count("pk", filter=condition)}


_define(
    "inflow",
    "Instroom",
    "Procesregiecasussen gestart in het jaar (meegenomen + instroom = "
    "actief). Een casus aangemeld in december en gestart in januari is aangemeld in het ene "
    "jaar en instroom van het volgende.",
)


def inflow(y: Year) -> dict:
    condition = DIRECTION & Q(started_on__gte=y.first_day, started_on__lte=y.last_day)
    return {"n": Count("pk", filter=condition)}


_define("closed", "Afgesloten", "Procesregiecasussen afgesloten in het jaar.")


def closed(y: Year) -> dict:
    condition = DIRECTION & Q(closed_on__gte=y.first_day, closed_on__lte=y.last_day)
    return {"n": Count("pk", filter=condition)}


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
    condition = _registered_in(y) & Q(status=Status.NIET_OPGEPAKT)
    return {"n": Count("pk", filter=condition)}


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
    "gemeente waar de hoofdpersoon is ingeschreven: de gemeente van de casus is een andere dan "
    "de woongemeente van de hoofdpersoon.",
)


def cross_municipal(y: Year) -> dict:
    condition = _open_in(y) & ~Q(municipality=F("person__municipality"))
    return {"n": Count("pk", filter=condition)}


_define(
    "problematic_housing",
    "Problematische huisvesting",
    "Aandeel van de actieve procesregiecasussen met het probleemgebied 'problematische "
    "huisvesting'.",
)


def problematic_housing(y: Year) -> dict:
    return {"n": Count("pk", filter=_open_in(y) & Q(has_housing=True))}


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


@contextmanager
def _figures_session():
    """Run the figure queries in one transaction with PostgreSQL's JIT compiler off.

    Each figure query is a single aggregate over the year's rows; PostgreSQL's cost estimate
    for one over a million cases passes `jit_above_cost`, and compiling the expressions then
    took longer (2.8 s in EXPLAIN ANALYZE) than running them. `SET LOCAL` ends with the
    transaction, so nothing else on the connection is affected.
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


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
    y = Year(year)
    expressions = {}
    for name, fn in SCALAR_FIGURES.items():
        for part, expression in fn(y).items():
            expressions[f"{name}__{part}"] = expression
    housing = CaseProblemArea._base_manager.filter(case=OuterRef("pk"), code="huisvesting")
    return list(
        _cases(municipality)
        .filter(_relevant(y))
        .annotate(age=_age_at_registration(), has_housing=Exists(housing))
        .values(*CASE_ROW_KEYS)
        .annotate(**expressions)
        .order_by()
    )


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


def registered_by_partner(year: int, municipality=None, *, rows=None) -> dict[str, int]:
    """Every category of the 2020 report (zero included), in its order, then any others."""
    if rows is None:
        rows = _registrations_by_organisation(year, municipality)
    counts = dict.fromkeys(ref.FIGURE_CATEGORIES, 0)
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


def _municipality_names() -> list[str]:
    return [name for _pk, name in _municipalities()]


_define(
    "topics",
    "Hoofdonderwerp procesregie casuïstiek",
    "Actieve procesregiecasussen naar het aandachtsgebied van de aanmelding.",
)


def topics(year: int, municipality=None, *, rows=None) -> dict[str, int]:
    if rows is None:
        rows = _active_by_topic_gender_home(year, municipality)
    counts = _sum_by(rows, 0)
    return {str(label): counts.get(value, 0) for value, label in Topic.choices}


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


def problem_areas(year: int, municipality=None) -> dict[str, int]:
    active = _cases(municipality).filter(_open_in(Year(year))).values("pk")
    counts = dict(
        CaseProblemArea._base_manager.filter(case__in=active)
        .values_list("code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {label: counts.get(code, 0) for code, label in ref.PROBLEM_AREAS}


# ---------------------------------------------------------------------------------------------
# Other apps' figures join here; each app computes its own (never duplicated here).


_define(
    "trafficking",
    "Mensenhandel",
    "Nieuwe signalen van mogelijke mensenhandel met een signaaldatum in het jaar (alleen "
    "aantallen, nooit personen); per gemeente: de gemeente van verblijf of uitbuiting.",
)


def trafficking_counts(year: int, municipality=None) -> dict:
    from trafficking.figures import figures_for_year

    figures = figures_for_year(year)
    if municipality is not None:
        by_name = {row.label: row.count for row in figures.by_municipality}
        return {"signals": by_name.get(municipality.name, 0)}
    return {
        "signals": figures.signals,
        "minors": figures.minors,
        "reported_to_comensha": figures.reported_to_comensha,
        "by_form": {row.label: row.count for row in figures.by_form},
        "by_reporter": {row.label: row.count for row in figures.by_reporter},
        "by_follow_up": {row.label: row.count for row in figures.by_follow_up},
        "by_municipality": {row.label: row.count for row in figures.by_municipality},
    }


def app_ready(label: str) -> bool:
    """Whether an app that joins the figures has its models yet (advice and aftercare arrive
    in their own issues); until then its figures are absent, never zero."""
    try:
        return bool(list(apps.get_app_config(label).get_models()))
    except LookupError:
        return False


_define(
    "information_hub_questions",
    "Vragen aan informatieknooppunt",
    "Adviesrecords met een datum in het jaar van de soort 'vraag aan informatieknooppunt'.",
)
_define(
    "advice_and_support",
    "Advies en ondersteuning vanuit expertisecentrum",
    "Adviesrecords met een datum in het jaar van de soort 'advies kort' of 'ondersteuning "
    "lokale casus'.",
)


def advice_counts(year: int, municipality=None) -> dict | None:
    """Advice records of the year by kind (advice.models.AdviceKind), and by municipality."""
    if not app_ready("advice"):
        return None
    from advice.models import AdviceKind, AdviceRecord

    y = Year(year)
    records = AdviceRecord._base_manager.filter(date__gte=y.first_day, date__lte=y.last_day)
    if municipality is not None:
        records = records.filter(municipality=municipality)
    totals = records.aggregate(
        hub=Count("pk", filter=Q(kind=AdviceKind.INFORMATIEKNOOPPUNT)),
        support=Count("pk", filter=Q(kind__in=[AdviceKind.ADVIES_KORT, AdviceKind.ONDERSTEUNING])),
        total=Count("pk"),
    )
    result = {
        "information_hub_questions": totals["hub"],
        "advice_and_support": totals["support"],
        "total": totals["total"],
    }
    if municipality is None:
        by_name = dict(records.values_list("municipality__name").annotate(n=Count("pk")).order_by())
        result["by_municipality"] = {name: by_name.get(name, 0) for name in _municipality_names()}
        # Questions about no one municipality (province-wide) have no row of their own.
        result["province_wide"] = by_name.get(None, 0)
    return result


def aftercare_counts(year: int, municipality=None) -> dict | None:
    """Aftercare figures, from the aftercare app's own `figures.for_report` (its definitions
    live there); None only while the app has no tables yet ("nog niet geregistreerd")."""
    if not app_ready("aftercare"):
        return None
    try:
        from aftercare.figures import for_report
    except ImportError:
        return None
    return for_report(year, municipality=municipality)


# ---------------------------------------------------------------------------------------------
# Percentages


def pct(part: int, whole: int) -> int | None:
    """Whole percent, half up; None when there is nothing to divide by."""
    if not whole:
        return None
    return int((Decimal(part) * 100 / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def pcts_summing_to_100(counts: dict[str, int]) -> dict[str, int | None]:
    """Whole percentages that add up to exactly 100 (largest remainder), as a report prints."""
    total = sum(counts.values())
    if not total:
        return dict.fromkeys(counts)
    exact = {key: Decimal(n) * 100 / total for key, n in counts.items()}
    floors = {key: int(value) for key, value in exact.items()}
    short = 100 - sum(floors.values())
    by_remainder = sorted(exact, key=lambda k: (exact[k] - floors[k], counts[k]), reverse=True)
    for key in by_remainder[:short]:
        floors[key] += 1
    return floors


# ---------------------------------------------------------------------------------------------
# Everything of one year


def year_figures(year: int, municipality=None) -> dict:
    """All figures of `year` as plain JSON-able data (what a snapshot stores).

    With `municipality`, only that municipality's direction cases, advice and aftercare, and
    the count of trafficking signals (its dashboard and factsheet); no province-wide tables.
    """
    with _figures_session():
        return _year_figures(year, municipality)


def _year_figures(year: int, municipality=None) -> dict:
    rows = case_rows(year, municipality)
    counts = case_counts(year, rows=rows)
    registrations = _registrations_by_organisation(year, municipality)
    active_rows = _active_by_topic_gender_home(year, rows=rows)
    active = counts["active_direction"]["total"]
    closed_n = counts["closed"]["n"]
    ages = {key: counts["age_classes"][key] for key, *_ in AGE_CLASSES}
    data = {
        "year": year,
        "municipality": municipality.name if municipality is not None else None,
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
        "trafficking": trafficking_counts(year, municipality),
        "advice": advice_counts(year, municipality),
        "aftercare": aftercare_counts(year, municipality),
    }
    advice = data["advice"] or {}
    data["information_hub_questions"] = advice.get("information_hub_questions")
    data["advice_and_support"] = advice.get("advice_and_support")
    if municipality is None:
        direction = direction_by_municipality(year, rows=active_rows)
        advice_by = advice.get("by_municipality") or {}
        data["by_municipality"] = {
            name: {"direction": n, "advice": advice_by.get(name)} for name, n in direction.items()
        }
        from reports.thematic import thematic_for_year

        data["thematic"] = thematic_for_year(year)
        from reports.finance import finance_for_year

        data["finance"] = finance_for_year(year)
    return data


def factsheet_figures(year: int, municipality) -> dict:
    """What a municipal factsheet shows: its direction cases, advice, aftercare, trafficking."""
    with _figures_session():
        counts = case_counts(year, municipality)
    active = counts["active_direction"]
    return {
        "municipality": municipality.name,
        "registered_direction": counts["registered_direction"],
        "active_direction": active,
        "carried_in": counts["carried_in"]["n"],
        "inflow": counts["inflow"]["n"],
        "closed": counts["closed"]["n"],
        "carried_out": active["total"] - counts["closed"]["n"],
        "not_taken_up": counts["not_taken_up"]["n"],
        "advice": advice_counts(year, municipality),
        "aftercare": aftercare_counts(year, municipality),
        "trafficking_signals": trafficking_counts(year, municipality)["signals"],
    }


def snapshot_figures(year: int) -> dict:
    """What a snapshot freezes: the year's figures and every municipality's factsheet figures."""
    with _figures_session():
        data = year_figures(year)
        data["factsheets"] = {
            m.name: factsheet_figures(year, m) for m in Municipality.objects.order_by("name")
        }
    return data


KEY_FIGURE_KEYS = [
    "year",
    "registered_direction",
    "active_direction",
    "carried_in",
    "inflow",
    "closed",
    "carried_out",
    "not_taken_up",
    "information_hub_questions",
    "advice_and_support",
    "registered_by_partner",
    "by_municipality",
    "age_classes",
    "minors_pct",
    "cross_municipal_pct",
    "problematic_housing_pct",
]


def key_figures(year: int, *, data: dict | None = None) -> dict:
    """The national key-figures delivery of `year` (the `figures` command and the API).

    Keys: year; registered_direction and active_direction ({"total", "pga"}); carried_in,
    inflow, closed, carried_out, not_taken_up; information_hub_questions and
    advice_and_support (None until the advice app records them); registered_by_partner
    (category of the 2020 report -> n); by_municipality (name -> {"direction", "advice"});
    age_classes ("<18" ... ">65" -> whole percent); minors_pct, cross_municipal_pct,
    problematic_housing_pct. Pass `data` (a snapshot's figures) to deliver frozen figures.
    """
    data = data if data is not None else year_figures(year)
    return {key: data.get(key) for key in KEY_FIGURE_KEYS}
