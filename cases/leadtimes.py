"""Lead times (*doorlooptijden*) of DOMAIN.md, in SQL: one query for a year.

Definitions (printed next to the figures; README "Hoe elk cijfer wordt berekend"):

- **Aanmelding → triagebesluit**, in working days: the working days after the registration
  day (its date in Europe/Amsterdam) up to and including the day of the triage decision
  (`triaged_on`, also set when a registration is withdrawn). Saturdays, Sundays and the Dutch
  public holidays of the Algemene termijnenwet (`zvhd.holidays`) do not count; a decision on
  the day of registration is 0. Per decision: procesregie maatwerk, procesregie PGA, and the
  other decisions (ondersteuning, advies, niet opgepakt, ingetrokken) together.
- **Besluit → start procesregie**, in calendar days: `started_on` − `triaged_on`, for
  maatwerk and PGA.
- **Start → afsluiting**, in calendar days: `closed_on` − `started_on`, for maatwerk and PGA.

Each lead time belongs to the year of its *later* date: a case decided on 31 December and
started on 2 January counts its registration → decision in the old year and its decision →
start in the new one. Reported per kind and for all kinds together: the number of cases, the
median and the 90th percentile (PostgreSQL's `percentile_cont`: interpolated, so a median of
an even number of cases can be a half day), rounded to one decimal.

Working days in SQL without a calendar table: W(d) = the Monday-Friday days from 1 January
1900 (a Monday) up to d, minus the weekday holidays up to d, counted with `width_bucket` on the
sorted holiday array (a binary search); the working days between two days are W(later) −
W(earlier). So a million cases cost two arithmetic expressions each, no join.

The rows are found through three indexes (triaged_on, case_triaged_on; started_on,
case_started_on; closed_on, case_direction_period, which holds only started cases: a case
closed without a start counts in no lead time, so the query asks for a start beside the closing
and the index applies), not by reading every case (issue 20; BENCHMARKS.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from zvhd.figures import Year
from zvhd.holidays import weekday_holidays

EPOCH = "1900-01-01"  # a Monday; the house's first possible date (zvhd/dates.py)
FIRST_YEAR = 1900

MEASURES = ("registration_to_decision", "decision_to_start", "start_to_closing")
KINDS = ("maatwerk", "pga", "overig", "totaal")


def _workday_number(column: str) -> str:
    """SQL for W(column): working days from the epoch up to and including the day."""
    days = f"(({column} - DATE '{EPOCH}') + 1)"
    return f"(({days} / 7) * 5 + LEAST(MOD({days}, 7), 5) - width_bucket({column}, %(holidays)s))"


def _stats(measure: str, value: str, condition: str) -> str:
    return (
        f"COUNT(*) FILTER (WHERE {condition}) AS {measure}_n, "
        f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {value}) FILTER (WHERE {condition}) "
        f"AS {measure}_median, "
        f"percentile_cont(0.9) WITHIN GROUP (ORDER BY {value}) FILTER (WHERE {condition}) "
        f"AS {measure}_p90"
    )


def _query(
    table: str, person_table: str, with_municipality: bool, by_municipality: bool = False
) -> str:
    """The year's lead times per kind and in total; with `by_municipality`, all of that per
    home municipality of the main person instead (one pass for every municipality)."""
    direction = "c.kind IN ('maatwerk', 'pga')"
    in_year = "BETWEEN %(first)s AND %(last)s"
    registration_day = f"(c.registered_at AT TIME ZONE '{settings.TIME_ZONE}')::date"
    # Only the module's own constants and the models' table names are put into the SQL; every
    # value (dates, holidays, municipality) is a parameter.
    municipality = (
        f"AND c.person_id IN (SELECT id FROM {person_table} WHERE municipality_id = %(municipality)s)"  # noqa: E501, S608
        if with_municipality
        else ""
    )
    home, join, sets = "", "", "(kind), ()"
    if by_municipality:
        home = "p.municipality_id AS home,"
        join = f"JOIN {person_table} p ON p.id = c.person_id"
        sets = "(home, kind), (home)"
    return f"""
        SELECT {"home," if by_municipality else ""}
            CASE WHEN GROUPING(kind) = 1 THEN 'totaal' ELSE kind END AS kind,
            {_stats("registration_to_decision", "workdays", "decided_in_year")},
            {_stats("decision_to_start", "started_on - triaged_on", "started_in_year")},
            {_stats("start_to_closing", "closed_on - started_on", "closed_in_year")}
        FROM (
            SELECT {home} CASE WHEN {direction} THEN c.kind ELSE 'overig' END AS kind,
                c.triaged_on, c.started_on, c.closed_on,
                {_workday_number("c.triaged_on")} - {_workday_number(registration_day)}
                    AS workdays,
                (c.triaged_on {in_year}) AS decided_in_year,
                ({direction} AND c.started_on {in_year} AND c.triaged_on IS NOT NULL)
                    AS started_in_year,
                ({direction} AND c.closed_on {in_year} AND c.started_on IS NOT NULL)
                    AS closed_in_year
            FROM {table} c {join}
            WHERE (c.triaged_on {in_year} OR c.started_on {in_year}
                   OR (c.closed_on {in_year} AND c.started_on IS NOT NULL))
                {municipality}
        ) lead
        GROUP BY GROUPING SETS ({sets})
    """  # noqa: S608  # nosec B608


def _rounded(value) -> float | None:
    return None if value is None else round(float(value), 1)


def lead_times(year: int, municipality=None) -> dict:
    """{measure: {kind: {"n", "median", "p90"}}} for `year`; kinds maatwerk, pga, overig (only
    for registration → decision) and totaal. A kind without cases has n 0 and no median."""
    from cases.models import Case, Person

    params = {**_params(year), "municipality": getattr(municipality, "pk", None)}
    sql = _query(Case._meta.db_table, Person._meta.db_table, municipality is not None)
    return _result(_rows(sql, params))


def lead_times_by_municipality(year: int) -> dict:
    """{municipality id: what `lead_times(year, municipality)` returns} for every home
    municipality with lead times in the year, from one pass (the dashboard's stored figures
    of every municipality, issue 24); a municipality without any is `lead_times` of none."""
    from cases.models import Case, Person

    params = {**_params(year), "municipality": None}
    rows = _rows(_query(Case._meta.db_table, Person._meta.db_table, False, True), params)
    by_home: dict = {}
    for row in rows:
        by_home.setdefault(row.pop("home"), []).append(row)
    return {home: _result(found) for home, found in by_home.items() if home is not None}


def no_lead_times() -> dict:
    return _result([])


def _params(year: int) -> dict:
    y = Year(year)
    return {
        "first": y.first_day,
        "last": y.last_day,
        "holidays": list(weekday_holidays(FIRST_YEAR, year + 1)),
    }


def _rows(sql: str, params: dict) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [col.name for col in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _result(rows: list[dict]) -> dict:
    by_kind = {row["kind"]: row for row in rows}
    result: dict[str, dict] = {}
    for measure in MEASURES:
        kinds = KINDS if measure == "registration_to_decision" else ("maatwerk", "pga", "totaal")
        result[measure] = {}
        for kind in kinds:
            row = by_kind.get(kind, {})
            result[measure][kind] = {
                "n": row.get(f"{measure}_n") or 0,
                "median": _rounded(row.get(f"{measure}_median")),
                "p90": _rounded(row.get(f"{measure}_p90")),
            }
    return result
