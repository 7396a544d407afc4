"""Forms of the advice app: validation only (the services write).

Free-text fields of advice records and signals are checked for person data before saving
(see `advice.privacy`); a finding is an error at the field, nothing typed is lost.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from advice import privacy
from advice.models import (
    AdviceOutcome,
    AdviceRecord,
    DirectoryEntry,
    MunicipalityContact,
    PatternSignal,
    SignalStatus,
    Topic,
)
from zvhd.forms import BoundedTextMixin
from zvhd.network.models import BUREAU_ROLES, Municipality, Organisation, User

DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class PersonDataCheckMixin:
    """Flags BSNs and e-mail addresses in `free_text_fields` (see advice.privacy)."""

    free_text_fields: tuple[str, ...] = ()

    def add_confirmation_field(self):
        self.fields["confirm_not_personal"] = forms.BooleanField(
            label=_("Ik heb het gecontroleerd: dit is geen persoonsgegeven van een burger"),
            required=False,
            widget=forms.HiddenInput,
        )

    def check_person_data(self, cleaned_data):
        confirmed = cleaned_data.get("confirm_not_personal")
        needs_confirmation = False
        for name in self.free_text_fields:
            findings = privacy.findings_in(cleaned_data.get(name) or "")
            if not findings:
                continue
            blocking = any(f.blocking for f in findings)
            if blocking or not confirmed:
                self.add_error(name, privacy.message_for(findings))
                needs_confirmation = needs_confirmation or not blocking
        if needs_confirmation:
            # Only now does the confirmation box appear, right under the flagged text.
            self.fields["confirm_not_personal"].widget = forms.CheckboxInput()


def partner_organisations():
    return Organisation.objects.active().select_related("municipality")


def by_full_name(field) -> None:
    """Organisations by their full name in a choice ("Gemeente Assen", not the short "Assen")."""
    field.queryset = partner_organisations()
    field.label_from_instance = lambda organisation: organisation.name


class AdviceForm(PersonDataCheckMixin, BoundedTextMixin, forms.ModelForm):
    free_text_fields = ("question", "answer", "requester_name")

    class Meta:
        model = AdviceRecord
        fields = [
            "date",
            "kind",
            "requester_name",
            "requester_contact",
            "organisation",
            "municipality",
            "topic",
            "question",
            "answer",
            "answered_by",
            "minutes_spent",
            "outcome",
            "referred_to",
            "subject_alias",
        ]
        widgets = {
            "date": DATE_INPUT,
            "kind": forms.RadioSelect,
            "question": forms.Textarea(attrs={"rows": 4}),
            "answer": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "requester_name": {"required": _("Vul in wie de vraag stelt.")},
            "organisation": {"required": _("Kies de organisatie van de vragensteller.")},
            "question": {"required": _("Vul de vraag in.")},
            "date": {
                "required": _("Vul de datum in."),
                "invalid": _("Vul een geldige datum in, bijvoorbeeld 12-03-2026."),
            },
            "minutes_spent": {
                "required": _("Vul de bestede tijd in minuten in."),
                "invalid": _("Vul een heel aantal minuten in."),
            },
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._user = user
        self.add_confirmation_field()
        fields = self.fields
        by_full_name(fields["organisation"])
        fields["organisation"].empty_label = _("— kies een organisatie —")
        if "municipality" in fields:
            # Short: the start panel's select is narrow; the help text says what empty means.
            fields["municipality"].empty_label = _("— provinciebreed —")
        if "topic" in fields:
            fields["topic"].queryset = Topic.objects.filter(active=True)
            fields["topic"].empty_label = _("— geen bepaald aandachtsgebied —")
        if "referred_to" in fields:
            by_full_name(fields["referred_to"])
            fields["referred_to"].empty_label = _("— niet doorverwezen —")
            fields["referred_to"].help_text = _("Alleen bij de uitkomst ‘doorverwezen’.")
        if "outcome" in fields:
            # Conversion into a registration is its own action with its own button.
            fields["outcome"].choices = [
                c for c in AdviceOutcome.choices if c[0] != AdviceOutcome.REGISTRATION
            ]
            if self.instance.pk and self.instance.is_converted:
                fields["outcome"].choices = [
                    (AdviceOutcome.REGISTRATION, AdviceOutcome.REGISTRATION.label)
                ]
        if "answered_by" in fields:
            fields["answered_by"].queryset = (
                User.objects.filter(is_active=True, groups__name__in=BUREAU_ROLES)
                .distinct()
                .order_by("first_name", "last_name")
            )
            fields["answered_by"].required = False
            fields["answered_by"].help_text = _("Leeg laten: u zelf.")
            if user is not None and not self.instance.pk:
                fields["answered_by"].initial = user.pk

    def clean_subject_alias(self):
        alias = (self.cleaned_data.get("subject_alias") or "").strip()
        problem = privacy.alias_problem(alias)
        if problem:
            raise forms.ValidationError(problem)
        return alias

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == AdviceOutcome.REFERRED and not cleaned.get("referred_to"):
            self.add_error("referred_to", _("Kies de partner waarnaar is doorverwezen."))
        if not cleaned.get("answered_by"):
            # Left empty: whoever keeps the record answered it (or still does, on an edit).
            cleaned["answered_by"] = (
                self.instance.answered_by if self.instance.answered_by_id else self._user
            )
        self.check_person_data(cleaned)
        return cleaned


class QuickAdviceForm(AdviceForm):
    """The phone form: the fields a 30-second call needs, everything else defaulted."""

    class Meta(AdviceForm.Meta):
        # Keyboard order of a phone call: who, from where, what was asked and answered; the
        # fields with good defaults come last, so Enter in any of them saves.
        fields = [
            "requester_name",
            "organisation",
            "municipality",
            "question",
            "answer",
            "kind",
            "topic",
            "minutes_spent",
            "outcome",
            "referred_to",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "question": forms.Textarea(attrs={"rows": 3}),
            "answer": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requester_name"].widget.attrs["autofocus"] = True
        self.fields["requester_name"].help_text = ""


class PanelAdviceForm(QuickAdviceForm):
    """The shortest form, on the start page: time spent and outcome keep their defaults."""

    class Meta(QuickAdviceForm.Meta):
        fields = ["requester_name", "organisation", "municipality", "question", "answer", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The start page is not only for phone calls: no autofocus there.
        self.fields["requester_name"].widget.attrs.pop("autofocus", None)
        self.fields["question"].widget.attrs["rows"] = 2
        self.fields["answer"].widget.attrs["rows"] = 2


class DirectoryEntryForm(BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = DirectoryEntry
        fields = [
            "organisation",
            "name",
            "job_title",
            "phone",
            "email",
            "topics",
            "municipalities",
            "notes",
            "active",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "organisation": {"required": _("Kies de organisatie.")},
            "name": {"required": _("Vul de naam van de contactpersoon of het loket in.")},
            "email": {"invalid": _("Vul een geldig e-mailadres in, zoals naam@organisatie.nl.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        by_full_name(self.fields["organisation"])
        self.fields["organisation"].empty_label = _("— kies een organisatie —")
        self.fields["topics"].queryset = Topic.objects.filter(active=True)
        self.fields["municipalities"].queryset = Municipality.objects.all()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error("phone", _("Vul een telefoonnummer of een e-mailadres in."))
        return cleaned


class MunicipalityContactForm(forms.ModelForm):
    class Meta:
        model = MunicipalityContact
        fields = ["zvhd_contact", "phone", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zvhd_contact"].queryset = (
            User.objects.filter(is_active=True, groups__name__in=BUREAU_ROLES)
            .distinct()
            .order_by("first_name", "last_name")
        )
        self.fields["zvhd_contact"].empty_label = _("— nog niet bekend —")


class SignalForm(PersonDataCheckMixin, BoundedTextMixin, forms.ModelForm):
    free_text_fields = ("title", "description", "evidence", "response", "follow_up")

    class Meta:
        model = PatternSignal
        fields = [
            "title",
            "kind",
            "topic",
            "observed_on",
            "description",
            "evidence",
            "case_count",
            "response",
            "follow_up",
        ]
        widgets = {
            "observed_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "response": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Geef het signaal een korte titel.")},
            "kind": {"required": _("Kies de soort signaal.")},
            "description": {"required": _("Beschrijf wat ZVHD ziet.")},
            "evidence": {"required": _("Onderbouw het signaal met aantallen of patronen.")},
            "observed_on": {"invalid": _("Vul een geldige datum in, bijvoorbeeld 12-03-2026.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_confirmation_field()
        self.fields["topic"].queryset = Topic.objects.filter(active=True)
        self.fields["topic"].empty_label = _("— geen bepaald aandachtsgebied —")
        if not self.instance.pk:
            # Response and follow-up come later, with the status change.
            del self.fields["response"]
            del self.fields["follow_up"]

    def clean(self):
        cleaned = super().clean()
        self.check_person_data(cleaned)
        return cleaned


class SignalStatusForm(PersonDataCheckMixin, BoundedTextMixin, forms.Form):
    free_text_fields = ("response", "follow_up", "reason")

    to_status = forms.ChoiceField(label=_("Nieuwe status"), choices=SignalStatus.choices)
    addressed_to = forms.ModelChoiceField(
        label=_("Geadresseerd aan (partner)"), queryset=Organisation.objects.none(), required=False
    )
    addressed_to_body = forms.CharField(
        label=_("Geadresseerd aan (gremium)"), max_length=200, required=False
    )
    addressed_on = forms.DateField(
        label=_("Geadresseerd op"),
        required=False,
        widget=DATE_INPUT,
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 12-03-2026.")},
    )
    response = forms.CharField(
        label=_("Reactie"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up = forms.CharField(
        label=_("Opvolging"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, signal: PatternSignal, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_confirmation_field()
        self.fields["to_status"].choices = [
            (s, SignalStatus(s).label) for s in signal.allowed_next()
        ]
        by_full_name(self.fields["addressed_to"])
        self.fields["addressed_to"].empty_label = _("— geen partner —")
        self.fields["to_status"].error_messages["required"] = _("Kies de nieuwe status.")
        self.fields["to_status"].error_messages["invalid_choice"] = _(
            "Deze status kan vanaf hier niet."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_status") == SignalStatus.ADDRESSED and not (
            cleaned.get("addressed_to") or cleaned.get("addressed_to_body")
        ):
            self.add_error(
                "addressed_to", _("Kies de partner of vul het gremium in waaraan het signaal ging.")
            )
        if cleaned.get("to_status") == SignalStatus.DROPPED and not cleaned.get("reason"):
            self.add_error("reason", _("Zeg waarom het signaal vervalt."))
        self.check_person_data(cleaned)
        return cleaned
