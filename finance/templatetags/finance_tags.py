"""Small filters for the finance pages."""

from django import template

from zvhd import formats

register = template.Library()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def thousands(value):
    """1.234.567 (Dutch grouping) for counts such as inhabitants."""
    if value in (None, ""):
        return ""
    return formats.number(value)
