"""Shared template filters: Dutch money and counts."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euro(value, decimals=0):
    """€ 1.234.567 (whole euros, as the budget documents write them) or € 1.234,50."""
    if value is None or value == "":
        return ""
    places = int(decimals)
    amount = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}€\u00a0{number_format(abs(amount), places, force_grouping=True)}"


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
    return number_format(number, force_grouping=True)


@register.simple_tag
def lockout_minutes() -> int:
    """How long a locked account waits, in whole minutes (axes gives an ISO 8601 "PT30M")."""
    from django.conf import settings

    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
