"""Documents asked of a partner and not yet received (issue 19 part 4): the director records
the request, the organisation asked sees it and uploads against it (nobody else of another
organisation does), the inbox tells them, the timeline shows it, the closing page lists it
while it is outstanding, and the inzage and the destruction include it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casefile import services
from casefile.models import Document, DocumentRequest, RequestStatus
from cases import timeline
from cases.closing import open_items
from cases.services import request_closing
from inbox.models import Notification
from tests.casefile.factories import other_case, own_case, pdf_upload, requested

pytestmark = pytest.mark.django_db


def documents_page(client_for, user, case):
    return client_for(user).get(reverse("casefile:documents", args=[case.pk]))


def test_the_director_records_a_request_on_the_documents_tab(cast, client_for):
    case = own_case(cast)
    today = timezone.localdate()
    response = client_for(cast.regisseur).post(
        reverse("casefile:document_request_add", args=[case.pk]),
        {
            "title": "Adviesrapport GGZ",
            "kind": "rapport",
            "organisation": cast.ggz.pk,
            "requested_on": today.isoformat(),
            "due_on": (today + timezone.timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    request = DocumentRequest.objects.get()
    assert request.is_outstanding and request.author == cast.regisseur
    assert list(request.audience_organisations.all()) == [cast.ggz]
    html = documents_page(client_for, cast.regisseur, case).content.decode()
    assert "Adviesrapport GGZ" in html and "Nog niet ontvangen" in html
    assert (today + timezone.timedelta(days=10)).strftime("%d-%m-%Y") in html


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"due_in": -3}, "due_on", "vóór de datum van het verzoek"),
        ({"requested_in": 2}, "requested_on", "in de toekomst"),
        ({"title": ""}, "title", "vereist"),
        ({"requested_on": "31-02-2026"}, "requested_on", "geldige datum"),
        ({"organisation": "999999"}, "organisation", "geldige keuze"),
    ],
)
def test_bad_input_gets_a_dutch_message_at_the_field(cast, client_for, data, field, message):
    case = own_case(cast)
    today = timezone.localdate()
    requested_on = today + timezone.timedelta(days=data.get("requested_in", 0))
    post = {
        "title": data.get("title", "Rapport"),
        "kind": "rapport",
        "organisation": data.get("organisation", cast.ggz.pk),
        "requested_on": data.get("requested_on", requested_on.isoformat()),
        "due_on": (requested_on + timezone.timedelta(days=data.get("due_in", 7))).isoformat(),
    }
    response = client_for(cast.regisseur).post(
        reverse("casefile:document_request_add", args=[case.pk]), post
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors, response.context["form"].errors
    assert not DocumentRequest.objects.exists()


def test_the_organisation_asked_sees_it_and_nobody_of_another_organisation(cast, client_for):
    case = own_case(cast)
    request = requested(case, cast.regisseur, cast.ggz, title="VOORGGZ")
    assert "VOORGGZ" in documents_page(client_for, cast.partner, case).content.decode()
    # The police read this case file, but the request is not theirs.
    assert "VOORGGZ" not in documents_page(client_for, cast.liaison_politie, case).content.decode()
    url = reverse("casefile:document_request_fulfil", args=[request.pk])
    assert client_for(cast.liaison_politie).get(url).status_code == 404
    assert client_for(cast.partner_other).get(url).status_code == 404
    assert client_for(cast.gemeente).get(url).status_code == 404
    assert client_for(cast.partner).get(url).status_code == 200


def test_the_partner_uploads_against_the_request_and_it_is_received(
    cast, client_for, django_capture_on_commit_callbacks
):
    case = own_case(cast)
    request = requested(case, cast.regisseur, cast.ggz)
    url = reverse("casefile:document_request_fulfil", args=[request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.partner).post(
            url,
            {
                "title": "Adviesrapport GGZ, definitief",
                "audience": "bureau",
                "file": pdf_upload(),
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    request.refresh_from_db()
    document = Document.objects.get()
    assert request.status == RequestStatus.RECEIVED and request.document == document
    assert request.closed_by == cast.partner
    assert document.kind == "rapport" and document.title == "Adviesrapport GGZ, definitief"
    assert document.audience == "bureau" and document.author == cast.partner
    # The director is told of the new document (the documents' own hook).
    assert Notification.objects.filter(recipient=cast.regisseur, kind="document_added").exists()
    # A second upload against it: the page says it is handled, nothing stored.
    again = client_for(cast.partner).get(url, follow=True)
    assert "al afgehandeld" in again.content.decode()
    assert Document.objects.count() == 1


def test_a_refused_file_leaves_the_request_outstanding(cast, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = own_case(cast)
    request = requested(case, cast.regisseur, cast.ggz)
    response = client_for(cast.partner).post(
        reverse("casefile:document_request_fulfil", args=[request.pk]),
        {
            "title": "Rapport",
            "audience": "team",
            "file": SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00 geen pdf"),
        },
    )
    assert response.status_code == 200
    assert "Dit soort bestand wordt niet aangenomen" in " ".join(
        response.context["form"].errors["file"]
    )
    request.refresh_from_db()
    assert request.is_outstanding and not Document.objects.exists()


def test_the_director_marks_a_request_no_longer_needed_with_a_reason(cast, client_for):
    case = own_case(cast)
    request = requested(case, cast.regisseur, cast.ggz)
    url = reverse("casefile:document_request_not_needed", args=[request.pk])
    empty = client_for(cast.regisseur).post(url, {"reason": "", "version": request.version})
    assert empty.status_code == 200 and "reason" in empty.context["form"].errors
    # The partner sees the request but may not cancel it.
    assert client_for(cast.partner).post(url, {"reason": "x"}).status_code == 403
    done = client_for(cast.regisseur).post(
        url, {"reason": "Informatie telefonisch ontvangen", "version": request.version}
    )
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.NOT_NEEDED
    assert request.not_needed_reason == "Informatie telefonisch ontvangen"
    with pytest.raises(ValidationError, match="al afgehandeld"):
        services.mark_request_not_needed(request=request, marked_by=cast.regisseur, reason="x")


def test_two_cancellations_on_one_version_give_the_second_the_conflict(cast, client_for):
    case = own_case(cast)
    request = requested(case, cast.regisseur, cast.ggz)
    url = reverse("casefile:document_request_not_needed", args=[request.pk])
    opened = request.version
    first = client_for(cast.regisseur).post(url, {"reason": "Eerste", "version": opened})
    assert first.status_code == 302
    second = client_for(cast.manager).post(
        url, {"reason": "Tweede", "version": opened}, follow=True
    )
    assert "al afgehandeld" in second.content.decode()
    request.refresh_from_db()
    assert request.not_needed_reason == "Eerste"


def test_the_closing_page_lists_outstanding_requests_until_they_are_handled(cast, client_for):
    case = own_case(cast)
    request = requested(case, cast.regisseur, cast.ggz, title="Toestemmingsverklaring")
    items = open_items(case)
    assert [i.kind for i in items] == ["document"]
    assert "Toestemmingsverklaring" in items[0].text and "GGZ" in items[0].text
    page = client_for(cast.regisseur).get(reverse("cases:close", args=[case.pk]))
    html = page.content.decode()
    assert "Document nog niet ontvangen" in html and "ontvangen of niet meer nodig" in html
    # Closing with it open needs a reason (the issue: resolve, or close consciously).
    with pytest.raises(ValidationError) as refused:
        request_closing(case=case, requested_by=cast.regisseur, reason="doel_bereikt")
    assert "open_items_reason" in refused.value.message_dict
    services.fulfil_document_request(
        request=request,
        uploaded_by=cast.partner,
        upload=pdf_upload(),
        title="",
        audience="team",
    )
    assert open_items(case) == []


def test_closing_with_an_outstanding_request_keeps_it_in_the_closing(cast):
    case = own_case(cast)
    requested(case, cast.regisseur, cast.ggz, title="Rapport reclassering")
    closing = request_closing(
        case=case,
        requested_by=cast.regisseur,
        reason="doel_bereikt",
        open_items_reason="Reclassering stuurt het rapport niet meer",
    )
    assert any("Rapport reclassering" in text for text in closing.open_items)
    # A closed case takes no uploads against its requests.
    request = DocumentRequest.objects.get()
    with pytest.raises(ValidationError, match="afgesloten"):
        services.fulfil_document_request(
            request=request,
            uploaded_by=cast.partner,
            upload=pdf_upload(),
            title="",
            audience="team",
        )


def test_the_partner_is_told_and_only_people_who_may_see_it(
    cast, django_capture_on_commit_callbacks
):
    case = own_case(cast)
    with django_capture_on_commit_callbacks(execute=True):
        request = requested(case, cast.regisseur, cast.ggz)
    told = Notification.objects.filter(kind="document_requested")
    assert {n.recipient for n in told} == {cast.partner}
    assert told.get().target == request
    with django_capture_on_commit_callbacks(execute=True):
        requested(case, cast.regisseur, cast.politie)  # the police read the file of this case
    assert Notification.objects.filter(
        kind="document_requested", recipient=cast.liaison_politie
    ).exists()


def test_the_inbox_links_the_request_to_the_documents_tab(
    cast, client_for, django_capture_on_commit_callbacks
):
    case = own_case(cast)
    with django_capture_on_commit_callbacks(execute=True):
        requested(case, cast.regisseur, cast.ggz)
    html = client_for(cast.partner).get(reverse("inbox:list")).content.decode()
    assert "heeft een document bij uw organisatie opgevraagd" in html
    notification = Notification.objects.get(kind="document_requested")
    opened = client_for(cast.partner).get(reverse("inbox:open", args=[notification.pk]))
    assert opened.status_code == 302
    assert opened["Location"].endswith(
        reverse("casefile:documents", args=[case.pk]) + "#opgevraagd"
    )


def test_the_request_is_on_the_timeline_for_those_who_may_see_it(cast):
    case = own_case(cast)
    request = requested(case, cast.regisseur, cast.ggz, title="Rapport GGZ")
    services.mark_request_not_needed(
        request=request, marked_by=cast.regisseur, reason="Niet meer nodig na overleg"
    )
    titles = [i.title for i in timeline.timeline(case, cast.regisseur, only=["opgevraagd"])]
    assert len(titles) == 2 and "Document opgevraagd bij" in titles[1]
    assert titles[0].startswith("Opgevraagd document niet meer nodig")
    assert len(timeline.timeline(case, cast.partner, only=["opgevraagd"])) == 2
    assert timeline.timeline(case, cast.liaison_politie, only=["opgevraagd"]) == []
    assert ("opgevraagd", "Opgevraagd document") in timeline.kinds()


def test_the_inzage_lists_the_requests_and_the_destruction_erases_them(cast):
    from zvhd.privacy.registry import anonymise, find_person

    case = own_case(cast)
    requested(case, cast.regisseur, cast.ggz, title="Huisvestingsbrief")
    person = case.person
    sections = dict(find_person(last_name=person.last_name, birth_date=person.birth_date))
    found = [r for r in sections["Logboek en documenten bij casussen"] if "Opgevraagd" in r.title]
    assert found and ("Welk document", "Huisvestingsbrief") in found[0].fields
    assert ("Opgevraagd bij", str(cast.ggz)) in found[0].fields
    other = other_case(cast)
    requested(other, cast.regisseur_other, cast.vnn, title="Blijft staan")
    request_closing(
        case=case, requested_by=cast.regisseur, reason="doel_bereikt", open_items_reason="Weg"
    )
    anonymise("cases.case", [case.pk], reason="vernietigd volgens vernietigingslijst 1")
    assert not DocumentRequest.objects.filter(case=case).exists()
    assert not DocumentRequest.history.filter(case_id=case.pk).exists()
    assert DocumentRequest.objects.filter(case=other).exists()
