from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from persons.models import NameKind, Person, Relation, validate_bsn, validate_not_future
from persons.normalise import clean_bsn
from persons.search import candidates
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


# The link form offers at most this many persons to choose from (issue 24: no page grows with
# the register; before, a select listed every person the reader may see, about one a case).
LINK_CHOICES = 10
# The matcher is asked for this many, as some may be the person itself or persons the reader
# may not see: those are left out before LINK_CHOICES are offered.
LINK_ASKED = 50

LINK_NOT_FOUND = _(
    "Geen persoon gevonden die u mag zien bij dit BSN of deze naam. Controleer wat u hebt "
    "ingevuld; met een voornaam of geboortedatum zoekt u preciezer."
)
LINK_SEVERAL = _(
    "Er passen meerdere personen bij wat u hebt ingevuld. Kies hieronder de juiste persoon."
)
LINK_MANY = _(
    "Er passen meer dan %(count)s personen bij wat u hebt ingevuld; hieronder staan de "
    "%(count)s die het best passen. Kies de juiste persoon, of vul een voornaam of "
    "geboortedatum in om preciezer te zoeken."
)


def person_label(person: Person) -> str:
    born = formats.short_date(person.birth_date) if person.birth_date else _("onbekend")
    return _("%(name)s (geboren %(born)s)") % {"name": person.full_name, "born": born}


class LinkForm(SearchForm):
    """Household and system: the other person is found as in "Is deze persoon al bekend?"
    (SearchForm and its matcher), among the persons the reader may see, never chosen from a
    list of all of them. One match is linked; several come back as at most LINK_CHOICES to
    choose from (`other`, added by clean()); none, or a chosen person who is not among those
    found (a forged or stale choice), is "not found", whoever it is."""

    relation = forms.ChoiceField(
        label=_("Relatie"),
        choices=Relation.choices,
        help_text=_("Wat de gekozen persoon is van deze persoon: kies Kind als het een kind is."),
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=200)

    def __init__(self, *args, user, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.person = user, person
        self.candidates: list[Person] = []  # the persons offered to choose from, if any
        self.fields["bsn"].help_text = _(
            "Zoek de persoon die u wilt koppelen: op BSN, of op achternaam (met voornaam en "
            "geboortedatum als u die weet)."
        )

    def found(self) -> tuple[list[Person], bool]:
        """The persons the reader may see that match, best first, at most LINK_CHOICES (and
        whether more matched): the register's matcher, then the door, in two queries."""
        ranked = [c.person_id for c in candidates(**self.query(), limit=LINK_ASKED)]
        if not ranked:
            return [], False
        visible = (
            Person.objects.visible_to(self.user)
            .current()
            .exclude(pk=self.person.pk)
            .filter(pk__in=ranked)
        )
        by_pk = {p.pk: p for p in visible}
        found = [by_pk[pk] for pk in ranked if pk in by_pk]
        return found[:LINK_CHOICES], len(found) > LINK_CHOICES

    def search_field(self) -> str:
        return "bsn" if self.cleaned_data.get("bsn") else "last_name"

    def offer(self, people: list[Person], message=None) -> None:
        """Show `people` to choose from, below the search fields, the typed input kept."""
        self.candidates = people
        self.fields["other"] = forms.TypedChoiceField(
            label=_("Kies de persoon"),
            choices=[(p.pk, person_label(p)) for p in people],
            coerce=int,
            widget=forms.RadioSelect,
        )
        self.order_fields(["bsn", "first_name", "last_name", "birth_date", "other"])
        if message:
            self.add_error("other", message)

    def clean(self):
        data = super().clean()
        searched = ("bsn", "first_name", "last_name", "birth_date")
        if any(name in self.errors for name in searched) or not (
            data.get("bsn") or data.get("last_name", "").strip()
        ):
            return data
        found, more = self.found()
        posted = str(self.data.get(self.add_prefix("other"), "")).strip()
        if posted:
            chosen = next((p for p in found if str(p.pk) == posted), None)
            if chosen is not None:
                data["other"] = chosen
                return data
            # Not among the persons found: someone the reader may not see, or a choice made
            # before the search was changed. The same answer as for nobody.
            self.add_error(self.search_field(), LINK_NOT_FOUND)
            if found:
                self.offer(found)
            return data
        if not found:
            self.add_error(self.search_field(), LINK_NOT_FOUND)
        elif len(found) == 1:
            data["other"] = found[0]
        else:
            self.offer(found, LINK_MANY % {"count": LINK_CHOICES} if more else LINK_SEVERAL)
        return data


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
