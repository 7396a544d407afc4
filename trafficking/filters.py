import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trafficking.models import IDENTIFY, ExploitationForm, Signal, SignalStatus, may
from zvhd.filters import ScopedFilterSet
from zvhd.network.models import Municipality


class SignalFilter(ScopedFilterSet):
    """Status, form, municipality and year are on every reader's list (the pseudonymised one
    too); the search matches names only for those who may see identities, others by number."""

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SignalStatus.choices)
    form = django_filters.ChoiceFilter(
        label=_("Vorm"), choices=ExploitationForm.choices, field_name="forms__form"
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Gemeente"), queryset=Municipality.objects.all()
    )
    # A list of years, not a text box (issue 23): this year and the five before it.
    year = django_filters.ChoiceFilter(label=_("Jaar"), field_name="received_on__year", choices=[])

    class Meta:
        model = Signal
        fields = ["q", "status", "form", "municipality", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.filters["year"].extra["choices"] = [
            (str(y), str(y)) for y in range(this_year, this_year - 6, -1)
        ]
        self.filters["q"].label = _("Naam of nummer") if self.sees(IDENTIFY) else _("Nummer")

    def level_scope(self, level):
        # The register has no per-record exception (trafficking.models.POLICY): all or nothing.
        return Q() if may(self.user, level) else None

    def search(self, queryset, name, value):
        match = Q(reference__icontains=value)
        if self.sees(IDENTIFY):
            match |= (
                Q(first_name__icontains=value)
                | Q(last_name__icontains=value)
                | Q(alias__icontains=value)
            )
        return queryset.filter(match)
