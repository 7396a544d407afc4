"""Forms validate input; the services in services.py decide and write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from finance.models import (
    Basis,
    BudgetLine,
    DistributionKey,
    FinanceYear,
    MovementKind,
    Side,
)
from zvhd.formats import DecimalField
from zvhd.forms import TEXT_LIMIT, BoundedTextMixin
from zvhd.network.models import Municipality, Organisation
from zvhd.versions import version_field


def apply_service(form, call):
    """Run a service for a form that is not a whole page (the year page has six); its refusal
    lands next to the field it names, or above the form (the house's `apply_service_errors`).
    Returns None when refused; a stale save (EditConflict) is the caller's to show.
    """
    from zvhd.versions import EditConflict
    from zvhd.views import apply_service_errors

    try:
        return call()
    except EditConflict:
        raise
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return None


class EuroField(forms.DecimalField):
    """Whole euros; "1.064.753" and "€ 1.064.753" are read as one million and more."""

    def __init__(self, *, allow_negative=False, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 0)
        if not allow_negative:
            kwargs.setdefault("min_value", 0)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)
        self.error_messages.update(
            {
                "invalid": _("Vul een bedrag in hele euro's in, bijvoorbeeld 13.617."),
                "max_decimal_places": _("Vul een bedrag in hele euro's in, zonder centen."),
                "min_value": _("Een negatief bedrag is hier niet toegestaan."),
            }
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace(" ", "").replace("\u00a0", "")
            if value.count(".") and "," not in value:
                value = value.replace(".", "")
            value = value.replace(",", ".")
        return super().to_python(value)


class PercentField(forms.DecimalField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 6)
        kwargs.setdefault("decimal_places", 3)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)
        self.error_messages["invalid"] = _("Vul een percentage in, bijvoorbeeld 4,18.")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("%", "").strip().replace(",", ".")
        return super().to_python(value)


class YearForm(BoundedTextMixin, forms.ModelForm):
    indexation_pct = PercentField(label=_("Indexatie (%)"), required=False)
    municipal_total = EuroField(label=_("Te verdelen gemeentelijke bijdrage"), required=False)
    reserve_opening = EuroField(
        label=_("Beginstand algemene reserve"),
        required=False,
        allow_negative=True,
        help_text=_("Leeg: de eindstand van het vorige jaar."),
    )

    class Meta:
        model = FinanceYear
        fields = [
            "year",
            "indexation_pct",
            "distribution_key",
            "municipal_total",
            "population_year",
            "reserve_opening",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["distribution_key"].queryset = DistributionKey.objects.visible_to(user)
        if self.instance.pk:
            del self.fields["year"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if FinanceYear.objects.filter(year=year).exists():
            raise forms.ValidationError(_("Er is al een begroting voor dit jaar."))
        return year

    def validate_unique(self):
        # The service checks the one unique field with a Dutch message.
        pass


class DraftNextYearForm(forms.Form):
    indexation_pct = PercentField(label=_("Indexatie voor het nieuwe jaar (%)"))


class StatusForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=300)


class BudgetLineForm(forms.Form):
    name = forms.CharField(label=_("Omschrijving"), max_length=200)
    original = EuroField(label=_("Primaire begroting"), required=False)
    realised = EuroField(label=_("Realisatie"), required=False)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class NewBudgetLineForm(BudgetLineForm):
    side = forms.ChoiceField(label=_("Soort"), choices=Side.choices)
    parent = forms.ModelChoiceField(
        label=_("Onderdeel van"),
        queryset=BudgetLine.objects.none(),
        required=False,
        empty_label=_("(hoofdregel)"),
    )
    field_order = ["side", "parent", "name", "original", "realised", "note"]

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = year.lines.filter(parent__isnull=True).order_by(
            "side", "position"
        )


class AmendmentForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = EuroField(
        label=_("Bedrag"), allow_negative=True, help_text=_("Negatief voor een verlaging.")
    )
    reason = forms.CharField(label=_("Reden"), max_length=300)


class ReserveMovementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=MovementKind.choices)
    amount = EuroField(label=_("Bedrag"))
    purpose = forms.CharField(label=_("Doel"), max_length=300)
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))


class PlusTaskForm(forms.Form):
    name = forms.CharField(label=_("Plustaak"), max_length=150)
    amount = EuroField(label=_("Bedrag"))
    basis = forms.ChoiceField(label=_("Verdeling"), choices=Basis.choices, initial=Basis.EQUAL)
    follows_aftercare = forms.BooleanField(
        label=_("Afnemers volgen de deelnemende gemeenten nazorg"),
        required=False,
        help_text=_(
            "Voor de plustaak nazorg ex-gedetineerden: de afnemende gemeenten zijn dan de "
            "deelnemende gemeenten nazorg van het jaar (Nazorg, Deelnemende gemeenten)."
        ),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Afnemende gemeenten"),
        queryset=Municipality.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not data.get("follows_aftercare") and not data.get("municipalities"):
            self.add_error("municipalities", _("Kies de gemeenten die deze plustaak afnemen."))
        return data


class LiaisonForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partner"), queryset=Organisation.objects.active().partners().order_by("name")
    )
    label = forms.CharField(label=_("Omschrijving"), max_length=150)
    amount = EuroField(label=_("Waarde per jaar"))
    fte = DecimalField(label=_("Fte"), required=False, min_value=0, max_digits=5, decimal_places=2)


class StaffingForm(forms.Form):
    function = forms.CharField(label=_("Functie"), max_length=150)
    fte = DecimalField(
        label=_("Fte"),
        min_value=0,
        max_digits=5,
        decimal_places=2,
        error_messages={"min_value": _("Een negatief aantal fte is niet mogelijk.")},
    )


class KeyForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=100)
    description = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = version_field()  # the key's version when the form was opened (zvhd.versions)


class ComponentForm(forms.Form):
    label = forms.CharField(label=_("Omschrijving"), max_length=100, required=False)
    share_pct = PercentField(label=_("Aandeel (%)"), required=False)
    basis = forms.ChoiceField(label=_("Verdeling"), choices=Basis.choices)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"),
        queryset=Municipality.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("share_pct") is None and data.get("municipalities"):
            self.add_error("share_pct", _("Vul het aandeel van dit onderdeel in."))
        if data.get("share_pct") is not None and not data.get("municipalities"):
            self.add_error("municipalities", _("Kies de gemeenten die dit deel betalen."))
        return data

    @property
    def is_used(self) -> bool:
        return self.is_valid() and self.cleaned_data.get("share_pct") is not None


ComponentFormSet = forms.formset_factory(ComponentForm, extra=0, min_num=1)


class InhabitantsForm(forms.Form):
    """One field per municipality for one year."""

    year = forms.IntegerField(label=_("Jaar (CBS, 1 januari)"), min_value=1990, max_value=2100)
    source = forms.CharField(label=_("Bron"), max_length=200, initial="CBS StatLine")

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = list(municipalities)
        for municipality in self.municipalities:
            self.fields[f"m{municipality.pk}"] = forms.IntegerField(
                label=municipality.name,
                min_value=1,
                required=False,
                error_messages={"min_value": _("Het aantal inwoners moet groter zijn dan 0.")},
            )

    def figures(self):
        return {m: self.cleaned_data.get(f"m{m.pk}") for m in self.municipalities}


class InhabitantsCsvForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_("Eén regel per gemeente: gemeente;jaar;inwoners (naam of CBS-code)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1_000_000:
            raise forms.ValidationError(_("Het bestand is groter dan 1 MB."))
        raw = upload.read()
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError(_("Het bestand is geen leesbare tekst (CSV)."))


class LettersForm(forms.Form):
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"),
        queryset=Municipality.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )
