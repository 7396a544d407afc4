"""The beheer pages: clients (secret shown once, revocation) and the import page's journey."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from api.models import ApiClient
from cases.models import Case
from tests import matrix
from tests.api.factories import make_client
from tests.imports.test_import_cases import csv_bytes, row
from zvhd.imports.models import ImportJob

pytestmark = pytest.mark.django_db

PAGES = ["api:client_list", "api:client_create", "imports:list"]
# Role × page: only the functioneel beheerder; everyone else a 403.
MATRIX = [
    (name, page, 200 if name == "beheerder" else 403)
    for name in [
        "beheerder",
        "regisseur",
        "manager",
        "partner",
        "liaison_politie",
        "gemeente",
        "privacy",
        "financien",
        "nobody",
    ]
    for page in PAGES
]


ROWS = [
    matrix.Row(page, None, {who: status for who, row_page, status in MATRIX if row_page == page})
    for page in PAGES
] + [
    # The import page's header file to start a file from: the same door as the page.
    matrix.Row(
        "imports:header_file",
        None,
        {who: status for who, row_page, status in MATRIX if row_page == "imports:list"},
        args=["cases"],
    )
]


@pytest.mark.parametrize("row", ROWS, ids=matrix.ids(ROWS))
def test_only_the_functioneel_beheerder_reaches_the_api_and_import_pages(client, cast, row):
    matrix.check(row, client=client, people=matrix.people_of(cast))


def test_every_api_page_is_in_the_matrix_or_said_where_it_is_tested():
    assert matrix.cells(ROWS) == len(MATRIX) + len(MATRIX) // len(PAGES)
    matrix.assert_covers(
        "api",
        ROWS,
        elsewhere={
            **dict.fromkeys(
                [
                    "api:registration_list",
                    "api:registration_detail",
                    "api:key_figures",
                    "api:detention_notification",
                    "api:schema",
                    "api:docs",
                ],
                "the partner API, by token and scope: tests/api/test_api.py",
            ),
        },
        # The beheerder uses them in the tests below; no test yet of who else may not.
        untested=["api:client_revoke"],
    )
    # The import pages belong to the house (zvhd/imports) since the imports moved there.
    matrix.assert_covers("imports", ROWS, untested=["imports:detail"])


def test_a_new_client_shows_its_secret_once_and_keeps_only_the_hash(client_for, cast):
    client = client_for(cast.beheerder)
    response = client.post(
        reverse("api:client_create"),
        {"name": "GGZ EPD", "organisation": cast.ggz.pk, "scopes": ["aanmeldingen:lezen"]},
    )
    assert response.status_code == 200
    token = response.context["token"]
    assert token in response.content.decode()
    api_client = ApiClient.objects.get()
    assert token.split(".")[1] not in client.get(reverse("api:client_list")).content.decode()
    assert api_client.secret_hash != token.split(".")[1]


def test_a_client_form_with_nothing_chosen_says_so_in_dutch(client_for, cast):
    response = client_for(cast.beheerder).post(reverse("api:client_create"), {"name": "X"})
    assert response.status_code == 200
    assert response.context["form"].errors["scopes"]  # shown next to the field, in Dutch
    assert "Dit veld is vereist" in response.content.decode()
    assert not ApiClient.objects.exists()


def test_revoking_a_client_needs_a_reason_and_then_refuses_it(client, client_for, cast):
    api_client, token = make_client(organisation=cast.ggz, created_by=cast.beheerder)
    url = reverse("api:client_revoke", args=[api_client.pk])
    page = client_for(cast.beheerder)
    assert page.post(url, {"reason": ""}).status_code == 200
    assert page.post(url, {"reason": "Systeem vervangen"}).status_code == 302
    page.logout()
    assert (
        client.get("/api/v1/aanmeldingen/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    )
    assert client_for(cast.regisseur).post(url, {"reason": "x"}).status_code == 403


def test_the_import_page_checks_then_imports_after_confirmation(
    client_for, cast, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page = client_for(cast.beheerder)
    upload = SimpleUploadedFile("oud.csv", csv_bytes([row(), row(external_id="OUD-2")]))
    with django_capture_on_commit_callbacks(execute=True):
        response = page.post(reverse("imports:list"), {"kind": "cases", "file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.created_count) == ("valid", 2)
    assert not Case.objects.exists()  # checked, nothing written yet
    detail = page.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "Bevestigen en importeren" in detail
    with django_capture_on_commit_callbacks(execute=True):
        page.post(reverse("imports:detail", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, Case.objects.count()) == ("done", 2)
    assert not job.file  # the upload with personal data is gone


def test_an_upload_with_problems_shows_the_report_and_cannot_be_confirmed(
    client_for, cast, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page = client_for(cast.beheerder)
    upload = SimpleUploadedFile("fout.csv", csv_bytes([row(bsn="123456789")]))
    with django_capture_on_commit_callbacks(execute=True):
        page.post(reverse("imports:list"), {"kind": "cases", "file": upload})
    job = ImportJob.objects.get()
    job.refresh_from_db()
    assert job.status == "invalid"
    html = page.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "elfproef" in html and "Bevestigen" not in html
    page.post(reverse("imports:detail", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "invalid" and not Case.objects.exists()


def test_a_wrong_file_type_is_refused_next_to_the_field(client_for, cast):
    upload = SimpleUploadedFile("oud.pdf", b"%PDF")
    response = client_for(cast.beheerder).post(
        reverse("imports:list"), {"kind": "cases", "file": upload}
    )
    assert response.status_code == 400
    assert "CSV" in response.content.decode() and not ImportJob.objects.exists()


def test_the_import_list_query_count_does_not_grow(client_for, cast, django_assert_max_num_queries):
    page = client_for(cast.beheerder)
    for n in range(3):
        ImportJob.objects.create(kind="cases", filename=f"{n}.csv", requested_by=cast.beheerder)
    with django_assert_max_num_queries(12):
        page.get(reverse("imports:list"))
    for n in range(10):
        ImportJob.objects.create(kind="cases", filename=f"x{n}.csv", requested_by=cast.beheerder)
    with django_assert_max_num_queries(12):
        page.get(reverse("imports:list"))


def test_an_import_that_cannot_be_queued_says_so_instead_of_failing_the_page(
    client_for, cast, django_capture_on_commit_callbacks, settings, tmp_path, monkeypatch
):
    """Redis down: the upload is kept as a job that says 'kon niet in de wachtrij', no 500."""
    from kombu.exceptions import OperationalError

    from zvhd.imports import tasks

    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    # On the task object's own __dict__: monkeypatch.setattr on an instance would "restore" the
    # class's method as an instance attribute, and a later class-level patch of
    # Task.apply_async (tests/zvhd/test_minimisation.py) would miss this task in this process.
    monkeypatch.setitem(tasks.validate_import.__dict__, "apply_async", unreachable)
    settings.MEDIA_ROOT = tmp_path
    page = client_for(cast.beheerder)
    upload = SimpleUploadedFile("oud.csv", csv_bytes([row()]))
    with django_capture_on_commit_callbacks(execute=True):
        response = page.post(reverse("imports:list"), {"kind": "cases", "file": upload})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == "not_queued" and not job.file  # the personal data is not kept
    detail = page.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "Kon niet in de wachtrij" in detail and "probeer het later opnieuw" in detail
