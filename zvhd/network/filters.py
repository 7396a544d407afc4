import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zvhd.filters import ScopedFilterSet, YesNoAllSelect
from zvhd.network.models import Organisation, Role, User


class UserFilter(ScopedFilterSet):
    """Only the functioneel beheerder reads accounts, all of each."""

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisatie"), queryset=Organisation.objects.all()
    )
    role = django_filters.ChoiceFilter(
        label=_("Rol"), choices=Role.choices, field_name="groups__name"
    )
    is_active = django_filters.BooleanFilter(label=_("Actief"), widget=YesNoAllSelect)

    class Meta:
        model = User
        fields = ["q", "organisation", "role", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(username__icontains=value)
            | Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
        )


class OrganisationFilter(ScopedFilterSet):
    """Organisations are reference data, the same for every reader."""

    name = django_filters.CharFilter(label=_("Naam"), lookup_expr="icontains")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "active"]
