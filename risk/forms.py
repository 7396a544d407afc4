"""Forms of the risk pages. They validate; the views hand the clean data to one service."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import DATE, long_text
from risk.models import FlagKind, FlagScope, Instrument, Level
from risk.services import parse_domains
from zvhd.network.models import Organisation


class AssessmentForm(forms.Form):
    """One score field per active domain of the chosen instrument (`?instrument=` or the only
    active one), with the instrument's scale as min and max."""

    instrument = forms.ModelChoiceField(
        label=_("Instrument"), queryset=Instrument.objects.filter(active=True)
    )
    assessed_on = forms.DateField(label=_("Datum van de taxatie"), widget=DATE)
    assessor = forms.CharField(label=_("Beoordelaar"), max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Organisatie van de beoordelaar"), queryset=Organisation.objects.none()
    )
    level = forms.ChoiceField(label=_("Totaalniveau"), choices=Level.choices)
    next_review_on = forms.DateField(
        label=_("Volgende herbeoordeling"),
        widget=DATE,
        help_text=_("Na de datum van de taxatie; u krijgt er een herinnering voor."),
    )
    notes = long_text(_("Toelichting"), required=False)

    def __init__(self, *args, user, instrument: Instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.fields["instrument"].initial = instrument.pk
        self.fields["instrument"].widget = forms.HiddenInput()
        self.fields["organisation"].queryset = Organisation.objects.active()
        self.fields["organisation"].initial = user.organisation_id
        self.fields["assessor"].initial = user.get_full_name()
        self.fields["assessed_on"].initial = timezone.localdate()
        self.domain_fields = []
        for domain in instrument.domains.filter(active=True):
            name = f"score_{domain.pk}"
            self.fields[name] = forms.IntegerField(
                label=domain.name,
                help_text=domain.guidance,
                min_value=instrument.scale_min,
                max_value=instrument.scale_max,
                error_messages={
                    "min_value": _("De score moet tussen %(min)s en %(max)s liggen.")
                    % {"min": instrument.scale_min, "max": instrument.scale_max},
                    "max_value": _("De score moet tussen %(min)s en %(max)s liggen.")
                    % {"min": instrument.scale_min, "max": instrument.scale_max},
                    "required": _("Vul een score in voor %(domain)s.") % {"domain": domain.name},
                    "invalid": _("Vul een heel getal in."),
                },
                widget=forms.NumberInput(
                    attrs={"min": instrument.scale_min, "max": instrument.scale_max}
                ),
            )
            self.domain_fields.append((domain, name))
        # The order of the page: instrument facts, the scores, then the conclusion.
        order = ["instrument", "assessed_on", "assessor", "organisation"]
        order += [name for _d, name in self.domain_fields]
        order += ["level", "next_review_on", "notes"]
        self.order_fields(order)

    def clean(self):
        data = super().clean()
        assessed, review = data.get("assessed_on"), data.get("next_review_on")
        if assessed and assessed > timezone.localdate():
            self.add_error("assessed_on", _("De datum van de taxatie ligt in de toekomst."))
        if assessed and review and review <= assessed:
            self.add_error(
                "next_review_on", _("De herbeoordeling moet na de datum van de taxatie liggen.")
            )
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "instrument": self.instrument,
            "assessed_on": d["assessed_on"],
            "assessor": d["assessor"],
            "organisation": d["organisation"],
            "scores": {domain.pk: d[name] for domain, name in self.domain_fields},
            "level": d["level"],
            "next_review_on": d["next_review_on"],
            "notes": d["notes"],
        }


class FlagForm(forms.Form):
    kind = forms.ModelChoiceField(
        label=_("Signaal"), queryset=FlagKind.objects.filter(active=True), empty_label="—"
    )
    scope = forms.ChoiceField(
        label=_("Geldt voor"),
        choices=FlagScope.choices,
        initial=FlagScope.CASE,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)


class LiftForm(forms.Form):
    reason = forms.CharField(label=_("Reden van opheffen"), max_length=500)


class InstrumentForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    guidance = forms.CharField(
        label=_("Toelichting voor de beoordelaar"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    scale_min = forms.IntegerField(label=_("Laagste score"), min_value=-100, max_value=100)
    scale_max = forms.IntegerField(label=_("Hoogste score"), min_value=-100, max_value=100)
    domains = forms.CharField(
        label=_("Domeinen"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Eén domein per regel: naam | toelichting (de toelichting mag weg)."),
    )
    active = forms.BooleanField(
        label=_("Actief (te kiezen bij een nieuwe taxatie)"), required=False
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and high <= low:
            self.add_error("scale_max", _("De hoogste score moet boven de laagste liggen."))
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "name": d["name"],
            "guidance": d["guidance"],
            "scale_min": d["scale_min"],
            "scale_max": d["scale_max"],
            "active": d["active"],
            "domains": parse_domains(d["domains"]),
        }


class FlagKindForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=100)
    description = forms.CharField(label=_("Toelichting"), max_length=300, required=False)
    order = forms.IntegerField(label=_("Volgorde"), min_value=0, max_value=999, initial=10)
    active = forms.BooleanField(label=_("Actief"), required=False, initial=True)
