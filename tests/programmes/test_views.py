"""Tagging a case: the director's form, bad input at the field, history, versions, and the
query count of the tab and of the programme list."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Status
from programmes.models import CaseProgramme, Programme
from tests.cases.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(cast):
    return make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )


def programme(code="levensloopaanpak"):
    return Programme.objects.get(code=code)


def test_the_director_tags_a_case_and_the_tab_shows_it(cast, client, case):
    client.force_login(cast.regisseur)
    url = reverse("programmes:case_add", args=[case.pk])
    response = client.post(
        url, {"programme": programme().pk, "started_on": "2025-02-03", "ended_on": ""}
    )
    assert response.status_code == 302
    period = CaseProgramme.objects.get(case=case)
    assert (period.started_on, period.ended_on, period.added_by) == (
        date(2025, 2, 3),
        None,
        cast.regisseur,
    )
    assert period.history.get().history_user == cast.regisseur
    page = client.get(reverse("programmes:case_programmes", args=[case.pk])).content.decode()
    assert "Levensloopaanpak" in page and "03-02-2025" in page and "Loopt" in page


def test_a_period_that_ends_before_it_starts_is_refused_at_the_field_and_kept(cast, client, case):
    client.force_login(cast.regisseur)
    response = client.post(
        reverse("programmes:case_add", args=[case.pk]),
        {"programme": programme().pk, "started_on": "2025-03-01", "ended_on": "2025-02-01"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["ended_on"] == ["De einddatum ligt vóór de begindatum."]
    html = response.content.decode()
    assert 'value="2025-03-01"' in html and 'value="2025-02-01"' in html  # nothing lost
    assert not CaseProgramme.objects.exists()


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"started_on": "1899-12-31"}, "started_on", "Vul een datum in tussen"),
        ({"started_on": "morgen"}, "started_on", "Voer een geldige datum in"),
        ({"started_on": ""}, "started_on", "Dit veld is vereist"),
        ({"programme": "999999"}, "programme", "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_gets_a_dutch_message_at_its_field(cast, client, case, data, field, message):
    client.force_login(cast.regisseur)
    posted = {"programme": programme().pk, "started_on": "2025-03-01", "ended_on": "", **data}
    response = client.post(reverse("programmes:case_add", args=[case.pk]), posted)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])


def test_a_start_in_the_future_is_refused(cast, client, case):
    client.force_login(cast.regisseur)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("programmes:case_add", args=[case.pk]),
        {"programme": programme().pk, "started_on": tomorrow},
    )
    assert response.context["form"].errors["started_on"] == ["De begindatum ligt in de toekomst."]


def test_two_periods_of_one_programme_may_not_overlap_but_may_follow(cast, client, case):
    client.force_login(cast.regisseur)
    url = reverse("programmes:case_add", args=[case.pk])
    pk = programme("tbs").pk
    client.post(url, {"programme": pk, "started_on": "2024-01-01", "ended_on": "2024-06-30"})
    response = client.post(url, {"programme": pk, "started_on": "2024-06-30"})
    assert "mogen elkaar niet overlappen" in " ".join(response.context["form"].errors["started_on"])
    assert client.post(url, {"programme": pk, "started_on": "2024-07-01"}).status_code == 302
    # Another programme in the same period is fine: a case can be in several.
    other = {"programme": programme("isd").pk, "started_on": "2024-03-01"}
    assert client.post(url, other).status_code == 302
    assert CaseProgramme.objects.filter(case=case).count() == 3


def test_recording_the_out_date_keeps_the_history_and_refuses_a_stale_form(cast, client, case):
    period = CaseProgramme.objects.create(
        case=case, programme=programme(), started_on=date(2024, 1, 1), added_by=cast.regisseur
    )
    url = reverse("programmes:case_edit", args=[case.pk, period.pk])
    client.force_login(cast.manager)
    stale = client.get(url).context["form"].initial["version"]
    client.force_login(cast.regisseur)
    assert (
        client.post(
            url, {"started_on": "2024-01-01", "ended_on": "2024-12-31", "version": stale}
        ).status_code
        == 302
    )
    client.force_login(cast.manager)
    response = client.post(
        url, {"started_on": "2024-01-01", "ended_on": "2024-11-30", "version": stale}
    )
    assert response.status_code == 200 and response.context["form"].conflict
    period.refresh_from_db()
    assert period.ended_on == date(2024, 12, 31)
    assert period.history.count() == 2


def test_the_tab_takes_a_fixed_number_of_queries(cast, client, case, django_assert_max_num_queries):
    client.force_login(cast.regisseur)
    url = reverse("programmes:case_programmes", args=[case.pk])
    client.get(url)
    for code in ("levensloopaanpak", "isd", "pij", "tbs", "stalking"):
        CaseProgramme.objects.create(
            case=case,
            programme=programme(code),
            started_on=date(2024, 1, 1),
            added_by=cast.regisseur,
        )
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_the_programme_list_and_its_edit_form(cast, client, django_assert_max_num_queries):
    client.force_login(cast.beheerder)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("programmes:programme_list")).content.decode()
    assert "Jeugd-PGA" in page and "Radicalisering (Wet PGA)" in page
    item = programme("stalking")
    url = reverse("programmes:programme_edit", args=[item.pk])
    version = client.get(url).context["form"].initial["version"]
    response = client.post(
        url,
        {
            "name": "Casustafel stalking",
            "code": "stalking",
            "description": "",
            "order": 8,
            "active": "on",
            "version": version,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.name == "Casustafel stalking" and item.history.count() == 2
