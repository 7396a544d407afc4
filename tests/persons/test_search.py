"""The matcher: tolerances of issue 21 part 2, and a small precision/recall measurement.

The large measurement (10,000+ persons, and the timing at up to 1M) is tests/bench/
bench_persons.py, results in BENCHMARKS.md; this one runs in the suite on a few hundred.
"""

import random
from datetime import date

import pytest
from django.db import connection

from persons.normalise import fold, last_name_key
from persons.search import by_bsn, candidates, swapped
from tests.persons.factories import make_person
from tests.persons.generate import make_register, typo_queries

pytestmark = pytest.mark.django_db


def top(**query):
    found = candidates(**query)
    return found[0] if found else None


def test_janssen_finds_jansen():
    jansen = make_person(last_name="Jansen")
    hit = top(first_name="Jan", last_name="Janssen", birth_date=date(1980, 3, 7))
    assert hit.person_id == jansen.pk
    assert "geboortedatum gelijk" in hit.reasons


def test_yilmaz_finds_yilmaz_with_a_dotless_i():
    person = make_person(first_name="Ayşe", last_name="Yılmaz")
    hit = top(first_name="Ayse", last_name="Yilmaz", birth_date=date(1980, 3, 7))
    assert hit.person_id == person.pk
    assert hit.reasons[0] == "achternaam gelijk"


def test_swapped_day_and_month_are_found_and_said():
    person = make_person(last_name="de Vries", birth_date=date(1980, 3, 7))
    hit = top(first_name="Jan", last_name="de Vries", birth_date=date(1980, 7, 3))
    assert hit.person_id == person.pk
    assert "geboortedatum gelijk met dag en maand omgedraaid" in hit.reasons


def test_a_missing_tussenvoegsel_is_found():
    person = make_person(first_name="Pieter", last_name="van den Berg")
    hit = top(first_name="Pieter", last_name="Berg", birth_date=date(1980, 3, 7))
    assert hit.person_id == person.pk
    assert hit.reasons[0] == "achternaam gelijk"


def test_bsn_is_exact_and_ranks_first():
    person = make_person(last_name="Bakker", bsn="111222333")
    make_person(last_name="Bakker", bsn="")
    found = candidates(bsn="1112.22.333", last_name="Bakker", birth_date=date(1980, 3, 7))
    assert found[0].person_id == person.pk
    assert found[0].reasons == ["BSN gelijk"]
    assert list(by_bsn("111222333")) == [person]


def test_another_bsn_is_another_person_however_alike_the_name():
    make_person(last_name="Bakker", bsn="111222333")
    assert candidates(bsn="123456782", last_name="Bakker", birth_date=date(1980, 3, 7)) == []


def test_a_different_person_is_not_a_hit():
    make_person(first_name="Jan", last_name="Janssen")
    assert candidates(first_name="Fatima", last_name="Bouzid", birth_date=date(1980, 3, 7)) == []
    assert candidates(first_name="Jan", last_name="Janssen", birth_date=date(1975, 11, 20)) == []


def test_merged_persons_are_not_found_again():
    survivor = make_person(last_name="Smit")
    merged = make_person(last_name="Smid", merged_into=survivor)
    ids = [
        c.person_id
        for c in candidates(first_name="Jan", last_name="Smid", birth_date=date(1980, 3, 7))
    ]
    assert merged.pk not in ids and survivor.pk in ids


def test_swapped_gives_nothing_for_days_above_twelve_or_equal_day_and_month():
    assert swapped(date(1980, 3, 7)) == date(1980, 7, 3)
    assert swapped(date(1980, 3, 17)) is None
    assert swapped(date(1980, 5, 5)) is None


def test_the_folding_agrees_with_postgresql_unaccent():
    names = ["Yılmaz", "Çelik", "Müller", "Ødegaard", "Zoë", "Jérôme", "Łukasz", "Öztürk", "Ángel"]
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute("SELECT lower(unaccent(%s))", [name])
            assert fold(name) == cursor.fetchone()[0], name


def test_tussenvoegsels_are_left_out_of_the_key():
    assert last_name_key("van der Berg") == "berg"
    assert last_name_key("De Vries") == "vries"
    assert last_name_key("van 't Hof") == "hof"
    assert last_name_key("Van") == "van"


def test_precision_and_recall_on_a_small_generated_register():
    """300 persons, 150 queries with one typo class each, 50 of persons not in the register."""
    rng = random.Random(21)
    people = make_register(rng, 300)
    queries = typo_queries(rng, people, 150, absent=50)
    true_pos = false_pos = missed = 0
    for query, expected in queries:
        found = candidates(**query, limit=1)
        got = found[0].person_id if found else None
        if expected is None:
            false_pos += got is not None
        elif got == expected:
            true_pos += 1
        else:
            missed += 1
            false_pos += got is not None
    recall = true_pos / (true_pos + missed)
    precision = true_pos / (true_pos + false_pos)
    assert recall >= 0.95, (recall, precision)
    assert precision >= 0.9, (recall, precision)
