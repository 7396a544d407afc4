"""Forms of the programmes pages. They validate; the views hand the clean data to a service."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import Programme
from zvhd.forms import BoundedTextMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(BoundedTextMixin, forms.Form):
    started_on = forms.DateField(label=_("In programma vanaf"), widget=DATE)
    ended_on = forms.DateField(
        label=_("Uit programma op"),
        widget=DATE,
        required=False,
        help_text=_("Leeg zolang de casus in het programma is."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            # At the field, with both dates kept as typed.
            self.add_error("ended_on", _("De einddatum ligt vóór de begindatum."))
        return data


class CaseProgrammeForm(PeriodForm):
    programme = forms.ModelChoiceField(
        label=_("Programma"), queryset=Programme.objects.none(), empty_label="—"
    )
    field_order = ["programme", "started_on", "ended_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.in_use()


class ProgrammeForm(BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "code", "description", "apart_within_pga", "active", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "code": _(
                "Vaste korte code (kleine letters, cijfers en streepjes); niet zichtbaar "
                "voor gebruikers."
            )
        }
