"""Every date field of every form, filter and API serializer refuses year 1 and year 9999.

Before: 0001-01-01 and 9999-12-31 were accepted for contact moments, meetings, signals,
follow-ups and inzage requests. The rule lives once in the house (zvhd/dates.py).
"""

import importlib
import pkgutil
from datetime import date

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from rest_framework import serializers

from zvhd.dates import validate_plausible_date

OURS = (
    "zvhd",
    "cases",
    "casefile",
    "risk",
    "programmes",
    "persons",
    "federation",
    "inbox",
    "tables",
    "advice",
    "aftercare",
    "trafficking",
    "finance",
    "reports",
    "api",
)
SKIP = ("migrations", "management", "tests", "gunicorn", "bench_views", "settings", "wsgi")
MESSAGE = "Vul een datum in tussen 1 januari 1900 en 31 december 2100."


def import_everything():
    for config in apps.get_app_configs():
        if not config.name.startswith(OURS):
            continue
        package = importlib.import_module(config.name)
        for info in pkgutil.walk_packages(package.__path__, f"{config.name}."):
            if not any(part in info.name for part in SKIP):
                importlib.import_module(info.name)


def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def our(cls):
    return cls.__module__.startswith(OURS)


def date_fields():
    import_everything()
    found = []
    for form in {f for f in subclasses(forms.BaseForm) if our(f)}:
        for name, field in form.base_fields.items():
            if isinstance(field, forms.DateField):
                found.append((f"{form.__module__}.{form.__name__}.{name}", field))
    for filterset in {f for f in subclasses(django_filters.FilterSet) if our(f)}:
        for name, filter_ in filterset.base_filters.items():
            if isinstance(filter_.field, forms.DateField):
                found.append((f"{filterset.__module__}.{filterset.__name__}.{name}", filter_.field))
    return sorted(found, key=lambda item: item[0])


def serializer_date_fields():
    import_everything()
    found = []
    for serializer in {s for s in subclasses(serializers.Serializer) if our(s)}:
        for name, field in serializer().fields.items():
            if isinstance(field, serializers.DateField) and not field.read_only:
                found.append((f"{serializer.__name__}.{name}", field))
    return found


def test_the_walk_finds_the_date_fields_of_every_app():
    names = " ".join(name for name, _field in date_fields())
    for app in ("cases", "advice", "aftercare", "trafficking", "finance", "reports", "privacy"):
        assert f"{app}." in names, app
    assert len(date_fields()) >= 30


@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
def test_every_form_date_field_refuses_an_implausible_year_in_dutch(typed):
    accepted, other_message = [], []
    for name, field in date_fields():
        try:
            field.clean(typed)
        except forms.ValidationError as error:
            if MESSAGE not in error.messages:
                other_message.append((name, error.messages))
            continue
        accepted.append(name)
    assert not accepted, f"{typed} accepted by {accepted}"
    assert not other_message, other_message


def test_a_plausible_date_passes_the_range_rule_of_every_field():
    for name, field in date_fields():
        assert validate_plausible_date in field.validators, name
    validate_plausible_date(date(1900, 1, 1))
    validate_plausible_date(date(2100, 12, 31))


@pytest.mark.django_db  # the registration serializer reads the lookup lists (zvhd.terms)
@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31"])
def test_every_api_date_field_refuses_an_implausible_year(typed):
    fields = serializer_date_fields()
    assert fields
    for name, field in fields:
        with pytest.raises(serializers.ValidationError):
            field.run_validation(typed)
        assert name


@pytest.mark.django_db
def test_a_meeting_in_year_9999_gets_the_message_next_to_the_field(cast, client_for):
    from django.urls import reverse

    from cases.models import Status
    from tests.cases.factories import make_case

    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    assert settings.LANGUAGE_CODE == "nl"
    response = client_for(cast.regisseur).post(
        reverse("cases:meeting_create", args=[case.pk]),
        {"date": "9999-12-31", "participants": "x", "notes": "y"},
    )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
