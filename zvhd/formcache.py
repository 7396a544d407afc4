"""A drawn form from the cache: the same HTML for everyone who sees the same form (issue 24).

Drawing a form through Django's widget templates costs more CPU than most pages' queries: a
register's filter form (8 fields, their selects) was a third of the advice list's CPU, the
advice form on the start page (two long selects, radio buttons) a third of the start page's.
The HTML depends only on what the key below hashes, so it is drawn once and kept for
`FORM_CACHE_SECONDS`. The key is a hash of everything the HTML is made of: the form's class,
the language, each field's label, help text, requirement, initial value, widget attributes
and choices as they are now (a choice list scoped to the reader, or a new organisation,
simply makes another key) and the submitted values. Only the values of choice fields: a form
with anything typed into it (a name, a number, a date) is drawn as usual and never kept, so
nothing a person typed sits in the cache. The choices are read once (each model choice
list's one query, as drawing it would) and handed to the widget, so drawing it after a miss
asks nothing again. A form with errors is never kept either.
"""

from __future__ import annotations

import hashlib
import json

from django import forms
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

FORM_CACHE_SECONDS = 300
FORM_CACHE_VERSION = 3


def form_cache_key(form: forms.Form, *, owner: type, data=None, bound: bool = False) -> str | None:
    """The cache key of `form` drawn as `owner` draws it (a filter set or the form's own
    class), or None when it must not be kept. `data` are the submitted values (a QueryDict)."""
    if bound and form.errors:
        return None
    fields = []
    for name, field in form.fields.items():
        submitted = [v for v in (data.getlist(name) if data else []) if str(v).strip()]
        choices = None
        if isinstance(field, forms.ChoiceField):
            # iter(): list() of the iterator itself would first COUNT a model choice list.
            choices = list(iter(field.choices))
            field.widget.choices = choices  # read once: drawn from these, no new query
        elif submitted:
            return None
        else:
            # A widget with choices of its own (a yes/no select over a NullBooleanField).
            choices = list(getattr(field.widget, "choices", None) or ()) or None
        initial = form.initial.get(name, field.initial)
        if callable(initial):
            initial = initial()
        fields.append(
            [
                name,
                str(field.label),
                str(field.help_text),
                field.required,
                repr(initial),
                sorted((str(k), str(v)) for k, v in field.widget.attrs.items()),
                [(str(value), str(label)) for value, label in choices or ()],
                submitted,
            ]
        )
    material = json.dumps(
        [
            FORM_CACHE_VERSION,
            f"{owner.__module__}.{owner.__qualname__}",
            get_language(),
            form.prefix,
            form.auto_id,
            fields,
        ],
        default=str,
    )
    return "zvhd:form:" + hashlib.sha256(material.encode()).hexdigest()


def drawn(form, key: str | None) -> str:
    """`str(form)`, from the cache under `key` when it was drawn before (None: never kept).

    `form` may be a function that makes the form: a key that can be made without the form
    (the case lists') then spares building it (its fields are deep copies) on a hit."""
    if key is None:
        return str(form() if callable(form) else form)
    html = cache.get(key)
    if html is None:
        html = str(form() if callable(form) else form)
        cache.set(key, html, FORM_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - the form's own escaped rendering


def cached_html(form: forms.Form) -> str:
    """An unbound form's HTML, drawn once for everyone who sees the same form."""
    return drawn(form, None if form.is_bound else form_cache_key(form, owner=type(form)))
