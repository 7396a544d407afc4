"""Import of advice records from the previous system."""

import pytest

from advice.imports import COLUMNS, AdviceImporter
from advice.models import AdviceRecord, Topic
from zvhd.imports.framework import run_import

pytestmark = pytest.mark.django_db


def csv_bytes(rows):
    return ("\n".join([",".join(COLUMNS), *(",".join(r) for r in rows)]) + "\n").encode()


@pytest.fixture
def topic(db):
    return Topic.objects.get_or_create(code="multiproblematiek", defaults={"label": "Multi"})[0]


def test_valid_advice_rows_import_once_and_a_second_run_skips_them(cast, topic):
    content = csv_bytes(
        [
            ["A-1", "2020-02-03", "informatieknooppunt", "Politie", "Assen", ""],
            ["A-2", "2020-02-04", "advies", "GGZ Drenthe", "", "multiproblematiek"],
            ["A-3", "2020-02-05", "ondersteuning", "Gemeente Emmen", "Emmen", ""],
        ]
    )
    first = run_import(AdviceImporter(imported_by=cast.beheerder), content, "a.csv", dry_run=False)
    assert (first.ok, first.created) == (True, 3), first.problems
    assert set(AdviceRecord.objects.values_list("kind", flat=True)) == {
        "informatieknooppunt",
        "advies_kort",
        "ondersteuning",
    }
    assert AdviceRecord.history.first().history_change_reason == "geïmporteerd"
    again = run_import(AdviceImporter(imported_by=cast.beheerder), content, "a.csv", dry_run=False)
    assert (again.created, again.skipped) == (0, 3)
    assert AdviceRecord.objects.count() == 3


def test_every_advice_problem_is_reported_by_row_and_column_and_nothing_is_written(cast, topic):
    content = csv_bytes(
        [
            ["B-1", "2020-02-03", "informatieknooppunt", "Politie", "Assen", ""],
            ["B-2", "31-02-2020", "advies", "Politie", "", ""],
            ["B-3", "2020-02-03", "vraag", "Politie", "", ""],
            ["B-4", "2020-02-03", "advies", "Bakkerij", "", ""],
            ["B-5", "2020-02-03", "advies", "Politie", "Groningen", ""],
            ["B-6", "2020-02-03", "advies", "Politie", "", "iets"],
            ["B-7", "2999-01-01", "advies", "Politie", "", ""],
        ]
    )
    result = run_import(AdviceImporter(imported_by=cast.beheerder), content, "a.csv", dry_run=False)
    assert {(p.row, p.column) for p in result.problems} == {
        (3, "date"),
        (4, "kind"),
        (5, "requesting_organisation"),
        (6, "municipality"),
        (7, "topic"),
        (8, "date"),
    }
    assert not AdviceRecord.objects.exists()
