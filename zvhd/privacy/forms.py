from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from zvhd.privacy.models import AccessAction


class AccessLogSearchForm(forms.Form):
    username = forms.CharField(label=_("Gebruiker"), required=False, max_length=150)
    content_type = forms.ModelChoiceField(
        label=_("Soort gegeven"), queryset=ContentType.objects.none(), required=False
    )
    object_id = forms.CharField(label=_("Recordnummer"), required=False, max_length=64)
    action = forms.ChoiceField(
        label=_("Handeling"), choices=[("", "---------"), *AccessAction.choices], required=False
    )
    allowed = forms.TypedChoiceField(
        label=_("Uitkomst"),
        choices=[("", _("alle")), ("1", _("toegestaan")), ("0", _("geweigerd"))],
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
    )
    date_from = forms.DateField(label=_("Vanaf"), required=False)
    date_to = forms.DateField(label=_("Tot en met"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from zvhd.privacy.models import AccessLog

        used = AccessLog.objects.values("content_type").distinct()
        self.fields["content_type"].queryset = ContentType.objects.filter(pk__in=used)
        self.fields["content_type"].label_from_instance = lambda ct: ct.name

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return cleaned

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("username"):
            queryset = queryset.filter(username__icontains=data["username"])
        if data.get("content_type"):
            queryset = queryset.filter(content_type=data["content_type"])
        if data.get("object_id"):
            queryset = queryset.filter(object_id=data["object_id"])
        if data.get("action"):
            queryset = queryset.filter(action=data["action"])
        if data.get("allowed") is not None:
            queryset = queryset.filter(allowed=data["allowed"])
        if data.get("date_from"):
            queryset = queryset.filter(at__date__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(at__date__lte=data["date_to"])
        return queryset
