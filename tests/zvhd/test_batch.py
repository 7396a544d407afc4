"""`clean_without_queries`: full_clean's checks of a record, without asking the database."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cases.models import Person
from zvhd.batch import clean_without_queries

pytestmark = pytest.mark.django_db


def test_it_reports_what_full_clean_reports_without_a_single_query(cast, django_assert_num_queries):
    person = Person(
        first_name="Jan", last_name="Bakker", birth_date=date(2999, 1, 1), gender="man", bsn="1"
    )
    with pytest.raises(ValidationError) as without, django_assert_num_queries(0):
        clean_without_queries(person)
    with pytest.raises(ValidationError) as full:
        person.full_clean()
    assert without.value.message_dict == full.value.message_dict
    assert set(without.value.message_dict) == {"birth_date", "bsn", "municipality"}


def test_a_related_record_assigned_but_not_saved_yet_counts_as_filled_in(
    cast, django_assert_num_queries
):
    from cases.models import Case, CaseProblemArea

    area = CaseProblemArea(case=Case(), code="psychisch")
    with django_assert_num_queries(0):
        clean_without_queries(area)
    with pytest.raises(ValidationError) as error:
        clean_without_queries(CaseProblemArea(code="onbekend"))
    assert set(error.value.message_dict) == {"case", "code"}


@pytest.mark.django_db(transaction=True)
def test_without_savepoints_nested_blocks_make_none_and_a_failure_rolls_back_the_whole():
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from zvhd.batch import without_savepoints

    def rows():
        with connection.cursor() as cursor:
            cursor.execute("SELECT n FROM seeded ORDER BY n")
            return [n for (n,) in cursor.fetchall()]

    def insert(n):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO seeded VALUES (%s)", [n])

    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE seeded (n int)")
    try:
        with (
            CaptureQueriesContext(connection) as queries,
            transaction.atomic(),
            without_savepoints(),
        ):
            insert(1)
        assert not [q for q in queries if "SAVEPOINT" in q["sql"]]
        # A block inside another leaves the outer one without savepoints when it ends.
        with (
            CaptureQueriesContext(connection) as queries,
            transaction.atomic(),
            without_savepoints(),
        ):
            with without_savepoints():
                insert(4)
            insert(5)
        assert not [q for q in queries if "SAVEPOINT" in q["sql"]]
        # Outside the block the savepoints are back.
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            insert(2)
        assert [q for q in queries if "SAVEPOINT" in q["sql"]]
        # An exception out of a nested block takes the whole transaction with it.
        with pytest.raises(ValueError), transaction.atomic(), without_savepoints():
            insert(3)
            try:
                with transaction.atomic():
                    raise ValueError("mislukt")
            finally:
                assert connection.needs_rollback
        assert rows() == [1, 2, 4, 5]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE seeded")
