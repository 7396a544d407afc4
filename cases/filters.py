"""Filters of the case lists: status, kind, municipality, director, topic, period, search."""

import re

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Kind, Status, Topic
from cases.policy import DETAILS, sees_names
from zvhd.network.models import Municipality, Role, User

CASE_NUMBER = re.compile(r"^\d{4}-\d{3,7}$")
# Django's own message of a model choice (translated by Django): it does not repeat the input.
NOT_AVAILABLE = _("Select a valid choice. That choice is not one of the available choices.")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken op naam, BSN of casusnummer"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=Kind.choices)
    # Choices as plain lists filled in __init__ (one ordinary query each): a ModelChoiceFilter
    # reads its queryset through a server-side cursor on every render, three round trips each.
    municipality = django_filters.ChoiceFilter(
        label=_("Gemeente"), choices=[], error_messages={"invalid_choice": NOT_AVAILABLE}
    )
    director = django_filters.ChoiceFilter(
        label=_("Procesregisseur"), choices=[], error_messages={"invalid_choice": NOT_AVAILABLE}
    )
    topic = django_filters.ChoiceFilter(label=_("Aandachtsgebied"), choices=Topic.choices)
    registered_from = django_filters.DateFilter(
        label=_("Aangemeld vanaf"), field_name="registered_at", lookup_expr="date__gte", widget=DATE
    )
    registered_to = django_filters.DateFilter(
        label=_("Aangemeld tot en met"),
        field_name="registered_at",
        lookup_expr="date__lte",
        widget=DATE,
    )

    class Meta:
        model = Case
        fields = ["q", "status", "kind", "municipality", "director", "topic"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.filters["municipality"].extra["choices"] = list(
            Municipality.objects.order_by("name").values_list("pk", "name")
        )
        directors = (
            User.objects.filter(
                is_active=True, groups__name__in=[Role.PROCESREGISSEUR, Role.MANAGER]
            )
            .distinct()
            .order_by("last_name", "first_name")
            .only("pk", "first_name", "last_name", "username")
        )
        self.filters["director"].extra["choices"] = [(user.pk, str(user)) for user in directors]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if CASE_NUMBER.match(value):
            return queryset.filter(number=value)
        # Searching by name or BSN reveals who a case is about: outside the bureau only within
        # the case files the user may open.
        if not sees_names(self.user):
            queryset = queryset.filter(
                pk__in=Case.objects.visible_to(self.user, DETAILS).values("pk")
            )
        digits = value.replace(" ", "").replace(".", "")
        if digits.isdigit() and len(digits) in (8, 9):
            return queryset.filter(person__bsn=digits.zfill(9))
        condition = Q()
        for word in value.split()[:3]:
            condition &= Q(person__last_name__icontains=word) | Q(
                person__first_name__icontains=word
            )
        return queryset.filter(condition)
