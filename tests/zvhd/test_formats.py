"""Dutch formats: money grouped with dots, years and numbers plain, small counts hidden."""

from datetime import date
from decimal import Decimal

from django.template import Context, Template


def render(source, **context):
    return Template("{% load zvhd %}" + source).render(Context(context))


def test_money_is_written_the_dutch_way_in_whole_euros():
    assert render("{{ v|euro }}", v=Decimal("2103020")) == "€\u00a02.103.020"
    assert render("{{ v|euro:2 }}", v=Decimal("1234.5")) == "€\u00a01.234,50"
    assert render("{{ v|euro }}", v=Decimal("-104843")) == "-€\u00a0104.843"


def test_years_are_never_grouped():
    assert render("{{ y }}", y=2026) == "2026"


def test_dates_are_dutch():
    assert render("{{ d|date:'j F Y' }}", d=date(2026, 3, 1)) == "1 maart 2026"


def test_small_counts_in_sensitive_breakdowns_are_shown_as_less_than_five():
    assert render("{{ n|small_count }}", n=3) == "&lt;5"
    assert render("{{ n|small_count }}", n=0) == "0"
    assert render("{{ n|small_count }}", n=1234) == "1.234"
