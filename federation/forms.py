from django import forms
from django.utils.translation import gettext_lazy as _

from federation import crypto
from federation.models import FederationKey, House, Peer
from zvhd.forms import BoundedTextMixin


class HouseForm(BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = House
        fields = [
            "house_id",
            "name",
            "contact_role",
            "contact_email",
            "contact_phone",
            "answering",
            "answer_from_trafficking",
        ]


class PeerForm(BoundedTextMixin, forms.ModelForm):
    outbound_token = forms.CharField(
        label=_("Sleutel die wij bij dit huis gebruiken"),
        max_length=200,
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "De sleutel die het andere huis voor ons heeft aangemaakt. Wordt versleuteld "
            "bewaard en nooit meer getoond; leeg laten houdt de bewaarde sleutel."
        ),
    )

    class Meta:
        model = Peer
        fields = ["name", "base_url", "client", "active"]
        help_texts = {
            "client": _(
                "De API-koppeling (recht 'Vragen of een persoon bekend is') waarmee dit huis "
                "ons vraagt. Leeg: dit huis kan ons niets vragen."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from api.models import ApiClient, Scope
        from zvhd.network.models import OrganisationKind

        self.fields["client"].queryset = (
            ApiClient.objects.active()
            .filter(
                organisation__kind=OrganisationKind.ZVH, scopes__contains=[Scope.FEDERATION_ASK]
            )
            .select_related("organisation")
        )
        self.fields["base_url"].assume_scheme = "https"


class KeyForm(BoundedTextMixin, forms.Form):
    key_id = forms.SlugField(
        label=_("Sleutel-id"),
        max_length=32,
        help_text=_("Voor alle huizen gelijk, bijvoorbeeld '2026-1'."),
    )
    secret = forms.CharField(
        label=_("Sleutel"),
        max_length=200,
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "Plak de sleutel die een ander huis heeft gemaakt (base64). Leeg laten: er wordt "
            "hier een nieuwe gemaakt, die u één keer ziet om door te geven."
        ),
    )

    def clean_secret(self):
        value = self.cleaned_data["secret"].strip()
        if value:
            try:
                crypto.parse_key(value)
            except ValueError:
                raise forms.ValidationError(
                    _("Dit is geen geldige sleutel: verwacht wordt base64 van ten minste 32 bytes.")
                ) from None
        return value

    def clean_key_id(self):
        value = self.cleaned_data["key_id"]
        if FederationKey.objects.filter(key_id=value).exists():
            raise forms.ValidationError(_("Er is al een sleutel met dit id."))
        return value


class AskForm(BoundedTextMixin, forms.Form):
    bsn = forms.CharField(label=_("BSN"), max_length=11)
    purpose = forms.CharField(
        label=_("Doel van de vraag"),
        min_length=5,
        max_length=300,
        help_text=_("Waarom u het wilt weten; het andere huis legt dit vast."),
    )

    def clean_bsn(self):
        value = self.cleaned_data["bsn"]
        try:
            return crypto.normalise_bsn(value)
        except crypto.InvalidBSN:
            raise forms.ValidationError(
                _("Dit is geen geldig BSN: het moet 9 cijfers hebben en de elfproef doorstaan.")
            ) from None


class LogSearchForm(BoundedTextMixin, forms.Form):
    bsn = forms.CharField(label=_("BSN"), max_length=11, required=False)

    def clean_bsn(self):
        value = self.cleaned_data["bsn"]
        if not value:
            return ""
        try:
            return crypto.normalise_bsn(value)
        except crypto.InvalidBSN:
            raise forms.ValidationError(
                _("Dit is geen geldig BSN: het moet 9 cijfers hebben en de elfproef doorstaan.")
            ) from None
