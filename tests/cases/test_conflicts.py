"""No lost updates on the cases edit forms that had none yet (group plan, ketenkamer
attendance); the plan and the case's people keep their own tests in test_views.py. And a
refused write on a page others may read is logged (the house's `require_action`)."""

from datetime import date

import pytest
from django.urls import reverse

from cases import services
from tests.conflicts import two_editors
from zvhd.privacy.models import AccessLog

pytestmark = pytest.mark.django_db


def test_a_second_editor_of_a_group_plan_sees_the_change_and_loses_nothing(cast, client_for):
    group = services.create_group(
        name="Jeugdgroep Emmen-Centrum", director=cast.regisseur, created_by=cast.regisseur
    )
    two_editors(
        client_for,
        url=reverse("cases:group_detail", args=[group.pk]),
        first=cast.regisseur,
        second=cast.manager,
        record=group,
        field="plan",
        first_value="Wekelijks overleg met de wijkagent en het jongerenwerk.",
        second_value="Gezamenlijke aanpak met de scholen in het centrum.",
    )


def test_a_second_editor_of_the_attendance_sees_the_change_and_loses_nothing(cast, client_for):
    ketenkamer = services.plan_ketenkamer(date=date(2026, 3, 4), planned_by=cast.ondersteuner)
    two_editors(
        client_for,
        url=reverse("cases:ketenkamer_detail", args=[ketenkamer.pk]),
        first=cast.ondersteuner,
        second=cast.regisseur,
        record=ketenkamer,
        field="other_attendees",
        first_value="Ook aanwezig: de wijkagent van Assen-Oost.",
        second_value="Reclassering schoof later aan.",
        form_field="notes",
    )


@pytest.mark.parametrize("page", ["ketenkamer_list", "group_list"])
def test_a_refused_write_on_a_page_others_may_read_is_a_logged_403(cast, client_for, page):
    response = client_for(cast.liaison_politie if page == "ketenkamer_list" else cast.begeleider)
    response = response.post(reverse(f"cases:{page}"), {"date": "2026-03-04", "name": "X"})
    assert response.status_code == 403
    row = AccessLog.objects.get(allowed=False)
    assert row.path == reverse(f"cases:{page}")
