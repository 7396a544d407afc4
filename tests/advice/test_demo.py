import io
import random

import pytest
from django.utils import timezone

from advice import demo
from advice.models import (
    AdviceKind,
    AdviceRecord,
    DirectoryEntry,
    MunicipalityContact,
    PatternSignal,
)
from zvhd.network import demo as house_demo

pytestmark = pytest.mark.django_db


def test_the_demo_gives_three_years_and_this_year_of_records_and_is_safe_to_run_twice(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = io.StringIO()
    house_demo.seed(stdout=out, rng=random.Random(1))
    demo.seed(stdout=out, rng=random.Random(1))
    counts = (
        AdviceRecord.objects.count(),
        DirectoryEntry.objects.count(),
        PatternSignal.objects.count(),
        MunicipalityContact.objects.count(),
    )
    assert counts[0] == demo.demo_advice_count(timezone.localdate())
    assert counts[1] > 10 and counts[2] > 3 and counts[3] == 12
    assert set(AdviceRecord.objects.values_list("kind", flat=True)) == set(AdviceKind.values)
    # Each of the three full years the figures compare has its questions.
    this_year = timezone.localdate().year
    for year in range(this_year - 3, this_year):
        assert AdviceRecord.objects.filter(date__year=year).count() > 100
    demo.seed(stdout=out, rng=random.Random(2))
    assert (
        AdviceRecord.objects.count(),
        DirectoryEntry.objects.count(),
        PatternSignal.objects.count(),
        MunicipalityContact.objects.count(),
    ) == counts
