import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trafficking.models import ExploitationForm, Signal, SignalStatus
from zvhd.network.models import Municipality


class SignalFilter(django_filters.FilterSet):
    """Search by name only for those who may see names; everyone else by number."""

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SignalStatus.choices)
    form = django_filters.ChoiceFilter(
        label=_("Vorm"), choices=ExploitationForm.choices, field_name="forms__form"
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Gemeente"), queryset=Municipality.objects.all()
    )
    year = django_filters.NumberFilter(label=_("Jaar"), field_name="received_on__year")

    class Meta:
        model = Signal
        fields = ["q", "status", "form", "municipality", "year"]

    def __init__(self, *args, identify: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.identify = identify
        self.filters["q"].label = _("Naam of nummer") if identify else _("Nummer")

    def search(self, queryset, name, value):
        match = Q(reference__icontains=value)
        if self.identify:
            match |= (
                Q(first_name__icontains=value)
                | Q(last_name__icontains=value)
                | Q(alias__icontains=value)
            )
        return queryset.filter(match)
