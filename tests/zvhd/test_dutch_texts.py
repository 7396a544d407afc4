"""Texts Django 6.1 itself does not translate yet come from our own locale (locale/nl)."""

import pytest
from django import forms
from django.utils import translation
from django.utils.html import strip_tags

from zvhd.network.models import Organisation

pytestmark = pytest.mark.django_db


def test_an_empty_select_option_is_dutch():
    # Django's own empty option of a select whose form gives none of its own.
    class Pick(forms.Form):
        organisation = forms.ModelChoiceField(queryset=Organisation.objects.all())

    with translation.override("nl"):
        html = str(Pick())
    assert "Select an option" not in html
    assert "— kies een optie —" in html


def test_the_access_log_filters_say_what_their_empty_choice_means(cast, client_for):
    from django.urls import reverse

    page = client_for(cast.privacy).get(reverse("privacy:access_log")).content.decode()
    assert "Select an option" not in page and "---------" not in page
    assert "Alle handelingen" in page and "Alle soorten gegevens" in page


def test_the_access_log_names_an_advice_question_by_its_day_and_kind_not_its_id(cast, client_for):
    """Issue 23: "adviesvraag 295" where the privacy officer reads."""
    import datetime

    from django.urls import reverse

    from tests.advice.factories import AdviceRecordFactory

    advice = AdviceRecordFactory(
        date=datetime.date(2026, 11, 27),
        organisation=cast.politie,
        answered_by=cast.regisseur,
    )
    client_for(cast.regisseur).get(reverse("advice:detail", args=[advice.pk]))
    page = client_for(cast.privacy).get(reverse("privacy:access_log")).content.decode()
    text = strip_tags(page)
    assert "adviesvraag van 27-11-2026 (advies kort)" in text
    assert f"adviesvraag {advice.pk}\n" not in text


def test_the_access_log_names_records_without_a_number_by_their_day_and_case(
    cast, client_for, rf, django_assert_max_num_queries
):
    """A journal entry, a document and its version, a risk assessment and a group: "logboekregel
    4" or "documentversie 1" (the version's own number) told the privacy officer nothing."""
    import re
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from django.urls import reverse

    from casefile.services import add_journal_entry
    from cases.models import CaseGroup
    from tests.casefile.factories import document, own_case
    from tests.risk.factories import make_assessment
    from zvhd import formats
    from zvhd.privacy.services import log_access

    case = own_case(cast)
    note = add_journal_entry(
        case=case,
        author=cast.regisseur,
        kind="huisbezoek",
        occurred_at=datetime(2026, 12, 4, 10, tzinfo=ZoneInfo("UTC")),
        text="Huisbezoek afgelegd.",
        audience="team",
    )
    doc = document(case, cast.regisseur)
    version = doc.versions.get()
    assessment = make_assessment(case=case, by=cast.regisseur, on=date(2026, 11, 30))
    group = CaseGroup.objects.create(name="Jeugdgroep Emmen-Centrum", director=cast.regisseur)
    request = rf.get("/")
    request.user = cast.regisseur
    for record in (note, doc, version, assessment, group):
        log_access(request=request, obj=record)
    client = client_for(cast.privacy)
    # One query per kind of record, its case read with it (the page has five kinds).
    with django_assert_max_num_queries(30):
        page = client.get(reverse("privacy:access_log")).content.decode()
    day = formats.short_date(doc.created_at)
    for label in (
        f"logboekregel van 04-12-2026 bij casus {case.number}",
        f"document van {day} bij casus {case.number}",
        f"versie 1 van het document van {day} bij casus {case.number}",
        f"risicotaxatie van 30-11-2026 bij casus {case.number}",
        "groepsaanpak Jeugdgroep Emmen-Centrum",
    ):
        assert label in strip_tags(page)
    assert not re.search(
        r"(logboekregel|document|documentversie|risicotaxatie|groepsaanpak) \d+<", page
    )
    # A day and a case number are never broken over two lines in the narrow column.
    assert '<span class="zvhd-nowrap">04-12-2026</span>' in page
    assert f'<span class="zvhd-nowrap">{case.number}</span>' in page
