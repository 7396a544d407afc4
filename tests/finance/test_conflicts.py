"""No lost updates on the finance edit forms (zvhd.versions; tests/conflicts.py)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance.models import Basis, DistributionKey
from tests.conflicts import CONFLICT, DIFF_CAPTION, form_data, two_editors
from tests.finance.factories import FinanceYearFactory

pytestmark = pytest.mark.django_db


def test_a_second_editor_of_a_budget_year_sees_the_change_and_loses_nothing(cast, client_for):
    year = FinanceYearFactory(year=2031)
    two_editors(
        client_for,
        url=reverse("finance:year_update", args=[2031]),
        first=cast.financien,
        second=cast.manager,
        record=year,
        field="notes",
        first_value="Indexatie volgens de septembercirculaire.",
        second_value="Begroting besproken in het AB van juni.",
    )


def test_a_second_editor_of_a_distribution_key_sees_the_change_and_loses_nothing(cast, client_for):
    from finance import services

    key = services.save_distribution_key(
        name="Inwoners",
        description="Naar inwonertal",
        components=[
            services.ComponentSpec(
                share_pct=Decimal("100"), basis=Basis.EQUAL, municipalities=[cast.assen, cast.emmen]
            )
        ],
        changed_by=cast.financien,
    )
    url = reverse("finance:key_update", args=[key.pk])

    def post_as(user, description, version):
        opened = client_for(user).get(url)
        data = form_data(opened.context["form"])
        for component in opened.context["formset"].forms:
            data.update(form_data(component))
        data.update(
            {
                "c-TOTAL_FORMS": str(len(opened.context["formset"].forms)),
                "c-INITIAL_FORMS": "0",
                "description": description,
                "version": str(version),
            }
        )
        return data

    mine = post_as(cast.manager, "Mijn toelichting", key.version)
    theirs = post_as(cast.financien, "Hun toelichting", key.version)
    assert client_for(cast.financien).post(url, theirs).status_code == 302
    refused = client_for(cast.manager).post(url, mine)
    text = refused.content.decode()
    assert refused.status_code == 409
    assert CONFLICT in text and DIFF_CAPTION in text
    assert "Hun toelichting" in text and "Mijn toelichting" in text
    key = DistributionKey.objects.get(pk=key.pk)
    assert key.description == "Hun toelichting"
    mine["version"] = str(key.version)
    assert client_for(cast.manager).post(url, mine).status_code == 302
    kept = list(key.history.values_list("description", flat=True))
    assert "Hun toelichting" in kept and "Mijn toelichting" in kept
