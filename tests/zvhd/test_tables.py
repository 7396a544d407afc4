"""The shared date column: the text django-tables2's DateColumn gave, without its templates."""

from datetime import date

import django_tables2 as tables
import pytest
from django.utils import translation

from zvhd.tables import DateColumn


@pytest.mark.parametrize("fmt", ["d-m-Y", "j M Y", None])
@pytest.mark.parametrize("value", [date(2026, 3, 9), date(2025, 12, 31), None])
def test_the_date_column_shows_and_exports_what_the_template_column_did(fmt, value):
    class Before(tables.Table):
        day = tables.DateColumn(fmt)

    class After(tables.Table):
        day = DateColumn(fmt)

    data = [{"day": value}]
    with translation.override("nl"):
        before, after = Before(data).rows[0], After(data).rows[0]
        assert str(after.get_cell("day")) == str(before.get_cell("day"))
        if value is not None:  # an export leaves an empty date empty, like any other column
            # The export holds the date itself (a real date in a spreadsheet, issue 23), where
            # django-tables2's column gave its ISO text.
            assert before.get_cell_value("day") == value.isoformat()
            assert after.get_cell_value("day") == value


def test_a_date_reads_as_the_lists_write_it_and_an_empty_date_as_a_dash():
    class After(tables.Table):
        day = DateColumn()

    with translation.override("nl"):
        rows = After([{"day": date(2026, 3, 9)}, {"day": None}]).rows
        assert [rows[0].get_cell("day"), rows[1].get_cell("day")] == ["09-03-2026", "—"]


def test_the_app_lists_render_no_template_per_cell():
    """django-tables2's DateColumn (a TemplateColumn) compiled a template for every cell."""
    from advice.tables import AdviceTable, DirectoryTable
    from advice.tables import SignalTable as PatternTable
    from aftercare.tables import RecordTable
    from trafficking.tables import PseudonymisedSignalTable, SignalTable

    for table in (
        AdviceTable,
        DirectoryTable,
        PatternTable,
        RecordTable,
        PseudonymisedSignalTable,
        SignalTable,
    ):
        columns = table.base_columns.items()
        assert [n for n, c in columns if isinstance(c, tables.TemplateColumn)] == [], table
