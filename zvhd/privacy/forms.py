from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from zvhd.privacy.models import AccessAction


class AccessLogSearchForm(forms.Form):
    """The privacy officer's search of the access log.

    Every criterion is answered from an index of the log (zvhd.privacy.models.AccessLog), also
    at 50 million rows: a part of a user name is first matched against the users (a small
    table) and the log then searched for those names exactly; a record number (2026-0012,
    NZ-2026-0043, MH-2026-040) is looked up in its app and searched by kind and id; dates are
    whole days in Dutch time, as a range on `at`.
    """

    username = forms.CharField(
        label=_("Gebruiker"),
        required=False,
        max_length=150,
        help_text=_("(Een deel van) de gebruikersnaam; een vroegere naam voluit."),
    )
    content_type = forms.ModelChoiceField(
        label=_("Soort gegeven"),
        queryset=ContentType.objects.none(),
        required=False,
        empty_label=_("Alle soorten gegevens"),
    )
    object_id = forms.CharField(
        label=_("Recordnummer"),
        required=False,
        max_length=64,
        help_text=_("Het nummer van de casus, het nazorgdossier of het signaal, of het id."),
    )
    action = forms.ChoiceField(
        label=_("Handeling"),
        choices=[("", _("Alle handelingen")), *AccessAction.choices],
        required=False,
    )
    allowed = forms.TypedChoiceField(
        label=_("Uitkomst"),
        choices=[("", _("Alle uitkomsten")), ("1", _("Toegestaan")), ("0", _("Geweigerd"))],
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
    )
    date_from = forms.DateField(label=_("Vanaf"), required=False)
    date_to = forms.DateField(label=_("Tot en met"), required=False)
    # One export's rows (a link on the export's line); not a field people fill in. Text first
    # (a length the house checks on every field), then read as the export's key.
    export = forms.CharField(required=False, max_length=36, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from zvhd.privacy.services import logged_content_type_ids

        self.fields["content_type"].queryset = ContentType.objects.filter(
            pk__in=logged_content_type_ids()
        )
        self.fields["content_type"].label_from_instance = lambda ct: ct.name
        self.record = None

    def clean_username(self):
        from zvhd.privacy.services import MAX_USERNAMES, usernames_like

        value = self.cleaned_data["username"].strip()
        self.usernames = usernames_like(value) if value else []
        if len(set(self.usernames) - {value}) > MAX_USERNAMES:
            raise forms.ValidationError(
                _("Dit past op meer dan %(n)s gebruikers; typ meer van de naam.")
                % {"n": MAX_USERNAMES}
            )
        return value

    def clean_object_id(self):
        value = self.cleaned_data["object_id"].strip()
        if value and not value.isdigit():
            from zvhd.privacy.registry import find_record

            self.record = find_record(value)
            if self.record is None:
                raise forms.ValidationError(
                    _("Er is geen casus, nazorgdossier of signaal met dit nummer.")
                )
        return value

    def clean_export(self):
        import uuid

        value = self.cleaned_data.get("export", "")
        if not value:
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            raise forms.ValidationError(_("Deze export bestaat niet.")) from None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("object_id", "").isdigit() and not cleaned.get("content_type"):
            # An id is one per kind: 12 is a case, a person and an advice question at once.
            self.add_error(
                "content_type",
                _("Kies bij een intern id ook de soort gegeven, of zoek op het recordnummer."),
            )
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return cleaned

    def filter(self, queryset):
        from datetime import datetime, time, timedelta

        from django.utils import timezone

        data = self.cleaned_data
        if data.get("username"):
            queryset = queryset.filter(username__in=self.usernames)
        if data.get("content_type"):
            queryset = queryset.filter(content_type=data["content_type"])
        if self.record is not None:
            queryset = queryset.filter(
                content_type=ContentType.objects.get_for_model(self.record.model),
                object_id=str(self.record.pk),
            )
        elif data.get("object_id"):
            queryset = queryset.filter(object_id=data["object_id"])
        if data.get("action"):
            queryset = queryset.filter(action=data["action"])
        if data.get("allowed") is not None:
            queryset = queryset.filter(allowed=data["allowed"])
        zone = timezone.get_current_timezone()
        if data.get("date_from"):
            queryset = queryset.filter(at__gte=datetime.combine(data["date_from"], time.min, zone))
        if data.get("date_to"):
            day_after = data["date_to"] + timedelta(days=1)
            queryset = queryset.filter(at__lt=datetime.combine(day_after, time.min, zone))
        if data.get("export"):
            queryset = queryset.filter(batch=data["export"])
        return queryset

    def grouped(self) -> bool:
        """Whether an export shows as one line: not when the officer looks for one record
        (its own export row is the answer) or opens one export (its rows are)."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        return not (data.get("object_id") or data.get("export"))


class SubjectAccessRequestForm(forms.ModelForm):
    """The privacy officer registers an inzageverzoek and what to search the person by."""

    class Meta:
        from zvhd.privacy.models import SubjectAccessRequest

        model = SubjectAccessRequest
        fields = ["received_on", "requester", "bsn", "last_name", "birth_date"]
        widgets = {
            "received_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "bsn": _("Zoek op BSN, óf op achternaam en geboortedatum."),
        }

    def clean_bsn(self):
        from stdnum.nl import bsn

        value = "".join(self.cleaned_data.get("bsn", "").split())
        if value and not bsn.is_valid(value):
            raise forms.ValidationError(
                _("Dit is geen geldig BSN: een BSN heeft negen cijfers en voldoet aan de elfproef.")
            )
        return value

    def clean_received_on(self):
        from django.utils import timezone

        value = self.cleaned_data.get("received_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("De ontvangstdatum kan niet in de toekomst liggen."))
        return value

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        bsn, last_name = cleaned.get("bsn"), cleaned.get("last_name", "").strip()
        birth_date = cleaned.get("birth_date")
        if not bsn and not last_name and not birth_date:
            self.add_error(
                "bsn", _("Vul een BSN in, of een achternaam met geboortedatum, om op te zoeken.")
            )
        elif not bsn and not last_name:
            self.add_error("last_name", _("Vul ook de achternaam in, of zoek op BSN."))
        elif not bsn and not birth_date:
            self.add_error("birth_date", _("Vul ook de geboortedatum in, of zoek op BSN."))
        return cleaned


# ---------------------------------------------------------------------------------------------
# Retention and destruction


class RetentionPolicyForm(forms.ModelForm):
    years = forms.IntegerField(
        label=_("Bewaartermijn in jaren"),
        min_value=1,
        max_value=20,
        help_text=_("Hele jaren na afsluiten, 1 tot en met 20."),
        error_messages={
            "required": _("Vul de bewaartermijn in jaren in."),
            "invalid": _("Vul een heel aantal jaren in, bijvoorbeeld 5."),
            "min_value": _("Kies een termijn van ten minste %(limit_value)s jaar."),
            "max_value": _("Kies een termijn van hoogstens %(limit_value)s jaar."),
        },
    )
    rationale = forms.CharField(
        label=_("Onderbouwing"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Waarom deze termijn: de wet, het convenant of de afweging."),
        error_messages={"required": _("Geef de onderbouwing van de termijn.")},
    )

    class Meta:
        from zvhd.privacy.models import RetentionPolicy

        model = RetentionPolicy
        fields = ["years", "rationale"]


class RecordLookupForm(forms.Form):
    nummer = forms.CharField(
        label=_("Nummer van het record"),
        max_length=30,
        help_text=_(
            "Casusnummer (2026-0001), nazorgnummer (NZ-2026-0001), signaalnummer (MH-2026-001) "
            "of het nummer van een agendapunt van een tafel (AP-12)."
        ),
        error_messages={
            "required": _("Vul het nummer van een casus, nazorgdossier, signaal of agendapunt in.")
        },
    )


class ExtensionForm(forms.Form):
    extra_years = forms.IntegerField(
        label=_("Verlengen met (jaren)"),
        min_value=1,
        max_value=10,
        error_messages={
            "required": _("Vul in met hoeveel jaar de termijn wordt verlengd."),
            "invalid": _("Vul een heel aantal jaren in."),
            "min_value": _("Verleng met ten minste 1 jaar."),
            "max_value": _("Verleng met hoogstens 10 jaar."),
        },
    )
    reason = forms.CharField(
        label=_("Reden van de verlenging"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Geef de reden van de verlenging.")},
    )


class LegalHoldForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van de bevriezing"),
        help_text=_("Bijvoorbeeld een lopende klacht, procedure of vordering van justitie."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Geef de reden van de bevriezing.")},
    )


class LiftHoldForm(forms.Form):
    lift_reason = forms.CharField(
        label=_("Reden van opheffen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": _("Geef de reden van het opheffen.")},
    )


class ExcludeItemForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden om niet te vernietigen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "Noem geen namen. Moet het record langer blijven, verleng dan ook de termijn of "
            "plaats een bevriezing; anders komt het op een volgende lijst terug."
        ),
        error_messages={"required": _("Geef de reden waarom dit record niet wordt vernietigd.")},
    )


class ReturnListForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van terugsturen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        error_messages={"required": _("Geef de reden van het terugsturen.")},
    )
