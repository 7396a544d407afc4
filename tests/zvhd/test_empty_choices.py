"""No select offers "---------" as its empty choice (issue 23: the access log's "Handeling"
filter did). A filter's empty choice says what it means ("Alle handelingen"); a form's asks for
a choice ("— kies een organisatie —")."""

import importlib

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.conf import settings

pytestmark = pytest.mark.django_db

DASH = "---------"


def _project_apps():
    base = str(settings.BASE_DIR)
    return [c for c in apps.get_app_configs() if c.path.startswith(base) and ".venv" not in c.path]


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _import_forms_and_filters():
    for config in _project_apps():
        for module in ("forms", "filters", "review", "views"):
            try:
                importlib.import_module(f"{config.name}.{module}")
            except ModuleNotFoundError as missing:
                if missing.name != f"{config.name}.{module}":
                    raise


def test_no_form_or_list_filter_offers_dashes_as_its_empty_choice():
    _import_forms_and_filters()
    ours = {config.name.split(".")[0] for config in _project_apps()}
    offenders = []
    for form in set(_subclasses(forms.BaseForm)):
        if form.__module__.split(".")[0] not in ours:
            continue
        for name, field in getattr(form, "base_fields", {}).items():
            if isinstance(field, forms.ModelMultipleChoiceField):
                continue
            if isinstance(field, forms.ModelChoiceField):
                dashed = field.empty_label == DASH
            elif isinstance(field, forms.ChoiceField) and not callable(field.choices):
                dashed = any(label == DASH for _value, label in field.choices)
            else:
                dashed = False
            if dashed:
                offenders.append(f"{form.__module__}.{form.__name__}.{name}")
    for filterset in set(_subclasses(django_filters.FilterSet)):
        for name, item in getattr(filterset, "base_filters", {}).items():
            if item.extra.get("empty_label") == DASH:
                offenders.append(f"{filterset.__module__}.{filterset.__name__}.{name}")
    assert settings.FILTERS_EMPTY_CHOICE_LABEL != DASH
    assert offenders == []


def test_the_access_log_search_says_all_actions_and_all_kinds():
    from zvhd.privacy.forms import AccessLogSearchForm

    html = str(AccessLogSearchForm())
    assert "Alle handelingen" in html and "Alle soorten gegevens" in html
    assert DASH not in html


def test_a_yes_no_filter_says_all_when_it_filters_nothing(cast, client):
    """The users' "Actief" filter: "Alle", "Ja", "Nee" (a NullBooleanSelect said "Onbekend"
    for "no filter"); each choice filters as it says."""
    from zvhd.network.filters import UserFilter
    from zvhd.network.models import User

    html = str(UserFilter(None, queryset=User.objects.all(), user=cast.beheerder).form)
    assert ">Alle<" in html and ">Ja<" in html and ">Nee<" in html
    assert "Onbekend" not in html
    users = User.objects.all()
    active = UserFilter({"is_active": "true"}, queryset=users, user=cast.beheerder).qs
    inactive = UserFilter({"is_active": "false"}, queryset=users, user=cast.beheerder).qs
    everyone = UserFilter({"is_active": "unknown"}, queryset=users, user=cast.beheerder).qs
    assert set(active) == set(users.filter(is_active=True))
    assert set(inactive) == set(users.filter(is_active=False))
    assert everyone.count() == users.count()
    bound = str(UserFilter({"is_active": "false"}, queryset=users, user=cast.beheerder).form)
    assert '<option value="false" selected>' in bound
    # What the select shows is what it filters on: "True" is "Ja"; a hand-typed "1" or "abc"
    # is no filter, shown as "Alle" (a plain select filtered on "1" but showed "Alle").
    typed = UserFilter({"is_active": "True"}, queryset=users, user=cast.beheerder)
    assert set(typed.qs) == set(active)
    assert '<option value="true" selected>' in str(typed.form)
    for value in ("1", "abc"):
        odd = UserFilter({"is_active": value}, queryset=users, user=cast.beheerder)
        assert odd.qs.count() == users.count()
        assert '<option value="unknown" selected>' in str(odd.form)


def test_every_generated_yes_no_filter_says_all_when_it_filters_nothing(cast):
    """The organisations' "Actief" (a field of `Meta.fields`, its filter made by django-filter)
    still offered "Onbekend" after the users' one was mended: the select is now the shared
    default of every filter set (zvhd.filters.ScopedFilterSet.filter_overrides)."""
    from zvhd.network.filters import OrganisationFilter
    from zvhd.network.models import Organisation

    organisations = Organisation.objects.all()
    html = str(OrganisationFilter(None, queryset=organisations, user=cast.beheerder).form)
    assert ">Alle<" in html and ">Ja<" in html and ">Nee<" in html
    assert "Onbekend" not in html
    user = cast.beheerder
    inactive = OrganisationFilter({"active": "false"}, queryset=organisations, user=user)
    assert set(inactive.qs) == set(organisations.filter(active=False))
    everyone = OrganisationFilter({"active": "unknown"}, queryset=organisations, user=user)
    assert everyone.qs.count() == organisations.count()
