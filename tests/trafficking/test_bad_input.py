"""Bad input: a clear Dutch message next to the field, nothing entered lost, never a 500."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from trafficking import services
from trafficking.models import FollowUp, IndicatorObservation, Signal

pytestmark = pytest.mark.django_db


def signal_post(cast, **overrides):
    data = {
        "received_on": "2025-03-01",
        "reporting_organisation": cast.ggz.pk,
        "reporter_name": "M. Melder",
        "forms": ["seksueel"],
        "sector": "prostitutie",
        "description": "Bezoekers op wisselende tijden.",
        "first_name": "Lena",
        "last_name": "Kuipers",
        "birth_date": "2001-02-03",
        "age_class": "onbekend",
        "gender": "vrouw",
        "municipality": cast.assen.pk,
        "minor": "ja",
    }
    data.update(overrides)
    return data


def test_a_minor_flag_against_the_birth_date_is_refused_next_to_the_field(cast, client_for):
    response = client_for(cast.mensenhandel).post(
        reverse("trafficking:signal_create"), signal_post(cast)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "was de persoon 24 jaar op de datum van het signaal, dus niet minderjarig" in html
    assert 'value="Lena"' in html and 'value="Kuipers"' in html and "Bezoekers op" in html
    assert not Signal.objects.exists()


def test_a_minor_with_an_adult_flag_is_refused_too(cast):
    errors = services.check_person(birth_date=date(2010, 1, 1), minor="nee", on=date(2025, 1, 1))
    assert "dus minderjarig" in errors["minor"]


def test_the_age_class_and_minor_flag_follow_from_the_birth_date(cast, client_for):
    response = client_for(cast.mensenhandel).post(
        reverse("trafficking:signal_create"), signal_post(cast, minor="onbekend")
    )
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert (signal.minor, signal.age_class, signal.reference) == ("nee", "24-30", "MH-2025-001")


def test_a_signal_without_a_form_of_exploitation_says_so(cast, client_for):
    response = client_for(cast.mensenhandel).post(
        reverse("trafficking:signal_create"), signal_post(cast, forms=[], minor="nee")
    )
    assert "Kies ten minste één vorm van uitbuiting." in response.content.decode()


def test_an_invalid_bsn_is_refused(cast, client_for):
    response = client_for(cast.mensenhandel).post(
        reverse("trafficking:signal_create"), signal_post(cast, bsn="123456789", minor="nee")
    )
    assert "Dit is geen geldig BSN" in response.content.decode()


def test_a_follow_up_without_a_decision_date_is_refused_and_keeps_the_input(
    cast, signal, client_for
):
    response = client_for(cast.mensenhandel).post(
        reverse("trafficking:follow_up_create", args=[signal.pk]),
        {"kind": "politie", "decided_on": "", "responsible": "Team AVIM", "note": "aangifte"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Een opvolging heeft een besluitdatum nodig" in html
    assert 'value="Team AVIM"' in html and "aangifte</textarea>" in html
    assert not FollowUp.objects.exists()


def test_a_drieluik_decision_without_a_date_is_refused(cast, signal, meeting, client_for):
    item = meeting.items.get()
    response = client_for(cast.mensenhandel).post(
        reverse("trafficking:decision", args=[item.pk]),
        {"discussion": "Besproken met de politie.", "decision": "politie", "decided_on": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul de besluitdatum in" in html and "Besproken met de politie." in html
    item.refresh_from_db()
    assert item.decision == ""


def test_the_service_refuses_a_follow_up_without_a_decision_date(cast, signal):
    with pytest.raises(ValidationError, match="besluitdatum"):
        services.start_follow_up(
            signal=signal, kind="politie", decided_on=None, started_by=cast.mensenhandel
        )


def test_an_unknown_indicator_is_refused_and_the_rest_is_kept(cast, signal, indicators, client_for):
    s01, s02, _a01 = indicators
    client = client_for(cast.mensenhandel)
    url = reverse("trafficking:signal_indicators", args=[signal.pk])
    response = client.post(
        url,
        {
            f"indicator-{s01.pk}-status": "waargenomen",
            f"indicator-{s01.pk}-source": "wijkagent",
            f"indicator-{s02.pk}-status": "onbekend",
            "indicator-99999-status": "waargenomen",  # not on the list (retired, or made up)
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Onbekende indicator (nummer 99999)" in html
    assert 'value="wijkagent"' in html
    assert not IndicatorObservation.objects.exists()


def test_an_indicator_of_another_form_is_refused_by_the_service(cast, signal, indicators):
    labour = indicators[2]
    with pytest.raises(ValidationError, match="Onbekende indicator"):
        services.record_indicators(
            signal=signal,
            observations={labour.pk: ("waargenomen", "melder")},
            recorded_by=cast.mensenhandel,
        )


def test_an_observed_indicator_needs_a_source(cast, signal, indicators, client_for):
    s01 = indicators[0]
    response = client_for(cast.mensenhandel).post(
        reverse("trafficking:signal_indicators", args=[signal.pk]),
        {f"indicator-{s01.pk}-status": "waargenomen", f"indicator-{s01.pk}-source": ""},
    )
    assert "Vermeld de bron van deze waarneming." in response.content.decode()


def test_indicators_are_recorded_and_shown(cast, signal, indicators, client_for):
    s01, s02, _ = indicators
    client = client_for(cast.mensenhandel)
    response = client.post(
        reverse("trafficking:signal_indicators", args=[signal.pk]),
        {
            f"indicator-{s01.pk}-status": "waargenomen",
            f"indicator-{s01.pk}-source": "wijkagent",
            f"indicator-{s02.pk}-status": "niet_waargenomen",
        },
    )
    assert response.status_code == 302
    assert IndicatorObservation.objects.count() == 2
    html = client.get(reverse("trafficking:signal_detail", args=[signal.pk])).content.decode()
    assert "Moet verdiensten afstaan" in html and "wijkagent" in html


def test_a_nonsense_year_on_the_figures_page_is_not_a_500(cast, client_for):
    response = client_for(cast.partner).get(reverse("trafficking:figures"), {"jaar": "abc"})
    assert response.status_code == 200


def test_a_comensha_date_before_the_signal_is_refused(cast, signal, client_for):
    response = client_for(cast.mensenhandel).post(
        reverse("trafficking:comensha", args=[signal.pk]),
        {"reported_on": "2024-01-01"},
        follow=True,
    )
    assert "vóór de datum van het signaal" in response.content.decode()
    signal.refresh_from_db()
    assert signal.comensha_reported_on is None


@pytest.mark.parametrize(
    ("days", "message"),
    [(-1, "ligt vóór het Drieluik van"), (400, "ligt in de toekomst")],
)
def test_a_drieluik_decision_dated_before_the_meeting_or_in_the_future_is_refused(
    cast, signal, client_for, days, message
):
    """The decision date is the Drieluik's day or later, and not after today (a typo of a
    year started a follow-up next year)."""
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    meeting = services.plan_meeting(
        held_on=today - timedelta(days=7),
        location="",
        attendees=[cast.mensenhandel],
        other_attendees="",
        planned_by=cast.mensenhandel,
    )
    item = meeting.items.get()
    response = client_for(cast.mensenhandel).post(
        reverse("trafficking:decision", args=[item.pk]),
        {
            "discussion": "Besproken met de politie.",
            "decision": "politie",
            "decided_on": (meeting.held_on + timedelta(days=days)).isoformat(),
            "responsible": "Team AVIM",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "Besproken met de politie." in html
    item.refresh_from_db()
    assert item.decision == ""
