"""The aftercare and trafficking registers: open work first, a total, an export of the
filtered list that the access log records; the access log names roles and record numbers;
allauth and simple-history speak formal Dutch (issue 23). Saved filters, the export's bounds
and its log on every list: tests/zvhd/test_list_tools.py."""

import io

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override

from aftercare import services as aftercare_services
from aftercare.models import ClosingReason
from tests.aftercare.factories import make_record, participate
from tests.trafficking.factories import make_signal
from trafficking.models import Signal
from zvhd.privacy.models import AccessAction, AccessLog

# Above the column headers: the title, the filters, the order, who made it when, a blank row.
HEADER_ROWS = 5


@pytest.fixture
def aftercare_world(cast):
    from django.utils import timezone

    from aftercare.models import Participation

    Participation.objects.all().delete()
    year = timezone.localdate().year
    participate(cast.assen, year - 1, year)
    closed = make_record(
        municipality=cast.assen, by=cast.nazorg, days_to_release=-200, last_name="Dicht"
    )
    aftercare_services.close_record(
        record=closed, reason=ClosingReason.values[0], note="klaar", closed_by=cast.nazorg
    )
    running = make_record(
        municipality=cast.assen, by=cast.nazorg, days_to_release=20, last_name="Open"
    )
    return closed, running


def test_the_aftercare_register_shows_running_files_first_with_a_total(
    cast, client_for, aftercare_world
):
    closed, running = aftercare_world
    response = client_for(cast.nazorg).get(reverse("aftercare:record_list"))
    rows = [row.record.pk for row in response.context["table"].page.object_list]
    assert rows.index(running.pk) < rows.index(closed.pk)
    assert response.context["register_total"] == 2
    assert "2 nazorgdossiers, lopende dossiers eerst" in response.content.decode()


def test_the_aftercare_register_exports_the_filtered_list_and_logs_each_record(
    cast, client_for, aftercare_world
):
    from openpyxl import load_workbook

    closed, running = aftercare_world
    response = client_for(cast.nazorg).get(
        reverse("aftercare:record_list_export"), {"status": "afgesloten"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="nazorgdossiers-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = HEADER_ROWS + 1
    assert sheet.cell(header, 1).value == "Dossier"
    names = [sheet.cell(r, 2).value for r in range(header + 1, sheet.max_row + 1)]
    assert names == [closed.full_name]
    release = sheet.cell(header + 1, 5)
    assert release.number_format == "dd-mm-yyyy"
    exported = AccessLog.objects.filter(action=AccessAction.EXPORT).exclude(object_id="")
    assert list(exported.values_list("object_id", flat=True)) == [str(closed.pk)]
    assert exported.get().username == cast.nazorg.username


def test_a_municipal_contact_cannot_export_the_coordinators_register(
    cast, client_for, aftercare_world
):
    response = client_for(cast.gemeente).get(reverse("aftercare:record_list_export"))
    assert response.status_code == 403
    assert not AccessLog.objects.filter(action=AccessAction.EXPORT).exists()


@pytest.fixture
def signals(cast):
    from datetime import date

    from trafficking import services

    old_open = make_signal(
        by=cast.mensenhandel, organisation=cast.politie, received_on=date(2025, 1, 5)
    )
    new_closed = make_signal(
        by=cast.mensenhandel,
        organisation=cast.politie,
        received_on=date(2025, 6, 1),
        bsn="123456782",
    )
    # Closed as the Drieluik's "geen opvolging" closes it (services.record_decision).
    services._move(new_closed, "afgesloten", cast.mensenhandel)
    return old_open, new_closed


def test_the_trafficking_register_shows_open_signals_first_and_exports_for_the_director(
    cast, client_for, signals
):
    from openpyxl import load_workbook

    client = client_for(cast.mensenhandel)
    response = client.get(reverse("trafficking:signal_list"))
    assert response.context["register_total"] == Signal.objects.count()
    assert "lopende signalen eerst" in response.content.decode()
    statuses = [row.record.status for row in response.context["table"].page.object_list]
    assert statuses == ["geregistreerd", "afgesloten"]
    response = client.get(reverse("trafficking:signal_list_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == HEADER_ROWS + 1 + Signal.objects.count()
    exported = AccessLog.objects.filter(action=AccessAction.EXPORT).exclude(object_id="")
    assert exported.count() == Signal.objects.count()


def test_the_access_log_names_roles_and_record_numbers(cast, client_for, aftercare_world):
    closed, running = aftercare_world
    client_for(cast.nazorg).get(reverse("aftercare:record_detail", args=[running.pk]))
    page = client_for(cast.privacy).get(reverse("privacy:access_log")).content.decode()
    assert "Nazorgcoördinator" in page
    assert "nazorgcoordinator" not in page
    assert running.number in page


def test_login_and_logout_texts_and_history_kinds_are_formal_dutch():
    with override("nl"):
        assert gettext("Successfully signed in as %(name)s.") == "U bent ingelogd als %(name)s."
        assert gettext("You have signed out.") == "U bent uitgelogd."
        wrong = gettext("The username and/or password you specified are not correct.")
        assert wrong == "De gebruikersnaam of het wachtwoord is onjuist."
        assert gettext("Changed") == "Gewijzigd"


def test_a_wrong_password_is_answered_formally(client, cast):
    response = client.post(
        reverse("account_login"), {"login": cast.nazorg.username, "password": "fout"}
    )
    page = response.content.decode()
    assert "Je " not in page and " je " not in page
    assert "onjuist" in page


def test_a_user_s_history_says_gewijzigd_not_changed(cast, client_for):
    cast.nazorg.first_name = "Nina"
    cast.nazorg.save()
    page = (
        client_for(cast.beheerder)
        .get(reverse("network:user_detail", args=[cast.nazorg.pk]))
        .content.decode()
    )
    assert "Changed" not in page
