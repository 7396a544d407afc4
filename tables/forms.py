"""Forms of the tables pages. They validate; the views hand the clean data to one service."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import LONG_TEXT, ActionStatus, Case, CaseGroup, validate_bsn
from cases.policy import DETAILS
from tables.models import KETENKAMER, ItemKind, Table, TableKind
from tables.services import CASE_NOT_VISIBLE
from zvhd import formats
from zvhd.forms import BoundedTextMixin
from zvhd.network.models import Organisation, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def active_users():
    return (
        User.objects.filter(is_active=True)
        .select_related("organisation")
        .order_by("last_name", "first_name", "username")
    )


def table_people(table: Table):
    """Who can attend or own an action: the chair, the members and the people of member
    organisations."""
    organisations = table.member_organisations.values("pk")
    return (
        active_users()
        .filter(Q(pk=table.chair_id) | Q(tables=table) | Q(organisation__in=organisations))
        .distinct()
    )


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.organisation})" if obj.organisation_id else name


class UserMultipleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return UserChoice.label_from_instance(self, obj)


class TableForm(BoundedTextMixin, forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    kind = forms.ModelChoiceField(label=_("Soort tafel"), queryset=TableKind.objects.none())
    chair = UserChoice(label=_("Voorzitter"), queryset=User.objects.none())
    members = UserMultipleChoice(
        label=_("Leden"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Houd Ctrl (of Cmd) ingedrukt om meer personen te kiezen."),
    )
    member_organisations = forms.ModelMultipleChoiceField(
        label=_("Deelnemende organisaties"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_(
            "Iedereen van een deelnemende organisatie ziet de tafel. Kies liever personen als "
            "alleen enkele medewerkers aanschuiven."
        ),
    )
    group = forms.ModelChoiceField(
        label=_("Groepsaanpak"),
        queryset=CaseGroup.objects.none(),
        required=False,
        help_text=_("Alleen bij een tafel waar een groep wordt besproken."),
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, table: Table | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The ketenkamer is one table (tables.services._one_ketenkamer): its kind is offered
        # only while it has none, and its own table keeps that kind.
        kinds = TableKind.objects.filter(active=True)
        if table is not None and table.is_ketenkamer:
            kinds = TableKind.objects.filter(code=KETENKAMER)
        elif Table.objects.filter(kind__code=KETENKAMER).exists():
            kinds = kinds.exclude(code=KETENKAMER)
        self.fields["kind"].queryset = kinds
        self.fields["chair"].queryset = active_users()
        self.fields["members"].queryset = active_users()
        self.fields["member_organisations"].queryset = Organisation.objects.active()
        self.fields["group"].queryset = CaseGroup.objects.visible_to(user)


class MeetingPlanForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DATE)


class MeetingForm(BoundedTextMixin, forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DATE)
    attendees = UserMultipleChoice(
        label=_("Aanwezig"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_attendees = forms.CharField(label=_("Overige aanwezigen"), max_length=500, required=False)
    notes = forms.CharField(
        label=_("Verslag"),
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = table_people(table)


class AgendaItemForm(BoundedTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Wat komt er op de agenda"), choices=ItemKind.choices)
    case_number = forms.CharField(
        label=_("Casusnummer"),
        max_length=12,
        required=False,
        help_text=_("Bij een casus, bijvoorbeeld 2026-0012."),
    )
    group = forms.ModelChoiceField(
        label=_("Groep"), queryset=CaseGroup.objects.none(), required=False
    )
    subject = forms.CharField(
        label=_("Omschrijving persoon of huishouden"),
        max_length=200,
        required=False,
        help_text=_("Bij een persoon of huishouden, bijvoorbeeld de initialen en woonplaats."),
    )
    bsns = forms.CharField(
        label=_("BSN's"),
        max_length=200,
        required=False,
        help_text=_("Eén BSN per persoon, gescheiden door spaties."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["group"].queryset = CaseGroup.objects.visible_to(user)

    def clean_bsns(self):
        value = self.cleaned_data["bsns"]
        parts = value.replace(",", " ").split()
        wrong = []
        for part in parts:
            try:
                validate_bsn(part)
            except forms.ValidationError:
                wrong.append(part)
        if wrong:
            raise forms.ValidationError(
                _("Geen geldig BSN: %(wrong)s. Een BSN heeft 9 cijfers en doorstaat de elfproef.")
                % {"wrong": ", ".join(wrong)}
            )
        return " ".join(parts)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        data["case"] = None
        if kind == ItemKind.CASE:
            number = (data.get("case_number") or "").strip()
            if not number:
                self.add_error("case_number", _("Vul het casusnummer in."))
            else:
                case = Case.objects.visible_to(self.user, DETAILS).filter(number=number).first()
                if case is None:
                    self.add_error("case_number", CASE_NOT_VISIBLE)
                data["case"] = case
        elif kind == ItemKind.GROUP and not data.get("group"):
            self.add_error("group", _("Kies de groep."))
        elif kind in (ItemKind.PERSON, ItemKind.HOUSEHOLD) and not data.get("subject"):
            self.add_error("subject", _("Geef aan wie er besproken wordt."))
        return data

    def service_kwargs(self):
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "case": d.get("case"),
            "group": d.get("group"),
            "subject": d.get("subject", ""),
            "bsns": d.get("bsns", ""),
        }


class DecisionForm(BoundedTextMixin, forms.Form):
    decision = forms.CharField(
        label=_("Besluit"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    action = forms.CharField(
        label=_("Actie die hieruit volgt"),
        max_length=500,
        required=False,
        help_text=_("Een actie heeft een eigenaar en een uiterste datum."),
    )
    owner = UserChoice(
        label=_("Eigenaar van de actie"), queryset=User.objects.none(), required=False
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Organisatie van de actie"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Leeg: de organisatie van de eigenaar."),
    )
    due_on = forms.DateField(label=_("Uiterlijk"), widget=DATE, required=False)

    def __init__(self, *args, table, meeting_date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting_date = meeting_date
        self.fields["owner"].queryset = table_people(table)
        self.fields["owner_organisation"].queryset = Organisation.objects.active()
        self.fields["decision"].error_messages["required"] = _("Vul het besluit in.")

    def clean_due_on(self):
        """Checked here as well as in the service, so it shows beside an empty decision."""
        due_on = self.cleaned_data.get("due_on")
        if due_on and self.meeting_date and due_on < self.meeting_date:
            raise forms.ValidationError(
                _("De actie kan niet vóór het overleg van %(day)s af moeten zijn.")
                % {"day": formats.short_date(self.meeting_date)}
            )
        return due_on

    def service_kwargs(self):
        d = self.cleaned_data
        return {
            k: d.get(k) for k in ("decision", "action", "owner", "owner_organisation", "due_on")
        } | {"action": d.get("action") or ""}


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class KindForm(BoundedTextMixin, forms.Form):
    code = forms.SlugField(
        label=_("Code"), max_length=50, help_text=_("Kleine letters, zonder spaties.")
    )
    label = forms.CharField(label=_("Naam"), max_length=200)
    description = forms.CharField(label=_("Omschrijving"), max_length=500, required=False)
    shows_other_registrations = forms.BooleanField(
        label=_("Toon bij een persoon of huishouden of die vaker is aangemeld"), required=False
    )
    order = forms.IntegerField(label=_("Volgorde"), min_value=0, max_value=32000, initial=100)
    active = forms.BooleanField(label=_("Actief"), required=False, initial=True)
