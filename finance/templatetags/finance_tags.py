"""Small filters for the finance pages."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def thousands(value):
    """1.234.567 (Dutch grouping) for counts such as inhabitants."""
    if value in (None, ""):
        return ""
    return number_format(value, force_grouping=True)
