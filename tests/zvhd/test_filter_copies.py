"""A filter set's filters are copies of its class's (zvhd.filters.fresh_filter, issue 24: a
cheaper copy than django-filter's deepcopy). Each filter set of the project gets filters of the
same classes and settings as the deepcopy gave, and what one filter set changes of its filters
reaches neither the class nor the next filter set."""

import copy

import django_filters
import pytest

from tests.zvhd.test_empty_choices import _import_forms_and_filters, _subclasses
from zvhd.filters import FreshFilters, ScopedFilterSet, fresh_filter

pytestmark = pytest.mark.django_db


def _filter_sets():
    _import_forms_and_filters()
    found = [cls for cls in _subclasses(ScopedFilterSet) if cls._meta.model is not None]
    assert len(found) >= 9  # cases, triage, exchanges, advice (3), aftercare, trafficking, ...
    return found


def _settings(filter_):
    return {
        k: v for k, v in vars(filter_).items() if k not in {"model", "parent", "extra", "_field"}
    }


@pytest.mark.parametrize("cls", _filter_sets(), ids=lambda cls: cls.__qualname__)
def test_the_fresh_filters_are_what_a_deepcopy_gave(cls):
    # django-filter deep-copies the class's filters for each filter set: that copy is ours.
    assert isinstance(cls.base_filters, FreshFilters)
    made = cls(None, queryset=cls._meta.model.objects.none(), user=None).filters
    assert made.keys() <= cls.base_filters.keys()  # a level the reader lacks drops a filter
    assert all(made[name] is not cls.base_filters[name] for name in made)
    for name, base in cls.base_filters.items():
        fresh, deep = fresh_filter(base), copy.deepcopy(base)
        assert type(fresh) is type(deep), name
        assert fresh.extra.keys() == deep.extra.keys(), name
        assert _settings(fresh).keys() == _settings(deep).keys(), name
        assert fresh.extra is not base.extra
        assert fresh.field is not base.field  # a form field of its own
        if base.method is not None:  # its FilterMethod finds the method through the copy
            assert fresh.filter.f is fresh, name
        # Nothing of the copy points back at the class's filter.
        assert not [k for k, v in vars(fresh).items() if getattr(v, "f", None) is base], name


def test_what_a_filter_set_changes_stays_its_own(cast):
    from cases.filters import CaseFilter
    from cases.models import Case

    before = dict(CaseFilter.base_filters["municipality"].extra)
    first = CaseFilter(None, queryset=Case.objects.all(), user=cast.regisseur)
    first.filters["municipality"].extra["choices"] = [("x", "y")]
    first.filters["q"].extra["max_length"] = 3
    first.filters["q"].label = "anders"
    second = CaseFilter(None, queryset=Case.objects.all(), user=cast.regisseur)
    assert CaseFilter.base_filters["municipality"].extra == before
    assert second.filters["municipality"].extra["choices"] != [("x", "y")]
    assert second.filters["q"].extra["max_length"] == 200
    assert second.filters["q"].label != "anders"
    assert second.filters["q"].parent is second
    assert isinstance(second.filters["q"], django_filters.CharFilter)
