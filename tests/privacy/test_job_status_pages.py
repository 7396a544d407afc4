"""The privacy jobs (inzage-PDF, destruction, certificate) show their state through the one job
status partial (`{% job_status %}`, issue 22 item 1): progress and polling while a job runs, the
reason when it failed, the download through the scoped view, no start button while it runs."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.aftercare.factories import valid_bsn
from zvhd.jobs import JobStatus
from zvhd.privacy.models import AccessLog, DestructionList, SubjectAccessRequest


@pytest.fixture
def access_request(cast):
    return SubjectAccessRequest.objects.create(
        received_on=date(2026, 1, 5),
        requester="Brief van betrokkene",
        bsn=valid_bsn(),
        registered_by=cast.privacy,
    )


def test_a_running_inzage_pdf_polls_and_its_start_button_is_disabled(
    cast, client_for, access_request
):
    access_request.pdf_status = JobStatus.RUNNING
    access_request.save()
    client = client_for(cast.privacy)
    status_url = reverse("privacy:access_request_generate", args=[access_request.pk])

    page = client.get(reverse("privacy:access_request_edit", args=[access_request.pk]))
    html = page.content.decode()
    assert 'class="zvhd-job"' in html  # the kernel's partial
    assert f'hx-get="{status_url}"' in html
    assert f'<progress id="progress-pdf_{access_request.pk}"' in html
    assert "disabled" in html.split("Inzage-PDF maken")[0].rsplit("<button", 1)[1]

    # The poll answers the partial alone, without person data and without an access-log row.
    logged = AccessLog.objects.count()
    poll = client.get(status_url)
    assert poll.status_code == 200
    assert f'hx-get="{status_url}"' in poll.content.decode()
    assert access_request.bsn not in poll.content.decode()
    assert "<html" not in poll.content.decode()
    assert AccessLog.objects.count() == logged


def test_a_failed_inzage_pdf_shows_the_reason_and_may_be_started_again(
    cast, client_for, access_request
):
    access_request.pdf_status = JobStatus.FAILED
    access_request.pdf_error = "De PDF kon niet worden gemaakt: de schijf is vol."
    access_request.save()
    client = client_for(cast.privacy)
    html = client.get(
        reverse("privacy:access_request_edit", args=[access_request.pk])
    ).content.decode()
    assert "utrecht-status-badge--danger" in html
    assert "de schijf is vol" in html
    assert "hx-trigger" not in html
    button = html.split("Inzage-PDF maken")[0].rsplit("<button", 1)[1]
    assert "disabled" not in button


def test_a_finished_inzage_pdf_is_downloaded_through_the_scoped_view(
    cast, client_for, access_request
):
    access_request.pdf_status = JobStatus.DONE
    access_request.pdf.save("inzage.pdf", ContentFile(b"%PDF-1.4"), save=True)
    client = client_for(cast.privacy)
    download_url = reverse("privacy:access_request_pdf", args=[access_request.pk])
    html = client.get(
        reverse("privacy:access_request_edit", args=[access_request.pk])
    ).content.decode()
    assert f'href="{download_url}">inzage-{access_request.pk}.pdf downloaden' in html
    assert "PDF opnieuw maken" in html
    listing = client.get(reverse("privacy:access_requests")).content.decode()
    assert f'href="{download_url}">downloaden' in listing
    # Nobody else reaches it: 403 for the roles without the page (tested in test_subject_access).
    assert client.get(download_url).status_code == 200


def test_a_running_destruction_polls_its_partial_and_offers_no_retry(cast, client_for):
    destruction_list = DestructionList.objects.create(
        destroy_status=JobStatus.DONE, certificate_status=JobStatus.RUNNING
    )
    client = client_for(cast.privacy)
    url = reverse("privacy:destruction_list", args=[destruction_list.pk])
    html = client.get(url).content.decode()
    assert f'hx-get="{url}?stand=1"' in html
    assert f'<progress id="progress-certificate_{destruction_list.pk}"' in html
    assert "Opnieuw proberen" not in html

    poll = client.get(url, {"stand": "1"})
    assert poll.status_code == 200
    assert "<html" not in poll.content.decode()
    assert f'hx-get="{url}?stand=1"' in poll.content.decode()


def test_a_failed_destruction_shows_its_reason_and_the_retry(cast, client_for):
    destruction_list = DestructionList.objects.create(
        destroy_status=JobStatus.FAILED, destroy_error="De database was niet bereikbaar."
    )
    client = client_for(cast.privacy)
    url = reverse("privacy:destruction_list", args=[destruction_list.pk])
    html = client.get(url).content.decode()
    assert "utrecht-status-badge--danger" in html
    assert "De database was niet bereikbaar." in html
    assert "hx-trigger" not in html
    assert "volgt na de vernietiging" in html
    assert "Opnieuw proberen" in html


def test_a_finished_certificate_is_downloaded_through_the_scoped_view(cast, client_for):
    destruction_list = DestructionList.objects.create(
        destroy_status=JobStatus.DONE, certificate_status=JobStatus.DONE
    )
    destruction_list.certificate.save("v.pdf", ContentFile(b"%PDF-1.4"), save=True)
    client = client_for(cast.privacy)
    download_url = reverse("privacy:destruction_certificate", args=[destruction_list.pk])
    html = client.get(
        reverse("privacy:destruction_list", args=[destruction_list.pk])
    ).content.decode()
    assert f'href="{download_url}">verklaring-vernietiging-{destruction_list.pk}.pdf' in html
    listing = client.get(reverse("privacy:destruction_lists")).content.decode()
    assert (
        f'href="{download_url}">downloaden<span class="zvhd-visually-hidden"> '
        f"(lijst {destruction_list.pk})</span></a>" in listing
    )
