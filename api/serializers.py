"""What the API reads and writes. Registrations are validated by the very form the site uses
(cases.forms.RegistrationForm), so the API accepts exactly what the form accepts."""

from __future__ import annotations

from rest_framework import serializers

from cases.models import LONG_TEXT, Case, Gender, Kind, ProblemArea, Status, Topic, Urgency
from zvhd.network.models import Municipality, Organisation

DOMAINS = [
    ("", "geen (geen gemeente)"),
    ("veiligheid", "Veiligheid (OOV)"),
    ("sociaal", "Sociaal domein"),
]


class RegistrationCreateSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=100, help_text="Voornaam van de betrokkene.")
    last_name = serializers.CharField(max_length=150)
    birth_date = serializers.DateField(help_text="JJJJ-MM-DD, niet in de toekomst.")
    gender = serializers.ChoiceField(choices=Gender.choices, default=Gender.ONBEKEND)
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
    topic = serializers.ChoiceField(choices=Topic.choices)
    problem_areas = serializers.ListField(
        child=serializers.ChoiceField(choices=ProblemArea.choices), min_length=1, max_length=11
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
