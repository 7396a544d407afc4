"""All writes on users and organisations. Called by the beheer views and seed_demo."""

from django.contrib.auth.models import Group
from django.db import transaction

from zvhd.network.models import Organisation, Role, User
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
