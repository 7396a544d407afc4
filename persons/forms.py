from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from persons.models import NameKind, Person, Relation, validate_bsn, validate_not_future
from persons.normalise import clean_bsn
from zvhd import formats
from zvhd.forms import BoundedTextMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SearchForm(BoundedTextMixin, forms.Form):
    """ "Is deze persoon al bekend?": a BSN, or a last name (with a birth date, best)."""

    bsn = forms.CharField(label=_("BSN"), required=False, max_length=12)
    first_name = forms.CharField(label=_("Voornaam"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), required=False, max_length=150)
    birth_date = forms.DateField(
        label=_("Geboortedatum"), required=False, widget=DATE, validators=[validate_not_future]
    )

    def clean_bsn(self):
        value = clean_bsn(self.cleaned_data["bsn"])
        validate_bsn(value)
        return value

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("bsn") or data.get("last_name", "").strip()):
            raise forms.ValidationError(_("Vul een BSN of een achternaam in."))
        return data

    def query(self) -> dict:
        d = self.cleaned_data
        return {
            "bsn": d["bsn"],
            "first_name": d["first_name"],
            "last_name": d["last_name"],
            "birth_date": d["birth_date"],
        }


class LinkForm(BoundedTextMixin, forms.Form):
    other = forms.ModelChoiceField(label=_("Persoon"), queryset=Person.objects.none())
    relation = forms.ChoiceField(
        label=_("Relatie"),
        choices=Relation.choices,
        help_text=_("Wat de gekozen persoon is van deze persoon: kies Kind als het een kind is."),
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=200)

    def __init__(self, *args, user, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = (
            Person.objects.visible_to(user).current().exclude(pk=person.pk).order_by("last_key")
        )
        self.fields["other"].label_from_instance = lambda p: (
            f"{p.full_name} ({formats.short_date(p.birth_date)})" if p.birth_date else p.full_name
        )


class NameForm(BoundedTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=NameKind.choices)
    first_name = forms.CharField(label=_("Voornaam"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)


class ProposeMergeForm(BoundedTextMixin, forms.Form):
    survivor = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    merged = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    reason = forms.CharField(
        label=_("Waarom is dit dezelfde persoon?"), max_length=2000, widget=forms.Textarea
    )


class SplitForm(BoundedTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Waarom wordt de samenvoeging teruggedraaid?"),
        max_length=2000,
        widget=forms.Textarea,
    )
