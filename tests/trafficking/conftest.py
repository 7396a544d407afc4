from datetime import date

import pytest

from tests.trafficking.factories import IndicatorFactory, drieluik_member, make_signal
from trafficking import services
from trafficking.models import ExploitationForm


@pytest.fixture
def drieluik(cast):
    return drieluik_member(organisation=cast.ggz)


@pytest.fixture
def signal(cast):
    """A signal about Anna Jansen in Assen, reported by GGZ Drenthe."""
    return make_signal(by=cast.mensenhandel, organisation=cast.ggz, municipality=cast.assen)


@pytest.fixture
def indicators(db):
    return [
        IndicatorFactory(code="S01", form=ExploitationForm.SEXUAL, text="Moet verdiensten afstaan"),
        IndicatorFactory(code="S02", form=ExploitationForm.SEXUAL, text="Kent werkadres niet"),
        IndicatorFactory(code="A01", form=ExploitationForm.LABOUR, text="Werkt lange dagen"),
    ]


@pytest.fixture
def meeting(cast, signal):
    return services.plan_meeting(
        held_on=date(2025, 3, 10),
        location="ZVHD, Assen",
        attendees=[cast.mensenhandel],
        other_attendees="",
        planned_by=cast.mensenhandel,
    )
