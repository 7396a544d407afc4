"""The figures of DOMAIN.md for one year, gathered from the apps that count them.

Each app computes its own figures in its `figures.py` (the case figures in cases/figures.py,
advice, aftercare, trafficking and finance likewise) and offers them through its contract
(`zvhd.apps_contract.FiguresProvider`, registered in its AppConfig.ready()). This module only
asks those providers and puts their answers together; it imports no app. An app that is not
installed has no provider: its figures are then absent (None), never zero.

Figures are anonymous counts. They read the tables directly, not through ``visible_to``: who may
see which figures is decided by the report pages (`reports.policy`), and a municipal contact
gets the same functions restricted to their municipality.

`year_figures(year)` returns everything of one year as a JSON-able dict (what a snapshot
freezes and what the dashboard, the PDF and the exports read; the dashboard reads it stored,
`live_figures`); `key_figures(year)` is the
national key-figures delivery (``manage.py figures YEAR --format json`` and the API).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from zvhd.apps_contract import Definition, figures
from zvhd.figures import Year, pct, pcts_summing_to_100, session  # noqa: F401  (vocabulary)
from zvhd.network.models import Municipality

# The apps whose figures make up the year, in the order their definitions are printed.
FIGURE_APPS = ("cases", "programmes", "trafficking", "advice", "aftercare", "finance")


class _Definitions(Mapping):
    """Every figure's definition by key, from the apps' providers (read when first asked, as
    the providers are registered once the apps are ready)."""

    def _all(self) -> dict[str, Definition]:
        found: dict[str, Definition] = {}
        for label in FIGURE_APPS:
            provider = figures(label)
            if provider is not None:
                found.update((d.key, d) for d in provider.definitions)
        return found

    def __getitem__(self, key: str) -> Definition:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


DEFINITIONS: Mapping[str, Definition] = _Definitions()


def vocabulary(label: str, name: str):
    """A label list an app prints beside its figures (e.g. the cases' age classes)."""
    provider = figures(label)
    return None if provider is None else provider.vocabulary.get(name)


def _for_year(label: str, year: int, municipality=None) -> dict | None:
    provider = figures(label)
    return None if provider is None else provider.for_year(year, municipality)


def _factsheet(label: str, year: int, municipality) -> dict | None:
    provider = figures(label)
    if provider is None or provider.factsheet is None:
        return None
    return provider.factsheet(year, municipality)


def _figures_session():
    """One transaction, JIT off, each shared pass once: `zvhd.figures.session`."""
    return session()


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
    cases = _for_year("cases", year, municipality) or {}
    direction = cases.pop("direction_by_municipality", {})
    data = {
        "year": year,
        "municipality": municipality.name if municipality is not None else None,
        **cases,
        "trafficking": _for_year("trafficking", year, municipality),
        "advice": _for_year("advice", year, municipality),
        "aftercare": _for_year("aftercare", year, municipality),
        "programmes": _for_year("programmes", year, municipality),
    }
    advice = data["advice"] or {}
    data["information_hub_questions"] = advice.get("information_hub_questions")
    data["advice_and_support"] = advice.get("advice_and_support")
    if municipality is None:
        advice_by = advice.get("by_municipality") or {}
        data["by_municipality"] = {
            name: {"direction": n, "advice": advice_by.get(name)} for name, n in direction.items()
        }
        from reports.thematic import thematic_for_year

        data["thematic"] = thematic_for_year(year)
        from reports.finance import finance_for_year

        data["finance"] = finance_for_year(year)
    return data


def _factsheets(label: str, year: int, municipalities) -> dict[int, dict | None]:
    """The app's factsheet part of every municipality ({pk: part}): from its one grouped
    pass when it offers one (`FiguresProvider.factsheets`), else one call per municipality."""
    provider = figures(label)
    if provider is None or provider.factsheet is None:
        return {m.pk: None for m in municipalities}
    if provider.factsheets is not None:
        return provider.factsheets(year, municipalities)
    return {m.pk: provider.factsheet(year, m) for m in municipalities}


def factsheet_figures(year: int, municipality, *, grouped: dict | None = None) -> dict:
    """What a municipal factsheet shows: its direction cases, advice, aftercare, trafficking.

    `grouped` ({app label: {municipality pk: part}}, see `snapshot_figures`) gives the cases'
    and programmes' parts already computed for every municipality in one pass each."""
    with _figures_session():
        if grouped is None:
            cases = _factsheet("cases", year, municipality)
            programmes = _factsheet("programmes", year, municipality)
        else:
            cases = grouped["cases"][municipality.pk]
            programmes = grouped["programmes"][municipality.pk]
        trafficking = _for_year("trafficking", year, municipality)
        return {
            "municipality": municipality.name,
            **(cases or {}),
            "advice": _for_year("advice", year, municipality),
            "aftercare": _for_year("aftercare", year, municipality),
            "programmes": programmes,
            "trafficking_signals": trafficking["signals"] if trafficking is not None else None,
        }


def snapshot_figures(year: int) -> dict:
    """What a snapshot freezes: the year's figures and every municipality's factsheet figures.

    The factsheets' case and programme figures come from one pass each grouped by
    municipality (the cases' one being the year's own pass, shared in the figures session),
    not a pass per municipality: the same numbers as `factsheet_figures` alone (a test
    compares them), 12 passes fewer of each (issue 24). They are made before the year's
    figures, which then sum the province's programme figures from the grouped pass instead of
    a pass of their own."""
    with _figures_session():
        municipalities = list(Municipality.objects.order_by("name"))
        grouped = {
            label: _factsheets(label, year, municipalities) for label in ("cases", "programmes")
        }
        data = year_figures(year)
        data["factsheets"] = {
            m.name: factsheet_figures(year, m, grouped=grouped) for m in municipalities
        }
    return data


def live_figures(year: int) -> dict[int | None, dict]:
    """What the dashboard shows of `year` until a version is published: the province's
    `year_figures` and every municipality's ({None: province, municipality pk: its figures}),
    stored by the worker (`reports.live`, issue 24) so that no page computes them.

    One figures session, as `snapshot_figures`: the programmes grouped by municipality first
    (the province sums its own from them), then the province's figures, whose one pass over
    the year's cases is grouped by home municipality; each municipality's case and programme
    figures are then its rows of those passes (`zvhd.figures.made`), not passes of their own.
    Equal to `year_figures(year, municipality)` alone (a test compares them)."""
    with _figures_session():
        municipalities = list(Municipality.objects.order_by("name"))
        _factsheets("programmes", year, municipalities)
        result: dict[int | None, dict] = {None: year_figures(year)}
        for municipality in municipalities:
            result[municipality.pk] = year_figures(year, municipality)
    return result


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
