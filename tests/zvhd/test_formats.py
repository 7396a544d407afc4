"""Dutch formats from one helper (zvhd/formats.py): pages, PDFs and spreadsheets agree.

"1.064.753", "€ 13.617", "4,99 %", "26.000 inwoners"; "28-02-2025" in lists and
"28 februari 2025" in sentences and letters; years and record numbers never grouped.
"""

import contextlib
import io
import re
import zlib
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.formats import date_format

from zvhd import formats


def render(source, **context):
    return Template("{% load zvhd %}" + source).render(Context(context))


# --- the helper ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1064753, 0, "1.064.753"),
        (26000, 0, "26.000"),
        (Decimal("4.987"), 2, "4,99"),
        (4.5, 1, "4,5"),
        (-104843, 0, "-104.843"),
        (Decimal("4.180"), -3, "4,18"),
        (Decimal("12"), -3, "12"),
        (0, 0, "0"),
        (None, 0, ""),
    ],
)
def test_numbers_are_grouped_with_dots_and_decimals_written_with_a_comma(value, decimals, expected):
    assert formats.number(value, decimals) == expected


def test_money_and_percentages_carry_their_sign_after_a_non_breaking_space():
    assert formats.euro(13617) == "€\u00a013.617"
    assert formats.euro(Decimal("1234.5"), 2) == "€\u00a01.234,50"
    assert formats.euro(-104843) == "-€\u00a0104.843"
    assert formats.percent(Decimal("4.987")) == "4,99\u00a0%"
    assert formats.percent(None) == ""


def test_dates_have_one_short_and_one_long_form_with_lower_case_months():
    day = date(2025, 2, 28)
    assert formats.short_date(day) == "28-02-2025"
    assert formats.long_date(day) == "28 februari 2025"
    assert formats.long_date(date(2026, 10, 3)) == "3 oktober 2026"
    assert formats.month_year(day) == "februari 2025"


def test_an_aware_moment_is_shown_in_dutch_time():
    moment = datetime(2025, 2, 28, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert formats.short_datetime(moment) == "01-03-2025 00:30"
    assert formats.long_datetime(moment) == "1 maart 2025 om 00:30"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1,5", Decimal("1.5")),
        ("1.5", Decimal("1.5")),
        ("1.064,5", Decimal("1064.5")),
        ("1.500", Decimal("1500")),
        ("€ 13.617", Decimal("13617")),
        ("4,99 %", Decimal("4.99")),
        ("anderhalf", None),
        ("", None),
    ],
)
def test_what_a_dutch_user_types_is_read_as_the_number_they_mean(typed, expected):
    assert formats.parse_decimal(typed) == expected


def test_the_decimal_form_field_accepts_one_and_a_half_fte_and_shows_it_back_with_a_comma():
    field = formats.DecimalField(max_digits=5, decimal_places=2, min_value=0)
    assert field.clean("1,5") == Decimal("1.5")
    assert field.prepare_value(Decimal("1.50")) == "1,5"
    with pytest.raises(Exception, match="Vul een getal in"):
        field.clean("anderhalf")


# --- HTML: the template filters -----------------------------------------------------------


def test_money_is_written_the_dutch_way_in_whole_euros():
    assert render("{{ v|euro }}", v=Decimal("2103020")) == "€\u00a02.103.020"
    assert render("{{ v|euro:2 }}", v=Decimal("1234.5")) == "€\u00a01.234,50"
    assert render("{{ v|euro }}", v=Decimal("-104843")) == "-€\u00a0104.843"


def test_counts_percentages_and_table_cells_in_templates():
    assert render("{{ v|getal }} inwoners", v=26000) == "26.000 inwoners"
    assert render("{{ v|procent }}", v=Decimal("4.99")) == "4,99\u00a0%"
    assert render(
        "{{ v|cel }}|{{ w|cel }}|{{ x|cel }}|{{ n|cel }}", v=1064753, w=4.987, x="a", n=None
    ) == ("1.064.753|4,99|a|–")


def test_years_are_never_grouped():
    assert render("{{ y }}", y=2026) == "2026"


def test_dates_in_templates_use_the_short_form_in_lists_and_the_long_form_in_sentences():
    day = date(2026, 8, 23)
    assert render("{{ d|datum }}", d=day) == "23-08-2026"
    assert render("{{ d|datum_lang }}", d=day) == "23 augustus 2026"
    # Django's own formats agree, for `|date` without a format and for DateColumn.
    assert render("{{ d|date }}", d=day) == "23 augustus 2026"
    assert date_format(day, "SHORT_DATE_FORMAT") == "23-08-2026"


def test_meeting_days_short_day_months_and_moments_with_seconds():
    day = date(2026, 12, 10)
    assert formats.weekday_date(day) == "donderdag 10 december 2026"
    assert formats.day_month(day) == "10 december"
    assert render("{{ d|datum_dag }} · {{ d|dag_maand }}", d=day) == (
        "donderdag 10 december 2026 · 10 december"
    )
    moment = datetime(2025, 2, 28, 13, 5, 9, tzinfo=ZoneInfo("UTC"))
    assert render('{{ m|datumtijd:"seconden" }}', m=moment) == "28-02-2025 14:05:09"
    # For a <time datetime> attribute or a link a date field reads back, never for people.
    assert render("{{ d|datum_iso }}", d=day) == "2026-12-10"


def test_small_counts_in_sensitive_breakdowns_are_shown_as_less_than_five():
    assert render("{{ n|small_count }}", n=3) == "&lt;5"
    assert render("{{ n|small_count }}", n=0) == "0"
    assert render("{{ n|small_count }}", n=1234) == "1.234"


def test_no_template_writes_a_date_with_english_or_capitalised_month_abbreviations():
    """`|date:"M"` gives "Okt", "j-n-Y" gives "23-8-2026": neither is one of our two forms."""
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for path in Path(settings.BASE_DIR).glob("*/**/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        text = path.read_text()
        if re.search(r"""date:["'][^"']*\b(M|D|N|b)\b|date:["']j-n-Y""", text):
            offenders.append(str(path))
    assert offenders == []


APP_DIRS = [
    "advice",
    "aftercare",
    "api",
    "casefile",
    "cases",
    "federation",
    "finance",
    "inbox",
    "persons",
    "programmes",
    "reports",
    "risk",
    "tables",
    "trafficking",
    "zvhd",
    "templates",
]


def _project_files(pattern: str):
    from pathlib import Path

    from django.conf import settings

    for folder in APP_DIRS:
        for path in (Path(settings.BASE_DIR) / folder).glob(pattern):
            if "migrations" not in path.parts:
                yield path


def test_every_template_writes_its_dates_through_the_house_filters():
    """Not Django's `|date:"..."` (a format string per template, 89 templates wrote four
    different ones, issue 23): `datum`, `datum_lang`, `datumtijd`, `datum_dag`, ... from
    zvhd.formats, so pages and PDFs agree with the spreadsheets; no `|intcomma` either."""
    offenders = [
        f"{path.name}: {m.group(0)}"
        for path in _project_files("**/*.html")
        for m in re.finditer(
            r"\|(date|time):[^ }|]*|\|intcomma|\|floatformat[^ }|]*", path.read_text()
        )
    ]
    assert offenders == []


# What a module may still format itself: file names and the machine formats of data exchange.
# Only files that do (test_each_exception_still_formats_a_machine_format): an exception left
# behind after its formatting moved to zvhd.formats let the next strftime there in unseen, as
# whole folders did (zvhd/registers, cases/views/list_*, issue 23).
MACHINE_FORMATS = {
    "trafficking/views.py",  # CoMensha's CSV asks for the month as 2026-12
    "zvhd/imports/services.py",  # an upload's stored file name
    "aftercare/models.py",  # the record number NZ-2026-0001
    "zvhd/tables.py",  # DateColumn: the house's two forms from zvhd.formats, others as asked
}
# strftime, f"{day:%d-%m-%Y}" and "{:%d-%m-%Y}".format(day), format(day, "%d-%m-%Y"),
# Django's date_format / time_format / number_format / dateformat.format, intcomma; and a date
# field put into an f-string as it is (f"{self.received_on}" reads 2026-11-03).
SELF_FORMATTED = re.compile(
    r"\.strftime\(|\{[^{}]*:%[a-zA-Z][^{}]*\}|\bformat\([^()]*, *f?[\"']%[a-zA-Z]"
    r"|\b(date|time|number)_format\(|\bdateformat\.|intcomma"
    r"|\{[A-Za-z_][\w.]*\.(date|\w+_on|\w+_at)\}"
)


def _modules():
    from django.conf import settings

    base = len(str(settings.BASE_DIR)) + 1
    for path in _project_files("**/*.py"):
        yield str(path)[base:], path


@pytest.mark.parametrize(
    "line",
    [
        'return day.strftime("%d-%m-%Y")',
        'return f"{case.review_on:%d-%m-%Y}"',
        'return "{:%d-%m-%Y}".format(day)',
        'return "Evaluatie {0:%d %B}".format(day)',
        'return format(day, "%d-%m-%Y")',
        'return date_format(day, "j F Y")',
        'return time_format(moment, "H:i")',
        'return dateformat.format(day, "d-m-Y")',
        "return intcomma(total)",
        'return f"{self.get_kind_display()} {self.received_on}"',
        'stdout.write(f"ketenkamer op {ketenkamer.date}.")',
    ],
)
def test_the_guard_knows_every_way_a_module_formats_a_date_itself(line):
    assert SELF_FORMATTED.search(line)


@pytest.mark.parametrize(
    "line",
    [
        "return formats.short_date(day)",
        'DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")',
        'return f"{case.number}: {formats.long_date(day)}"',
        "return day.isoformat()",
        'return f"{case.number} {formats.short_date(case.review_on)}"',
    ],
)
def test_the_guard_lets_the_house_helpers_and_machine_formats_pass(line):
    assert not SELF_FORMATTED.search(line)


def test_no_module_formats_a_date_or_a_number_for_people_by_itself():
    """strftime, f"{day:%d-%m-%Y}", Django's date_format/number_format: each wrote its own
    variant. People read dates and numbers from zvhd.formats only."""
    offenders = []
    for name, path in _modules():
        if name in MACHINE_FORMATS or name == "zvhd/formats.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if SELF_FORMATTED.search(line) and "cell.number_format" not in line:
                offenders.append(f"{name}:{number}: {line.strip()}")
    assert offenders == []


def test_each_exception_still_formats_a_machine_format():
    """An exception whose module no longer formats anything itself is taken off the list."""
    modules = dict(_modules())
    stale = [
        name for name in MACHINE_FORMATS if not SELF_FORMATTED.search(modules[name].read_text())
    ]
    assert stale == []


# --- PDF: a document template rendered as the PDF task renders it --------------------------


def _pdf_text(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated, to look for tags and metadata."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(match.group(1)))
    return b"\n".join(parts)


def test_a_pdf_template_formats_amounts_counts_and_dates_the_dutch_way():
    html = Template(
        '{% extends "pdf/base.html" %}{% load zvhd %}{% block title %}Bijdrage 2026 Assen'
        "{% endblock %}{% block content %}<p>{{ total|euro }} voor {{ people|getal }} inwoners,"
        " {{ share|procent }}, {{ day|datum_lang }}</p>{% endblock %}"
    ).render(
        Context(
            {"total": 13617, "people": 26000, "share": Decimal("4.99"), "day": date(2026, 1, 1)}
        )
    )
    assert "€\u00a013.617 voor 26.000 inwoners, 4,99\u00a0%, 1 januari 2026" in html


def test_pdfs_are_tagged_with_language_and_title_for_screen_readers():
    from zvhd.pdf import html_to_pdf

    pdf = html_to_pdf(
        '<!DOCTYPE html><html lang="nl"><head><title>Factsheet Assen 2025</title></head>'
        "<body><h1>Factsheet</h1><p>Tekst</p></body></html>"
    )
    inflated = _pdf_text(pdf)
    assert b"/StructTreeRoot" in inflated
    assert b"/MarkInfo" in inflated
    assert b"/Lang" in inflated and b"nl" in inflated
    assert b"pdfuaid" in inflated
    assert b"/DisplayDocTitle true" in inflated


def test_the_figure_tables_of_the_pdfs_group_numbers():
    from reports.tables import FigureTable

    table = FigureTable("t", "Inwoners", "", ["", "2025"], [["Assen", 68798], ["Aandeel", 4.99]])
    html = render_to_string("reports/pdf/_table.html", {"table": table})
    assert "68.798" in html and "4,99" in html


# --- XLSX: numbers stay numbers, with formats a Dutch spreadsheet shows as we write them ---


def test_spreadsheet_cells_keep_numbers_and_dates_with_dutch_readable_formats():
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Assen", 68798, Decimal("4.99"), date(2025, 2, 28), "tekst"])
    formats.xlsx_apply_formats(sheet)
    out = io.BytesIO()
    book.save(out)
    row = load_workbook(io.BytesIO(out.getvalue())).active[1]
    assert row[1].value == 68798 and row[1].number_format == formats.XLSX_COUNT
    assert row[2].number_format == formats.XLSX_DECIMAL
    assert row[3].number_format == formats.XLSX_DATE == "dd-mm-yyyy"
    assert row[4].number_format == "General"


def test_the_figure_export_groups_its_numbers():
    from openpyxl import load_workbook

    from reports.exports import tables_xlsx
    from reports.tables import FigureTable

    table = FigureTable("inwoners", "Inwoners", "per gemeente", ["", "2025"], [["Assen", 68798]])
    sheet = load_workbook(io.BytesIO(tables_xlsx([table], title="Cijfers 2025"))).active
    cell = sheet.cell(4, 2)
    assert cell.value == 68798
    assert cell.number_format == formats.XLSX_COUNT


def test_the_pagination_summary_groups_its_numbers():
    """ "301–350 van 200260" on the advice list at 1M (issue 24's matrix): counts are grouped."""
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    page = Paginator(range(200260), 50).page(7)
    html = render_to_string(
        "partials/pagination.html",
        {"page_obj": page, "paginator": page.paginator},
        request=RequestFactory().get("/advies/vragen/?page=7"),
    )
    assert "301–350 van 200.260" in html
