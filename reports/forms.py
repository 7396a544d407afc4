"""Forms of the reports app; they validate, the services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import DocumentKind, LpcoOutcome, Section, Table
from zvhd.forms import limit_text
from zvhd.network.models import Municipality, Region
from zvhd.versions import version_field

# The first year with figures: the reference data of the seeds start in 2019.
FIRST_YEAR = 2019


class YearForm(forms.Form):
    """The figures' year, chosen from a list (issue 23: a text box asked people to type it).
    A year in the address outside the list (an old link) is still read."""

    jaar = forms.IntegerField(
        label=_("Jaar"),
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={"invalid": _("Geef een jaartal, bijvoorbeeld 2024.")},
    )

    def __init__(self, *args, **kwargs):
        from django.utils import timezone

        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = [(y, str(y)) for y in range(this_year, FIRST_YEAR - 1, -1)]
        self.fields["jaar"].widget = forms.Select(choices=years)


class TextsForm(forms.Form):
    """One field per section of the annual report that management writes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Section.choices:
            # The signature is a name and a function on two lines (a text box showed the
            # demo's "J. de VriesVoorzitter van de stuurgroep", issue 23).
            widget = forms.Textarea(attrs={"rows": 2 if value == Section.FOREWORD_SIGNATURE else 6})
            self.fields[value] = forms.CharField(
                label=label, required=False, max_length=20000, widget=widget
            )
        self.fields[Section.FOREWORD_SIGNATURE].help_text = _(
            "Naam en functie van wie het voorwoord ondertekent."
        )
        # Not `.max_length = 300`: the validator made in __init__ would still say 20000.
        limit_text(self.fields[Section.FOREWORD_SIGNATURE], 300)
        # The version of each section's row when the page was opened (0: no text yet), so
        # that a save over someone else's newer texts is refused (zvhd.versions).
        for value in Section.values:
            self.fields[version_name(value)] = version_field()

    @staticmethod
    def initial_for(texts) -> dict:
        """The form's initial values for the stored `texts` (ReportText rows of one year)."""
        initial = {version_name(value): 0 for value in Section.values}
        for text in texts:
            initial[text.section] = text.text
            initial[version_name(text.section)] = text.version
        return initial

    def texts(self) -> dict[str, str]:
        return {value: self.cleaned_data[value] for value in Section.values}

    def expected_versions(self) -> dict[str, int | None]:
        return {value: self.cleaned_data.get(version_name(value)) for value in Section.values}

    def show_versions(self, versions: dict[str, int]) -> None:
        """Carry `versions` from now on (after a conflict: the next save is a deliberate one)."""
        data = self.data.copy()
        for value in Section.values:
            data[self.add_prefix(version_name(value))] = str(versions.get(value, 0))
        self.data = data


def version_name(section: str) -> str:
    return f"versie_{section}"


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    municipality = forms.ModelChoiceField(
        label=_("Gemeente (alleen factsheet)"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Alle twaalf gemeenten"),
    )


class ThematicForm(forms.Form):
    table = forms.ChoiceField(label=_("Overleg"), choices=Table.choices)
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    meeting_on = forms.DateField(
        label=_("Datum overleg"),
        required=False,
        help_text=_("Leeg laten voor een telling over het hele jaar."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    region = forms.ChoiceField(
        label=_("Regio (veelplegersoverleg)"),
        choices=[("", "—"), *Region.choices],
        required=False,
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente (LPCO)"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
    )
    outcome = forms.ChoiceField(
        label=_("Afdoening (LPCO)"), choices=[("", "—"), *LpcoOutcome.choices], required=False
    )
    count = forms.IntegerField(
        label=_("Aantal"),
        min_value=0,
        max_value=100000,
        error_messages={"min_value": _("Een aantal kan niet negatief zijn.")},
    )
