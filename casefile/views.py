"""The case file's journal and documents tabs, their forms, and the scoped download.

The tabs and forms are pages of the case (cases.views.case_file): the case is reached through
its door first (404 out of scope, 403 without the file), then the items through their own
(`visible_to`, with the audience). The download is reached only through `DocumentVersion`'s
door; out of scope or out of the audience is a 404, and every download is in the access log.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View
from django.views.generic.detail import SingleObjectMixin

from casefile import services
from casefile.audience import CORRECT
from casefile.forms import (
    CorrectionForm,
    DocumentForm,
    DocumentRequestForm,
    FulfilRequestForm,
    JournalEntryForm,
    NotNeededForm,
    VersionForm,
)
from casefile.models import Document, DocumentRequest, DocumentVersion, JournalEntry
from cases.models import CaseMeeting
from cases.policy import DETAILS, DIRECT, case_permissions
from cases.views.case_file import CaseFormView, CaseTabView, case_frame
from zvhd import formats
from zvhd.permissions import VIEW
from zvhd.privacy.models import AccessAction
from zvhd.views import ScopedMixin, ServiceFormMixin

MAX_LIST = 500  # a tab shows the newest 500; older ones stay in the timeline and the export


def _log_list(request, items) -> None:
    if items:
        from zvhd.privacy.services import log_list_access

        log_list_access(request=request, objects=list(items))


class JournalView(CaseTabView):
    template_name = "casefile/journal.html"
    tab = "logboek"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.case_context())
        case = context["case"]
        entries = list(
            JournalEntry.objects.visible_to(self.request.user)
            .filter(case=case)
            .for_list()
            .prefetch_related(
                Prefetch(
                    "documents",
                    queryset=Document.objects.visible_to(self.request.user).filter(
                        destroyed_at__isnull=True
                    ),
                )
            )[:MAX_LIST]
        )
        # Earlier versions of corrected entries: one query over their history.
        corrected = [e.pk for e in entries if e.is_corrected]
        earlier: dict[int, list] = {}
        if corrected:
            for record in (
                JournalEntry.history.filter(id__in=corrected)
                .select_related("history_user")
                .order_by("id", "-version")
            ):
                earlier.setdefault(record.id, []).append(record)
        for entry in entries:
            entry.earlier_versions = [
                r for r in earlier.get(entry.pk, []) if r.version < entry.version
            ]
            entry.audience_text = entry.audience_label(
                [str(o) for o in entry.audience_organisations.all()]
            )
        context["entries"] = entries
        _log_list(self.request, entries)
        return context


class DocumentsView(CaseTabView):
    template_name = "casefile/documents.html"
    tab = "documenten"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.case_context())
        case = context["case"]
        documents = list(
            Document.objects.visible_to(self.request.user).filter(case=case).for_list()[:MAX_LIST]
        )
        for document in documents:
            document.audience_text = document.audience_label(
                [str(o) for o in document.audience_organisations.all()]
            )
            versions = list(document.versions.all())
            document.current = versions[0] if versions else None
            document.earlier = versions[1:]
        context["documents"] = documents
        # The documents asked of partners: the ones this reader may see (the same door).
        requests = list(
            DocumentRequest.objects.visible_to(self.request.user)
            .filter(case=case)
            .for_list()[:MAX_LIST]
        )
        context["requests"] = requests
        context["outstanding"] = sum(1 for r in requests if r.is_outstanding)
        from casefile import clamav

        context["scanning"] = clamav.configured()
        _log_list(self.request, documents + requests)
        return context


class CaseFileFormView(CaseFormView):
    """A form on the case file: needs the file itself ("details")."""

    action = DETAILS
    template_name = "casefile/form.html"
    tab = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.get_success_url()
        return context


class JournalEntryCreateView(CaseFileFormView):
    form_class = JournalEntryForm
    heading = _("Logboekregel toevoegen")
    intro = _(
        "Leg vast wat er is gebeurd: een gesprek, een huisbezoek, een contactmoment of de "
        "warme overdracht. Een regel wordt niet gewijzigd; een fout herstelt u met een correctie."
    )
    submit = _("Vastleggen")
    success_message = _("De logboekregel is vastgelegd.")
    tab = "logboek"

    def perform(self, form):
        d = form.cleaned_data
        return services.add_journal_entry(
            case=self.get_case(),
            author=self.request.user,
            kind=d["kind"],
            occurred_at=d["occurred_at"],
            text=d["text"],
            audience=d["audience"],
            organisations=d["audience_organisations"],
            partner_organisation=d["partner_organisation"],
        )

    def get_success_url(self):
        return reverse("casefile:journal", args=[self.get_case().pk])


class DocumentCreateView(CaseFileFormView):
    form_class = DocumentForm
    heading = _("Document toevoegen")
    submit = _("Toevoegen")
    success_message = _("Het document is toegevoegd.")
    tab = "documenten"
    multipart = True

    def extra_form_kwargs(self):
        case = self.get_case()
        user = self.request.user
        return {
            "request": self.request,
            "entries": JournalEntry.objects.visible_to(user).filter(case=case),
            "meetings": CaseMeeting.objects.visible_to(user).filter(case=case),
        }

    def get_initial(self):
        initial = super().get_initial()
        entry = self.request.GET.get("logboekregel")
        if entry and entry.isdigit():
            initial["journal_entry"] = int(entry)
        return initial

    def perform(self, form):
        d = form.cleaned_data
        return services.add_document(
            case=self.get_case(),
            uploaded_by=self.request.user,
            kind=d["kind"],
            title=d["title"],
            upload=d["file"],
            audience=d["audience"],
            organisations=d["audience_organisations"],
            journal_entry=d["journal_entry"],
            meeting=d["meeting"],
        )

    def get_success_url(self):
        return reverse("casefile:documents", args=[self.get_case().pk])


class DocumentRequestCreateView(CaseFileFormView):
    """The director records that a document was asked of a partner organisation."""

    action = DIRECT
    form_class = DocumentRequestForm
    heading = _("Document opvragen bij een partner")
    intro = _(
        "Leg vast welk document u bij welke organisatie heeft opgevraagd en wanneer het er "
        "moet zijn. Het staat open tot het document hier is toegevoegd of niet meer nodig is; "
        "bij het afsluiten van de casus ziet u wat nog niet is ontvangen."
    )
    submit = _("Verzoek vastleggen")
    success_message = _("Het verzoek is vastgelegd. De organisatie krijgt een melding.")
    tab = "documenten"

    def perform(self, form):
        d = form.cleaned_data
        return services.request_document(
            case=self.get_case(),
            requested_by=self.request.user,
            organisation=d["organisation"],
            title=d["title"],
            kind=d["kind"],
            requested_on=d["requested_on"],
            due_on=d["due_on"],
        )

    def get_success_url(self):
        return reverse("casefile:documents", args=[self.get_case().pk]) + "#opgevraagd"


class ItemFormView(ScopedMixin, ServiceFormMixin, SingleObjectMixin, FormView):
    """A form on one journal entry or document, shown inside its case's file."""

    template_name = "casefile/form.html"
    heading = ""
    intro = ""
    submit = _("Opslaan")
    tab = ""
    multipart = False

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    @property
    def log_action(self) -> str:
        return AccessAction.CHANGE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object.case
        context.update(
            case_frame(
                self.request,
                case,
                tab=self.tab,
                can=case_permissions(self.request.user, case.pk),
                heading=str(self.heading),
            ),
            heading=self.heading,
            intro=self.intro,
            submit=self.submit,
            item=self.object,
            cancel_url=self.get_success_url(),
            multipart=self.multipart,
        )
        return context


class JournalEntryCorrectView(ItemFormView):
    model = JournalEntry
    action = CORRECT
    form_class = CorrectionForm
    heading = _("Logboekregel corrigeren")
    intro = _(
        "De correctie wordt een nieuwe versie. De vorige tekst blijft bewaard en is bij de "
        "regel te zien; de regel staat als gecorrigeerd in het logboek."
    )
    submit = _("Correctie opslaan")
    success_message = _("De correctie is opgeslagen.")
    tab = "logboek"

    def get_queryset(self):
        return JournalEntry.objects.visible_to(self.request.user, VIEW).select_related(
            "case", "author"
        )

    def versioned_object(self):
        return self.object

    def get_initial(self):
        return {"text": self.object.text}

    def perform(self, form):
        d = form.cleaned_data
        return services.correct_journal_entry(
            entry=self.object,
            corrected_by=self.request.user,
            text=d["text"],
            reason=d["correction_reason"],
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("casefile:journal", args=[self.object.case_id])


class DocumentVersionCreateView(ItemFormView):
    """A new version of a document: whoever may read it and add to the case file."""

    model = Document
    action = DETAILS
    form_class = VersionForm
    heading = _("Nieuwe versie van een document")
    intro = _("De eerdere versies blijven bewaard en zijn te downloaden.")
    submit = _("Nieuwe versie toevoegen")
    success_message = _("De nieuwe versie is toegevoegd.")
    tab = "documenten"
    multipart = True

    def get_queryset(self):
        return (
            Document.objects.visible_to(self.request.user, VIEW)
            .filter(destroyed_at__isnull=True)
            .select_related("case")
        )

    def allows(self, obj, action):
        return case_permissions(self.request.user, obj.case_id).get(DETAILS, False)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def perform(self, form):
        return services.add_document_version(
            document=self.object, uploaded_by=self.request.user, upload=form.cleaned_data["file"]
        )

    def get_success_url(self):
        return reverse("casefile:documents", args=[self.object.case_id])


class DocumentDownloadView(ScopedMixin, SingleObjectMixin, View):
    """One version's file, through the door; written to the access log as a download."""

    model = DocumentVersion

    def get_queryset(self):
        return (
            DocumentVersion.objects.visible_to(self.request.user, VIEW)
            .filter(document__destroyed_at__isnull=True)
            .select_related("document")
        )

    @property
    def log_action(self) -> str:
        return AccessAction.EXPORT

    def get(self, request, *args, **kwargs):
        version = self.get_object()
        try:
            handle = version.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=version.original_name,
            content_type=version.content_type,
        )
        # Never rendered by the browser as a page of ours, whatever it holds.
        response["Content-Security-Policy"] = "sandbox"
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response


class RequestFormView(ItemFormView):
    """A form on one outstanding document request, reached through its door (the case file,
    then the request's audience: the bureau and the organisation asked)."""

    model = DocumentRequest
    tab = "documenten"

    def get_queryset(self):
        return DocumentRequest.objects.visible_to(self.request.user, VIEW).select_related(
            "case", "organisation", "author"
        )

    def get_object(self, queryset=None):
        # Read once (ItemFormView.dispatch asks again): one query, one access-log row.
        if not hasattr(self, "_request_object"):
            self._request_object = super().get_object(queryset)
        return self._request_object

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.is_outstanding:
            from django.contrib import messages
            from django.http import HttpResponseRedirect

            messages.info(
                request,
                _("Dit verzoek is al afgehandeld (%(status)s).")
                % {"status": self.object.get_status_display().lower()},
            )
            return HttpResponseRedirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):

        context = super().get_context_data(**kwargs)
        request = self.object
        context["intro"] = _("Opgevraagd: %(title)s, bij %(org)s op %(on)s, uiterlijk %(due)s.") % {
            "title": request.title,
            "org": request.organisation,
            "on": formats.long_date(request.requested_on),
            "due": formats.long_date(request.due_on),
        }
        context["item"] = None
        return context

    def get_success_url(self):
        return reverse("casefile:documents", args=[self.object.case_id]) + "#opgevraagd"


class DocumentRequestFulfilView(RequestFormView):
    """Upload the document asked for: whoever sees the request and may read the case file
    (the organisation asked, or the bureau when it arrived by post)."""

    action = DETAILS
    form_class = FulfilRequestForm
    heading = _("Opgevraagd document toevoegen")
    submit = _("Document toevoegen")
    success_message = _("Het document is toegevoegd; het verzoek staat als ontvangen.")
    multipart = True

    def allows(self, obj, action):
        return case_permissions(self.request.user, obj.case_id).get(DETAILS, False)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def get_initial(self):
        from casefile.audience import Audience

        return {
            "title": self.object.title,
            "audience": Audience.ORGANISATIONS,
            "audience_organisations": [self.object.organisation_id],
        }

    def perform(self, form):
        d = form.cleaned_data
        return services.fulfil_document_request(
            request=self.object,
            uploaded_by=self.request.user,
            upload=d["file"],
            title=d["title"],
            audience=d["audience"],
            organisations=d["audience_organisations"],
        )


class DocumentRequestNotNeededView(RequestFormView):
    """The director marks a request as no longer needed, with a reason."""

    action = DIRECT
    form_class = NotNeededForm
    heading = _("Opgevraagd document niet meer nodig")
    submit = _("Niet meer nodig")
    success_message = _("Het verzoek staat als niet meer nodig.")

    def allows(self, obj, action):
        return case_permissions(self.request.user, obj.case_id).get(DIRECT, False)

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.mark_request_not_needed(
            request=self.object,
            marked_by=self.request.user,
            reason=form.cleaned_data["reason"],
            expected_version=self.expected_version(form),
        )
