"""The case file in the privacy work: the inzage, and destruction together with the case.

- *Inzage*: every journal entry (with its text), every document (listed with kind, title,
  date and file; the files themselves go into the inzage PDF as attachments) and every
  document asked of a partner (what, of whom, when, its state) of the cases whose main person
  is the one asked for. A chapter of its own, so that the cases app does not
  need to know about the case file.
- *Destruction*: the case file keeps no retention term of its own; its data goes when the case
  is destroyed (`AttachedData` in apps.py): the journal entries and the document requests with
  all their versions are erased, every document's files (all versions) are deleted and its
  row is kept without title, name or file, so that the certificate can name it by id
  ("document 12").
"""

from __future__ import annotations

from django.utils import timezone

from zvhd import formats
from zvhd.privacy.registry import FoundRecord, display


def _cases_of(*, bsn="", last_name="", birth_date=None):
    from cases.models import Case, Person

    if bsn:
        persons = Person.objects.filter(bsn=bsn)
    elif last_name and birth_date:
        persons = Person.objects.filter(last_name__iexact=last_name, birth_date=birth_date)
    else:
        return Case.objects.none()
    return Case.objects.filter(person__in=persons)


def find_person(*, bsn="", last_name="", birth_date=None) -> list[FoundRecord]:
    from casefile.models import Document, DocumentRequest, JournalEntry

    cases = _cases_of(bsn=bsn, last_name=last_name, birth_date=birth_date)
    found = []
    for entry in (
        JournalEntry.objects.filter(case__in=cases)
        .select_related("case", "author", "partner_organisation")
        .order_by("case_id", "occurred_at")
    ):
        found.append(
            FoundRecord(
                title=f"Logboekregel bij casus {entry.case.number}",
                description="Een aantekening in het logboek van uw casus.",
                fields=[
                    ("Soort", entry.get_kind_display()),
                    (
                        "Datum en tijd",
                        formats.short_datetime(entry.occurred_at),
                    ),
                    ("Vastgelegd door", display(entry.author.get_full_name())),
                    ("Partnerorganisatie", display(entry.partner_organisation)),
                    ("Verslag", entry.text),
                    ("Gecorrigeerd", "ja" if entry.is_corrected else "nee"),
                ],
                logged=[entry],
            )
        )
    for document in (
        Document.objects.filter(case__in=cases, destroyed_at__isnull=True)
        .select_related("case", "author")
        .prefetch_related("versions")
        .order_by("case_id", "created_at")
    ):
        versions = sorted(document.versions.all(), key=lambda v: v.number)
        record = FoundRecord(
            title=f"Document bij casus {document.case.number}",
            description="Een document in het dossier van uw casus; het bestand zit als bijlage "
            "in deze PDF.",
            fields=[
                ("Soort", document.get_kind_display()),
                ("Titel", document.title),
                ("Toegevoegd op", display(timezone.localtime(document.created_at).date())),
                ("Toegevoegd door", display(document.author.get_full_name())),
                (
                    "Bestanden",
                    "; ".join(f"versie {v.number}: {v.original_name}" for v in versions) or "–",
                ),
            ],
            logged=[document],
        )
        record.attachments = [
            (
                f"casus-{document.case.number}-document-{document.pk}-v{v.number}-{v.original_name}",
                v.file,
            )
            for v in versions
        ]
        found.append(record)
    for request in (
        DocumentRequest.objects.filter(case__in=cases)
        .select_related("case", "author", "organisation", "closed_by")
        .order_by("case_id", "requested_on", "pk")
    ):
        fields = [
            ("Welk document", request.title),
            ("Soort", request.get_kind_display()),
            ("Opgevraagd bij", display(request.organisation)),
            ("Opgevraagd op", display(request.requested_on)),
            ("Uiterlijk", display(request.due_on)),
            ("Opgevraagd door", display(request.author.get_full_name())),
            ("Stand", request.get_status_display()),
        ]
        if request.closed_at:
            fields.append(("Afgehandeld op", display(timezone.localtime(request.closed_at).date())))
        if request.not_needed_reason:
            fields.append(("Waarom niet meer nodig", request.not_needed_reason))
        found.append(
            FoundRecord(
                title=f"Opgevraagd document bij casus {request.case.number}",
                description="Een document dat het Zorg- en Veiligheidshuis voor uw casus bij "
                "een ketenpartner heeft opgevraagd.",
                fields=fields,
                logged=[request],
            )
        )
    return found


# No retention term of its own: the case's term decides (see `destroy_with_cases`).


def retention_records(*, kind, closed_until):
    return []


def find_record(number):
    return None


def records_by_id(ids):
    return []


def anonymise(ids, *, reason) -> int:
    return 0


def destroy_with_cases(case_ids, *, reason) -> int:
    """Erase the journal, the documents asked of partners and the documents' files of the
    destroyed cases `case_ids`."""
    from casefile.models import Document, DocumentRequest, DocumentVersion, JournalEntry
    from zvhd.privacy.erasure import erase, forget_history

    case_ids = [int(pk) for pk in case_ids]
    erased = erase(JournalEntry._base_manager.filter(case_id__in=case_ids))
    # A request names what was asked of whom about the person: it goes with all its
    # versions, like a journal entry (its audience rows go with it: the m2m cascades).
    erased += erase(DocumentRequest._base_manager.filter(case_id__in=case_ids))
    documents = list(Document._base_manager.filter(case_id__in=case_ids, destroyed_at__isnull=True))
    versions = DocumentVersion._base_manager.filter(document__in=documents)
    for version in versions:
        if version.file:
            version.file.storage.delete(version.file.name)
    versions.delete()
    now = timezone.now()
    for document in documents:
        document.audience_organisations.clear()
    forget_history(Document, [d.pk for d in documents])
    Document._base_manager.filter(pk__in=[d.pk for d in documents]).update(
        title="", journal_entry=None, meeting=None, destroyed_at=now
    )
    return erased + len(documents)


def destroyed_with_cases(case_ids) -> dict:
    from casefile.models import Document

    named: dict = {}
    for case_id, pk in (
        Document._base_manager.filter(case_id__in=case_ids, destroyed_at__isnull=False)
        .order_by("pk")
        .values_list("case_id", "pk")
    ):
        named.setdefault(case_id, []).append(f"document {pk}")
    return named
