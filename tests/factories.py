"""Factories of the house (municipalities, organisations, users). Apps keep their own."""

import functools

import factory
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from zvhd.network.models import Municipality, Organisation, OrganisationKind, Region, User

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TEST_PASSWORD = "correct-horse-battery-staple"


@functools.cache
def _hashed_test_password() -> str:
    return make_password(TEST_PASSWORD)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    # GM9000-GM9999: six characters like a real code, and never one of the real (GM0xxx-GM1xxx)
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n % 1000}")
    region = Region.NOORD


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    short_name = factory.LazyAttribute(lambda o: o.name)
    kind = OrganisationKind.OVERIG


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a TOTP second factor (the middleware lets nobody in without one)."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@zvhd.test")
    organisation = factory.SubFactory(OrganisationFactory)
    # Hashed once per test run: PBKDF2 for every user of every cast would cost seconds a test.
    password = factory.LazyFunction(lambda: _hashed_test_password())

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            group, _ = Group.objects.get_or_create(name=str(role))
            self.groups.add(group)
        self.__dict__.pop("role_names", None)

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        if extracted is False:
            return
        Authenticator.objects.get_or_create(
            user=self,
            type=Authenticator.Type.TOTP,
            defaults={"data": {"secret": encrypt(TEST_TOTP_SECRET)}},
        )
