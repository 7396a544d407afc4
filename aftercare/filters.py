import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aftercare.models import AftercareRecord, Status
from zvhd.filters import ScopedFilterSet
from zvhd.network.models import Municipality


class RecordFilter(ScopedFilterSet):
    """The coordinators' list: who reads it reads the whole record (DETAIL on all); the
    municipal contact's summary list has no filters."""

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    municipality = django_filters.ModelChoiceFilter(
        label=_("Gemeente"), queryset=Municipality.objects.all()
    )

    class Meta:
        model = AftercareRecord
        fields = ["q", "status", "municipality"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(last_name__icontains=value)
            | Q(first_names__icontains=value)
            | Q(bsn=value.replace(" ", ""))
            | Q(institution__icontains=value)
        )
