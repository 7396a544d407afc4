"""Forms of the case file. They validate what a person typed; the services decide the rest.

The document form's file field is its last field, so the fields before it arrive even when the
upload is cut off at the size limit (zvhd/uploads.py): nothing the person entered is lost, and
the message stands at the file field.
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casefile.audience import Audience
from casefile.models import DocumentKind, JournalEntry, JournalKind
from cases.models import LONG_TEXT, CaseMeeting
from zvhd.forms import BoundedTextMixin
from zvhd.network.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
ACCEPT = ".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg,.eml,.msg"


def _organisations():
    return Organisation.objects.active().partners().order_by("name")


class AudienceFields(forms.Form):
    audience = forms.ChoiceField(
        label=_("Wie mag dit lezen?"),
        choices=Audience.choices,
        initial=Audience.TEAM,
        widget=forms.RadioSelect,
        help_text=_(
            "Het ZVHD-bureau leest altijd mee. U ziet uw eigen regels en documenten altijd."
        ),
    )
    audience_organisations = forms.ModelMultipleChoiceField(
        label=_("Organisaties die dit mogen lezen"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen bij 'Het bureau en de gekozen organisaties'."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience_organisations"].queryset = _organisations()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == Audience.ORGANISATIONS and not cleaned.get(
            "audience_organisations"
        ):
            self.add_error(
                "audience_organisations", _("Kies ten minste één organisatie die dit mag lezen.")
            )
        return cleaned


class JournalEntryForm(BoundedTextMixin, AudienceFields):
    kind = forms.ChoiceField(label=_("Soort"), choices=JournalKind.choices)
    occurred_on = forms.DateField(label=_("Datum"), widget=DATE)
    occurred_time = forms.TimeField(label=_("Tijd"), widget=TIME)
    partner_organisation = forms.ModelChoiceField(
        label=_("Betrokken partnerorganisatie"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    text = forms.CharField(
        label=_("Verslag"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 6})
    )
    field_order = [
        "kind",
        "occurred_on",
        "occurred_time",
        "partner_organisation",
        "text",
        "audience",
        "audience_organisations",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_organisation"].queryset = _organisations()
        now = timezone.localtime()
        self.fields["occurred_on"].initial = now.date()
        self.fields["occurred_time"].initial = now.time().replace(second=0, microsecond=0)

    def clean(self):
        cleaned = super().clean()
        day, moment = cleaned.get("occurred_on"), cleaned.get("occurred_time")
        if day and moment:
            when = timezone.make_aware(datetime.combine(day, moment))
            if when > timezone.now() + timezone.timedelta(minutes=5):
                self.add_error("occurred_on", _("Deze datum en tijd liggen in de toekomst."))
            cleaned["occurred_at"] = when
        return cleaned


class CorrectionForm(BoundedTextMixin, forms.Form):
    text = forms.CharField(
        label=_("Verslag (gecorrigeerd)"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    correction_reason = forms.CharField(
        label=_("Reden van de correctie"),
        max_length=300,
        help_text=_("De vorige tekst blijft bewaard en zichtbaar als eerdere versie."),
    )


class UploadRefusalMixin:
    """Turns the upload handler's refusal (zvhd/uploads.py) into the message at the field."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        from casefile.templatetags.casefile import filesize

        self.refused = getattr(request, "upload_refused", None) if request is not None else None
        self.fields["file"].refused = self.refused
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, ODT, PNG, JPEG, EML of MSG; hoogstens %(limit)s."
        ) % {"limit": filesize(settings.DOCUMENT_MAX_BYTES)}
        self.fields["file"].widget.attrs.update(
            {"accept": ACCEPT, "data-max-bytes": str(settings.DOCUMENT_MAX_BYTES)}
        )


class DocumentFileField(forms.FileField):
    """Required; but an upload the handler cut off at the size limit says so, not "required"."""

    refused = None  # set per form from the request (zvhd/uploads.py)

    def clean(self, data, initial=None):
        from casefile.services import too_large_message

        if self.refused:
            raise forms.ValidationError(too_large_message(self.refused["limit"]), code="too_large")
        return super().clean(data, initial)


def _file_field():
    return DocumentFileField(
        label=_("Bestand"),
        allow_empty_file=True,  # the service refuses it with its own message and logs it
        error_messages={"required": _("Kies een bestand.")},
    )


class DocumentForm(UploadRefusalMixin, BoundedTextMixin, AudienceFields):
    kind = forms.ChoiceField(label=_("Soort document"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    journal_entry = forms.ModelChoiceField(
        label=_("Bij logboekregel"),
        queryset=JournalEntry.objects.none(),
        required=False,
    )
    meeting = forms.ModelChoiceField(
        label=_("Bij overleg"),
        queryset=CaseMeeting.objects.none(),
        required=False,
    )
    file = _file_field()
    field_order = [
        "kind",
        "title",
        "journal_entry",
        "meeting",
        "audience",
        "audience_organisations",
        "file",
    ]

    def __init__(self, *args, entries=None, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if entries is not None:
            self.fields["journal_entry"].queryset = entries
        if meetings is not None:
            self.fields["meeting"].queryset = meetings


class VersionForm(UploadRefusalMixin, forms.Form):
    file = _file_field()


class DocumentRequestForm(BoundedTextMixin, forms.Form):
    title = forms.CharField(
        label=_("Welk document"),
        max_length=200,
        help_text=_("Bijvoorbeeld: adviesrapport reclassering, getekende toestemming."),
    )
    kind = forms.ChoiceField(label=_("Soort document"), choices=DocumentKind.choices)
    organisation = forms.ModelChoiceField(
        label=_("Opgevraagd bij"),
        queryset=Organisation.objects.none(),
        help_text=_(
            "De medewerkers van deze organisatie die aan de casus werken, zien het verzoek en "
            "kunnen het document hier toevoegen. Anderen zien het niet."
        ),
    )
    requested_on = forms.DateField(label=_("Opgevraagd op"), widget=DATE)
    due_on = forms.DateField(label=_("Uiterlijk ontvangen op"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations()
        today = timezone.localdate()
        self.fields["requested_on"].initial = today
        self.fields["due_on"].initial = today + timezone.timedelta(days=14)


class FulfilRequestForm(UploadRefusalMixin, BoundedTextMixin, AudienceFields):
    """The document asked for: its title (the request's, editable), who may read it, the file."""

    title = forms.CharField(label=_("Titel"), max_length=200)
    file = _file_field()
    field_order = ["title", "audience", "audience_organisations", "file"]


class NotNeededForm(BoundedTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Waarom is het document niet meer nodig?"),
        max_length=300,
        help_text=_("Dit wordt bewaard bij het verzoek, in de geschiedenis en op de tijdlijn."),
    )
