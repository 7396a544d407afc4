"""All writes of the case file: journal entries, their corrections, documents and versions.

Keyword-only, one transaction each, history with the acting user (CONVENTIONS rule 4). Who may
call them for which case is the door's question (`visible_to`), asked by the views first; the
services check what the data itself must satisfy (the audience names an organisation, the file
is a document of an accepted type, not empty, not too large, and not flagged by ClamAV).

Notifications (issue 19 part 5, the inbox): `journal_entry_added` and `document_added` below are
the two hooks, called after the commit with ids only. They do nothing yet; the inbox wires
`inbox.services.notify(...)` into them at merge.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from casefile import clamav
from casefile.audience import Audience
from casefile.files import ALLOWED_LABELS, detect_type, name_was_unsafe, safe_name
from casefile.models import (
    Document,
    DocumentRequest,
    DocumentVersion,
    JournalEntry,
    RequestStatus,
    ScanStatus,
)
from cases.services import ensure_open
from zvhd.versions import claim_version

log = logging.getLogger("zvhd.casefile")


# ---------------------------------------------------------------------------------------------
# Hooks for the inbox (issue 19 part 5): wired at merge, called after the commit.


def _case_people(case) -> list:
    """The case's own people: its director, support and guide, and its team."""
    from cases.models import TeamMember

    team = TeamMember.objects.filter(case=case, user__isnull=False).select_related("user")
    return [case.director, case.support, case.guide, *(member.user for member in team)]


def journal_entry_added(entry_id: int) -> None:
    """A journal entry was added to a case: tell the case's people who may read it (the
    inbox drops whoever the entry's audience leaves out, and the author)."""
    from inbox import kinds
    from inbox.services import notify

    entry = (
        JournalEntry.objects.select_related("case__director", "case__support", "case__guide")
        .filter(pk=entry_id)
        .first()
    )
    if entry is not None:
        notify(
            kinds.JOURNAL_ENTRY,
            _case_people(entry.case),
            case=entry.case,
            target=entry,
            actor=entry.author,
        )


def document_added(document_id: int, version_number: int) -> None:
    """A document (or a new version of one) was added to a case: tell who may read it."""
    from inbox import kinds
    from inbox.services import notify

    document = (
        Document.objects.select_related("case__director", "case__support", "case__guide")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        return
    version = document.versions.filter(number=version_number).select_related("uploaded_by")
    uploaded = version.first()
    notify(
        kinds.DOCUMENT_ADDED,
        _case_people(document.case),
        case=document.case,
        target=document,
        actor=uploaded.uploaded_by if uploaded else None,
    )


# ---------------------------------------------------------------------------------------------


def _audience(item, audience: str, organisations: Iterable) -> list:
    organisations = list(organisations or [])
    if audience not in Audience.values:
        raise ValidationError({"audience": _("Kies wie dit mag lezen.")})
    if audience == Audience.ORGANISATIONS and not organisations:
        raise ValidationError(
            {"audience_organisations": _("Kies ten minste één organisatie die dit mag lezen.")}
        )
    item.audience = audience
    return organisations if audience == Audience.ORGANISATIONS else []


@transaction.atomic
def add_journal_entry(
    *,
    case,
    author,
    kind: str,
    occurred_at,
    text: str,
    audience: str,
    organisations: Iterable = (),
    partner_organisation=None,
) -> JournalEntry:
    """Record what happened. Two people writing at once both get their own entry."""
    ensure_open(case)
    if occurred_at > timezone.now() + timezone.timedelta(minutes=5):
        raise ValidationError({"occurred_on": _("Deze datum en tijd liggen in de toekomst.")})
    entry = JournalEntry(
        case=case,
        author=author,
        kind=kind,
        occurred_at=occurred_at,
        text=text,
        partner_organisation=partner_organisation,
    )
    named = _audience(entry, audience, organisations)
    entry.full_clean()
    entry._history_user = author
    entry._change_reason = "vastgelegd"
    entry.save()
    entry.audience_organisations.set(named)
    transaction.on_commit(lambda: journal_entry_added(entry.pk))
    return entry


@transaction.atomic
def correct_journal_entry(
    *,
    entry: JournalEntry,
    corrected_by,
    text: str,
    reason: str,
    kind: str | None = None,
    occurred_at=None,
    expected_version: int | None = None,
) -> JournalEntry:
    """A correction is a new version: the old text stays in the history, the entry says
    "gecorrigeerd" with who, when and why. Never a silent change."""
    ensure_open(entry.case)
    claim_version(entry, expected_version=expected_version)
    if not (reason or "").strip():
        raise ValidationError({"correction_reason": _("Geef de reden van de correctie.")})
    entry.text = text
    if kind:
        entry.kind = kind
    if occurred_at:
        entry.occurred_at = occurred_at
    entry.corrected_at = timezone.now()
    entry.corrected_by = corrected_by
    entry.correction_reason = reason.strip()
    entry.full_clean()
    entry._history_user = corrected_by
    entry._change_reason = f"gecorrigeerd: {entry.correction_reason}"
    entry.save()
    return entry


# ---------------------------------------------------------------------------------------------
# Documents


def _refused(*, reason: str, case, user, name: str, **extra) -> None:
    """The attempt in the log: who, which case, why; never the file's content, and the
    name only as its length (a name can be a person's)."""
    log.warning(
        "Document geweigerd",
        extra={
            "event": "document_refused",
            "reason": reason,
            "case_id": case.pk,
            "user_id": user.pk,
            "name_length": len(name or ""),
            **extra,
        },
    )


def check_upload(*, upload, case, user):
    """The checks every uploaded file passes before anything is stored. Returns the detected
    type, the safe name and the scan status; raises a ValidationError on the `file` field."""
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", 0) or 0
    limit = settings.DOCUMENT_MAX_BYTES
    if size == 0:
        _refused(reason="leeg", case=case, user=user, name=name)
        raise ValidationError({"file": _("Het bestand is leeg (0 bytes). Kies een ander bestand.")})
    if size > limit:
        _refused(reason="te groot", case=case, user=user, name=name, size=size)
        raise ValidationError({"file": too_large_message(limit)})
    file_type = detect_type(upload)
    if file_type is None:
        _refused(reason="soort", case=case, user=user, name=name)
        raise ValidationError(
            {
                "file": _(
                    "Dit soort bestand wordt niet aangenomen (gekeken is naar de inhoud, niet "
                    "naar de naam). Toegestaan zijn: %(types)s."
                )
                % {"types": ALLOWED_LABELS}
            }
        )
    if name_was_unsafe(name):
        _refused(reason="naam aangepast", case=case, user=user, name=name)
    scan_status = ScanStatus.NOT_SCANNED
    if clamav.configured():
        try:
            result = clamav.scan(upload)
        except clamav.ScannerUnavailable as error:
            _refused(reason="virusscanner onbereikbaar", case=case, user=user, name=name)
            log.error("ClamAV niet bereikbaar: %s", error, extra={"event": "clamav_unavailable"})
            raise ValidationError(
                {
                    "file": _(
                        "De virusscanner is nu niet bereikbaar, daarom is het bestand niet "
                        "opgeslagen. Probeer het later opnieuw."
                    )
                }
            ) from error
        if not result.clean:
            _refused(reason="virus", case=case, user=user, name=name, signature=result.signature)
            raise ValidationError(
                {
                    "file": _(
                        "De virusscanner heeft in dit bestand een virus of schadelijke inhoud "
                        "gevonden. Het bestand is niet opgeslagen."
                    )
                }
            )
        scan_status = ScanStatus.CLEAN
    return file_type, safe_name(name, file_type), scan_status


def too_large_message(limit: int) -> str:
    from casefile.templatetags.casefile import filesize

    return _("Het bestand is groter dan %(limit)s. Kies een kleiner bestand.") % {
        "limit": filesize(limit)
    }


def _store_version(*, document, upload, uploaded_by, file_type, name, scan_status, number):
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=name,
        content_type=file_type.content_type,
        type_label=file_type.label,
        size=upload.size,
        sha256=digest.hexdigest(),
        scan_status=scan_status,
        uploaded_by=uploaded_by,
    )
    version.file.save("upload.bin", upload, save=False)
    try:
        version.save()
    except Exception:
        # All checks ran before the file was written; should the row still fail, the file
        # must not stay behind without one.
        version.file.storage.delete(version.file.name)
        raise
    return version


@transaction.atomic
def add_document(
    *,
    case,
    uploaded_by,
    kind: str,
    title: str,
    upload,
    audience: str,
    organisations: Iterable = (),
    journal_entry=None,
    meeting=None,
) -> Document:
    """A new document with its first version. Nothing is stored when the file is refused."""
    ensure_open(case)
    if journal_entry is not None and journal_entry.case_id != case.pk:
        raise ValidationError({"journal_entry": _("Deze logboekregel hoort niet bij de casus.")})
    if meeting is not None and meeting.case_id != case.pk:
        raise ValidationError({"meeting": _("Dit overleg hoort niet bij de casus.")})
    document = Document(
        case=case,
        author=uploaded_by,
        kind=kind,
        title=(title or "").strip(),
        journal_entry=journal_entry,
        meeting=meeting,
    )
    named = _audience(document, audience, organisations)
    document.full_clean()
    file_type, name, scan_status = check_upload(upload=upload, case=case, user=uploaded_by)
    document._history_user = uploaded_by
    document._change_reason = "toegevoegd"
    document.save()
    document.audience_organisations.set(named)
    _store_version(
        document=document,
        upload=upload,
        uploaded_by=uploaded_by,
        file_type=file_type,
        name=name,
        scan_status=scan_status,
        number=1,
    )
    transaction.on_commit(lambda: document_added(document.pk, 1))
    return document


@transaction.atomic
def add_document_version(*, document: Document, uploaded_by, upload) -> DocumentVersion:
    """A new file for a document; the earlier versions stay and can still be downloaded."""
    ensure_open(document.case)
    Document.objects.select_for_update().filter(pk=document.pk).first()
    file_type, name, scan_status = check_upload(upload=upload, case=document.case, user=uploaded_by)
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = _store_version(
        document=document,
        upload=upload,
        uploaded_by=uploaded_by,
        file_type=file_type,
        name=name,
        scan_status=scan_status,
        number=number,
    )
    document._history_user = uploaded_by
    document._change_reason = f"versie {number} toegevoegd"
    document.save()
    transaction.on_commit(lambda: document_added(document.pk, number))
    return version


# ---------------------------------------------------------------------------------------------
# Documents asked of a partner and not yet received (issue 19 part 4: the closing page lists
# them). A request's audience is always "the bureau and the organisation asked": the door of
# documents (`casefile.audience`) then gives the asked organisation's people on the case the
# request, and nobody of another organisation.


def document_requested(request_id: int) -> None:
    """A document was asked of an organisation: tell its people who may see the request
    (the inbox keeps those the door lets through: the ones working on the case)."""
    from inbox import kinds, recipients
    from inbox.services import notify

    request = (
        DocumentRequest.objects.select_related("case", "organisation", "author")
        .filter(pk=request_id)
        .first()
    )
    if request is not None:
        notify(
            kinds.DOCUMENT_REQUESTED,
            recipients.of_organisation(request.organisation),
            case=request.case,
            target=request,
            actor=request.author,
        )


@transaction.atomic
def request_document(
    *,
    case,
    requested_by,
    organisation,
    title: str,
    kind: str,
    requested_on,
    due_on,
) -> DocumentRequest:
    """Record that a document was asked of a partner organisation; it stays outstanding (and
    on the closing page) until a document is uploaded against it or it is no longer needed."""
    ensure_open(case)
    errors = {}
    today = timezone.localdate()
    if requested_on and requested_on > today:
        errors["requested_on"] = _("De datum van het verzoek ligt in de toekomst.")
    if requested_on and due_on and due_on < requested_on:
        errors["due_on"] = _("De uiterste datum ligt vóór de datum van het verzoek.")
    if organisation is None:
        errors["organisation"] = _("Kies de organisatie waarbij het document is opgevraagd.")
    if errors:
        raise ValidationError(errors)
    request = DocumentRequest(
        case=case,
        author=requested_by,
        audience=Audience.ORGANISATIONS,
        title=(title or "").strip(),
        kind=kind,
        organisation=organisation,
        requested_on=requested_on,
        due_on=due_on,
    )
    request.full_clean()
    request._history_user = requested_by
    request._change_reason = "opgevraagd"
    request.save()
    request.audience_organisations.set([organisation])
    transaction.on_commit(lambda: document_requested(request.pk))
    return request


def _locked_outstanding(request: DocumentRequest) -> DocumentRequest:
    locked = DocumentRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
    if not locked.is_outstanding:
        raise ValidationError(
            _("Dit verzoek is al afgehandeld (%(status)s).")
            % {"status": locked.get_status_display().lower()},
            code="handled",
        )
    return locked


@transaction.atomic
def fulfil_document_request(
    *,
    request: DocumentRequest,
    uploaded_by,
    upload,
    title: str,
    audience: str,
    organisations: Iterable = (),
) -> Document:
    """The document asked for, uploaded against its request: a document of the case like any
    other (same checks, same audience choice), and the request is received. Two people
    uploading against one request at once: the second gets a clear message, nothing stored."""
    ensure_open(request.case)
    request = _locked_outstanding(request)
    document = add_document(
        case=request.case,
        uploaded_by=uploaded_by,
        kind=request.kind,
        title=title or request.title,
        upload=upload,
        audience=audience,
        organisations=organisations,
    )
    request.status = RequestStatus.RECEIVED
    request.document = document
    request.closed_at = timezone.now()
    request.closed_by = uploaded_by
    request.version += 1
    request._history_user = uploaded_by
    request._change_reason = "ontvangen"
    request.save()
    return document


@transaction.atomic
def mark_request_not_needed(
    *,
    request: DocumentRequest,
    marked_by,
    reason: str,
    expected_version: int | None = None,
) -> DocumentRequest:
    """The document is no longer needed: the request leaves the open points, with why."""
    ensure_open(request.case)
    stored = claim_version(request, expected_version=expected_version)
    if not stored.is_outstanding:
        raise ValidationError(
            _("Dit verzoek is al afgehandeld (%(status)s).")
            % {"status": stored.get_status_display().lower()},
            code="handled",
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef aan waarom het document niet meer nodig is.")})
    request.status = RequestStatus.NOT_NEEDED
    request.not_needed_reason = reason
    request.closed_at = timezone.now()
    request.closed_by = marked_by
    request.full_clean()
    request._history_user = marked_by
    request._change_reason = f"niet meer nodig: {reason}"
    request.save()
    return request
