"""No lost updates on the annual report's texts form (zvhd.versions; tests/conflicts.py).

The form edits all sections of a year at once, so it carries every section's version; the
two-editor scenario of tests/conflicts.py, on the set of rows instead of one record.
"""

import pytest
from django.urls import reverse
from django.utils.html import escape

from reports import services
from reports.models import ReportText
from tests.conflicts import CONFLICT, DIFF_CAPTION, form_data
from tests.factories import UserFactory
from zvhd.network.models import Role

pytestmark = pytest.mark.django_db

YEAR = 2024


@pytest.fixture
def second_manager(cast):
    return UserFactory(username="manager2", roles=[Role.MANAGER])


def _texts_form(client):
    page = client.get(reverse("reports:annual_report", args=[YEAR]))
    assert page.status_code == 200
    return page.context["texts_form"]


def test_a_second_editor_of_the_texts_sees_the_change_and_loses_nothing(
    cast, second_manager, client_for
):
    services.save_report_text(
        year=YEAR, section="voorwoord", text="Een bewogen jaar.", saved_by=cast.manager
    )
    foreword = ReportText.objects.get(year=YEAR, section="voorwoord")
    url = reverse("reports:texts", args=[YEAR])
    first, second = client_for(cast.manager), client_for(second_manager)

    opened = _texts_form(second)
    assert opened["versie_voorwoord"].value() == foreword.version == 1  # the form carries them
    assert opened["versie_nawoord"].value() == 0  # no text yet
    second_sees = form_data(opened)

    first_sees = form_data(_texts_form(first))
    saved = first.post(
        url, {**first_sees, "voorwoord": "Een jaar van samenwerking.", "nawoord": "Tot slot."}
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    foreword.refresh_from_db()
    assert foreword.text == "Een jaar van samenwerking." and foreword.version == 2

    mine = "Een jaar <met> nieuwe partners."
    refused = second.post(url, {**second_sees, "voorwoord": mine, "verhaal": "Mijn verhaal."})
    text = refused.content.decode()
    assert refused.status_code == 200
    assert CONFLICT in text
    assert DIFF_CAPTION in text  # what changed, section by section
    assert "Een bewogen jaar." in text and "Een jaar van samenwerking." in text
    assert "Tot slot." in text  # a section that did not exist when the page was opened
    assert escape(mine) in text and "Mijn verhaal." in text  # the editor's input stays
    form = refused.context["texts_form"]
    assert form["versie_voorwoord"].value() == "2"  # the next save is a deliberate one
    assert form["versie_nawoord"].value() == "1"
    foreword.refresh_from_db()
    assert foreword.text == "Een jaar van samenwerking." and foreword.version == 2
    # Nothing of the refused save is stored (the first editor saved this section empty).
    assert ReportText.objects.get(year=YEAR, section="verhaal").text == ""

    # They take over the other editor's nawoord and save again, on the new versions.
    again = second.post(url, {**form_data(form), "nawoord": "Tot slot."})
    assert again.status_code == 302, again.content.decode()[:2000]
    foreword.refresh_from_db()
    assert foreword.text == mine
    assert ReportText.objects.get(year=YEAR, section="nawoord").text == "Tot slot."
    assert ReportText.objects.get(year=YEAR, section="verhaal").text == "Mijn verhaal."
    kept = list(foreword.history.values_list("text", flat=True))
    assert "Een jaar van samenwerking." in kept and mine in kept  # the history keeps both


def test_two_editors_creating_the_first_texts_of_a_year(cast, second_manager, client_for):
    url = reverse("reports:texts", args=[YEAR])
    first, second = client_for(cast.manager), client_for(second_manager)
    second_sees = form_data(_texts_form(second))
    first_sees = form_data(_texts_form(first))
    assert first.post(url, {**first_sees, "voorwoord": "Eerste."}).status_code == 302
    refused = second.post(url, {**second_sees, "voorwoord": "Tweede."})
    assert refused.status_code == 200 and CONFLICT in refused.content.decode()
    assert ReportText.objects.get(year=YEAR, section="voorwoord").text == "Eerste."
