import io
import random

import pytest

from aftercare import demo
from aftercare.models import AftercareRecord, Participation
from zvhd.network import demo as house_demo

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_the_participants_and_two_years_of_records_and_is_safe_twice():
    house_demo.seed_users(io.StringIO())
    demo.seed(stdout=io.StringIO(), rng=random.Random(1))
    assert Participation.objects.filter(year=2020).count() == 5
    assert Participation.objects.filter(year=2025).count() == 6
    count = AftercareRecord.objects.count()
    assert count == 45
    lengths = [r.detention_days for r in AftercareRecord.objects.all()]
    assert any(days < 30 for days in lengths) and any(days > 90 for days in lengths)
    assert len({r.notified_on.year for r in AftercareRecord.objects.all()}) >= 2
    demo.seed(stdout=io.StringIO(), rng=random.Random(2))
    assert AftercareRecord.objects.count() == count
