"""What the API reads and writes. Registrations are validated by the very form the site uses
(cases.forms.RegistrationForm), so the API accepts exactly what the form accepts."""

from __future__ import annotations

from rest_framework import serializers

from aftercare.models import NotificationKind
from aftercare.models import Status as AftercareStatus
from cases.models import LONG_TEXT, Case, Gender, Kind, ProblemArea, Status, Topic, Urgency
from zvhd import terms
from zvhd.network.models import Municipality, Organisation, Vocabulary

DOMAINS = [
    ("", "geen (geen gemeente)"),
    ("veiligheid", "Veiligheid (OOV)"),
    ("sociaal", "Sociaal domein"),
]


class RegistrationCreateSerializer(serializers.Serializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Before the first migrate (the deploy check builds the API schema) there are no
        # rows yet: the seeds' lists stand in.
        self.fields["topic"].choices = terms.choices(Vocabulary.AANDACHTSGEBIED) or Topic.choices
        self.fields["problem_areas"].child.choices = (
            terms.choices(Vocabulary.PROBLEEMGEBIED) or ProblemArea.choices
        )

    first_name = serializers.CharField(max_length=100, help_text="Voornaam van de betrokkene.")
    last_name = serializers.CharField(max_length=150)
    birth_date = serializers.DateField(help_text="JJJJ-MM-DD, niet in de toekomst.")
    gender = serializers.ChoiceField(choices=Gender.choices, default=Gender.UNKNOWN)
    bsn = serializers.CharField(max_length=12, required=False, allow_blank=True, default="")
    person_municipality = serializers.CharField(
        max_length=100, help_text="Woongemeente, met de naam zoals de app die toont (bv. Assen)."
    )
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True, default="")
    city = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    registrant_name = serializers.CharField(max_length=150)
    registrant_email = serializers.EmailField()
    registrant_phone = serializers.CharField(
        max_length=30, required=False, allow_blank=True, default=""
    )
    municipal_domain = serializers.ChoiceField(choices=DOMAINS, required=False, default="")
    municipality = serializers.CharField(max_length=100, help_text="Gemeente van de casus.")
    reason = serializers.CharField(max_length=LONG_TEXT)
    desired_outcome = serializers.CharField(max_length=LONG_TEXT)
    # The choices are the lists the functioneel beheerder keeps (zvhd.terms): set per request.
    topic = serializers.ChoiceField(choices=[])
    problem_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=[]), min_length=1, max_length=50
    )
    invited_organisations = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        default=list,
        max_length=40,
        help_text="Namen van uit te nodigen partners, zoals de app ze toont.",
    )
    person_informed = serializers.BooleanField()
    not_informed_reason = serializers.CharField(
        max_length=LONG_TEXT, required=False, allow_blank=True, default=""
    )
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    legal_basis = serializers.CharField(
        max_length=40,
        help_text=(
            "Code van de grondslag waaronder de organisatie dit verstrekt (bv. wgs, wpg, wjsg, "
            "avg-6-1-e, avg-9, toestemming, conflict-van-plichten; de lijst van de functioneel "
            "beheerder)."
        ),
    )
    legal_purpose = serializers.CharField(max_length=300, help_text="Doel van de verstrekking.")

    def validate(self, attrs):
        from cases.forms import RegistrationForm

        user = self.context["request"].user
        errors: dict[str, list[str]] = {}
        municipalities = {m.name.casefold(): m.pk for m in Municipality.objects.all()}
        data = {k: v for k, v in attrs.items() if not isinstance(v, list)}
        for key in ("municipality", "person_municipality"):
            pk = municipalities.get(attrs[key].strip().casefold())
            if pk is None:
                errors[key] = [f"Onbekende gemeente: '{attrs[key]}'."]
            data[key] = pk
        names = {}
        for org in Organisation.objects.active().partners():
            names[org.name.casefold()] = org.pk
            if org.short_name:
                names.setdefault(org.short_name.casefold(), org.pk)
        invited = []
        for name in attrs.get("invited_organisations", []):
            pk = names.get(name.strip().casefold())
            if pk is None:
                errors.setdefault("invited_organisations", []).append(
                    f"Onbekende organisatie: '{name}'."
                )
            invited.append(pk)
        if errors:
            raise serializers.ValidationError(errors)
        data["registering_organisation"] = user.organisation_id
        data["person_informed"] = "ja" if attrs["person_informed"] else "nee"
        form = RegistrationForm(
            data=_MultiData(data, problem_areas=attrs["problem_areas"], invited=invited),
            user=user,
        )
        if not form.is_valid():
            raise serializers.ValidationError(
                {
                    (key if key != "__all__" else "non_field_errors"): [str(e) for e in errs]
                    for key, errs in form.errors.items()
                }
            )
        attrs["form"] = form
        return attrs


class _MultiData(dict):
    """The form reads lists with getlist(), as from a posted form."""

    def __init__(self, data, *, problem_areas, invited):
        super().__init__(data)
        self._lists = {
            "problem_areas": list(problem_areas),
            "invited_organisations": [str(pk) for pk in invited],
        }

    def getlist(self, key, default=None):
        if key in self._lists:
            return self._lists[key]
        value = self.get(key)
        return [value] if value is not None else (default or [])


class RegistrationStatusSerializer(serializers.ModelSerializer):
    """What a partner may see of its organisation's registrations: the summary, no person."""

    status_label = serializers.CharField(source="get_status_display", read_only=True)
    municipality = serializers.CharField(source="municipality.name", read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    kind = serializers.ChoiceField(
        choices=[("", "nog geen procesregie"), *Kind.choices], read_only=True
    )

    class Meta:
        model = Case
        fields = [
            "number",
            "status",
            "status_label",
            "kind",
            "municipality",
            "registered_at",
            "triaged_on",
            "started_on",
            "closed_on",
        ]
        read_only_fields = fields


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


# ---------------------------------------------------------------------------------------------
# Detention notifications (aftercare)


class DetentionNotificationSerializer(serializers.Serializer):
    """A DJI or probation notification; checked by the aftercare intake form (NotificationForm)."""

    kind = serializers.ChoiceField(
        choices=NotificationKind.choices,
        help_text="start = begin detentie, einde = einde detentie, dip = detentie- en "
        "re-integratieplan.",
    )
    first_names = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    birth_date = serializers.DateField(help_text="JJJJ-MM-DD, in het verleden.")
    bsn = serializers.CharField(max_length=11, help_text="Negen cijfers, met de elfproef.")
    municipality = serializers.CharField(
        max_length=100, help_text="Gemeente van inschrijving, zoals de app die toont (bv. Assen)."
    )
    institution = serializers.CharField(max_length=150, help_text="Bijvoorbeeld PI Veenhuizen.")
    detention_start = serializers.DateField()
    expected_release = serializers.DateField(help_text="Niet voor het begin van de detentie.")
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        from aftercare.forms import NotificationForm

        client = self.context["request"].auth
        municipalities = {m.name.casefold(): m.pk for m in Municipality.objects.all()}
        pk = municipalities.get(attrs["municipality"].strip().casefold())
        if pk is None:
            raise serializers.ValidationError(
                {"municipality": [f"Onbekende gemeente: '{attrs['municipality']}'."]}
            )
        data = {
            key: value.isoformat() if hasattr(value, "isoformat") else value
            for key, value in attrs.items()
        }
        data["municipality"] = pk
        # The source is who sent it: the client's organisation, never what the request claims.
        data["source"] = f"{client.organisation.name} (API-koppeling {client.name})"[:150]
        form = NotificationForm(data=data)
        if not form.is_valid():
            raise serializers.ValidationError(
                {
                    (key if key != "__all__" else "non_field_errors"): [str(e) for e in errs]
                    for key, errs in form.errors.items()
                }
            )
        return form.cleaned_data


class DetentionNotificationResultSerializer(serializers.Serializer):
    """All the sender gets back: which record it landed in and that record's status."""

    number = serializers.CharField(help_text="Nummer van het nazorgdossier, bv. NZ-2026-0012.")
    status = serializers.ChoiceField(choices=AftercareStatus.choices)
    status_label = serializers.CharField()
    kind = serializers.ChoiceField(choices=NotificationKind.choices)
    received_on = serializers.DateField()
    new_record = serializers.BooleanField(
        help_text="Waar als deze melding een nieuw dossier opende, onwaar bij een bestaand."
    )


# ---------------------------------------------------------------------------------------------
# National key figures


class _DirectionCountSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    pga = serializers.IntegerField()


class _MunicipalityFiguresSerializer(serializers.Serializer):
    direction = serializers.IntegerField()
    advice = serializers.IntegerField(allow_null=True)


class KeyFiguresSerializer(serializers.Serializer):
    """`reports.figures.key_figures(year)`: what `manage.py figures YEAR --format json` prints."""

    year = serializers.IntegerField()
    registered_direction = _DirectionCountSerializer()
    active_direction = _DirectionCountSerializer()
    carried_in = serializers.IntegerField()
    inflow = serializers.IntegerField()
    closed = serializers.IntegerField()
    carried_out = serializers.IntegerField()
    not_taken_up = serializers.IntegerField()
    information_hub_questions = serializers.IntegerField(allow_null=True)
    advice_and_support = serializers.IntegerField(allow_null=True)
    registered_by_partner = serializers.DictField(
        child=serializers.IntegerField(), help_text="Categorie van aanmelder -> aantal."
    )
    by_municipality = serializers.DictField(
        child=_MunicipalityFiguresSerializer(), help_text="Gemeente -> procesregie en advies."
    )
    age_classes = serializers.DictField(
        child=serializers.IntegerField(allow_null=True),
        help_text="Leeftijdsklasse -> hele procenten (samen 100).",
    )
    minors_pct = serializers.IntegerField(allow_null=True)
    cross_municipal_pct = serializers.IntegerField(allow_null=True)
    problematic_housing_pct = serializers.IntegerField(allow_null=True)
