"""Forms of the cases pages. They validate; the views hand the clean data to one service."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cases.models import (
    CRITERIA,
    LONG_TEXT,
    ActionStatus,
    Decision,
    EscalationLevel,
    Gender,
    LegalBasis,
    LifeDomain,
    Relation,
    Sharing,
    Urgency,
    validate_bsn,
    validate_not_future,
)
from cases.policy import DIRECTOR_ROLES, KETENKAMER
from zvhd import terms
from zvhd.network.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    Role,
    User,
    Vocabulary,
)
from zvhd.permissions import VIEW

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]


def closing_reason_choices():
    return [("", "—"), *terms.choices(Vocabulary.AFSLUITREDEN)]


def long_text(label, required=True, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
    )


def legal_basis_field():
    """The legal basis of an exchange: required, from the active bases (the beheerder's list).
    Posted as the basis's code, so the API and the form take the same value."""
    return forms.ModelChoiceField(
        label=_("Grondslag van de verstrekking"),
        queryset=LegalBasis.objects.selectable(),
        to_field_name="code",
        empty_label=_("— kies de grondslag —"),
        error_messages={
            "required": _("Kies de grondslag waaronder u deze gegevens verstrekt."),
            "invalid_choice": _("Kies een grondslag uit de lijst."),
        },
        help_text=_(
            "De wettelijke grondslag waaronder uw organisatie deze gegevens aan het "
            "Zorg- en Veiligheidshuis verstrekt."
        ),
    )


def purpose_field():
    return forms.CharField(
        label=_("Doel van de verstrekking"),
        max_length=300,
        error_messages={"required": _("Geef aan met welk doel u deze gegevens verstrekt.")},
        help_text=_("Bijvoorbeeld: beoordelen of procesregie nodig is; het integrale plan."),
    )


class FullNameOrganisationField(forms.ModelChoiceField):
    """An organisation by its full name ("Veilig Thuis Drenthe", not "VTD"): a registrant
    picks from thirty partners and cannot be expected to know every abbreviation."""

    def label_from_instance(self, obj):
        return obj.name


class FullNameOrganisationsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def topic_choices():
    """The topics with an empty first choice: nothing is pre-selected, so a registrant who
    skips the field is asked, and the figures are not skewed towards the first topic."""
    return [("", _("— kies het aandachtsgebied —")), *terms.choices(Vocabulary.AANDACHTSGEBIED)]


def bureau_users(*roles):
    return (
        User.objects.filter(is_active=True, groups__name__in=roles)
        .distinct()
        .order_by("last_name", "first_name")
    )


class RegistrationForm(forms.Form):
    """One form for the person and the registration, so nothing typed is split or lost."""

    # The person
    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    birth_date = forms.DateField(
        label=_("Geboortedatum"), widget=DATE, validators=[validate_not_future]
    )
    gender = forms.ChoiceField(label=_("Geslacht"), choices=Gender.choices, initial=Gender.UNKNOWN)
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=12,
        help_text=_("Negen cijfers; wordt gecontroleerd met de elfproef."),
    )
    person_municipality = forms.ModelChoiceField(
        label=_("Woongemeente"), queryset=Municipality.objects.all()
    )
    address = forms.CharField(label=_("Adres"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    city = forms.CharField(label=_("Woonplaats"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telefoon betrokkene"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail betrokkene"), required=False)
    # The registration
    registering_organisation = FullNameOrganisationField(
        label=_("Aanmeldende organisatie"), queryset=Organisation.objects.none()
    )
    municipal_domain = forms.ChoiceField(
        label=_("Domein (alleen bij aanmelding door een gemeente)"),
        required=False,
        choices=[
            ("", "—"),
            ("veiligheid", _("Veiligheid (OOV)")),
            ("sociaal", _("Sociaal domein")),
        ],
    )
    registrant_name = forms.CharField(label=_("Naam aanmelder"), max_length=150)
    registrant_email = forms.EmailField(label=_("E-mail aanmelder"))
    registrant_phone = forms.CharField(label=_("Telefoon aanmelder"), max_length=30, required=False)
    municipality = forms.ModelChoiceField(
        label=_("Gemeente van de casus"), queryset=Municipality.objects.all()
    )
    reason = long_text(_("Reden van aanmelding"))
    desired_outcome = long_text(_("Wat wilt u met de aanmelding bereiken?"))
    problem_areas = forms.MultipleChoiceField(
        label=_("Probleemgebieden"),
        choices=partial(terms.choices, Vocabulary.PROBLEEMGEBIED),
        widget=forms.CheckboxSelectMultiple,
    )
    topic = forms.ChoiceField(
        label=_("Aandachtsgebied"),
        choices=topic_choices,
        error_messages={"required": _("Kies het aandachtsgebied van de aanmelding.")},
    )
    # "Gemeentegrens overstijgend" as DOMAIN.md defines it: recorded, not derived from the two
    # municipality fields (the problems may play outside Drenthe altogether).
    cross_municipal = forms.ChoiceField(
        label=_("Speelt de problematiek (ook) buiten de gemeente waar de betrokkene woont?"),
        required=False,
        choices=[("", _("Weet ik niet")), ("ja", _("Ja")), ("nee", _("Nee"))],
        help_text=_(
            "Bijvoorbeeld in een andere gemeente of buiten Drenthe. Telt mee als "
            "'gemeentegrens overstijgend' in de cijfers."
        ),
    )
    invited_organisations = FullNameOrganisationsField(
        label=_("Uit te nodigen partners"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    person_informed = forms.ChoiceField(
        label=_("Is de betrokkene geïnformeerd over de aanmelding?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    not_informed_reason = long_text(_("Zo nee: waarom niet?"), required=False)
    urgency = forms.ChoiceField(
        label=_("Urgentie"), choices=Urgency.choices, initial=Urgency.NORMAL
    )
    # Under which basis and for what the registering partner provides this (issue 20).
    legal_basis = legal_basis_field()
    legal_purpose = purpose_field()
    # One person of the system (more can be added on the case later)
    related_name = forms.CharField(
        label=_("Persoon uit het systeem: naam"), max_length=200, required=False
    )
    related_relation = forms.ChoiceField(
        label=_("Relatie"), choices=[("", "—"), *Relation.choices], required=False
    )
    related_birth_date = forms.DateField(
        label=_("Geboortedatum"), widget=DATE, required=False, validators=[validate_not_future]
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        organisations = Organisation.objects.active()
        if user.is_bureau_staff:
            self.fields["registering_organisation"].queryset = organisations.exclude(
                kind=OrganisationKind.ZVHD
            ) | Organisation.objects.filter(pk=user.organisation_id)
        else:
            # A partner registers for their own organisation only.
            self.fields["registering_organisation"].queryset = Organisation.objects.filter(
                pk=user.organisation_id
            )
            self.fields["registering_organisation"].initial = user.organisation_id
            self.fields["registrant_name"].initial = user.get_full_name()
            self.fields["registrant_email"].initial = user.email
            self.fields["registrant_phone"].initial = user.phone
        self.fields["invited_organisations"].queryset = organisations.partners().exclude(
            kind=OrganisationKind.GEMEENTE
        )

    def clean_bsn(self):
        value = "".join(ch for ch in self.cleaned_data["bsn"] if not ch.isspace() and ch != ".")
        validate_bsn(value)
        return value

    def clean(self):
        data = super().clean()
        if data.get("person_informed") == "nee" and not data.get("not_informed_reason", "").strip():
            self.add_error(
                "not_informed_reason", _("Geef aan waarom de betrokkene niet is geïnformeerd.")
            )
        if data.get("related_name") and not data.get("related_relation"):
            self.add_error("related_relation", _("Kies de relatie van deze persoon."))
        org = data.get("registering_organisation")
        if org and org.kind == OrganisationKind.GEMEENTE and not data.get("municipal_domain"):
            self.add_error(
                "municipal_domain",
                _("Kies bij een gemeente of het om veiligheid of sociaal domein gaat."),
            )
        return data

    def person_data(self) -> dict:
        d = self.cleaned_data
        return {
            "first_name": d["first_name"],
            "last_name": d["last_name"],
            "birth_date": d["birth_date"],
            "gender": d["gender"],
            "bsn": d["bsn"],
            "municipality": d["person_municipality"],
            "address": d["address"],
            "postcode": d["postcode"],
            "city": d["city"],
            "phone": d["phone"],
            "email": d["email"],
        }

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        related = []
        if d.get("related_name"):
            related.append(
                {
                    "name": d["related_name"],
                    "relation": d["related_relation"],
                    "birth_date": d.get("related_birth_date"),
                }
            )
        return {
            "registering_organisation": d["registering_organisation"],
            "registrant_name": d["registrant_name"],
            "registrant_email": d["registrant_email"],
            "registrant_phone": d["registrant_phone"],
            "municipal_domain": d["municipal_domain"],
            "municipality": d["municipality"],
            "person": self.person_data(),
            "reason": d["reason"],
            "desired_outcome": d["desired_outcome"],
            "topic": d["topic"],
            "problem_areas": d["problem_areas"],
            "invited_organisations": d["invited_organisations"],
            "person_informed": d["person_informed"] == "ja",
            "not_informed_reason": d["not_informed_reason"],
            "urgency": d["urgency"],
            "related_persons": related,
            "cross_municipal": {"ja": True, "nee": False}.get(d.get("cross_municipal") or ""),
            "legal_basis": d["legal_basis"],
            "legal_purpose": d["legal_purpose"],
        }


class ScreeningForm(forms.Form):
    notes = long_text(_("Bevindingen van de screening"), required=False)
    complete = forms.ChoiceField(
        label=_("Is de aanmelding compleet?"),
        choices=[
            ("ja", _("Ja, op de agenda van de ketenkamer")),
            ("nee", _("Nee, eerst aanvullen")),
        ],
        widget=forms.RadioSelect,
    )


class EnrichmentForm(forms.Form):
    text = long_text(_("Wat weet uw organisatie?"))
    shared_with = forms.ChoiceField(
        label=_("Wie mag dit zien?"),
        choices=Sharing.choices,
        widget=forms.RadioSelect,
        initial=Sharing.ZVHD,
    )
    legal_basis = legal_basis_field()
    purpose = purpose_field()


def numbered_criterion(index: int):
    """The criterion's label with its number, as DOMAIN.md numbers the five (1-4 together, or 5)."""
    return format_lazy("{}. {}", index + 1, CRITERIA[index][1])


class TriageForm(forms.Form):
    CRITERIA_FIELDS = tuple(name for name, _label in CRITERIA)

    criterion_multiple_problems = forms.BooleanField(label=numbered_criterion(0), required=False)
    criterion_crime_or_decline = forms.BooleanField(label=numbered_criterion(1), required=False)
    criterion_chains = forms.BooleanField(label=numbered_criterion(2), required=False)
    criterion_system = forms.BooleanField(label=numbered_criterion(3), required=False)
    criterion_local_safety = forms.BooleanField(label=numbered_criterion(4), required=False)
    criteria_assessed = forms.BooleanField(
        label=_("De vijf criteria zijn besproken en hierboven vastgelegd"), required=False
    )
    decision = forms.ChoiceField(label=_("Besluit"), choices=[("", "—"), *Decision.choices])
    reason = long_text(_("Toelichting"), required=False)
    referred_to = forms.CharField(label=_("Doorverwezen naar"), max_length=200, required=False)
    director = forms.ModelChoiceField(
        label=_("Procesregisseur"), required=False, queryset=User.objects.none()
    )
    support = forms.ModelChoiceField(
        label=_("Procesondersteuner"), required=False, queryset=User.objects.none()
    )
    guide = forms.ModelChoiceField(
        label=_("Trajectbegeleider"), required=False, queryset=User.objects.none()
    )
    # Required only for some decisions (the service says which): the label says when, instead
    # of "(niet verplicht)" followed by "Wijs een procesregisseur aan." (issue 23).
    reason.required_when = _("verplicht bij niet opgepakt")
    referred_to.required_when = _("verplicht bij niet opgepakt")
    director.required_when = _("verplicht bij procesregie")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["director"].queryset = bureau_users(*DIRECTOR_ROLES)
        self.fields["support"].queryset = bureau_users(Role.PROCESONDERSTEUNER)
        self.fields["guide"].queryset = bureau_users(Role.TRAJECTBEGELEIDER)

    def clean(self):
        data = super().clean()
        if (
            data.get("decision")
            and data["decision"] != Decision.INGETROKKEN
            and not data.get("criteria_assessed")
        ):
            self.add_error(
                "criteria_assessed",
                _("Een besluit vraagt eerst de beoordeling van de vijf criteria."),
            )
        return data

    def criteria(self):
        from cases.services import Criteria

        d = self.cleaned_data
        if not d.get("criteria_assessed"):
            return None
        return Criteria(
            multiple_problems=d["criterion_multiple_problems"],
            crime_or_decline=d["criterion_crime_or_decline"],
            chains=d["criterion_chains"],
            system=d["criterion_system"],
            local_safety=d["criterion_local_safety"],
        )


class KetenkamerForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DATE)


class AttendanceForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Aanwezig"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(label=_("Overige aanwezigen"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = bureau_users(*KETENKAMER[VIEW])


class PlanForm(forms.Form):
    summary = long_text(_("Samenvatting en gezamenlijke analyse"))
    review_on = forms.DateField(label=_("Evaluatiedatum"), widget=DATE, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GoalForm(forms.Form):
    life_domain = forms.ChoiceField(label=_("Levensgebied"), choices=LifeDomain.choices)
    description = forms.CharField(
        label=_("Doel"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Actie"), max_length=500)
    owner_organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.active()
    )
    owner = forms.ModelChoiceField(
        label=_("Eigenaar"), queryset=User.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Uiterlijk"), widget=DATE)
    goal = forms.ModelChoiceField(label=_("Bij doel"), queryset=None, required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = case.goals.all()
        team = case.team.values("user_id")
        self.fields["owner"].queryset = User.objects.filter(
            pk__in=[uid for uid in (case.director_id, case.support_id, case.guide_id) if uid]
        ) | User.objects.filter(pk__in=team)

    def service_kwargs(self):
        d = self.cleaned_data
        return {k: d[k] for k in ("description", "owner_organisation", "owner", "due_on", "goal")}


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


# The due date an action agreed in a meeting gets unless the meeting says otherwise.
MEETING_ACTION_DAYS = 14
MEETING_ACTION_ROWS = 3  # empty action rows on the form; "Meer acties" adds as many again


def case_people(case):
    """The director, support, guide and team of `case`: who may own an action on it."""
    ids = [uid for uid in (case.director_id, case.support_id, case.guide_id) if uid]
    return (
        (User.objects.filter(pk__in=ids) | User.objects.filter(case_teams__case=case))
        .distinct()
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


class MeetingActionForm(forms.Form):
    """One action agreed in a meeting: what, who (an organisation, and a person if known),
    by when (two weeks from today unless changed). A row left as it was is no action."""

    description = forms.CharField(label=_("Actie"), max_length=500, required=False)
    owner_organisation = FullNameOrganisationField(
        label=_("Organisatie"), queryset=Organisation.objects.active(), required=False
    )
    due_on = forms.DateField(label=_("Uiterlijk"), widget=DATE, required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        # The people of the case, each with their organisation (set here: they depend on it).
        self.fields["owner"] = ProfessionalField(
            label=_("Eigenaar"), queryset=case_people(case), required=False
        )
        self.order_fields(["description", "owner_organisation", "owner", "due_on"])
        self.fields["description"].required_when = _("verplicht als u een actie vastlegt")
        self.fields["owner_organisation"].required_when = _("of kies een eigenaar")
        self.fields["due_on"].required_when = _("verplicht als u een actie vastlegt")
        self.fields["due_on"].initial = timezone.localdate() + timedelta(days=MEETING_ACTION_DAYS)

    def clean(self):
        data = super().clean()
        if not self.has_changed():
            return data
        if not data.get("description"):
            self.add_error("description", _("Beschrijf de actie, of laat de hele regel leeg."))
        if not data.get("owner_organisation") and data.get("owner"):
            data["owner_organisation"] = data["owner"].organisation
        if not data.get("owner_organisation"):
            self.add_error(
                "owner_organisation", _("Kies de organisatie of de persoon die de actie uitvoert.")
            )
        if not data.get("due_on"):
            self.add_error("due_on", _("Geef een datum waarop de actie klaar is."))
        return data


MeetingActionFormSet = forms.formset_factory(MeetingActionForm, extra=MEETING_ACTION_ROWS)
MORE_ACTIONS = "meer_acties"


class MeetingForm(forms.Form):
    """The meeting and any number of actions it agreed (a formset under the prefix "acties";
    the button "Meer acties" shows the form again with more empty rows, input kept)."""

    date = forms.DateField(label=_("Datum"), widget=DATE, validators=[validate_not_future])
    attendees = forms.ModelMultipleChoiceField(
        label=_("Aanwezig"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_attendees = forms.CharField(label=_("Overige aanwezigen"), max_length=500, required=False)
    notes = long_text(_("Verslag"), required=False)
    decisions = long_text(_("Besluiten"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = case_people(case)
        data = self.data if self.is_bound else None
        prefix = "acties"
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = None  # a post without action rows (another client): no actions
        elif data is not None and MORE_ACTIONS in data:
            data = data.copy()
            total = int(data.get(f"{prefix}-TOTAL_FORMS") or 0)
            data[f"{prefix}-TOTAL_FORMS"] = str(min(total, 100) + MEETING_ACTION_ROWS)
        self.action_forms = MeetingActionFormSet(data, prefix=prefix, form_kwargs={"case": case})
        self.wants_more = self.is_bound and MORE_ACTIONS in self.data

    def is_valid(self):
        meeting = super().is_valid()
        actions = not self.action_forms.is_bound or self.action_forms.is_valid()
        return meeting and actions and not self.wants_more

    def actions(self):
        if not self.action_forms.is_bound:
            return []
        return [
            {
                "description": row["description"],
                "owner_organisation": row["owner_organisation"],
                "owner": row.get("owner"),
                "due_on": row["due_on"],
            }
            for row in (form.cleaned_data for form in self.action_forms)
            if row.get("description")
        ]


class ProfessionalField(forms.ModelChoiceField):
    """A professional with their organisation: two "J. de Vries" at different partners are
    told apart, and the director sees whose organisation joins the team (issue 23)."""

    def label_from_instance(self, obj):
        if obj.organisation_id:
            return f"{obj} — {obj.organisation.name}"
        return str(obj)


class TeamMemberForm(forms.Form):
    user = ProfessionalField(label=_("Professional"), queryset=User.objects.none())
    task = forms.CharField(label=_("Rol in het team"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(
                is_active=True, groups__name__in=[Role.PARTNERPROFESSIONAL, Role.LIAISON]
            )
            .select_related("organisation")
            .distinct()
            .order_by("organisation__name", "last_name", "first_name")
        )


class EscalationForm(forms.Form):
    level = forms.ChoiceField(label=_("Niveau"), choices=EscalationLevel.choices)
    escalated_to = forms.CharField(label=_("Opgeschaald naar"), max_length=200)
    reason = long_text(_("Reden"))


class ResolveEscalationForm(forms.Form):
    outcome = long_text(_("Uitkomst"))


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reden van afsluiten"), choices=closing_reason_choices)
    closed_on = forms.DateField(label=_("Afgesloten op"), widget=DATE, initial=timezone.localdate)
    handed_over_to = forms.ModelChoiceField(
        label=_("Overgedragen aan (bij verhuizing)"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.ZVH),
        required=False,
    )
    note = long_text(_("Toelichting"), required=False)


class ClosingForm(CloseForm):
    """The closing page: the reason, and why what is still open may stay open."""

    open_items_reason = long_text(
        _("Waarom sluit u de casus af terwijl deze punten nog open staan?"),
        required=False,
        help_text=_(
            "Alleen nodig als er nog punten open staan. Dit wordt bewaard in de geschiedenis."
        ),
    )


class ClosingDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("goedkeuren", _("Goedkeuren en afsluiten")), ("afwijzen", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    note = long_text(_("Toelichting"), required=False, help_text=_("Verplicht bij afwijzen."))


class CaseSettingsForm(forms.Form):
    closing_needs_approval = forms.BooleanField(
        label=_("Afsluiten van een maatwerkcasus vraagt goedkeuring van de manager"),
        required=False,
        help_text=_(
            "Aan: de procesregisseur stelt het afsluiten voor en een manager (niet de "
            "voorsteller) keurt het goed of af. PGA-casussen sluit de regisseur zelf af."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ReasonForm(forms.Form):
    reason = long_text(_("Reden"))


class CasePeopleForm(forms.Form):
    director = forms.ModelChoiceField(
        label=_("Procesregisseur"), required=False, queryset=User.objects.none()
    )
    support = forms.ModelChoiceField(
        label=_("Procesondersteuner"), required=False, queryset=User.objects.none()
    )
    guide = forms.ModelChoiceField(
        label=_("Trajectbegeleider"), required=False, queryset=User.objects.none()
    )
    review_on = forms.DateField(label=_("Evaluatiedatum"), widget=DATE, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["director"].queryset = bureau_users(*DIRECTOR_ROLES)
        self.fields["support"].queryset = bureau_users(Role.PROCESONDERSTEUNER)
        self.fields["guide"].queryset = bureau_users(Role.TRAJECTBEGELEIDER)


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    description = long_text(_("Omschrijving"), required=False)
    plan = long_text(_("Plan van aanpak van de groep"), required=False)


class LinkGroupForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Groepsaanpak"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from cases.models import CaseGroup

        self.fields["group"].queryset = CaseGroup.objects.visible_to(user)


class LegalBasisForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_(
            "Kleine letters, cijfers en streepjes; de API en de import gebruiken deze code. "
            "Ligt vast zodra de grondslag is aangemaakt."
        ),
    )
    name = forms.CharField(label=_("Grondslag"), max_length=200)
    explanation = forms.CharField(
        label=_("Toelichting"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    order = forms.IntegerField(label=_("Volgorde"), min_value=0, max_value=999, initial=10)
    active = forms.BooleanField(
        label=_("Actief (te kiezen bij een aanmelding of verrijking)"), required=False, initial=True
    )
