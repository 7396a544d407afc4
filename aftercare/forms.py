"""Forms validate; the services decide (and repeat the checks that guard the data)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aftercare.models import (
    EXTRA_CONDITIONS,
    Accepted,
    ClosingReason,
    ConditionKind,
    ConditionStatus,
    Consent,
    ContactWith,
    NotificationKind,
    Source,
    validate_bsn,
)
from cases.reference_data import PROBLEM_AREAS
from zvhd.network.models import Municipality, Role, User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def text_area(label, required=True, rows=3, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=4000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class NotificationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort melding"), choices=NotificationKind.choices)
    source = forms.CharField(
        label=_("Bron"),
        max_length=150,
        initial="DJI",
        help_text=_("Wie de melding deed, bijvoorbeeld DJI, casemanager PI Veenhuizen."),
    )
    first_names = forms.CharField(label=_("Voornamen"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    birth_date = date_field(_("Geboortedatum"))
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        help_text=_("Negen cijfers; wordt gecontroleerd met de elfproef."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente van inschrijving"), queryset=Municipality.objects.all()
    )
    institution = forms.CharField(
        label=_("Inrichting"), max_length=150, help_text=_("Bijvoorbeeld PI Veenhuizen.")
    )
    detention_start = date_field(_("Begin detentie"))
    expected_release = date_field(_("Verwachte datum van ontslag"))
    note = text_area(_("Toelichting"), required=False)

    def clean_bsn(self):
        value = self.cleaned_data["bsn"].replace(" ", "").replace(".", "")
        validate_bsn(value)
        return value

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        if value >= timezone.localdate():
            raise forms.ValidationError(_("De geboortedatum moet in het verleden liggen."))
        return value

    def clean(self):
        cleaned = super().clean()
        start, release = cleaned.get("detention_start"), cleaned.get("expected_release")
        if start and release and release < start:
            self.add_error(
                "expected_release",
                _("De verwachte datum van ontslag ligt voor het begin van de detentie."),
            )
        return cleaned


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(
        label=_("Toestemming van de gedetineerde"),
        choices=Consent.choices,
        widget=forms.RadioSelect,
    )
    consent_on = date_field(_("Datum"), required=False)


class EnrichmentForm(forms.Form):
    source = forms.ChoiceField(label=_("Bron"), choices=Source.choices)
    text = text_area(_("Informatie"), rows=5)


class ConditionForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ConditionStatus.choices)
    actions = text_area(_("Acties"), required=False, rows=4)
    responsible = forms.CharField(
        label=_("Verantwoordelijke partij"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: gemeente Hoogeveen, Wmo-consulent; casemanager DJI."),
    )
    due_on = date_field(_("Geregeld vóór"), required=False)
    arranged_on = date_field(
        _("Geregeld op"), required=False, help_text=_("Leeg laten is vandaag.")
    )


class ExtraConditionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Aanvullende voorwaarde"),
        choices=[(k.value, k.label) for k in ConditionKind if k in EXTRA_CONDITIONS],
    )


class ContactForm(forms.Form):
    on = date_field(_("Datum"))
    with_whom = forms.ChoiceField(label=_("Contact met"), choices=ContactWith.choices)
    help_offered = text_area(_("Aangeboden hulp"))
    accepted = forms.ChoiceField(label=_("Hulp aanvaard"), choices=Accepted.choices)
    notes = text_area(_("Notities"), required=False)


class StartGuidanceForm(forms.Form):
    guide = forms.ModelChoiceField(label=_("Trajectbegeleider"), queryset=User.objects.none())
    started_on = date_field(_("Begin begeleiding"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choosing a guide is not reading accounts: only the names of the bureau's guides.
        self.fields["guide"].queryset = User.objects.filter(
            is_active=True,
            groups__name__in=[Role.TRAJECTBEGELEIDER, Role.NAZORGCOORDINATOR],
        ).distinct()


class EndGuidanceForm(forms.Form):
    ended_on = date_field(_("Einde begeleiding"))
    handed_over_to = forms.CharField(
        label=_("Warm overgedragen aan"),
        max_length=200,
        help_text=_("De reguliere zorg die het overneemt, bijvoorbeeld het wijkteam."),
    )
    handover_note = text_area(_("Afspraken bij de overdracht"), required=False)


class ReleaseForm(forms.Form):
    released_on = date_field(_("Werkelijke datum van ontslag"))


class EscalateForm(forms.Form):
    reason = text_area(
        _("Waarom opschalen naar procesregie?"),
        rows=4,
        help_text=_("Wat is er aan de hand en waarom is de nazorg alleen niet genoeg?"),
    )
    desired_outcome = text_area(_("Wat moet procesregie bereiken?"))
    problem_areas = forms.MultipleChoiceField(
        label=_("Problematiek"),
        choices=PROBLEM_AREAS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reden van afsluiten"), choices=ClosingReason.choices)
    note = text_area(_("Toelichting"), required=False)


class ParticipationForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2015, max_value=2100)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Deelnemende gemeenten"),
        queryset=Municipality.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
