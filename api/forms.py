from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import Scope
from zvhd.network.models import Organisation


class ClientForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de koppeling"),
        max_length=100,
        help_text=_("Bijvoorbeeld het systeem dat aanmeldt: 'GGZ Drenthe EPD'."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.active().partners(),
        help_text=_(
            "De koppeling ziet en doet wat een partnerprofessional van deze organisatie mag."
        ),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Rechten"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reden van intrekken"), max_length=300)
