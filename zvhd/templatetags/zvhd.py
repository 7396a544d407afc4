"""Shared template filters: Dutch numbers, money, percentages and dates (`zvhd.formats`).

{% load zvhd %}
{{ inhabitants|getal }}          26.000
{{ amount|euro }}                € 13.617        {{ amount|euro:2 }}  € 13.617,50
{{ share|procent }}              4,99 %          {{ share|procent:1 }} 5,0 %
{{ day|datum }}                  28-02-2025      (tables, lists, forms)
{{ day|datum_lang }}             28 februari 2025 (sentences, letters, documents)
{{ moment|datumtijd }}           28-02-2025 14:05 ({{ moment|datumtijd:"seconden" }} 14:05:09)
{{ moment|datumtijd_lang }}      28 februari 2025 om 14:05
{{ day|datum_dag }}              vrijdag 28 februari 2025 (meetings)
{{ day|dag_maand }}              28 februari
{{ day|datum_iso }}              2025-02-28, for a <time datetime> or a link, never for people

No template uses Django's `|date:"..."`: every date goes through one of these, so a page, a
PDF and a spreadsheet write it the same way (tests/zvhd/test_formats.py checks).
"""

from django import template
from django.utils.safestring import mark_safe

from zvhd import formats

register = template.Library()


@register.filter
def page_window(page_obj):
    """The page numbers a pagination shows, None for a gap ("…"): the first and the last page,
    two either side of the current one, a gap just outside those two.

    The templates walked `paginator.page_range` and tested each number: 4,000 pages of advice
    at 1M cases cost ~0.5 s of template work a page (issue 24's matrix), 100,000 pages of the
    access log more. This reads only the numbers that can show, with the same outcome.
    """
    current, last = page_obj.number, page_obj.paginator.num_pages
    low, high = current - 2, current + 2
    candidates = {1, last, low - 1, high + 1, *range(low, high + 1)}
    window = []
    for number in sorted(n for n in candidates if 1 <= n <= last):
        if number in (1, last) or low <= number <= high:
            window.append(number)
        elif number in (low - 1, high + 1):
            window.append(None)
    return window


@register.filter
def euro(value, decimals=0):
    """€ 1.234.567 (whole euros, as the budget documents write them) or € 1.234,50."""
    return formats.euro(value, int(decimals))


@register.filter
def getal(value, decimals=0):
    """1.064.753 (or 1,5 with a number of decimals)."""
    return formats.number(value, int(decimals))


@register.filter
def procent(value, decimals=2):
    """4,99 % of a value that is already a percentage."""
    return formats.percent(value, int(decimals))


@register.filter
def cel(value):
    """A figure in a table cell: 1.064.753, 4,99, text as is, "–" for nothing."""
    return formats.cell(value)


@register.filter
def datum(value):
    return formats.short_date(value)


@register.filter
def datum_lang(value):
    return formats.long_date(value)


@register.filter
def datumtijd(value, precision=""):
    return formats.short_datetime(value, seconds=precision == "seconden")


@register.filter
def datumtijd_lang(value):
    return formats.long_datetime(value)


@register.filter
def datum_dag(value):
    return formats.weekday_date(value)


@register.filter
def dag_maand(value):
    return formats.day_month(value)


@register.filter
def datum_iso(value):
    return formats.iso(value)


@register.filter
def maand(value):
    return formats.month_year(value)


@register.filter
def small_count(value, threshold=5):
    """Counts under the threshold are shown as "<5" where a breakdown could identify someone."""
    if value is None:
        return ""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return value
    if 0 < number < int(threshold):
        return f"<{int(threshold)}"
    return formats.number(number)


@register.simple_tag(takes_context=True)
def subnav_link(context, url_name, label):
    """A link of a section's own menu (the row of links under a heading), marked
    aria-current and bold when it is the page shown (issue 23)."""
    from django.urls import reverse
    from django.utils.html import format_html

    url = reverse(url_name)
    request = context.get("request")
    if request is not None and request.path == url:
        return format_html(
            '<a class="utrecht-link zvhd-subnav-current" href="{}" aria-current="page">{}</a>',
            url,
            label,
        )
    return format_html('<a class="utrecht-link" href="{}">{}</a>', url, label)


@register.simple_tag
def lockout_minutes() -> int:
    """How long a locked account waits, in whole minutes (axes gives an ISO 8601 "PT30M")."""
    from django.conf import settings

    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


@register.simple_tag(takes_context=True)
def table_rows(context, table):
    """The rows of a django-tables2 table's page, built in Python (`zvhd.tables.table_rows_html`;
    "" for no rows, None where the template must draw them itself)."""
    from zvhd.tables import table_rows_html

    html = table_rows_html(table, context)
    return None if html is None else mark_safe(html)  # noqa: S308 - escaped per cell


@register.simple_tag
def nav_link(item):
    """A link of the main menu (a `zvhd.navigation.MenuEntry`), marked aria-current when it is
    the page shown and with its access key. Written here, not as an included template: an
    `{% include %}` per menu entry (10-15 on every page) cost every page ~0.25 ms of CPU
    (issue 24). The markup is the former partials/nav_link.html's, compared in
    tests/zvhd/test_navigation_by_role.py."""
    from django.utils.html import format_html

    attributes = mark_safe("")  # noqa: S308 - empty
    if item.active:
        attributes += mark_safe(' aria-current="page"')  # noqa: S308 - a constant
    if item.accesskey:
        key = item.accesskey.upper()
        attributes += format_html(
            ' accesskey="{}" aria-keyshortcuts="Alt+Shift+{}" title="{} (Alt+Shift+{})"',
            item.accesskey,
            key,
            item.label,
            key,
        )
    return format_html(
        '<a class="utrecht-nav-list__link" href="{}"{}>{}</a>', item.url, attributes, item.label
    )
