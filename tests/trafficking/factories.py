"""Factories of the trafficking register. Records go through the services where it matters."""

from datetime import date

import factory

from tests.factories import UserFactory
from trafficking import services
from trafficking.models import (
    AwarenessActivity,
    AwarenessKind,
    ExploitationForm,
    Gender,
    Indicator,
    Sector,
    Signal,
)
from zvhd.network.models import Role


def drieluik_member(username="drieluik", organisation=None):
    """An extra user for the Drieluik role (the shared cast has none)."""
    extra = {"organisation": organisation} if organisation else {}
    return UserFactory(username=username, first_name="Dirk", roles=[Role.DRIELUIK_LID], **extra)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    form = ExploitationForm.SEXUAL
    code = factory.Sequence(lambda n: f"T{n:03d}")
    text = factory.Sequence(lambda n: f"Indicator {n}")


def make_signal(
    *,
    by,
    organisation,
    municipality=None,
    forms=(ExploitationForm.SEXUAL,),
    received_on=date(2025, 3, 1),
    first_name="Anna",
    last_name="Jansen",
    birth_date=date(1999, 5, 17),
    bsn="111222333",
    **extra,
) -> Signal:
    signal = Signal(
        received_on=received_on,
        reporting_organisation=organisation,
        reporter_name="M. Melder",
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        bsn=bsn,
        gender=extra.pop("gender", Gender.FEMALE),
        nationality="Roemeense",
        country_of_origin=extra.pop("country_of_origin", "Roemenië"),
        municipality=municipality,
        sector=extra.pop("sector", Sector.PROSTITUTION),
        description="Bezoekers op wisselende tijden; Anna Jansen staat haar telefoon af.",
        **extra,
    )
    return services.register_signal(signal=signal, forms=list(forms), registered_by=by)


class AwarenessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwarenessActivity

    held_on = date(2025, 4, 1)
    kind = AwarenessKind.TRAINING
    title = "Basistraining"
    audience = "wijkteams"
    participants = 20
