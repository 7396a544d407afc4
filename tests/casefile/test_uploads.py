"""Bad input on documents (issue 19, "Bad input"): a clear Dutch message at the field, nothing
stored, the attempt logged; and a good file stored privately and served through the door."""

import io
import logging
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casefile import files
from casefile.demo import tiny_pdf
from casefile.models import Document, DocumentVersion, ScanStatus
from tests.casefile.factories import document, docx_bytes, own_case, pdf_upload
from zvhd.privacy.models import AccessLog

pytestmark = pytest.mark.django_db

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def form(**overrides):
    data = {
        "kind": "rapport",
        "title": "Rapport reclassering",
        "audience": "bureau",
    }
    data.update(overrides)
    return data


def post(client_for, user, case, upload, **overrides):
    url = reverse("casefile:document_add", args=[case.pk])
    return client_for(user).post(url, {**form(**overrides), "file": upload})


def refused(response, caplog, text):
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "file" in errors, errors
    assert text in " ".join(errors["file"])
    # What the person typed stays in the form.
    assert response.context["form"]["title"].value() == "Rapport reclassering"
    assert Document.objects.count() == 0 and DocumentVersion.objects.count() == 0
    assert any(getattr(r, "event", "") == "document_refused" for r in caplog.records)


def test_a_program_renamed_to_pdf_is_refused_by_its_content(cast, client_for, caplog):
    case = own_case(cast)
    exe = SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "application/pdf")
    with caplog.at_level(logging.WARNING, logger="zvhd.casefile"):
        response = post(client_for, cast.partner, case, exe)
    refused(response, caplog, "Dit soort bestand wordt niet aangenomen")


def test_a_zero_byte_file_is_refused(cast, client_for, caplog):
    case = own_case(cast)
    with caplog.at_level(logging.WARNING, logger="zvhd.casefile"):
        response = post(client_for, cast.partner, case, SimpleUploadedFile("leeg.pdf", b""))
    refused(response, caplog, "Het bestand is leeg")


def test_a_file_over_the_limit_is_refused_with_the_other_fields_kept(
    cast, client_for, caplog, settings
):
    settings.DOCUMENT_MAX_BYTES = settings.UPLOAD_MAX_BYTES = 50_000
    case = own_case(cast)
    big = SimpleUploadedFile("groot.pdf", tiny_pdf("groot") + b"%" * 60_000)
    with caplog.at_level(logging.WARNING):
        response = post(client_for, cast.partner, case, big)
    assert response.status_code == 200
    assert "groter dan" in " ".join(response.context["form"].errors["file"])
    assert response.context["form"]["title"].value() == "Rapport reclassering"
    assert Document.objects.count() == 0


class Body(io.RawIOBase):
    """A request body of `size` bytes that is made while it is read, counting what was read."""

    def __init__(self, head: bytes, size: int, tail: bytes):
        self.head, self.size, self.tail, self.position = head, size, tail, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.position >= self.size:
            return 0
        n = min(len(buffer), self.size - self.position)
        chunk = bytearray(n)
        head_left = len(self.head) - self.position
        if head_left > 0:
            part = self.head[: min(n, head_left)]
            chunk[: len(part)] = part
        tail_start = self.size - len(self.tail)
        if self.position + n > tail_start:
            offset = max(0, tail_start - self.position)
            part = self.tail[max(0, self.position - tail_start) :][: n - offset]
            chunk[offset : offset + len(part)] = part
        buffer[:n] = chunk
        self.position += n
        return n


def test_a_2_gb_upload_is_cut_off_without_being_read(cast, client_for, settings):
    """The body announces 2 GB; the handler stops at once: nothing like it is read or kept."""
    case = own_case(cast)
    client = client_for(cast.partner)
    boundary = "grens"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nGroot\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nrapport\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="audience"\r\n\r\nteam\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = 2 * 1024**3
    body = Body(head, size, tail)
    url = reverse("casefile:document_add", args=[case.pk])
    # The test client's CSRF checks are off; the body goes straight to the WSGI handler.
    response = client.generic(
        "POST",
        url,
        data=b"",
        content_type=f"multipart/form-data; boundary={boundary}",
        # With an empty `data` the factory sets neither type nor length: give both.
        **{
            "wsgi.input": body,
            "CONTENT_LENGTH": str(size),
            "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
        },
    )
    assert response.status_code == 200
    assert "groter dan" in " ".join(response.context["form"].errors["file"])
    assert response.context["form"]["title"].value() == "Groot"
    assert body.position < 10 * 1024 * 1024  # read at most a few chunks of the 2 GB
    assert Document.objects.count() == 0


def test_path_parts_and_control_characters_leave_the_name(cast, client_for):
    # Django's parser already drops path parts and unprintable characters from the name a
    # browser sends; what is left is stored under our own safe name, never on disk as given.
    case = own_case(cast)
    upload = SimpleUploadedFile("../../etc/rap\x00port\n\u202egnp.pdf", tiny_pdf("x"))
    response = post(client_for, cast.partner, case, upload)
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.original_name == "rapportgnp.pdf"
    assert version.file.name.startswith(f"case-{case.pk}/") and version.file.name.endswith(".bin")


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\temp\\brief.pdf", "brief.pdf"),
        ("rap\x00port\r\n.pdf", "rapport.pdf"),
        ("\u202egnp.exe", "gnp.pdf"),
        ('a<b>:c"|?*.pdf', "a_b__c____.pdf"),
        ("...", "document.pdf"),
        ("x" * 500 + ".pdf", "x" * 120 + ".pdf"),
    ],
)
def test_a_name_loses_path_parts_and_control_characters_in_the_service(given, safe):
    assert files.safe_name(given, files.TYPES["pdf"]) == safe


def test_an_unsafe_name_reaching_the_service_is_logged(cast, caplog):
    from casefile import services

    case = own_case(cast)
    upload = SimpleUploadedFile("x", tiny_pdf("x"))
    upload.name = "../geheim/\x1brapport.pdf"
    with caplog.at_level(logging.WARNING, logger="zvhd.casefile"):
        doc = services.add_document(
            case=case,
            uploaded_by=cast.regisseur,
            kind="rapport",
            title="T",
            upload=upload,
            audience="team",
        )
    assert doc.versions.get().original_name == "rapport.pdf"
    assert any(getattr(r, "reason", "") == "naam aangepast" for r in caplog.records)


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("a.pdf", tiny_pdf("a"), "pdf"),
        ("a.docx", docx_bytes(), "docx"),
        ("a.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40, "png"),
        ("a.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40, "jpeg"),
        (
            "a.eml",
            b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Overleg\r\n"
            b"Date: Mon, 1 Dec 2025 10:00:00 +0100\r\n\r\nTekst",
            "eml",
        ),
        ("a.msg", files.OLE2 + b"\x00" * 500 + files.MSG_STREAM + b"0037001F", "msg"),
    ],
    ids=lambda value: value if isinstance(value, str) else "inhoud",
)
def test_the_accepted_types_are_known_by_their_content(name, content, key):
    assert files.detect_type(io.BytesIO(content)).key == key


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00" + b"\x00" * 100,  # a Windows program
        b"PK\x03\x04" + b"\x00" * 100,  # a broken or plain ZIP
        files.OLE2 + b"\x00" * 500,  # an old .doc, not a message
        b"#!/bin/sh\nrm -rf /\n",  # a script
        b"<html><script>alert(1)</script>",
    ],
)
def test_other_content_is_refused_whatever_its_name(content):
    assert files.detect_type(io.BytesIO(content)) is None


def test_a_good_document_is_private_and_served_through_the_door_with_the_access_log(
    cast, client_for, settings
):
    case = own_case(cast)
    response = post(client_for, cast.partner, case, pdf_upload(), audience="team")
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    path = Path(version.file.path)
    assert str(path).startswith(str(settings.DOCUMENTS_ROOT))
    assert not str(path).startswith(str(settings.STATIC_ROOT))
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    assert version.scan_status == ScanStatus.NOT_SCANNED
    page = client_for(cast.regisseur).get(reverse("casefile:documents", args=[case.pk]))
    assert "Niet gescand" in page.content.decode()
    download = client_for(cast.regisseur).get(
        reverse("casefile:document_download", args=[version.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert 'filename="rapport.pdf"' in download["Content-Disposition"]
    assert AccessLog.objects.filter(
        username="regisseur", object_id=str(version.pk), action="export", allowed=True
    ).exists()


def test_a_new_version_keeps_the_old_one(cast, client_for):
    case = own_case(cast)
    doc = document(case, cast.regisseur)
    url = reverse("casefile:document_version_add", args=[doc.pk])
    response = client_for(cast.regisseur).post(url, {"file": pdf_upload(title="Versie 2")})
    assert response.status_code == 302
    assert list(doc.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    for version in doc.versions.all():
        assert Path(version.file.path).exists()


# ---------------------------------------------------------------------------------------------
# ClamAV: our own clamd with a local signature file that knows EICAR (no updates can be
# downloaded here). Missing clamd is a skip locally and a failure in CI, like Chromium.


@pytest.fixture(scope="module")
def clamd(tmp_path_factory):
    binary = shutil.which("clamd") or (
        "/usr/sbin/clamd" if Path("/usr/sbin/clamd").exists() else None
    )
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("clamd is missing: apt-get install clamav-daemon (see .ci/run)")
        pytest.skip("clamd is not installed")
    folder = tmp_path_factory.mktemp("clamd")
    database = folder / "db"
    database.mkdir()
    (database / "local.ndb").write_text(f"Eicar-Test-Signature-Local:0:*:{EICAR.hex()}\n")
    socket_path = folder / "clamd.sock"
    config = folder / "clamd.conf"
    config.write_text(
        f"LocalSocket {socket_path}\nDatabaseDirectory {database}\nForeground yes\n"
        f"LogFile {folder / 'clamd.log'}\nStreamMaxLength 100M\n"
    )
    process = subprocess.Popen(
        [binary, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if socket_path.exists():
            try:
                with socket.socket(socket.AF_UNIX) as probe:
                    probe.connect(str(socket_path))
                    probe.sendall(b"zPING\0")
                    if probe.recv(16).startswith(b"PONG"):
                        break
            except OSError:
                pass
        time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("clamd did not start within 60 s")
    yield str(socket_path)
    process.terminate()
    process.wait(timeout=10)


def test_a_document_clamav_flags_is_refused_and_logged(cast, client_for, caplog, settings, clamd):
    settings.CLAMAV_SOCKET = clamd
    case = own_case(cast)
    infected = SimpleUploadedFile("rapport.pdf", tiny_pdf("rapport") + b"\n" + EICAR + b"\n")
    with caplog.at_level(logging.WARNING, logger="zvhd.casefile"):
        response = post(client_for, cast.partner, case, infected)
    refused(response, caplog, "virus")
    assert any(getattr(r, "reason", "") == "virus" for r in caplog.records)


def test_a_clean_document_is_stored_as_scanned(cast, client_for, settings, clamd):
    settings.CLAMAV_SOCKET = clamd
    case = own_case(cast)
    response = post(client_for, cast.partner, case, pdf_upload())
    assert response.status_code == 302
    assert DocumentVersion.objects.get().scan_status == ScanStatus.CLEAN


def test_an_unreachable_scanner_stores_nothing(cast, client_for, settings, tmp_path):
    settings.CLAMAV_SOCKET = str(tmp_path / "geen.sock")
    case = own_case(cast)
    response = post(client_for, cast.partner, case, pdf_upload())
    assert response.status_code == 200
    assert "niet bereikbaar" in " ".join(response.context["form"].errors["file"])
    assert Document.objects.count() == 0
