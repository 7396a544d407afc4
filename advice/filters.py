import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from advice.models import (
    AdviceKind,
    AdviceOutcome,
    AdviceRecord,
    DirectoryEntry,
    PatternSignal,
    SignalKind,
    SignalStatus,
    Topic,
)
from zvhd.filters import ScopedFilterSet
from zvhd.network.models import Municipality, Organisation

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class AdviceFilter(ScopedFilterSet):
    """Everyone who sees an advice record sees all of it (the list and the detail): no filter
    needs more than the list (`levels` is empty)."""

    q = django_filters.CharFilter(label=_("Zoeken in vraag en antwoord"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Soort"), empty_label=_("Alle"), choices=AdviceKind.choices
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Aandachtsgebied"), empty_label=_("Alle"), queryset=Topic.objects.all()
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisatie"), empty_label=_("Alle"), queryset=Organisation.objects.all()
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Gemeente"), empty_label=_("Alle"), queryset=Municipality.objects.all()
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Uitkomst"), empty_label=_("Alle"), choices=AdviceOutcome.choices
    )
    date_from = django_filters.DateFilter(
        label=_("Vanaf"), field_name="date", lookup_expr="gte", widget=DATE
    )
    date_to = django_filters.DateFilter(
        label=_("Tot en met"), field_name="date", lookup_expr="lte", widget=DATE
    )

    class Meta:
        model = AdviceRecord
        fields = ["q", "kind", "topic", "organisation", "municipality", "outcome"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.user
        # A municipal contact only ever sees their own municipality: offer only that one.
        if user is not None and not user.is_bureau_staff and user.municipality_id:
            self.filters["municipality"].queryset = Municipality.objects.filter(
                pk=user.municipality_id
            )

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(question__icontains=value)
            | Q(answer__icontains=value)
            | Q(requester_name__icontains=value)
        )


class DirectoryFilter(ScopedFilterSet):
    """The sociale kaart is published to the whole network: every field is on the list."""

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisatie"), empty_label=_("Alle"), queryset=Organisation.objects.all()
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Aandachtsgebied"),
        empty_label=_("Alle"),
        queryset=Topic.objects.all(),
        field_name="topics",
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Werkgebied"),
        empty_label=_("Alle"),
        queryset=Municipality.objects.all(),
        method="in_area",
    )

    class Meta:
        model = DirectoryEntry
        fields = ["q", "organisation", "topic", "municipality"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_area(self, queryset, name, value):
        # Contacts without a work area work for all of Drenthe, so they always match.
        return queryset.filter(Q(municipalities=value) | Q(municipalities__isnull=True)).distinct()


class SignalFilter(ScopedFilterSet):
    """Whoever reads the register of patterns reads every field of it."""

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Soort"), empty_label=_("Alle"), choices=SignalKind.choices
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), empty_label=_("Alle"), choices=SignalStatus.choices
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Aandachtsgebied"), empty_label=_("Alle"), queryset=Topic.objects.all()
    )
    year = django_filters.NumberFilter(label=_("Jaar"), method="in_year")

    class Meta:
        model = PatternSignal
        fields = ["q", "kind", "status", "topic"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(description__icontains=value)
            | Q(evidence__icontains=value)
        )

    def in_year(self, queryset, name, value):
        return queryset.for_year(int(value))
