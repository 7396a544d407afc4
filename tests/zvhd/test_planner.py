"""The planner hint for one record read by its key (zvhd/planner.py, issue 24): the joins are
planned as written for that read only, never for what the connection does after it."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.urls import reverse

from zvhd.planner import joins_as_written


def limit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_the_hint_holds_for_the_read_and_ends_with_it():
    before = limit()
    assert before != "1"
    with joins_as_written():
        assert limit() == "1"
    assert limit() == before


@pytest.mark.django_db(transaction=True)
def test_the_hint_ends_when_the_read_fails():
    before = limit()
    with pytest.raises(LookupError), joins_as_written():
        raise LookupError
    assert limit() == before


@pytest.mark.django_db(transaction=True)
def test_inside_an_open_transaction_there_is_no_hint():
    """A SET LOCAL there would last until that transaction ends."""
    with transaction.atomic():
        before = limit()
        with joins_as_written():
            assert limit() == before
        assert limit() == before


@pytest.mark.django_db(transaction=True)
def test_a_case_page_reads_with_the_hint_and_leaves_the_connection_as_it_was(client, cast):
    from tests.cases.factories import make_case

    case = make_case(registered_by=cast.partner, municipality=cast.assen)
    before = limit()
    client.force_login(cast.regisseur)
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert response.status_code == 200
    assert "SET LOCAL join_collapse_limit = 1" in statements
    assert limit() == before
