import pytest
from django.utils import timezone

from tests.aftercare.factories import make_record, participate


@pytest.fixture
def world(cast):
    """Assen buys the plus task (this year and last); Emmen does not.

    The lists of the seeds' years (reference data, 2020 and 2025) make way for this one."""
    from aftercare.models import Participation

    Participation.objects.all().delete()
    year = timezone.localdate().year
    participate(cast.assen, year - 1, year)
    return cast


@pytest.fixture
def record(world):
    """An Assen resident in detention, released in 30 days; nothing arranged yet."""
    return make_record(municipality=world.assen, by=world.nazorg)


@pytest.fixture
def escalated(world):
    """An Assen record escalated to process direction (a registration in the cases app)."""
    from aftercare import services
    from aftercare.models import Consent

    item = make_record(municipality=world.assen, by=world.nazorg, last_name="de Boer")
    services.record_consent(
        record=item,
        consent=Consent.GIVEN,
        consent_on=timezone.localdate(),
        recorded_by=world.nazorg,
    )
    services.escalate(
        record=item,
        reason="Dreigt dakloos te worden; dreigende uitspraken tegen ex-partner.",
        desired_outcome="Een gezamenlijk plan van woonbegeleiding, GGZ en reclassering.",
        problem_areas=["huisvesting", "psychisch"],
        escalated_by=world.nazorg,
    )
    item.refresh_from_db()
    return item
