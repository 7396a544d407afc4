from django import forms
from django.utils.translation import gettext_lazy as _

from zvhd.imports import registry


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Wat importeert u?"), choices=registry.choices)
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("CSV (UTF-8, gescheiden door ; of ,) of Excel (.xlsx), hoogstens 20 MB."),
    )
