"""The upload page says what each file holds (seen as the beheerder on 2026-12-07: "De kolommen
staan in de README van het project", a file the functioneel beheerder never sees), and offers
the header to start a file from; a CSV a Dutch spreadsheet program saved, with its dates as
28-2-2020, imports."""

import pytest
from django.urls import reverse

from advice.imports import AdviceImporter
from advice.models import AdviceRecord, Topic
from zvhd.imports import registry
from zvhd.imports.framework import RowProblems, parse_date, run_import

pytestmark = pytest.mark.django_db


def test_the_page_explains_every_column_of_every_import(cast, client_for):
    page = client_for(cast.beheerder).get(reverse("imports:list")).content.decode()
    assert "README" not in page
    classes = registry.importer_classes()
    assert {cls.kind for cls in classes} == {"advice", "cases"}
    for cls in classes:
        guide = cls.guide()
        assert [row.column for row in guide] == cls.columns
        for row in guide:
            assert row.values, f"{cls.kind}: {row.column} has no description"
            assert f'<code class="zvhd-code">{row.column}</code>' in page
            if row.column in cls.required:
                assert row.needed == "ja"
        assert reverse("imports:header_file", args=[cls.kind]) in page
    # The lists the beheerder keeps are read when the page is shown.
    cases = {row.column: row for row in registry.importer_class_for("cases").guide()}
    assert "schulden" in cases["problem_areas"].values
    assert "doel_bereikt" in cases["closing_reason"].values


def test_the_header_file_is_the_header_an_import_reads(cast, client_for):
    response = client_for(cast.beheerder).get(reverse("imports:header_file", args=["advice"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body == "\ufeff" + ";".join(AdviceImporter.columns) + "\r\n"

    # Filled in by a Dutch spreadsheet program: ';', Dutch dates, the byte-order mark kept.
    topic = Topic.objects.get_or_create(code="multiproblematiek", defaults={"label": "Multi"})[0]
    content = (body + f"A-1;3-2-2020;advies;Politie;Assen;{topic.code}\r\n").encode("utf-8")
    result = run_import(AdviceImporter(imported_by=cast.beheerder), content, "a.csv", dry_run=False)
    assert (result.ok, result.created) == (True, 1), result.problems
    assert str(AdviceRecord.objects.get().date) == "2020-02-03"


def test_an_unknown_kind_has_no_header_file(cast, client_for):
    response = client_for(cast.beheerder).get(reverse("imports:header_file", args=["geheim"]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-02-03", "2020-02-03"),
        ("03-02-2020", "2020-02-03"),
        ("3-2-2020", "2020-02-03"),
        ("31-02-2020", None),
        ("2020/02/03", None),
        ("03-02-20", None),
        ("3-2-20200", None),
        # Outside the house's range (zvhd.dates), in either form.
        ("01-01-0001", None),
        ("0001-01-01", None),
        ("31-12-9999", None),
        ("1-1-1900", "1900-01-01"),
    ],
)
def test_a_date_cell_is_iso_or_dutch(value, expected):
    problems = RowProblems(2)
    parsed = parse_date(value, "date", problems)
    assert (parsed.isoformat() if parsed else None) == expected
    assert bool(problems.items) == (expected is None)
