from allauth.mfa.base import forms as mfa_forms
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from zvhd.network.models import Municipality, Organisation, OrganisationKind, Role, Term, User


class UserForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    password = forms.CharField(
        label=_("Tijdelijk wachtwoord"),
        widget=forms.PasswordInput(render_value=False),
        required=False,
        # Long enough for any passphrase; the password validators never see more.
        max_length=200,
        help_text=_(
            "Laat leeg om het wachtwoord niet te wijzigen. Bij de eerste aanmelding stelt de "
            "gebruiker een tweede factor in."
        ),
    )

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "organisation",
            "municipality",
            "job_title",
            "phone",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.active()
        self.fields["organisation"].required = True
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        if self.instance.pk:
            self.fields["roles"].initial = sorted(self.instance.role_names)
        else:
            self.fields["password"].required = True

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if password:
            validate_password(password, self.instance)
        return password

    def clean(self):
        cleaned = super().clean()
        roles = set(cleaned.get("roles") or [])
        organisation = cleaned.get("organisation")
        municipality = cleaned.get("municipality")
        if Role.GEMEENTELIJK_CONTACTPERSOON in roles and not municipality:
            self.add_error(
                "municipality",
                _("Een gemeentelijk contactpersoon hoort bij precies één gemeente."),
            )
        if municipality and Role.GEMEENTELIJK_CONTACTPERSOON not in roles:
            self.add_error(
                "municipality",
                _("Alleen een gemeentelijk contactpersoon is aan een gemeente gekoppeld."),
            )
        if Role.LIAISON in roles and organisation and organisation.kind == OrganisationKind.ZVHD:
            self.add_error(
                "organisation", _("Een liaison werkt bij een ketenpartner, niet bij het ZVHD.")
            )
        return cleaned


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "short_name", "kind", "figure_category", "municipality", "active"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == OrganisationKind.GEMEENTE and not cleaned.get("municipality"):
            self.add_error(
                "municipality", _("Kies de gemeente van deze gemeentelijke organisatie.")
            )
        return cleaned


class TermForm(forms.ModelForm):
    """A term of a lookup list. The code is asked only when the term is new: it is stored in
    the records and in the figures, so it never changes afterwards."""

    class Meta:
        model = Term
        fields = ["code", "label", "position", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["code"]
        else:
            self.fields["code"].help_text = _(
                "Kleine letters, cijfers, - en _ (bijvoorbeeld 'dakloosheid'). Wordt in de "
                "gegevens opgeslagen en ligt na het opslaan vast."
            )
        self.fields["position"].help_text = _("Lager staat hoger in de lijst.")

    def _taken(self, **lookup) -> bool:
        others = Term.objects.filter(vocabulary=self.instance.vocabulary, **lookup)
        return others.exclude(pk=self.instance.pk).exists()

    def clean_code(self):
        code = self.cleaned_data["code"].strip().lower()
        if self._taken(code=code):
            raise forms.ValidationError(_("Deze keuzelijst heeft al een term met deze code."))
        return code

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        if self._taken(label__iexact=label):
            raise forms.ValidationError(
                _("Deze keuzelijst heeft al een term met deze omschrijving.")
            )
        return label


class MunicipalityForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["name", "cbs_code", "region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The CBS code identifies the municipality in imports and figures.
            self.fields["cbs_code"].disabled = True

    def clean_cbs_code(self):
        return self.cleaned_data["cbs_code"].strip().upper()


def _code_step(code: str) -> str:
    from zvhd.network import lockout

    # A TOTP code is six digits; anything else was meant as a recovery code.
    digits = "".join(code.split())
    return lockout.TOTP if digits.isdigit() and len(digits) == 6 else lockout.RECOVERY_CODE


class _LockedCodeMixin:
    """allauth's second-factor forms, under the same lockout as the password (lockout.py).

    Checked before the code, so the right code is refused too while the account or the
    address is locked; a wrong TOTP or recovery code counts as a failed login.
    """

    def __init__(self, *args, **kwargs):
        from zvhd.forms import limit_text

        super().__init__(*args, **kwargs)
        # A TOTP code is 6 digits, a recovery code 8 characters: nothing longer is read.
        limit_text(self.fields["code"], 64)

    def clean_code(self):
        from allauth.core import context

        from zvhd.network import lockout

        request = context.request
        username = self.user.get_username().lower()
        if lockout.refuse_if_locked(request, username):
            raise forms.ValidationError(
                _(
                    "Er is te vaak een verkeerde code ingevoerd. Uw account is tijdelijk "
                    "geblokkeerd."
                ),
                code="locked",
            )
        try:
            return super().clean_code()
        except forms.ValidationError:
            code = self.cleaned_data.get("code") or ""
            lockout.report_failure(
                request, username=username, step=_code_step(code), user=self.user
            )
            raise


class AuthenticateForm(_LockedCodeMixin, mfa_forms.AuthenticateForm):
    pass


class ReauthenticateForm(_LockedCodeMixin, mfa_forms.ReauthenticateForm):
    pass
