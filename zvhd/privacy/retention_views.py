"""Pages of retention and destruction (README "Bewaartermijnen en vernietiging").

The terms, extensions and holds are the privacy officer's; the destruction lists are seen by
the privacy officer and the manager (the approver), and the buttons each sees follow the
four-eyes rule that `zvhd.privacy.services` enforces. The pages show record numbers and ids,
never a person's name, so reading them is not a record access and is not logged as one; what
the officer does is in the history of the retention rows.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import DetailView, ListView, TemplateView, UpdateView

from zvhd.jobs.models import BUSY
from zvhd.jobs.views import JobDownloadView
from zvhd.network.models import Role
from zvhd.privacy import services
from zvhd.privacy.forms import (
    ExcludeItemForm,
    ExtensionForm,
    LegalHoldForm,
    LiftHoldForm,
    RecordLookupForm,
    RetentionPolicyForm,
    ReturnListForm,
)
from zvhd.privacy.models import (
    APPROVER_ROLES,
    REVIEWER_ROLES,
    DestructionItem,
    DestructionList,
    DestructionStatus,
    LegalHold,
    RetentionExtension,
    RetentionKind,
    RetentionPolicy,
)
from zvhd.privacy.registry import find_record
from zvhd.privacy.retention import is_held, retention_of
from zvhd.views import (
    PageOrLastMixin,
    RoleRequiredMixin,
    ScopedMixin,
    ServiceFormMixin,
    apply_service_errors,
)


class RetentionPolicyListView(RoleRequiredMixin, TemplateView):
    roles = {Role.PRIVACY_OFFICER}
    template_name = "privacy/retention_terms.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            policies=sorted(
                RetentionPolicy.objects.visible_to(user).select_related("updated_by"),
                key=lambda p: RetentionKind.values.index(p.kind),
            ),
            changes=list(
                RetentionPolicy.history.select_related("history_user").order_by("-history_date")[
                    :10
                ]
            ),
            holds=list(
                LegalHold.objects.visible_to(user)
                .filter(lifted_at__isnull=True)
                .select_related("placed_by")
            ),
            extensions=list(
                RetentionExtension.objects.visible_to(user).select_related("extended_by")[:50]
            ),
            lookup=RecordLookupForm(),
            **kwargs,
        )


class RetentionPolicyUpdateView(RoleRequiredMixin, ScopedMixin, ServiceFormMixin, UpdateView):
    roles = {Role.PRIVACY_OFFICER}
    model = RetentionPolicy
    form_class = RetentionPolicyForm
    template_name = "privacy/retention_term_form.html"
    log_reads = False  # a term, not a person's record
    success_message = "De bewaartermijn is gewijzigd."

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.update_retention_policy(
            policy=self.object,
            years=form.cleaned_data["years"],
            rationale=form.cleaned_data["rationale"],
            updated_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("privacy:retention_terms")


class RecordRetentionView(RoleRequiredMixin, TemplateView):
    """Look a record up by its number; extend its term once, or freeze it (and lift that)."""

    roles = {Role.PRIVACY_OFFICER}
    template_name = "privacy/record_retention.html"

    def lookup(self, data):
        form = RecordLookupForm(data)
        record = None
        if form.is_valid():
            record = find_record(form.cleaned_data["nummer"])
            if record is None:
                form.add_error(
                    "nummer",
                    "Er is geen casus, nazorgdossier, signaal of agendapunt met dit nummer. "
                    "Controleer het nummer (bijvoorbeeld 2026-0001, NZ-2026-0001, MH-2026-001 "
                    "of AP-12).",
                )
        return form, record

    def get(self, request, *args, **kwargs):
        form, record = self.lookup(request.GET if "nummer" in request.GET else None)
        return self.render_to_response(self.get_context_data(lookup=form, record=record))

    def get_context_data(self, *, lookup, record, **forms):
        context = super().get_context_data(lookup=lookup, record=record)
        if record is not None:
            context["retention"] = retention_of(record)
            context["extension_form"] = forms.get("extension_form") or ExtensionForm(
                prefix="verlengen"
            )
            context["hold_form"] = forms.get("hold_form") or LegalHoldForm(prefix="bevriezen")
            context["lift_form"] = forms.get("lift_form") or LiftHoldForm(prefix="opheffen")
        return context

    def post(self, request, *args, **kwargs):
        lookup, record = self.lookup(request.POST)
        if record is None:
            return self.render_to_response(self.get_context_data(lookup=lookup, record=None))
        action = request.POST.get("action")
        forms = {}
        try:
            if action == "verlengen":
                form = forms["extension_form"] = ExtensionForm(request.POST, prefix="verlengen")
                if form.is_valid():
                    services.extend_retention(
                        record=record,
                        extra_years=form.cleaned_data["extra_years"],
                        reason=form.cleaned_data["reason"],
                        extended_by=request.user,
                    )
                    return self.done(record, "De bewaartermijn is verlengd.")
            elif action == "bevriezen":
                form = forms["hold_form"] = LegalHoldForm(request.POST, prefix="bevriezen")
                if form.is_valid():
                    services.place_legal_hold(
                        record=record, reason=form.cleaned_data["reason"], placed_by=request.user
                    )
                    return self.done(record, "Het record is bevroren: het wordt niet vernietigd.")
            elif action == "opheffen":
                form = forms["lift_form"] = LiftHoldForm(request.POST, prefix="opheffen")
                hold = retention_of(record).active_hold
                if hold is None:
                    form.add_error(None, "Dit record is niet bevroren.")
                elif form.is_valid():
                    services.lift_legal_hold(
                        hold=hold, reason=form.cleaned_data["lift_reason"], lifted_by=request.user
                    )
                    return self.done(record, "De bevriezing is opgeheven.")
            else:
                return self.done(record, "")
        except ValidationError as error:
            apply_service_errors(form, error)
        return self.render_to_response(
            self.get_context_data(lookup=lookup, record=record, **forms), status=200
        )

    def done(self, record, message):
        if message:
            messages.success(self.request, message)
        url = reverse("privacy:record_retention") + "?" + urlencode({"nummer": record.number})
        return HttpResponseRedirect(url)


# ---------------------------------------------------------------------------------------------
# Destruction lists


class DestructionMixin(RoleRequiredMixin, ScopedMixin):
    roles = REVIEWER_ROLES | APPROVER_ROLES
    model = DestructionList
    log_reads = False  # numbers and ids only, no person data


class DestructionListsView(DestructionMixin, PageOrLastMixin, ListView):
    template_name = "privacy/destruction_lists.html"
    read_method = "for_list"
    paginate_by = 50


class DestructionListDetailView(DestructionMixin, DetailView):
    template_name = "privacy/destruction_list.html"
    read_method = "for_detail"

    def get_context_data(self, **kwargs):
        user = self.request.user
        obj = self.object
        items = list(obj.items.select_related("excluded_by", "content_type"))
        # Deliberately not LegalHold.objects.visible_to(user): the holds themselves are the
        # privacy officer's, but the manager approving this list must see which of its records
        # are frozen ("bevroren", not destroyed). Only that flag, for records on a list this
        # user may see, leaves here; a hold's reason and who placed it do not.
        held = set(
            LegalHold.objects.filter(
                lifted_at__isnull=True, object_id__in=[i.object_id for i in items]
            ).values_list("content_type_id", "object_id")
        )
        for item in items:
            item.held = (item.content_type_id, item.object_id) in held
        is_reviewer = user.has_role(*REVIEWER_ROLES)
        can_approve = (
            obj.status == DestructionStatus.REVIEWED
            and user.has_role(*APPROVER_ROLES)
            and obj.reviewed_by_id != user.pk
        )
        return super().get_context_data(
            items=items,
            included=sum(1 for i in items if not i.excluded and not i.held),
            held=sum(1 for i in items if i.held and not i.excluded),
            excluded=sum(1 for i in items if i.excluded),
            destroyed=sum(1 for i in items if i.destroyed_at),
            is_reviewer=is_reviewer,
            can_exclude=is_reviewer and obj.status == DestructionStatus.PROPOSED,
            can_review=is_reviewer and obj.status == DestructionStatus.PROPOSED,
            can_approve=can_approve,
            own_review=obj.status == DestructionStatus.REVIEWED and obj.reviewed_by_id == user.pk,
            # Not while either job runs: the button that starts a job is never offered then.
            can_retry=(
                obj.destroy_status in ("failed", "not_queued")
                or obj.certificate_status in ("failed", "not_queued")
            )
            and not {obj.destroy_status, obj.certificate_status} & BUSY,
            return_form=kwargs.pop("return_form", None) or ReturnListForm(),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        if request.GET.get("stand"):
            # The page polls its jobs' status partial while the destruction or certificate runs.
            self.object = self.get_object()
            return render(
                request, "privacy/partials/destruction_jobs.html", {"object": self.object}
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        action = request.POST.get("action")
        return_form = None
        try:
            if action == "beoordelen":
                if not request.user.has_role(*REVIEWER_ROLES):
                    raise ValidationError("Alleen de privacy officer beoordeelt een lijst.")
                services.review_destruction_list(
                    destruction_list=self.object, reviewed_by=request.user
                )
                messages.success(
                    request,
                    "De lijst is beoordeeld. Een tweede persoon (een andere privacy officer of "
                    "de manager) moet hem nu goedkeuren.",
                )
            elif action == "goedkeuren":
                services.approve_destruction_list(
                    destruction_list=self.object, approved_by=request.user
                )
                messages.success(
                    request,
                    "De lijst is goedgekeurd. De vernietiging loopt op de achtergrond; daarna "
                    "volgt de verklaring van vernietiging.",
                )
            elif action == "terugsturen":
                return_form = ReturnListForm(request.POST)
                if return_form.is_valid():
                    services.return_destruction_list(
                        destruction_list=self.object,
                        reason=return_form.cleaned_data["reason"],
                        returned_by=request.user,
                    )
                    messages.success(
                        request, "De lijst is teruggestuurd voor een nieuwe beoordeling."
                    )
                else:
                    return self.render_to_response(self.get_context_data(return_form=return_form))
            elif action == "opnieuw":
                services.retry_destruction(destruction_list=self.object, user=request.user)
                messages.success(request, "Opnieuw in de wachtrij gezet.")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            if return_form is not None:
                apply_service_errors(return_form, error)
                return self.render_to_response(self.get_context_data(return_form=return_form))
        return redirect("privacy:destruction_list", pk=self.object.pk)


class ExcludeItemView(RoleRequiredMixin, TemplateView):
    roles = REVIEWER_ROLES
    template_name = "privacy/destruction_exclude.html"

    def get_item(self):
        lists = DestructionList.objects.visible_to(self.request.user, "review")
        item = get_object_or_404(
            DestructionItem.objects.select_related("destruction_list"),
            pk=self.kwargs["item"],
            destruction_list__in=lists,
            destruction_list_id=self.kwargs["pk"],
        )
        # A frozen record is not destroyed anyway: the page says so instead of the form.
        item.held = is_held(item.content_type_id, item.object_id)
        return item

    def get(self, request, *args, **kwargs):
        item = self.get_item()
        return self.render_to_response(self.get_context_data(item=item, form=ExcludeItemForm()))

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        form = ExcludeItemForm(request.POST)
        if form.is_valid():
            try:
                services.exclude_destruction_item(
                    item=item, reason=form.cleaned_data["reason"], excluded_by=request.user
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, f"{item.number} wordt niet vernietigd.")
                return redirect("privacy:destruction_list", pk=item.destruction_list_id)
        return self.render_to_response(self.get_context_data(item=item, form=form))


class CertificateDownloadView(DestructionMixin, JobDownloadView):
    file_field = "certificate"

    def get_filename(self, obj) -> str:
        return f"verklaring-vernietiging-{obj.pk}.pdf"
