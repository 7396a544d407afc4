"""Each figure against a small hand-built year with the boundary cases of DOMAIN.md."""

from datetime import date

import pytest

from cases import figures as case_figures
from cases.models import Kind, Status
from reports import figures
from tests.reports.factories import local, make_case

YEAR = 2024


@pytest.fixture
def year_2024(cast):
    r = cast.regisseur
    assen, emmen = cast.assen, cast.emmen
    cases = {
        # carried in: started the year before, still open; a minor at registration (one day
        # before the 18th birthday)
        "A": make_case(
            registered_by=r,
            municipality=assen,
            started=date(2023, 3, 1),
            birth_date=date(2005, 3, 2),
            problem_areas=["huisvesting", "psychisch"],
        ),
        # closed on 31 December of the year before: not active
        "B": make_case(
            registered_by=r,
            municipality=assen,
            started=date(2023, 5, 1),
            closed=date(2023, 12, 31),
        ),
        # carried in and closed on 1 January: active, closed in the year; 18 on the day
        "C": make_case(
            registered_by=r,
            municipality=assen,
            started=date(2023, 6, 1),
            closed=date(2024, 1, 1),
            birth_date=date(2005, 6, 1),
            problem_areas=["huisvesting"],
        ),
        # registered in December, started on 1 January: registered the year before, inflow now;
        # lives in Emmen, the problems play in Assen (cross-municipal)
        "D": make_case(
            registered_by=r,
            municipality=assen,
            registered=local(2023, 12, 20),
            started=date(2024, 1, 1),
            birth_date=date(1983, 12, 20),
            home=emmen,
            cross_municipal=True,
        ),
        # registered at 23:30 on 31 December (local time), started in January: registered in
        # the year, not active in it
        "E": make_case(
            registered_by=r,
            municipality=assen,
            registered=local(2024, 12, 31, 23, 30),
            started=date(2025, 1, 2),
        ),
        # PGA started and closed on 31 December: registered, inflow, active and closed
        "F": make_case(
            registered_by=r,
            municipality=assen,
            started=date(2024, 12, 31),
            closed=date(2024, 12, 31),
            kind=Kind.PGA,
            birth_date=date(1958, 12, 31),
        ),
        "G": make_case(
            registered_by=r,
            municipality=assen,
            registered=local(2024, 3, 4),
            status=Status.NIET_OPGEPAKT,
        ),
        # not taken up at 00:30 on 1 January of the next year: not in the year
        "H": make_case(
            registered_by=r,
            municipality=assen,
            registered=local(2025, 1, 1, 0, 30),
            status=Status.NIET_OPGEPAKT,
        ),
        # ondersteuning is not direction, whatever its dates
        "I": make_case(
            registered_by=r,
            municipality=assen,
            registered=local(2024, 2, 2),
            status=Status.ONDERSTEUNING,
        ),
    }
    return cases


def test_registered_direction_counts_registrations_in_the_year_decided_as_direction(year_2024):
    data = figures.year_figures(YEAR)
    assert data["registered_direction"] == {"total": 2, "pga": 1}  # E and F


def test_active_direction_is_open_at_some_moment_in_the_year(year_2024):
    data = figures.year_figures(YEAR)
    assert data["active_direction"] == {"total": 4, "pga": 1}  # A, C, D, F


def test_carried_in_plus_inflow_is_active_and_carried_out_is_active_minus_closed(year_2024):
    data = figures.year_figures(YEAR)
    assert (data["carried_in"], data["inflow"], data["closed"], data["carried_out"]) == (
        2,
        2,
        2,
        2,
    )
    assert data["carried_in"] + data["inflow"] == data["active_direction"]["total"]


def test_a_case_registered_in_december_and_started_in_january_is_inflow_of_the_next_year(
    year_2024,
):
    previous = figures.year_figures(2023)
    assert previous["registered_direction"]["total"] == 4  # A, B, C and D
    assert previous["inflow"] == 3  # A, B, C: D starts in 2024
    assert figures.year_figures(2025)["inflow"] == 1  # E


def test_not_taken_up_uses_the_local_year_of_registration(year_2024):
    assert figures.year_figures(YEAR)["not_taken_up"] == 1
    assert figures.year_figures(2025)["not_taken_up"] == 1


def test_age_classes_use_the_age_on_the_registration_day_and_add_up_to_100(year_2024):
    data = figures.year_figures(YEAR)
    assert data["age_classes_count"] == {"<18": 1, "18-23": 1, "24-40": 1, "41-65": 0, ">65": 1}
    assert data["age_classes"] == {"<18": 25, "18-23": 25, "24-40": 25, "41-65": 0, ">65": 25}
    assert data["minors_pct"] == 25


def test_shares_cross_municipal_and_problematic_housing_are_over_active_cases(year_2024):
    data = figures.year_figures(YEAR)
    assert data["cross_municipal_pct"] == 25
    assert data["problematic_housing_pct"] == 50
    assert data["problem_areas"]["Problematische huisvesting"] == 2


def test_cross_municipal_is_the_recorded_flag_not_a_comparison_of_municipalities(cast):
    """DOMAIN.md: the problems (also) play outside the person's municipality, possibly outside
    Drenthe. A person of Assen with problems elsewhere counts; a case of Emmen for a person of
    Assen recorded as not cross-municipal does not; a case without a record does not."""
    started = date(YEAR, 3, 1)
    r = cast.regisseur
    make_case(registered_by=r, municipality=cast.assen, started=started, cross_municipal=True)
    make_case(
        registered_by=r,
        municipality=cast.emmen,
        home=cast.assen,
        started=started,
        cross_municipal=False,
    )
    make_case(registered_by=r, municipality=cast.emmen, home=cast.assen, started=started)
    make_case(registered_by=r, municipality=cast.assen, started=started, cross_municipal=False)
    data = figures.year_figures(YEAR)
    assert (data["cross_municipal"], data["cross_municipal_pct"]) == (1, 25)


def test_the_migration_sets_an_unrecorded_flag_once_from_the_old_comparison(cast):
    import importlib

    from django.db import connection

    from cases.models import Case

    module = importlib.import_module(
        "cases.migrations.0010_cross_municipal_recorded_from_old_comparison"
    )
    r, started = cast.regisseur, date(YEAR, 3, 1)
    elsewhere = make_case(
        registered_by=r, municipality=cast.emmen, home=cast.assen, started=started
    )
    same = make_case(registered_by=r, municipality=cast.assen, started=started)
    recorded = make_case(
        registered_by=r, municipality=cast.assen, started=started, cross_municipal=True
    )
    with connection.cursor() as cursor:
        cursor.execute(module.FORWARD)
    flags = dict(
        Case._base_manager.filter(pk__in=[elsewhere.pk, same.pk, recorded.pk]).values_list(
            "pk", "cross_municipal"
        )
    )
    assert flags == {elsewhere.pk: True, same.pk: False, recorded.pk: True}


def test_a_municipality_sees_the_cases_of_its_inhabitants_only(year_2024, cast):
    data = figures.year_figures(YEAR, municipality=cast.assen)
    assert data["active_direction"]["total"] == 3  # D lives in Emmen
    assert figures.year_figures(YEAR, municipality=cast.emmen)["inflow"] == 1


def test_by_municipality_counts_active_direction_cases_by_home_municipality(year_2024):
    data = figures.year_figures(YEAR)
    assert data["by_municipality"]["Assen"]["direction"] == 3
    assert data["by_municipality"]["Emmen"]["direction"] == 1


def test_municipal_registrations_are_split_by_domain(cast):
    for domain in ("veiligheid", "veiligheid", "sociaal"):
        make_case(
            registered_by=cast.gemeente,
            municipality=cast.assen,
            started=date(YEAR, 5, 1),
            municipal_domain=domain,
        )
    make_case(registered_by=cast.liaison_politie, municipality=cast.assen, started=date(YEAR, 5, 1))
    by_partner = figures.year_figures(YEAR)["registered_by_partner"]
    assert by_partner["Gemeente veiligheid"] == 2
    assert by_partner["Gemeente sociaal domein"] == 1
    assert by_partner["Politie"] == 1
    assert list(by_partner)[:3] == ["Andere zorg- en veiligheidshuizen", "Cosis", "DJI"]


def test_every_figure_has_a_definition():
    for key in [
        *case_figures.SCALAR_FIGURES,
        "registered_by_partner",
        "by_municipality",
        "topics",
        "gender",
        "problem_areas",
        "trafficking",
    ]:
        assert figures.DEFINITIONS[key].text


def test_key_figures_has_the_keys_of_the_national_delivery(year_2024):
    data = figures.key_figures(YEAR)
    assert list(data) == figures.KEY_FIGURE_KEYS
    assert data["active_direction"] == {"total": 4, "pga": 1}


def test_all_case_figures_of_a_year_take_a_fixed_number_of_queries(
    year_2024, cast, django_assert_max_num_queries, django_assert_num_queries
):
    # 24 before issue 20; + the lead times (1) and the programmes (4: the programmes, their
    # rows, the apart part of the PGA split and its municipalities; the PGA totals come from
    # the cases' one pass); + 1 while the vocabularies are not cached yet.
    with django_assert_max_num_queries(30):
        figures.year_figures(YEAR)
    with django_assert_num_queries(29):
        figures.year_figures(YEAR)
    with django_assert_num_queries(21):
        figures.year_figures(YEAR, municipality=cast.assen)
    with django_assert_num_queries(18):
        figures.factsheet_figures(YEAR, cast.assen)
    # The year (29, less its programme pass: summed from the factsheets' grouped one), the
    # municipalities, the factsheets' case figures from the year's one pass (no query) and
    # their programmes from one grouped query (+ the programmes and the PGA split's names: 3),
    # and per factsheet only its advice and aftercare counts (12 x 4).
    # 249 when the PGA split made its own pass (issue 20), 210 with a cases pass and a
    # programmes pass per factsheet (issue 24).
    with django_assert_num_queries(80):
        figures.snapshot_figures(YEAR)
    for _n in range(10):
        make_case(registered_by=cast.regisseur, municipality=cast.assen, started=date(YEAR, 2, 1))
    with django_assert_num_queries(29):
        figures.year_figures(YEAR)


def test_whole_percentages_add_up_to_100():
    assert sum(figures.pcts_summing_to_100({"a": 1, "b": 1, "c": 1}).values()) == 100
    assert figures.pct(1, 0) is None


def test_advice_records_count_by_kind_within_the_year_and_by_municipality(cast):
    from advice.models import AdviceKind
    from tests.advice.factories import AdviceRecordFactory

    def advice(day, kind, municipality=None):
        AdviceRecordFactory(
            date=day,
            kind=kind,
            municipality=municipality,
            organisation=cast.politie,
            answered_by=cast.regisseur,
        )

    advice(date(YEAR, 1, 1), AdviceKind.INFORMATIEKNOOPPUNT, cast.assen)
    advice(date(YEAR, 12, 31), AdviceKind.ADVIES_KORT, cast.assen)
    advice(date(YEAR, 6, 1), AdviceKind.ONDERSTEUNING, cast.emmen)
    advice(date(YEAR, 6, 1), AdviceKind.ONDERSTEUNING)  # province-wide
    advice(date(YEAR - 1, 12, 31), AdviceKind.INFORMATIEKNOOPPUNT, cast.assen)
    advice(date(YEAR + 1, 1, 1), AdviceKind.ADVIES_KORT, cast.assen)
    data = figures.year_figures(YEAR)
    assert data["information_hub_questions"] == 1
    assert data["advice_and_support"] == 3
    assert data["by_municipality"]["Assen"]["advice"] == 2
    assert data["by_municipality"]["Emmen"]["advice"] == 1
    assert figures.year_figures(YEAR, municipality=cast.assen)["advice"]["total"] == 2


# The queries behind the figures changed shape for speed at a million cases (issue 8): one pass
# over the year's cases grouped by age, topic, gender and home municipality (cases.figures.
# case_rows), the age computed once per case in SQL (PostgreSQL's AGE), the age classes, topics,
# gender and municipalities summed from those rows in Python.


@pytest.mark.parametrize(
    "born, registered_on",
    [
        (date(2004, 2, 29), date(2022, 2, 28)),  # leap-day birthday, the day before
        (date(2004, 2, 29), date(2022, 3, 1)),
        (date(2006, 1, 1), date(2023, 12, 31)),
        (date(2006, 1, 1), date(2024, 1, 1)),
        (date(1958, 12, 31), date(2024, 12, 30)),
        (date(1958, 12, 31), date(2024, 12, 31)),
    ],
)
def test_the_age_in_sql_is_the_persons_age_on_the_registration_day(cast, born, registered_on):
    from cases.models import Case

    case = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        registered=local(registered_on.year, registered_on.month, registered_on.day, 0, 30),
        started=registered_on,
        birth_date=born,
    )
    age = (
        Case._base_manager.filter(pk=case.pk)
        .annotate(age=case_figures._age_at_registration())
        .values_list("age", flat=True)
        .get()
    )
    assert age == case.person.age_on(registered_on)


def test_age_classes_and_minors_have_definitions_and_come_from_the_active_cases_per_age():
    assert figures.DEFINITIONS["age_classes"].text and figures.DEFINITIONS["minors"].text
    by_age = {None: 7, 17: 1, 18: 2, 23: 3, 24: 4, 65: 5, 66: 6}
    assert case_figures.age_classes(by_age) == {
        "<18": 1,
        "18-23": 5,
        "24-40": 4,
        "41-65": 5,
        ">65": 6,
    }
    assert case_figures.minors(by_age) == {"n": 1}


def test_topics_and_gender_count_the_active_direction_cases(year_2024, cast):
    from cases.models import Topic

    other_topic, other_label = next(c for c in Topic.choices if c[0] != "multiproblematiek")
    make_case(
        registered_by=cast.regisseur,
        municipality=cast.emmen,
        started=date(YEAR, 3, 1),
        gender="vrouw",
        topic=other_topic,
    )
    data = figures.year_figures(YEAR)
    assert sum(data["gender"].values()) == data["active_direction"]["total"] == 5
    assert data["gender"]["Vrouw"] == 1 and data["gender"]["Man"] == 4
    assert sum(data["topics"].values()) == 5 and data["topics"][str(other_label)] == 1
    assert data["by_municipality"]["Emmen"]["direction"] == 2  # D lives in Emmen, and this one
    emmen = figures.year_figures(YEAR, municipality=cast.emmen)
    assert emmen["gender"] == {**dict.fromkeys(emmen["gender"], 0), "Man": 1, "Vrouw": 1}


def test_the_one_pass_counts_what_each_figures_condition_counts_on_its_own(year_2024, cast):
    """case_rows evaluates every figure's condition once per case and counts the flags per
    group (issue 20); each total must be what a plain count of that condition gives."""
    from django.db.models import BooleanField, ExpressionWrapper, Q

    from cases.models import Case, CaseProblemArea
    from zvhd.figures import Year

    y = Year(YEAR)
    housing = CaseProblemArea._base_manager.filter(code="huisvesting").values("case_id")
    for municipality in (None, cast.assen):
        counts = case_figures.case_counts(YEAR, municipality)
        cases = Case._base_manager.annotate(
            has_housing=ExpressionWrapper(Q(pk__in=housing), output_field=BooleanField())
        )
        if municipality is not None:
            cases = cases.filter(person__municipality=municipality)
        for name, fn in case_figures.SCALAR_FIGURES.items():
            for part, condition in fn(y).items():
                assert counts[name][part] == cases.filter(condition).count(), (name, part)
    assert counts["active_direction"]["total"] > 0


def test_a_snapshots_factsheets_from_one_grouped_pass_equal_each_factsheet_alone(
    year_2024, cast, django_assert_num_queries
):
    """A snapshot makes its factsheets' case and programme figures in one pass each grouped by
    municipality (issue 24: 12 passes over a million cases each before); every factsheet is
    what `factsheet_figures` computes for that municipality on its own, in both municipalities
    with cases, and for one without any. (Small numbers are masked when shown, from these
    same figures: reports/tables.py.)"""
    from programmes.models import CaseProgramme, Programme
    from zvhd.network.models import Municipality

    r, assen, emmen = cast.regisseur, cast.assen, cast.emmen

    def tag(case, code, start, end=None):
        CaseProgramme.objects.create(
            case=case,
            programme=Programme.objects.get(code=code),
            started_on=start,
            ended_on=end,
            added_by=r,
        )

    youth = make_case(registered_by=r, municipality=emmen, started=date(2023, 2, 1), kind=Kind.PGA)
    tag(youth, "jeugd-pga", date(2023, 2, 1))  # apart within PGA, carried in
    pga = make_case(registered_by=r, municipality=emmen, started=date(2024, 2, 1), kind=Kind.PGA)
    tag(pga, "radicalisering", date(2024, 3, 1), date(2024, 6, 30))  # inflow, closed
    lives_in_emmen = make_case(
        registered_by=r, municipality=assen, home=emmen, started=date(2024, 4, 1)
    )
    tag(lives_in_emmen, "radicalisering", date(2024, 4, 1))  # counts where the person lives
    in_assen = make_case(registered_by=r, municipality=assen, started=date(2023, 5, 1))
    tag(in_assen, "radicalisering", date(2023, 5, 1), date(2023, 12, 31))  # ended before 2024
    tag(in_assen, "jeugd-pga", date(2024, 1, 1))  # not PGA: not in the split

    data = figures.snapshot_figures(YEAR)
    # The year's own figures too (the province's programme figures summed from the grouped
    # pass in a snapshot).
    assert {k: v for k, v in data.items() if k != "factsheets"} == figures.year_figures(YEAR)
    municipalities = list(Municipality.objects.order_by("name"))
    assert len(municipalities) > 2
    assert list(data["factsheets"]) == [m.name for m in municipalities]
    for m in municipalities:
        assert data["factsheets"][m.name] == figures.factsheet_figures(YEAR, m), m.name
    in_emmen = data["factsheets"]["Emmen"]
    assert in_emmen["active_direction"] == {"total": 4, "pga": 2}
    assert in_emmen["programmes"]["pga_split"] == {"pga": 2, "apart": 1, "other": 1}
    assert {row["code"]: row["active"] for row in in_emmen["programmes"]["by_programme"]} == {
        "jeugd-pga": 1,
        "radicalisering": 2,
    }
    in_assen = data["factsheets"]["Assen"]
    assert in_assen["active_direction"]["total"] > 0
    assert [row["code"] for row in in_assen["programmes"]["by_programme"]] == ["jeugd-pga"]
