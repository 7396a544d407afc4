"""Inzageverzoek: the privacy officer finds one person across the apps and gets a PDF."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from tests.aftercare.factories import make_record, participate, valid_bsn
from tests.cases.factories import make_case, person_data
from tests.trafficking.factories import make_signal
from zvhd.jobs import JobStatus
from zvhd.privacy.models import AccessAction, AccessLog, SubjectAccessRequest
from zvhd.privacy.registry import find_person
from zvhd.privacy.services import render_access_pdf
from zvhd.privacy.tasks import render_access_pdf as render_task

BIRTH = date(1988, 3, 14)


@pytest.fixture
def person(cast):
    """One person in cases, aftercare and trafficking, with the same BSN, name and birth date."""
    bsn = valid_bsn()
    case = make_case(
        registered_by=cast.regisseur,
        municipality=cast.assen,
        person=person_data(
            cast.assen, first_name="Sanne", last_name="Bakkerveld", birth_date=BIRTH, bsn=bsn
        ),
    )
    year = timezone.localdate().year
    participate(cast.assen, year - 1, year)
    record = make_record(
        municipality=cast.assen,
        by=cast.nazorg,
        first_names="Sanne",
        last_name="Bakkerveld",
        birth_date=BIRTH,
        bsn=bsn,
    )
    signal = make_signal(
        by=cast.mensenhandel,
        organisation=cast.ggz,
        municipality=cast.assen,
        first_name="Sanne",
        last_name="Bakkerveld",
        birth_date=BIRTH,
        bsn=bsn,
    )
    # Someone else, who must not turn up.
    make_case(registered_by=cast.regisseur, municipality=cast.assen)
    return {"bsn": bsn, "case": case, "record": record, "signal": signal}


def _seen(client, url):
    assert client.get(url).status_code == 200


def _pdf_text(access_request, tmp_path) -> str:
    path = tmp_path / "inzage.pdf"
    path.write_bytes(access_request.pdf.read())
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_found_in_every_app_by_bsn_and_by_name(person):
    for criteria in ({"bsn": person["bsn"]}, {"last_name": "bakkerveld", "birth_date": BIRTH}):
        found = dict(find_person(**criteria))
        assert [r.title for r in found["Casussen (procesregie)"]] == [
            f"Casus {person['case'].number}"
        ]
        assert [r.title for r in found["Nazorg ex-gedetineerden"]] == [
            f"Nazorgdossier {person['record'].number}"
        ]
        assert [r.title for r in found["Mensenhandel"]] == [f"Signaal {person['signal'].reference}"]


def test_pdf_lists_each_record_and_who_saw_it(person, cast, client_for, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    # Three professionals read the records; the reads go to the access log.
    _seen(client_for(cast.regisseur), reverse("cases:case_detail", args=[person["case"].pk]))
    _seen(client_for(cast.nazorg), reverse("aftercare:record_detail", args=[person["record"].pk]))
    _seen(
        client_for(cast.mensenhandel),
        reverse("trafficking:signal_detail", args=[person["signal"].pk]),
    )

    client = client_for(cast.privacy)
    response = client.post(
        reverse("privacy:access_request_new"),
        {"received_on": "2026-01-05", "requester": "Brief van betrokkene", "bsn": person["bsn"]},
    )
    assert response.status_code == 302
    access_request = SubjectAccessRequest.objects.get()
    assert access_request.deadline == date(2026, 2, 5)

    response = client.post(reverse("privacy:access_request_generate", args=[access_request.pk]))
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.pdf_status == JobStatus.PENDING
    assert render_task(access_request.pk) == "done"  # what the worker runs

    access_request.refresh_from_db()
    assert access_request.pdf_status == JobStatus.DONE
    assert access_request.handled_on == timezone.localdate()
    text = _pdf_text(access_request, tmp_path)
    for expected in (
        f"Casus {person['case'].number}",
        f"Nazorgdossier {person['record'].number}",
        f"Signaal {person['signal'].reference}",
        "Bakkerveld",
        "regisseur",
        "nazorg",
        "mensenhandel",
        str(cast.zvhd),
    ):
        assert expected in text, expected
    assert "Testpersoon" not in text  # the other person's case

    # The generation itself is logged: the request, and each record exported.
    exported = AccessLog.objects.filter(action=AccessAction.EXPORT, username="privacy")
    assert exported.filter(object_id=str(access_request.pk)).exists()
    assert exported.filter(object_id=str(person["case"].pk)).exists()

    download = client.get(reverse("privacy:access_request_pdf", args=[access_request.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


def test_list_shows_deadline_and_overdue(cast, client_for):
    SubjectAccessRequest.objects.create(
        received_on=date(2020, 1, 31),
        requester="E-mail",
        bsn="",
        last_name="X",
        birth_date=BIRTH,
        registered_by=cast.privacy,
    )
    response = client_for(cast.privacy).get(reverse("privacy:access_requests"))
    assert response.status_code == 200
    assert "29-02-2020" in response.text  # one month after 31 January, in a leap year
    assert "Termijn verstreken" in response.text


@pytest.mark.parametrize("name", ["regisseur", "manager", "beheerder", "nazorg", "partner"])
def test_only_the_privacy_officer(cast, client_for, name):
    access_request = SubjectAccessRequest.objects.create(
        requester="Brief", bsn=valid_bsn(), registered_by=cast.privacy
    )
    client = client_for(getattr(cast, name))
    for url in (
        reverse("privacy:access_requests"),
        reverse("privacy:access_request_new"),
        reverse("privacy:access_request_edit", args=[access_request.pk]),
        reverse("privacy:access_request_pdf", args=[access_request.pk]),
    ):
        assert client.get(url).status_code == 403, url
    url = reverse("privacy:access_request_generate", args=[access_request.pk])
    assert client.post(url).status_code == 403
    access_request.refresh_from_db()
    assert access_request.pdf_status == ""


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"bsn": "123456789"}, "bsn", "Dit is geen geldig BSN"),
        ({}, "bsn", "Vul een BSN in, of een achternaam met geboortedatum"),
        ({"last_name": "Bakkerveld"}, "birth_date", "Vul ook de geboortedatum in"),
        ({"birth_date": "1988-03-14"}, "last_name", "Vul ook de achternaam in"),
        ({"bsn": "12a"}, "bsn", "Dit is geen geldig BSN"),
    ],
)
def test_bad_input_gets_a_dutch_message_at_the_field(cast, client_for, data, field, message):
    post = {"received_on": "2026-01-05", "requester": "Telefoon", **data}
    response = client_for(cast.privacy).post(reverse("privacy:access_request_new"), post)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    assert 'value="Telefoon"' in response.text  # nothing entered is lost
    assert not SubjectAccessRequest.objects.exists()


def test_nothing_found_still_gives_a_pdf(cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    access_request = SubjectAccessRequest.objects.create(
        requester="Brief",
        last_name="Onbekend",
        birth_date=BIRTH,
        registered_by=cast.privacy,
        pdf_requested_by=cast.privacy,
    )
    render_access_pdf(access_request)
    text = _pdf_text(access_request, tmp_path)
    assert "Hier zijn geen gegevens over u gevonden." in text
    assert Case.objects.count() == 0


def test_list_page_query_count(cast, client_for, django_assert_max_num_queries):
    for n in range(20):
        SubjectAccessRequest.objects.create(
            requester=f"Brief {n}", bsn=valid_bsn(), registered_by=cast.privacy
        )
    client = client_for(cast.privacy)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("privacy:access_requests")).status_code == 200


def test_an_inzage_pdf_that_fails_says_why_in_dutch_and_can_be_made_again(
    cast, monkeypatch, settings, tmp_path
):
    """The job kernel marks the inzage-PDF failed with a Dutch reason on its row; the English
    of the exception stays in the log; a next run (the button again) makes it."""
    from zvhd.jobs import FAILED_MESSAGE
    from zvhd.privacy import services

    settings.MEDIA_ROOT = tmp_path
    access_request = SubjectAccessRequest.objects.create(
        received_on=date(2026, 1, 5),
        requester="Brief van betrokkene",
        bsn=valid_bsn(),
        registered_by=cast.privacy,
        pdf_status=JobStatus.PENDING,
    )

    def broken(access_request):
        raise ValueError("could not convert string to float: 'Bakker'")

    monkeypatch.setattr(services, "render_access_pdf", broken)
    assert render_task(access_request.pk) == "failed"
    access_request.refresh_from_db()
    assert (access_request.pdf_status, access_request.pdf_error) == (
        JobStatus.FAILED,
        FAILED_MESSAGE,
    )
    monkeypatch.undo()
    assert render_task(access_request.pk) == "done"
    access_request.refresh_from_db()
    assert (access_request.pdf_status, access_request.pdf_error) == (JobStatus.DONE, "")


def test_the_closing_and_the_notifications_about_the_case_are_in_the_inzage(
    cast, django_capture_on_commit_callbacks
):
    from cases.services import request_closing
    from tests.casefile.factories import own_case, requested

    case = own_case(cast)
    with django_capture_on_commit_callbacks(execute=True):
        requested(case, cast.regisseur, cast.ggz, title="Rapport GGZ")
    request_closing(
        case=case,
        requested_by=cast.regisseur,
        reason="doel_bereikt",
        note="Betrokkene woont zelfstandig",
        open_items_reason="GGZ stuurt het rapport niet meer",
    )
    person = case.person
    sections = dict(find_person(last_name=person.last_name, birth_date=person.birth_date))
    closing = next(
        r for r in sections["Casussen (procesregie)"] if r.title.startswith("Afsluiting")
    )
    fields = dict(closing.fields)
    assert fields["Toelichting"] == "Betrokkene woont zelfstandig"
    assert fields["Waarom toch afgesloten"] == "GGZ stuurt het rapport niet meer"
    assert "Rapport GGZ" in fields["Open punten bij het afsluiten"]
    assert fields["Afsluitdatum"] == timezone.localdate().strftime("%d-%m-%Y")
    (told,) = sections["Meldingen over casussen"]
    assert told.title == f"Meldingen over casus {case.number}"
    lines = dict(told.fields)["Meldingen"]
    assert "Document bij uw organisatie opgevraagd" in lines
    assert f"aan {cast.partner.get_full_name()} ({cast.ggz})" in lines
    assert f"door {cast.regisseur.get_full_name()}" in lines and "niet gelezen" in lines
    # Someone else's case gives nothing of either.
    sections = dict(find_person(last_name="Nietbestaand", birth_date=BIRTH))
    assert sections["Meldingen over casussen"] == []


def test_the_inzage_names_each_export_the_persons_file_was_in(
    person, cast, client_for, tmp_path, settings
):
    """An export is logged per record (zvhd.exports): the person's own inzage says which
    export took their file away, by whom, and what list it was."""
    settings.MEDIA_ROOT = tmp_path
    response = client_for(cast.nazorg).get(reverse("aftercare:record_list_export"))
    assert response.status_code == 200
    access_request = SubjectAccessRequest.objects.create(
        received_on=timezone.localdate(),
        requester="Brief van betrokkene",
        bsn=person["bsn"],
        registered_by=cast.privacy,
        pdf_requested_by=cast.privacy,
    )
    render_access_pdf(access_request)
    access_request.refresh_from_db()
    text = " ".join(_pdf_text(access_request, tmp_path).split())
    assert "geëxporteerd (Nazorgdossiers;" in text
