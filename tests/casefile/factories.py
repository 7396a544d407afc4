"""Journal entries and documents made through the services, on cases made by the cases app's
factories: own (Assen, `regisseur` directs, `begeleider` guides, `partner` (GGZ) on the team,
the police invited) and other (Emmen, `regisseur_other`, `partner_other` on the team)."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casefile import services
from casefile.demo import tiny_pdf
from cases import services as case_services
from cases.models import Status
from tests.cases.factories import make_case


def own_case(cast):
    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        invited=[cast.politie],
    )
    case.refresh_from_db()
    return case_services.update_case_people(
        case=case,
        changed_by=cast.regisseur,
        expected_version=case.version,
        director=cast.regisseur,
        support=None,
        guide=cast.begeleider,
        review_on=None,
    )


def other_case(cast):
    return make_case(
        registered_by=cast.partner_other,
        municipality=cast.emmen,
        status=Status.ACTIEF,
        director=cast.regisseur_other,
        team=[cast.partner_other],
    )


def pdf_upload(name="rapport.pdf", title="Rapport"):
    return SimpleUploadedFile(name, tiny_pdf(title), content_type="application/pdf")


def docx_bytes() -> bytes:
    """The same bytes every time (a fixed date in the zip): they are a test parameter, and the
    two test processes of pytest-xdist must collect the same tests."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in (
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", "<w:document/>"),
        ):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def entry(case, author, *, audience="team", text="Huisbezoek afgelegd.", kind="huisbezoek", **kw):
    return services.add_journal_entry(
        case=case,
        author=author,
        kind=kind,
        occurred_at=timezone.now(),
        text=text,
        audience=audience,
        **kw,
    )


def document(case, author, *, audience="team", title="Rapport", **kw):
    return services.add_document(
        case=case,
        uploaded_by=author,
        kind="rapport",
        title=title,
        upload=pdf_upload(title=title),
        audience=audience,
        **kw,
    )


def requested(case, by, organisation, *, title="Adviesrapport reclassering", due_in=14):
    """A document asked of `organisation`, requested today."""
    today = timezone.localdate()
    return services.request_document(
        case=case,
        requested_by=by,
        organisation=organisation,
        title=title,
        kind="rapport",
        requested_on=today,
        due_on=today + timezone.timedelta(days=due_in),
    )
