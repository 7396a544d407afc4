from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inbox.kinds import SPECS, Delivery, Kind
from zvhd.forms import BoundedTextMixin


class PreferencesForm(BoundedTextMixin, forms.Form):
    """One choice per kind of notification: inbox only, also e-mail, or a daily digest."""

    def __init__(self, *args, preferences=None, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            current = getattr(preferences, kind.value) if preferences else SPECS[kind].default
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current,
                widget=forms.Select,
                help_text=SPECS[kind].sentence,
            )

    def deliveries(self) -> dict[str, str]:
        return {kind.value: self.cleaned_data[kind.value] for kind in Kind}


class MarkAllReadForm(forms.Form):
    """No fields: the button's POST (with its CSRF token) is the whole request."""


PREFERENCES_SAVED = _("Uw voorkeuren voor meldingen zijn opgeslagen.")
