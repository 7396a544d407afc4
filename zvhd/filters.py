"""The base of every filter set: a reader filters, sorts and searches only on what they may see.

A list shows each record at one level (the case list: the summary). A filter on a field that is
shown only at a higher level (the topic of a case is in the case file, not in its summary) is an
oracle: `?topic=mensenhandel` on a list of summaries tells which of them are about trafficking,
although no page shows it (issue 18, item 5). So every filter set says, per filter, which level
of visibility it needs (`levels`; a filter not named there needs no more than the list shows),
and asks the app's one door which records the reader sees at that level (`level_scope`):

- the reader sees the level on no record: the filter is dropped. It is not in the form, and the
  parameter is ignored like any unknown parameter, so the answer is the list without it (not an
  error: an error message for one value and none for another would itself be an answer);
- on some records (a process director: the case files of her own cases): the filter applies to
  those records only; a record whose field the reader may not see never matches it;
- on every record: the filter applies as usual.

The free-text search (`q`) is a method of each filter set; it matches a field only within
`self.visible(queryset, level)`, the same rule by hand. Sorting is django-tables2's: it sorts
only on the columns of the table the view chose for the reader, so a hidden field is never a
sort key (the walk in tests/zvhd/test_filter_oracle.py checks both).
"""

from __future__ import annotations

import copy

import django_filters
from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from zvhd.formcache import drawn, form_cache_key

SEARCH_LIMIT = 200
# The fields whose "invalid choice" message repeats what was sent (a ModelChoiceField's does not).
ECHOING_CHOICE_FIELDS = (
    forms.ChoiceField,
    forms.MultipleChoiceField,
    forms.ModelMultipleChoiceField,
)
INVALID_CHOICE = _("Kies een van de waarden uit de lijst; deze waarde kent het filter niet.")


def fresh_filter(filter_):
    """A filter of the class's `base_filters` for one filter set: what django-filter's
    `copy.deepcopy` of them gives, for what a filter set changes of its filters (their `extra`
    and their attributes; never a value inside `extra` in place) at a fraction of the cost
    (a deepcopy of a dozen filters with their labels and widgets was ~2,000 function calls on
    every list page, issue 24). The form field a filter builds (`_field`) is its own."""
    fresh = copy.copy(filter_)
    fresh.extra = dict(filter_.extra)
    fresh.__dict__.pop("_field", None)
    if fresh.method is not None:
        # Its FilterMethod points back at the filter (to find `method` on the parent
        # filter set): set again, it points at the copy.
        fresh.method = fresh.method
    return fresh


class YesNoAllSelect(forms.NullBooleanSelect):
    """A yes/no filter's select: "Alle" for no filter (Django's own says "Onbekend"). Read as
    Django reads a NullBooleanSelect: "true"/"True" is yes, "false"/"False" no, anything else
    (a hand-typed "1" too) no filter - and the select then shows "Alle", as it filters."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("unknown", _("Alle")), ("true", _("Ja")), ("false", _("Nee")))


class FreshFilters(dict):
    """A filter set class's filters: copied for each filter set by `fresh_filter`."""

    def __deepcopy__(self, memo):
        return {name: fresh_filter(filter_) for name, filter_ in self.items()}


class ScopedFilterSet(django_filters.FilterSet):
    # filter name -> the visibility level it needs (a name `level_scope` understands).
    levels: dict[str, str] = {}

    # A yes/no field named in `Meta.fields` gets the select that says "Alle" for no filter
    # (django-filter's default, a NullBooleanSelect, said "Onbekend": the organisations'
    # "Actief" still did after the users' was mended one filter at a time). A filter set's
    # own `Meta.filter_overrides` still goes before these defaults.
    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {
            "filter_class": django_filters.BooleanFilter,
            "extra": lambda field: {"widget": YesNoAllSelect},
        },
    }

    @classmethod
    def get_filters(cls):
        """The class's `base_filters`, in a dict whose deepcopy (one per filter set, in
        django-filter's `BaseFilterSet.__init__`) is `fresh_filter` of each."""
        return FreshFilters(super().get_filters())

    def __init__(self, data=None, queryset=None, *, user=None, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        self.user = user if user is not None else getattr(request, "user", None)
        for filter_ in self.filters.values():
            # A search term longer than this is no search (and no query goes out with 1 MB).
            if isinstance(filter_, django_filters.CharFilter):
                filter_.extra.setdefault("max_length", SEARCH_LIMIT)
            elif issubclass(filter_.field_class, ECHOING_CHOICE_FIELDS):
                # Django's message repeats the value ("Selecteer een geldige keuze. <value>
                # is geen beschikbare keuze."): whatever `?status=` held was printed back in
                # the message. The value is in the address bar; one sentence says enough.
                filter_.extra["error_messages"] = {
                    **filter_.extra.get("error_messages", {}),
                    "invalid_choice": INVALID_CHOICE,
                    "invalid_pk_value": INVALID_CHOICE,  # a ModelMultipleChoiceField's
                }
        self.scopes: dict[str, Q] = {}
        for name, level in self.levels.items():
            scope = self.scope_of(level)
            if scope is None:
                # Before the form is built (lazily): the field is simply not there.
                self.filters.pop(name, None)
            else:
                self.scopes[name] = scope

    def level_scope(self, level: str) -> Q | None:
        """The records whose fields of `level` the reader sees: Q() for all, None for none.

        Each app answers from its own policy table (its `visible_to`), never from roles here.
        """
        raise NotImplementedError(f"{type(self).__name__} names levels but does not scope them")

    def scope_of(self, level: str) -> Q | None:
        if self.user is None or not self.user.is_authenticated or not self.user.is_active:
            return None
        return self.level_scope(level)

    def sees(self, level: str) -> bool:
        """Whether the reader sees `level` on any record at all."""
        return self.scope_of(level) is not None

    def visible(self, queryset, level: str):
        """`queryset` narrowed to the records whose fields of `level` the reader sees."""
        scope = self.scope_of(level)
        if scope is None:
            return queryset.none()
        return queryset.filter(scope) if scope else queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        for name, scope in self.scopes.items():
            if scope and self.form.cleaned_data.get(name) not in EMPTY_VALUES:
                queryset = queryset.filter(scope)
        return queryset

    def form_cache_key(self) -> str | None:
        """The cache key of the rendered form, or None when it must not be cached
        (zvhd.formcache: what it hashes, and why a typed value is never kept)."""
        return form_cache_key(
            self.form,
            owner=type(self),
            data=self.data if self.is_bound else None,
            bound=self.is_bound,
        )

    def rendered_form(self) -> str:
        """The filter form's HTML, from the cache when the same form was drawn before: the
        same for everyone who sends the same filters and sees the same choices."""
        return drawn(lambda: self.form, self.form_cache_key())
