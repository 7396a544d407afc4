"""Forms of the register. They validate; the services write (and check again)."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn as bsn_number

from trafficking import services
from trafficking.models import (
    AwarenessActivity,
    Decision,
    DrieluikMeeting,
    ExploitationForm,
    FollowUpKind,
    Indicator,
    Observation,
    Signal,
)
from zvhd.forms import TEXT_LIMIT, BoundedTextMixin
from zvhd.network.models import Organisation, Role, User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SignalEditForm(BoundedTextMixin, forms.ModelForm):
    forms = forms.MultipleChoiceField(
        label=_("Vormen van uitbuiting"),
        choices=ExploitationForm.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Meer vormen tegelijk is mogelijk."),
        error_messages={"required": _("Kies ten minste één vorm van uitbuiting.")},
    )

    class Meta:
        model = Signal
        fields = [
            "received_on",
            "reporting_organisation",
            "reporter_name",
            "reporter_contact",
            "forms",
            "sector",
            "description",
            "person_unknown",
            "first_name",
            "last_name",
            "alias",
            "bsn",
            "birth_date",
            "age_class",
            "gender",
            "nationality",
            "country_of_origin",
            "municipality",
            "minor",
        ]
        widgets = {"received_on": DateInput(), "birth_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporting_organisation"].queryset = Organisation.objects.active()
        if self.instance.pk:
            self.initial["forms"] = self.instance.form_values
        else:
            self.initial.setdefault("received_on", timezone.localdate())

    def clean_bsn(self):
        value = self.cleaned_data["bsn"].strip()
        if value and not bsn_number.is_valid(value):
            raise ValidationError(_("Dit is geen geldig BSN (9 cijfers, elfproef)."))
        return bsn_number.compact(value) if value else ""

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value and value > timezone.localdate():
            raise ValidationError(_("De datum van het signaal ligt in de toekomst."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("received_on"):
            for name, message in services.check_person(
                birth_date=data.get("birth_date"),
                minor=data.get("minor") or "",
                on=data["received_on"],
            ).items():
                self.add_error(name, message)
        if data.get("person_unknown") and (data.get("first_name") or data.get("last_name")):
            self.add_error(
                "person_unknown",
                _("U vinkte 'persoon onbekend' aan maar vulde ook een naam in; kies één."),
            )
        return data


class IndicatorsForm(forms.Form):
    """One row per active indicator of the signal's forms: status and source."""

    FIELD = re.compile(r"^indicator-(\d+)-status$")

    def __init__(self, *args, signal: Signal, **kwargs):
        super().__init__(*args, **kwargs)
        self.signal = signal
        existing = {o.indicator_id: o for o in signal.observations.all()}
        self.indicators = list(
            Indicator.objects.filter(active=True, form__in=signal.form_values).order_by(
                "form", "order", "code"
            )
        )
        self.rows = []
        choices = [("", _("niet beoordeeld")), *Observation.choices]
        for indicator in self.indicators:
            observation = existing.get(indicator.pk)
            status = f"indicator-{indicator.pk}-status"
            source = f"indicator-{indicator.pk}-source"
            self.fields[status] = forms.ChoiceField(
                label=indicator.text,
                choices=choices,
                required=False,
                initial=observation.status if observation else "",
                widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
            )
            self.fields[source] = forms.CharField(
                label=_("Bron"),
                max_length=200,
                required=False,
                initial=observation.source if observation else "",
                widget=forms.TextInput(
                    attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}
                ),
            )
            self.rows.append((indicator, status, source))

    def clean(self):
        data = super().clean()
        # A key for an indicator that is not (or no longer) on the list: it was retired while
        # this form was open, or the request was made up. Say so; keep the rest of the input.
        known = {str(i.pk) for i in self.indicators}
        unknown = sorted(
            m.group(1)
            for key in self.data
            if (m := self.FIELD.match(key)) and m.group(1) not in known
        )
        if unknown:
            raise ValidationError(
                _(
                    "Onbekende indicator (nummer %(ids)s): die staat niet (meer) op de "
                    "indicatorenlijst voor de vormen van uitbuiting van dit signaal. Uw andere "
                    "invoer is bewaard; controleer en sla opnieuw op."
                )
                % {"ids": ", ".join(unknown)}
            )
        for _indicator, status, source in self.rows:
            if data.get(status) == Observation.OBSERVED and not data.get(source, "").strip():
                self.add_error(source, _("Vermeld de bron van deze waarneming."))
        return data

    def groups(self):
        """[(form label, [(indicator, status field, source field), ...]), ...] for the page."""
        groups: dict[str, list] = {}
        for indicator, status, source in self.rows:
            groups.setdefault(indicator.get_form_display(), []).append(
                (indicator, self[status], self[source])
            )
        return list(groups.items())

    def observations(self) -> dict[int, tuple[str, str]]:
        return {
            indicator.pk: (self.cleaned_data[status], self.cleaned_data[source].strip())
            for indicator, status, source in self.rows
        }


class MeetingForm(forms.ModelForm):
    class Meta:
        model = DrieluikMeeting
        fields = ["held_on", "location", "attendees", "other_attendees"]
        widgets = {"held_on": DateInput(), "attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people who may see the signals can be recorded as present.
        self.fields["attendees"].queryset = User.objects.filter(
            is_active=True,
            groups__name__in=[Role.KETENREGISSEUR_MENSENHANDEL, Role.DRIELUIK_LID],
        ).distinct()
        self.initial.setdefault("location", "ZVHD, Assen")


class DecisionForm(forms.Form):
    discussion = forms.CharField(
        label=_("Bespreking"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=TEXT_LIMIT,
    )
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een besluit.")},
    )
    decided_on = forms.DateField(
        label=_("Besluitdatum"),
        widget=DateInput(),
        required=False,  # the message below is more helpful than Django's "required"
    )
    responsible = forms.CharField(
        label=_("Uitgevoerd door"),
        required=False,
        max_length=200,
        help_text=_("Bij opvolging: organisatie of functie, bijvoorbeeld 'Zorgcoördinator Fier'."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("decided_on") and "decided_on" not in self.errors:
            self.add_error(
                "decided_on", _("Vul de besluitdatum in; zonder datum is er geen opvolging.")
            )
        return data


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort opvolging"), choices=FollowUpKind.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(label=_("Besluitdatum"), widget=DateInput(), required=False)
    responsible = forms.CharField(label=_("Uitgevoerd door"), required=False, max_length=200)
    note = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=TEXT_LIMIT,
    )

    def clean(self):
        data = super().clean()
        if not data.get("decided_on") and "decided_on" not in self.errors:
            self.add_error(
                "decided_on", _("Een opvolging heeft een besluitdatum nodig; vul die in.")
            )
        return data


class FollowUpStatusForm(forms.Form):
    status = forms.CharField(widget=forms.HiddenInput, max_length=20)
    on = forms.DateField(label=_("Datum"), widget=DateInput(), required=False)


class ComenshaForm(forms.Form):
    reported_on = forms.DateField(
        label=_("Gemeld bij CoMensha op"),
        widget=DateInput(),
        error_messages={"required": _("Vul de datum van melden in.")},
    )


class ExportForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    only_unreported = forms.BooleanField(
        label=_("Alleen signalen die nog niet bij CoMensha zijn gemeld"), required=False
    )


class AwarenessForm(forms.ModelForm):
    class Meta:
        model = AwarenessActivity
        fields = ["held_on", "kind", "title", "audience", "municipality", "participants"]
        widgets = {"held_on": DateInput()}


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["form", "code", "text", "order", "active"]
