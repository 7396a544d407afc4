"""The case file's journal (logboek) and documents (issue 19, parts 1 and 2).

Both hang on a case and carry an author-chosen audience (`casefile.audience`): one door for
both, on top of the case's own door (cases.policy, "details").

- A `JournalEntry` is what happened between plans and meetings: a note, a call, a home visit,
  the guide's contact moments and the warm hand-over. It is never silently changed: a
  correction is a new version (`version` up by one, with its reason) and simple-history keeps
  every earlier text; the page shows the entry as "gecorrigeerd" with the earlier versions.
- A `Document` is a titled file of a kind (report, risk assessment, ...) with its versions;
  a `DocumentVersion` is one uploaded file, never replaced: a new upload is a new version.
  Files live in the private storage (`casefile.storage`), outside any public URL, and are
  served only by the scoped download view, which writes the access log.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casefile.audience import AudienceMixin, AudienceQuerySet
from casefile.storage import private_storage
from cases.models import LONG_TEXT, Case, CaseMeeting
from zvhd import formats
from zvhd.network.models import Organisation
from zvhd.permissions import ScopedChildQuerySet
from zvhd.versions import Versioned


class JournalKind(models.TextChoices):
    NOTE = "notitie", _("Notitie")
    PHONE = "telefoon", _("Telefoongesprek")
    EMAIL = "email", _("E-mail")
    PERSON = "contact_betrokkene", _("Contact met de betrokkene")
    HOME_VISIT = "huisbezoek", _("Huisbezoek")
    PARTNER = "contact_partner", _("Contact met een partner")
    GUIDANCE = "trajectbegeleiding", _("Contact trajectbegeleiding")
    HAND_OVER = "warme_overdracht", _("Warme overdracht")


class JournalQuerySet(AudienceQuerySet):
    def for_list(self):
        """The journal tab: newest first, with everything a row shows (no query per row)."""
        return (
            self.select_related(
                "author", "author__organisation", "partner_organisation", "corrected_by"
            )
            .prefetch_related("audience_organisations")
            .order_by("-occurred_at", "-id")
        )


class JournalEntry(Versioned, AudienceMixin):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="journal_entries")
    kind = models.CharField(_("soort"), max_length=30, choices=JournalKind.choices)
    occurred_at = models.DateTimeField(_("datum en tijd"))
    partner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("betrokken partnerorganisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("verslag"), validators=[MaxLengthValidator(LONG_TEXT)])
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    # The last correction: who, when and why (the earlier texts are in the history).
    corrected_at = models.DateTimeField(_("gecorrigeerd op"), null=True, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    correction_reason = models.CharField(_("reden van de correctie"), max_length=300, blank=True)
    history = HistoricalRecords()
    objects = JournalQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboek")
        indexes = [models.Index(fields=["case", "-occurred_at"], name="journal_case_when")]

    def __str__(self):
        return f"{self.get_kind_display()} {formats.short_datetime(self.occurred_at)}"

    # What the access log shows for it (zvhd.privacy.views.label_rows): its day and its case,
    # read in the same query (log_related), never its text or its database id.
    log_related = ("case",)

    @property
    def log_label(self) -> str:
        return (
            f"logboekregel van {formats.short_date(self.occurred_at)} bij casus {self.case.number}"
        )

    @property
    def is_corrected(self) -> bool:
        return self.corrected_at is not None


class DocumentKind(models.TextChoices):
    REPORT = "rapport", _("Rapport")
    RISK = "risicotaxatie", _("Risicotaxatie")
    CONSENT = "toestemming", _("Toestemming")
    LETTER = "brief", _("Brief")
    MINUTES = "verslag", _("Verslag")
    OTHER = "overig", _("Overig")


class ScanStatus(models.TextChoices):
    NOT_SCANNED = "niet_gescand", _("Niet gescand")
    CLEAN = "schoon", _("Gescand, geen virus gevonden")


class DocumentQuerySet(AudienceQuerySet):
    def for_list(self):
        """The documents tab: newest first, each with its versions (two queries in all)."""
        return (
            self.filter(destroyed_at__isnull=True)
            .select_related("author", "journal_entry", "meeting")
            .prefetch_related(
                "audience_organisations",
                models.Prefetch(
                    "versions",
                    queryset=DocumentVersion.objects.select_related("uploaded_by").order_by(
                        "-number"
                    ),
                ),
            )
            .order_by("-created_at", "-id")
        )


class Document(AudienceMixin):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("soort document"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    journal_entry = models.ForeignKey(
        JournalEntry,
        verbose_name=_("bij logboekregel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    meeting = models.ForeignKey(
        CaseMeeting,
        verbose_name=_("bij overleg"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)
    # Destroyed with the case's personal data: the files and title are gone, the row stays
    # (id, kind, dates) so the destruction certificate can name it by id.
    destroyed_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()
    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        indexes = [models.Index(fields=["case", "-created_at"], name="document_case_when")]

    def __str__(self):
        return self.title or f"document {self.pk}"

    # The access log's name for it: its day and case, not its title (which may say what it is
    # about) nor its database id.
    log_related = ("case",)

    @property
    def log_label(self) -> str:
        return f"document van {formats.short_date(self.created_at)} bij casus {self.case.number}"


class DocumentVersionQuerySet(ScopedChildQuerySet):
    """A file is reached through its document (and so through the case and the audience)."""

    parent_path = "document"


def version_path(instance, filename) -> str:
    # Never the uploaded name on disk: a random name in a folder per case.
    import secrets

    return f"case-{instance.document.case_id}/{secrets.token_hex(16)}.bin"


class DocumentVersion(models.Model):
    """One uploaded file of a document; never changed, never replaced."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    file = models.FileField(storage=private_storage, upload_to=version_path, max_length=200)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    type_label = models.CharField(_("bestandstype"), max_length=40)
    size = models.PositiveBigIntegerField(_("grootte"))
    sha256 = models.CharField(max_length=64)
    scan_status = models.CharField(
        _("virusscan"), max_length=20, choices=ScanStatus.choices, default=ScanStatus.NOT_SCANNED
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    objects = DocumentVersionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("documentversie")
        verbose_name_plural = _("documentversies")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_once")
        ]

    def __str__(self):
        return f"{self.document_id} v{self.number}"

    # The access log's name for it: `number` is the version's, not a record number.
    log_related = ("document__case",)

    @property
    def log_label(self) -> str:
        return f"versie {self.number} van het {self.document.log_label}"


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Nog niet ontvangen")
    RECEIVED = "ontvangen", _("Ontvangen")
    NOT_NEEDED = "niet_nodig", _("Niet meer nodig")


class DocumentRequestQuerySet(AudienceQuerySet):
    def outstanding(self):
        return self.filter(status=RequestStatus.OPEN)

    def for_list(self):
        """The documents tab's requests: outstanding first (earliest due date first), then
        the handled ones, newest first; with everything a row shows (one query)."""
        return self.select_related("organisation", "author", "document", "closed_by").order_by(
            models.Case(
                models.When(status=RequestStatus.OPEN, then=models.Value(0)),
                default=models.Value(1),
            ),
            "due_on",
            "-requested_on",
            "-id",
        )


class DocumentRequest(Versioned, AudienceMixin):
    """A document asked of a partner organisation and not yet received (issue 19 part 4).

    Read through the same door as a document: the case file first, then the audience, which
    is always "the bureau and the organisation asked" (`services.request_document`), so the
    asked organisation's people on the case see it and can upload against it, and nobody of
    another organisation can. Outstanding until a document is uploaded against it or the
    director marks it as no longer needed, with a reason; the closing page lists the
    outstanding ones.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="document_requests")
    title = models.CharField(_("welk document"), max_length=200)
    kind = models.CharField(_("soort document"), max_length=20, choices=DocumentKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("opgevraagd bij"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_on = models.DateField(_("opgevraagd op"))
    due_on = models.DateField(_("uiterlijk"))
    status = models.CharField(
        _("stand"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("ontvangen document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    # Received (a document uploaded against it) or no longer needed: who, when and why.
    closed_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    not_needed_reason = models.CharField(_("waarom niet meer nodig"), max_length=300, blank=True)
    history = HistoricalRecords()
    objects = DocumentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "-id"]
        verbose_name = _("opgevraagd document")
        verbose_name_plural = _("opgevraagde documenten")
        indexes = [
            models.Index(fields=["case", "status"], name="docrequest_case_status"),
        ]

    def __str__(self):
        return self.title or f"opgevraagd document {self.pk}"

    @property
    def is_outstanding(self) -> bool:
        return self.status == RequestStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_outstanding and self.due_on < timezone.localdate()
