"""The programme figures of DOMAIN.md ("by programme"), per year, in SQL.

A case *takes part* in a programme while it is a direction case (maatwerk or PGA, between its
start and its closing) **and** inside a period of the programme (between the in and out date):
its participation runs from the later of the case's start and the period's in date to the
earlier of the case's closing and the period's out date (PostgreSQL's GREATEST / LEAST skip an
empty date, so an open end stays open). Per programme and year:

- **actief**: the participation overlaps the year (some day of it lies in the year);
- **meegenomen**: it began before 1 January and had not ended before it; **instroom** =
  actief − meegenomen (it entered during the year);
- **afgesloten** = actief − the cases whose participation goes on after 31 December (it
  ended in the year: the programme's out date, or the case's closing when that came first,
  31 December included);
so actief = meegenomen + instroom and meegenomen naar volgend jaar = actief − afgesloten, as
for the cases themselves, also for a case that left and re-entered a programme in one year:
a case counts once per programme.

"Jeugd-PGA" as in the 2020 report (004 l.206: "Emmen: inclusief 35 PGA dossiers (21 PGA, 14
jeugd-PGA)"): the active PGA cases per home municipality, split into those taking part in a
programme marked "apart binnen PGA" in the year and the others. One GROUP BY for the
programmes, one for the apart part of the PGA split (its totals come from the cases' one pass
over the year); no loop over records.
"""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.db.models.functions import Greatest, Least

from cases.figures import active_pga_by_municipality
from cases.models import Kind
from programmes.models import CaseProgramme, Programme
from zvhd.apps_contract import Definition, FiguresProvider
from zvhd.figures import Year, made, once
from zvhd.network.models import Municipality

DEFINITIONS = [
    Definition(
        "by_programme",
        "Procesregiecasussen per programma",
        "Een procesregiecasus neemt deel aan een programma zolang hij loopt (tussen start en "
        "afsluiting) én binnen een periode van het programma valt (tussen de datum in en uit). "
        "Actief: de deelname valt (deels) in het jaar. Meegenomen: begonnen vóór 1 januari en "
        "toen niet beëindigd. Instroom: actief min meegenomen. Afgesloten: actief en de deelname "
        "eindigde in het jaar, 31 december inbegrepen (einddatum van het programma, of de "
        "afsluiting van de casus als die eerder was). "
        "Een casus telt één keer per programma.",
    ),
    Definition(
        "pga_split",
        "PGA en jeugd-PGA per gemeente",
        "Actieve PGA-casussen naar de woongemeente van de hoofdpersoon, gesplitst zoals in het "
        "jaarverslag 2020 ('inclusief 35 PGA dossiers (21 PGA, 14 jeugd-PGA)'): de casussen die "
        "in het jaar deelnamen aan een programma dat apart binnen PGA telt (jeugd-PGA), en de "
        "overige.",
    ),
]


def _participation(y: Year) -> dict:
    """Conditions on a CaseProgramme row (joined to its case) for year `y`."""
    start = Greatest("case__started_on", "started_on")
    end = Least("case__closed_on", "ended_on")
    return {"p_start": start, "p_end": end}


def _active(y: Year, prefix: str = "") -> Q:
    """The participation (`p_start`, `p_end` annotations) is real and overlaps the year."""
    return (
        Q(**{f"{prefix}p_start__lte": y.last_day})
        & (Q(**{f"{prefix}p_end__isnull": True}) | Q(**{f"{prefix}p_end__gte": y.first_day}))
        & (Q(**{f"{prefix}p_end__isnull": True}) | Q(**{f"{prefix}p_end__gte": F("p_start")}))
    )


def _before(first_day) -> Q:
    """Began before the year and had not ended before it (as a case is carried in)."""
    return Q(p_start__lt=first_day) & (Q(p_end__isnull=True) | Q(p_end__gte=first_day))


def _after(last_day) -> Q:
    """Goes on after the year: not ended on or before its last day (as a case carried out;
    an out date of 31 December, like a closing on that day, ends it in the year)."""
    return Q(p_end__isnull=True) | Q(p_end__gt=last_day)


def _may_overlap(y: Year) -> Q:
    """Implied by `_active`, and said separately so that PostgreSQL can narrow both sides
    before joining them: a participation in the year needs a case open in the year (the
    cases' year index, `cases.figures._open_in`) and a period overlapping the year. (GREATEST
    of two dates is on or after both, LEAST on or before both, and empty only when both are.)
    Without it every direction case was read and joined (issue 20; BENCHMARKS.md).
    """
    return (
        Q(case__started_on__lte=y.last_day)
        & (Q(case__closed_on__isnull=True) | Q(case__closed_on__gte=y.first_day))
        & Q(started_on__lte=y.last_day)
        & (Q(ended_on__isnull=True) | Q(ended_on__gte=y.first_day))
    )


def _periods(municipality=None):
    periods = CaseProgramme._base_manager.filter(
        case__kind__in=[Kind.MAATWERK, Kind.PGA], case__started_on__isnull=False
    )
    if municipality is not None:
        periods = periods.filter(case__person__municipality=municipality)
    return periods


def _programme_counts(year: int, municipality=None, *, by_municipality: bool = False):
    """The participations of the year per programme (and per home municipality of the case's
    main person with `by_municipality`): distinct cases active, carried in and still in."""
    y = Year(year)
    group = (
        ["programme_id", "case__person__municipality_id"] if by_municipality else ["programme_id"]
    )
    return (
        _periods(municipality)
        .filter(_may_overlap(y))
        .annotate(**_participation(y))
        .filter(_active(y))
        .values(*group)
        .annotate(
            active=Count("case_id", distinct=True),
            carried_in=Count("case_id", distinct=True, filter=_before(y.first_day)),
            still_in=Count("case_id", distinct=True, filter=_after(y.last_day)),
        )
        .order_by()
    )


def by_programme(year: int, municipality=None, *, programmes=None) -> list[dict]:
    """[{"code", "name", "active", "carried_in", "inflow", "closed"}] for every programme in
    use or counted in the year, in the programmes' order.

    Province-wide, when the figures session already grouped the year's participations by
    municipality (a snapshot's factsheets, `factsheets`), summed from those rows: every case
    has one main person with one home municipality, so its distinct cases per programme are
    the sum of those per municipality, and the query is not made twice."""
    grouped = made(_by_municipality_key(year))
    if grouped is not None:
        # A municipality's rows of the grouped pass are its own (the dashboard's stored
        # figures of every municipality, issue 24).
        if municipality is not None:
            grouped = [r for r in grouped if r["case__person__municipality_id"] == municipality.pk]
        counts: dict = {}
        for row in grouped:
            total = counts.setdefault(
                row["programme_id"], {"active": 0, "carried_in": 0, "still_in": 0}
            )
            for name in total:
                total[name] += row[name]
    else:
        counts = {row["programme_id"]: row for row in _programme_counts(year, municipality)}
    if programmes is None:
        programmes = list(Programme.objects.order_by("order", "name"))
    return _programme_rows(counts, programmes)


def _programme_rows(counts: dict, programmes) -> list[dict]:
    result = []
    for programme in programmes:
        row = counts.get(programme.pk)
        if row is None and not programme.active:
            continue
        row = row or {"active": 0, "carried_in": 0, "still_in": 0}
        result.append(
            {
                "code": programme.code,
                "name": programme.name,
                "active": row["active"],
                "carried_in": row["carried_in"],
                "inflow": row["active"] - row["carried_in"],
                "closed": row["active"] - row["still_in"],
            }
        )
    return result


def pga_split(year: int, municipality=None, *, programmes=None) -> dict[str, dict]:
    """{municipality name: {"pga", "apart", "other"}} over the active PGA cases of the year.

    The active PGA cases per municipality come from the cases' one pass over the year
    (`cases.figures.active_pga_by_municipality`: no pass of its own within a figures
    session); the apart ones from the periods of the apart programmes, the few rows that can
    make a case apart, instead of a look-up per active PGA case."""
    y = Year(year)
    if programmes is None:
        programmes = list(Programme.objects.order_by("order", "name"))
    pga = active_pga_by_municipality(year, municipality)
    # The apart programmes by id (a handful of rows, already read): so PostgreSQL sees how few
    # periods qualify and starts from them, not from every active PGA case.
    apart_ids = [p.pk for p in programmes if p.apart_within_pga]
    apart = {}
    if apart_ids:
        # Once per figures session: a snapshot's factsheets read the year's split.
        key = ("programmes.apart", year, getattr(municipality, "pk", None), tuple(apart_ids))
        province = made(("programmes.apart", year, None, tuple(apart_ids)))
        if municipality is not None and province is not None:
            # The province's split is per home municipality already: this one's is its own
            # (the dashboard's stored figures of every municipality, issue 24).
            apart = {municipality.pk: province.get(municipality.pk, 0)}
        else:
            apart = once(
                key,
                lambda: dict(
                    _periods(municipality)
                    .filter(programme_id__in=apart_ids, case__kind=Kind.PGA)
                    .filter(_may_overlap(y))
                    .annotate(**_participation(y))
                    .filter(_active(y))
                    .values_list("case__person__municipality_id")
                    .annotate(n=Count("case_id", distinct=True))
                    .order_by()
                ),
            )
    names = Municipality.objects.order_by("name").values_list("pk", "name")
    if municipality is not None:
        names = names.filter(pk=municipality.pk)
    result = {}
    for pk, name in names:
        n, n_apart = pga.get(pk, 0), apart.get(pk, 0)
        result[name] = {"pga": n, "apart": n_apart, "other": n - n_apart}
    return result


def apart_label(programmes=None) -> str:
    """The name of the programme counted apart within PGA ("Jeugd-PGA"), for the note."""
    if programmes is None:
        programmes = list(Programme.objects.order_by("order", "name"))
    return " / ".join(p.name for p in programmes if p.apart_within_pga) or "jeugd-PGA"


def _tables(data: dict, year: int) -> list[dict]:
    rows = [
        [row["name"], row["carried_in"], row["inflow"], row["closed"], row["active"]]
        for row in data["by_programme"]
    ]
    return [
        {
            "slug": "programmas",
            "title": f"Procesregiecasussen per programma {year}",
            "definition": DEFINITIONS[0].text,
            "headers": ["Programma", "Meegenomen", "Instroom", "Afgesloten", "Actief"],
            "rows": rows,
            "chart": {
                "labels": [row[0] for row in rows],
                "series": {
                    "Instroom": [row[2] for row in rows],
                    "Afgesloten": [row[3] for row in rows],
                    "Actief": [row[4] for row in rows],
                },
                "horizontal": True,
                "unit": "",
            },
        }
    ]


def for_year(year: int, municipality=None) -> dict:
    programmes = list(Programme.objects.order_by("order", "name"))
    data = {
        "by_programme": by_programme(year, municipality, programmes=programmes),
        "pga_split": pga_split(year, municipality, programmes=programmes),
        "apart_label": apart_label(programmes),
    }
    data["tables"] = _tables(data, year)
    return data


def factsheet(year: int, municipality) -> dict:
    """What a municipal factsheet shows of the programmes: its cases per programme."""
    programmes = list(Programme.objects.order_by("order", "name"))
    rows = by_programme(year, municipality, programmes=programmes)
    return {
        "by_programme": [row for row in rows if row["active"]],
        "pga_split": pga_split(year, municipality, programmes=programmes).get(municipality.name),
        "apart_label": apart_label(programmes),
    }


def _by_municipality_key(year: int) -> tuple:
    return ("programmes.by_programme_and_municipality", year)


def factsheets(year: int, municipalities) -> dict[int, dict]:
    """Every municipality's `factsheet` at once ({pk: factsheet}): one query over the year's
    participations grouped by programme and home municipality (a case has one main person,
    so its distinct cases per municipality are what `factsheet` counts with the filter), and
    the year's PGA split (within a figures session the one the year's figures made)."""
    programmes = list(Programme.objects.order_by("order", "name"))
    counts: dict = {m.pk: {} for m in municipalities}
    grouped = once(
        _by_municipality_key(year),
        lambda: list(_programme_counts(year, by_municipality=True)),
    )
    for row in grouped:
        if row["case__person__municipality_id"] in counts:
            counts[row["case__person__municipality_id"]][row["programme_id"]] = row
    split = pga_split(year, programmes=programmes)
    label = apart_label(programmes)
    return {
        m.pk: {
            "by_programme": [
                row for row in _programme_rows(counts[m.pk], programmes) if row["active"]
            ],
            "pga_split": split.get(m.name),
            "apart_label": label,
        }
        for m in municipalities
    }


FIGURES = FiguresProvider(
    for_year=for_year, factsheet=factsheet, factsheets=factsheets, definitions=DEFINITIONS
)
