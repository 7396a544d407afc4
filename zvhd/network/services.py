"""All writes on users, organisations, municipalities and the lookup lists. Called by the beheer
views and seed_demo."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zvhd.network.models import Municipality, Organisation, Role, Term, User
from zvhd.versions import claim_version


def ensure_role_groups() -> None:
    """One group per role; safe to run any number of times."""
    for role in Role:
        Group.objects.get_or_create(name=role.value)


@transaction.atomic
def save_user(
    *,
    user: User,
    roles: list[str],
    changed_by: User | None,
    password: str | None = None,
    expected_version: int | None = None,
) -> User:
    """Create or update an account and set its roles (the groups named by `roles`).

    Without `password` a new account gets an unusable one, unless a hash is already set on
    it (the demo hashes its one password once for all its accounts). Changing an account
    opened on an older version than stored is refused (EditConflict).
    """
    if not user._state.adding:
        claim_version(user, expected_version=expected_version)
    user._history_user = changed_by
    if password:
        user.set_password(password)
    elif user._state.adding and not user.password:
        user.set_unusable_password()
    user.save()
    ensure_role_groups()
    user.groups.set(Group.objects.filter(name__in=roles))
    user.__dict__.pop("role_names", None)
    return user


@transaction.atomic
def reset_second_factor(*, user: User, reset_by: User) -> int:
    """Remove the user's authenticators: at the next login they must set up a new one.

    For a lost or replaced phone. Returns the number of authenticators removed.
    """
    from allauth.mfa.models import Authenticator

    deleted, _ = Authenticator.objects.filter(user=user).delete()
    return deleted


def unlock(*, user: User) -> int:
    """Lift a django-axes lockout of this username (from every address)."""
    from axes.utils import reset

    return reset(username=user.get_username())


@transaction.atomic
def save_organisation(
    *,
    organisation: Organisation,
    changed_by: User | None,
    expected_version: int | None = None,
) -> Organisation:
    """Create or change an organisation; a change on an older version than stored is refused."""
    if organisation.pk is not None:
        claim_version(organisation, expected_version=expected_version)
    organisation._history_user = changed_by
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def save_term(*, term: Term, changed_by: User | None, expected_version: int | None = None) -> Term:
    """Add a term to a lookup list or change its label, order or whether it can be chosen.

    The code of a saved term never changes (records store it); a list keeps at least one
    active term, so every form that uses it can still be filled in.
    """
    if term.pk is not None:
        stored = claim_version(term, expected_version=expected_version)
        if term.code != stored.code:
            raise ValidationError({"code": _("De code van een bestaande term ligt vast.")})
        others_active = (
            Term.objects.filter(vocabulary=term.vocabulary, active=True)
            .exclude(pk=term.pk)
            .exists()
        )
        if not term.active and not others_active:
            raise ValidationError(
                {"active": _("Een keuzelijst houdt ten minste één actieve term.")}
            )
    term._history_user = changed_by
    term.full_clean()
    term.save()
    return term


@transaction.atomic
def save_municipality(
    *, municipality: Municipality, changed_by: User | None, expected_version: int | None = None
) -> Municipality:
    """Add a municipality (a merger, a new member) or correct its name or region."""
    from django.utils.text import slugify

    if municipality.pk is not None:
        claim_version(municipality, expected_version=expected_version)
    if not municipality.slug:
        municipality.slug = slugify(municipality.name)[:50]
    municipality._history_user = changed_by
    municipality.full_clean()
    municipality.save()
    return municipality
