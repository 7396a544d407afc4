import django_filters
from django.db.models import Q
from django.utils import timezone
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
    ontslag = django_filters.ChoiceFilter(
        label=_("Ontslag"),
        choices=[
            ("binnenkort", _("Verwacht binnen 14 dagen")),
            ("verstreken", _("Verwachte datum verstreken, niet vastgelegd")),
        ],
        method="by_release",
    )

    class Meta:
        model = AftercareRecord
        fields = ["q", "status", "municipality", "ontslag"]

    def by_release(self, queryset, name, value):
        today = timezone.localdate()
        if value == "verstreken":
            return queryset.release_overdue(today)
        return queryset.release_soon(today)

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(last_name__icontains=value)
            | Q(first_names__icontains=value)
            | Q(bsn=value.replace(" ", ""))
            | Q(institution__icontains=value)
        )
