import re
from datetime import UTC, datetime, timedelta

from django.contrib import messages
from django.db.models import Count, F, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import CreateView, ListView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from zvhd.jobs.views import JobDownloadView
from zvhd.network.models import Role
from zvhd.paging import KeysetPage, RowCompare
from zvhd.privacy import services
from zvhd.privacy.forms import AccessLogSearchForm, SubjectAccessRequestForm
from zvhd.privacy.models import AccessLog, SubjectAccessRequest
from zvhd.privacy.services import request_access_pdf
from zvhd.views import (
    PageOrLastMixin,
    RoleRequiredMixin,
    ScopedListMixin,
    ScopedMixin,
    ServiceFormMixin,
)


class AccessLogView(RoleRequiredMixin, ScopedListMixin, ListView):
    """The privacy officer searches the access log by user, record, action, outcome and period.

    Newest first, 50 rows a page, paged by keyset on (at, id): the next page starts below the
    last row shown, a seek in the log's indexes, so page 1,000 costs what page 1 does and no
    page counts the log (50 million rows at five years)."""

    roles = {Role.PRIVACY_OFFICER}
    model = AccessLog
    read_method = "for_search"
    page_size = 50
    template_name = "privacy/access_log.html"
    log_reads = False  # reading the log is the privacy officer's job, not a record access

    def get_queryset(self):
        queryset = super().get_queryset()
        self.form = AccessLogSearchForm(self.request.GET or None)
        if self.form.is_bound and self.form.is_valid():
            queryset = self.form.filter(queryset)
        elif self.form.is_bound:
            queryset = queryset.none()
        if self.form.grouped():
            # An export is one line (its opening row, without a record), not one per record.
            queryset = queryset.filter(Q(batch__isnull=True) | Q(object_id=""))
        # One export (form.grouped() is False): the export itself, then its records in the
        # order of the file, paged by id ascending (file_order_page).
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, **kwargs)
        export = self.form.cleaned_data.get("export") if self.form.is_valid() else None
        if export:
            page = file_order_page(self.request, context["object_list"], size=self.page_size)
            context["export"] = (
                AccessLog.objects.filter(batch=export, object_id="")
                .select_related("content_type")
                .first()
            )
            # One export's records (index accesslog_batch): bounded by the export's size.
            context["export_size"] = (
                AccessLog.objects.filter(batch=export).exclude(object_id="").count()
            )
        else:
            page = newest_first_page(self.request, context["object_list"], size=self.page_size)
        label_rows(page.rows)
        context.update(object_list=page.rows, page=page)
        return context


MARKER = "voor"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _marker(row) -> str:
    return f"{(row.at - EPOCH) // timedelta(microseconds=1)}.{row.pk}"


def _parse_marker(text: str):
    """(at, id) of the marker row, or None for anything else (a stale or mangled link)."""
    micros, _, pk = text.partition(".")
    if not (micros.isdigit() and pk.isdigit() and len(micros) < 18 and len(pk) < 19):
        return None
    return EPOCH + timedelta(microseconds=int(micros)), int(pk)


def newest_first_page(request, queryset, *, size: int) -> KeysetPage:
    """The page of log rows after the marker in `?voor=`, newest first.

    The marker carries the last row's moment as well as its id: the next page is the row
    comparison (at, id) < (moment, id), which the (at, id) index and every other index that
    ends in `at` start their scan at, and `at <= moment` lets PostgreSQL skip the months after
    it. `zvhd.paging.keyset_page` reads the marker's keys with a lookup by id, which in a
    table partitioned by `at` looks in every month."""
    marker = _parse_marker(request.GET.get(MARKER, ""))
    if marker is not None:
        at, pk = marker
        queryset = queryset.filter(at__lte=at).filter(RowCompare([F("at"), F("id")], "<", [at, pk]))
    rows = list(queryset.order_by("-at", "-id")[: size + 1])
    query = request.GET.copy()
    query.pop(MARKER, None)
    next_query = None
    if len(rows) > size:
        rows = rows[:size]
        query[MARKER] = _marker(rows[-1])
        next_query = query.urlencode()
        query.pop(MARKER)
    return KeysetPage(rows, next_query, query.urlencode() if marker is not None else None)


AFTER = "na"


def file_order_page(request, queryset, *, size: int) -> KeysetPage:
    """The page of one export's rows after the id in `?na=`, in the order of the file.

    The rows of one export share a batch and a moment and were written in the file's order, so
    their ids are that order: the next page is `id > last id`, a seek in the index
    `accesslog_batch` (batch, id), never an OFFSET or a COUNT."""
    after = request.GET.get(AFTER, "")
    if after.isdigit() and len(after) < 19:
        queryset = queryset.filter(id__gt=int(after))
    else:
        after = ""
    rows = list(queryset.order_by("id")[: size + 1])
    query = request.GET.copy()
    query.pop(AFTER, None)
    query.pop(MARKER, None)
    next_query = None
    if len(rows) > size:
        rows = rows[:size]
        query[AFTER] = str(rows[-1].pk)
        next_query = query.urlencode()
        query.pop(AFTER)
    return KeysetPage(rows, next_query, query.urlencode() if after else None)


ROLE_LABELS = dict(Role.choices)
# A day (04-12-2026) or a record number (2026-0053, MH-2026-040) in a record's name is kept on
# one line: the narrow column broke "24-" from "11-2026".
UNBROKEN = re.compile(r"\b\d{2}-\d{2}-\d{4}\b|\b(?:[A-Z]{2}-)?\d{4}-\d{3,}\b")


def unbroken(label: str) -> str:
    """`label`, escaped, with its days and record numbers in no-wrap spans."""
    return mark_safe(  # noqa: S308 - escaped first; only our own span is added
        UNBROKEN.sub(lambda m: f'<span class="zvhd-nowrap">{m.group(0)}</span>', escape(label))
    )


def label_rows(rows) -> None:
    """Give each log row of a page the names people read (issue 23): role names instead of
    the role codes the row stores, and a record's own number ("casus 2026-0012",
    "signaal MH-2026-040", "nazorg NZ-2026-0043", "adviesvraag van 27-11-2026 (advies kort)",
    "logboekregel van 04-12-2026 bij casus 2026-0053") instead of its database id. One
    query per kind of record on the page; a record that no longer exists keeps its kind and
    id."""
    rows = list(rows)
    wanted: dict = {}
    exports = [row.batch for row in rows if row.batch and not row.object_id]
    sizes = {}
    if exports:
        # How many records each export on the page holds: one grouped query (index
        # accesslog_batch), not one per export.
        sizes = dict(
            AccessLog.objects.filter(batch__in=exports)
            .exclude(object_id="")
            .order_by()
            .values_list("batch")
            .annotate(n=Count("pk"))
        )
    for row in rows:
        row.export_size = sizes.get(row.batch, 0) if row.batch and not row.object_id else None
        row.role_labels = ", ".join(
            str(ROLE_LABELS.get(code.strip(), code.strip()))
            for code in row.roles.split(",")
            if code.strip()
        )
        if row.content_type_id and row.object_id.isdigit():
            wanted.setdefault(row.content_type, set()).add(int(row.object_id))
    numbers: dict = {}
    for content_type, ids in wanted.items():
        model = content_type.model_class()
        if model is None:
            continue
        # Only the number is read, never the record's content: the log names the record it
        # already identifies by id, as the privacy officer needs to follow it up. A record
        # without a number of its own names itself (`log_label`: an advice question by day and
        # kind, a journal entry or risk assessment by day and case, read with it through
        # `log_related`); a document version's `number` is its version, so its label comes first.
        records = model._base_manager.filter(pk__in=ids)
        if getattr(model, "log_related", None):
            records = records.select_related(*model.log_related)
        for record in records:
            key = (content_type.pk, str(record.pk))
            number = getattr(record, "number", None) or getattr(record, "reference", None)
            if getattr(model, "log_label", None):
                numbers[key] = record.log_label
            elif number:
                numbers[key] = f"{content_type.name} {number}"
    for row in rows:
        if row.export_size is not None:
            model = row.content_type.model_class() if row.content_type_id else None
            if model is None:
                row.export_noun = _("records")
            elif row.export_size == 1:
                row.export_noun = model._meta.verbose_name
            else:
                row.export_noun = model._meta.verbose_name_plural
            row.record_label = ""  # the export line says what it held (template)
        elif row.content_type_id:
            row.record_label = unbroken(
                numbers.get(
                    (row.content_type_id, row.object_id),
                    f"{row.content_type.name} {row.object_id}",
                )
            )
        else:
            row.record_label = ""


# ---------------------------------------------------------------------------------------------
# Subject access (inzage)


class SubjectAccessMixin(RoleRequiredMixin, ScopedMixin):
    roles = {Role.PRIVACY_OFFICER}
    model = SubjectAccessRequest


class SubjectAccessListView(SubjectAccessMixin, PageOrLastMixin, ListView):
    template_name = "privacy/access_requests.html"
    paginate_by = 50
    log_reads = False

    def get_queryset(self):
        return super().get_queryset().select_related("registered_by")


class SubjectAccessCreateView(SubjectAccessMixin, ServiceFormMixin, CreateView):
    form_class = SubjectAccessRequestForm
    template_name = "privacy/access_request_form.html"
    success_message = "Het inzageverzoek is geregistreerd."

    def perform(self, form):
        return services.register_access_request(
            access_request=form.save(commit=False), registered_by=self.request.user
        )

    def get_success_url(self):
        return reverse("privacy:access_request_edit", args=[self.result.pk])


class SubjectAccessUpdateView(SubjectAccessMixin, ServiceFormMixin, UpdateView):
    form_class = SubjectAccessRequestForm
    template_name = "privacy/access_request_form.html"
    success_message = "Het inzageverzoek is bijgewerkt."

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.update_access_request(
            access_request=form.save(commit=False),
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("privacy:access_request_edit", args=[self.object.pk])


class SubjectAccessGenerateView(SubjectAccessMixin, SingleObjectMixin, View):
    """POST: queue the PDF of everything ZVHD holds on the person (a Celery task makes it).
    GET: the job's status partial, which the edit page polls while the PDF is being made."""

    http_method_names = ["get", "post"]
    log_reads = False  # the status only: the PDF itself is read through the download view

    def get(self, request, *args, **kwargs):
        return render(
            request, "privacy/partials/access_pdf_status.html", {"object": self.get_object()}
        )

    def post(self, request, *args, **kwargs):
        access_request = self.get_object()
        request_access_pdf(access_request=access_request, user=request.user, request=request)
        messages.success(request, "De inzage-PDF wordt gemaakt; ververs de pagina over even.")
        return redirect("privacy:access_request_edit", pk=access_request.pk)


class SubjectAccessDownloadView(SubjectAccessMixin, JobDownloadView):
    file_field = "pdf"

    def get_filename(self, obj) -> str:
        return f"inzage-{obj.pk}.pdf"
