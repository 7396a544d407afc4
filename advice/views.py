"""Pages of the advice app: advice records, quick entry, the sociale kaart and signals.

Every page is role-guarded or scoped (zvhd.views); every write goes through advice.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, FormView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from advice import services
from advice.counts import counts_by_kind
from advice.filters import AdviceFilter, DirectoryFilter, SignalFilter
from advice.forms import (
    AdviceForm,
    DirectoryEntryForm,
    MunicipalityContactForm,
    PanelAdviceForm,
    QuickAdviceForm,
    SignalForm,
    SignalStatusForm,
)
from advice.models import (
    ADVICE_POLICY,
    CONVERT,
    DIRECTORY_POLICY,
    SIGNAL_POLICY,
    AdviceKind,
    AdviceRecord,
    DirectoryEntry,
    MunicipalityContact,
    PatternSignal,
    roles_for,
)
from advice.tables import AdviceTable, DirectoryTable, SignalTable
from zvhd.network.models import Municipality
from zvhd.permissions import CHANGE, VIEW
from zvhd.registers import CountedPaginator, RegisterExportMixin, RegisterMixin
from zvhd.tables import TablePaginatesMixin
from zvhd.views import (
    RoleRequiredMixin,
    ScopedListMixin,
    ScopedMixin,
    ServiceFormMixin,
    apply_service_errors,
)

# The registration form of the cases app, opened with `?advies=<pk>` after a conversion (see
# services.registration_initial); it links the new registration back to the advice record.
REGISTRATION_FORM_URL_NAME = "cases:register"


def may(user, model, action, obj) -> bool:
    """Whether `user` may do `action` on `obj`, asked through the model's one door."""
    return model.objects.visible_to(user, action).filter(pk=obj.pk).exists()


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# --- advice records --------------------------------------------------------------------------
class AdviceListView(
    RoleRequiredMixin,
    RegisterMixin,
    ScopedListMixin,
    SingleTableMixin,
    FilterView,
):
    roles = roles_for(ADVICE_POLICY, VIEW)
    model = AdviceRecord
    read_method = "for_list"
    table_class = AdviceTable
    filterset_class = AdviceFilter
    paginate_by = 25  # a question column wraps: 50 rows made a page of 9.000 px
    template_name = "advice/advice_list.html"
    list_name = "advice:list"
    export_name = "advice:list_export"
    register_title = _("Adviesvragen")
    register_noun = _("adviesvragen")
    register_noun_one = _("adviesvraag")
    register_order_note = _("open vragen eerst, daarna de nieuwste")

    def get_queryset(self):
        return super().get_queryset().open_first()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["user"] = self.request.user
        return kwargs

    @cached_property
    def counts(self) -> dict[str, int]:
        """The filtered list's questions per kind: one GROUP BY (kept in the cache until an
        advice record changes: advice.counts), which also gives the total that the table's
        paginator and the caption show (before, two more COUNTs of the same list: ListView's
        pagination by `paginate_by` and django-tables2's; issue 24)."""
        return counts_by_kind(self.object_list)

    def get_table_pagination(self, table):
        paginate = super().get_table_pagination(table)
        if paginate is not False:
            paginate.update(paginator_class=CountedPaginator, count=sum(self.counts.values()))
        return paginate

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = self.counts
        context["by_kind"] = [(label, counts.get(value, 0)) for value, label in AdviceKind.choices]
        context["total"] = sum(counts.values())
        context["can_add"] = self.request.user.has_role(*roles_for(ADVICE_POLICY, CHANGE))
        return context


class AdviceListExportView(RegisterExportMixin, AdviceListView):
    file_stem = "adviesvragen"


class AdviceDetailView(ScopedMixin, DetailView):
    model = AdviceRecord
    read_method = "for_detail"
    template_name = "advice/advice_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_change"] = may(user, AdviceRecord, CHANGE, self.object)
        context["can_convert"] = not self.object.is_converted and may(
            user, AdviceRecord, CONVERT, self.object
        )
        context["history"] = self.object.history.select_related("history_user")[:10]
        return context


class AdviceFormMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs


class AdviceCreateView(RoleRequiredMixin, AdviceFormMixin, ServiceFormMixin, CreateView):
    roles = roles_for(ADVICE_POLICY, CHANGE)
    model = AdviceRecord
    form_class = AdviceForm
    template_name = "advice/advice_form.html"
    success_message = _("De adviesvraag is vastgelegd.")

    def perform(self, form):
        return services.record_advice(advice=form.save(commit=False), recorded_by=self.request.user)

    def get_success_url(self):
        return reverse("advice:detail", args=[self.result.pk])


class AdviceUpdateView(ScopedMixin, AdviceFormMixin, ServiceFormMixin, UpdateView):
    model = AdviceRecord
    action = CHANGE
    read_method = "for_detail"
    form_class = AdviceForm
    template_name = "advice/advice_form.html"
    success_message = _("De wijzigingen zijn opgeslagen.")

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.update_advice(
            advice=form.save(commit=False),
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("advice:detail", args=[self.object.pk])


class QuickAdviceView(RoleRequiredMixin, ServiceFormMixin, FormView):
    """The phone form: log a question in seconds, then straight on to the next call."""

    roles = roles_for(ADVICE_POLICY, CHANGE)
    form_class = QuickAdviceForm
    template_name = "advice/advice_quick.html"

    def get_form_class(self):
        # The start-page panel posts a shorter form; its errors come back on this page.
        if self.request.method == "POST" and self.request.POST.get("form") == "panel":
            return PanelAdviceForm
        return QuickAdviceForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["instance"] = AdviceRecord()
        return kwargs

    def perform(self, form):
        advice = services.record_advice(
            advice=form.save(commit=False), recorded_by=self.request.user
        )
        self.request.session["advice_last_saved"] = advice.pk
        return advice

    def get_success_message(self, form):
        advice = self.result
        return _("Vastgelegd: %(kind)s van %(who)s (%(org)s).") % {
            "kind": advice.get_kind_display().lower(),
            "who": advice.requester_name,
            "org": advice.organisation,
        }

    def get_success_url(self):
        return safe_next(self.request, reverse("advice:quick"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        last = self.request.session.get("advice_last_saved")
        context["last_saved"] = last
        context["next"] = safe_next(self.request, "")
        return context


class AdviceConvertView(ScopedMixin, DetailView):
    """Turn an advice record into a registration: confirm (GET), then convert (POST)."""

    model = AdviceRecord
    action = CONVERT
    read_method = "for_detail"
    template_name = "advice/advice_convert.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["initial"] = services.registration_initial(self.object)
        return context

    def post(self, request, *args, **kwargs):
        advice = self.get_object()
        try:
            services.convert_to_registration(advice=advice, converted_by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("advice:detail", pk=advice.pk)
        try:
            target = reverse(REGISTRATION_FORM_URL_NAME)
        except NoReverseMatch:
            messages.warning(
                request,
                _(
                    "De vraag is omgezet in een aanmelding. Het aanmeldformulier is nog niet "
                    "beschikbaar; de gegevens van deze vraag staan klaar om over te nemen."
                ),
            )
            return redirect("advice:detail", pk=advice.pk)
        messages.success(request, _("Vul de aanmelding aan; de gegevens van de vraag staan erin."))
        return HttpResponseRedirect(f"{target}?advies={advice.pk}")


# --- the sociale kaart ----------------------------------------------------------------------
class DirectoryListView(
    RoleRequiredMixin, TablePaginatesMixin, ScopedListMixin, SingleTableMixin, FilterView
):
    roles = roles_for(DIRECTORY_POLICY, VIEW)
    model = DirectoryEntry
    read_method = "for_list"
    table_class = DirectoryTable
    filterset_class = DirectoryFilter
    paginate_by = 50
    template_name = "advice/directory_list.html"
    # Work contact details of professionals, published to the whole network on purpose: not a
    # record about a person, so reading the directory is not logged.
    log_reads = False

    def get_queryset(self):
        return super().get_queryset().filter(active=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        contacts = {
            c.municipality_id: c for c in MunicipalityContact.objects.visible_to(user).for_list()
        }
        context["municipality_contacts"] = [
            (m, contacts.get(m.pk)) for m in Municipality.objects.all()
        ]
        context["can_change"] = user.has_role(*roles_for(DIRECTORY_POLICY, CHANGE))
        return context


class DirectoryDetailView(ScopedMixin, DetailView):
    model = DirectoryEntry
    read_method = "for_list"
    template_name = "advice/directory_detail.html"
    log_reads = False  # see DirectoryListView

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = may(self.request.user, DirectoryEntry, CHANGE, self.object)
        return context


class DirectoryFormMixin(ServiceFormMixin):
    model = DirectoryEntry
    form_class = DirectoryEntryForm
    template_name = "advice/directory_form.html"
    success_message = _("Het contact is opgeslagen.")

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.save_directory_entry(
            entry=form.save(commit=False),
            topics=form.cleaned_data["topics"],
            municipalities=form.cleaned_data["municipalities"],
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("advice:directory_detail", args=[self.result.pk])


class DirectoryCreateView(RoleRequiredMixin, DirectoryFormMixin, CreateView):
    roles = roles_for(DIRECTORY_POLICY, CHANGE)


class DirectoryUpdateView(DirectoryFormMixin, ScopedMixin, UpdateView):
    action = CHANGE
    log_reads = False


class MunicipalityContactView(RoleRequiredMixin, ServiceFormMixin, FormView):
    """Set the ZVHD contact person of one municipality (one row per municipality)."""

    roles = roles_for(DIRECTORY_POLICY, CHANGE)
    form_class = MunicipalityContactForm
    template_name = "advice/municipality_contact_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.municipality = get_object_or_404(Municipality, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def versioned_object(self):
        if not hasattr(self, "contact"):
            self.contact = MunicipalityContact.objects.visible_to(self.request.user, CHANGE).filter(
                municipality=self.municipality
            ).first() or MunicipalityContact(municipality=self.municipality)
        return self.contact

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.versioned_object()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["municipality"] = self.municipality
        return context

    def perform(self, form):
        return services.save_municipality_contact(
            contact=form.save(commit=False),
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_message(self, form):
        return _("De ZVHD-contactpersoon van %(m)s is opgeslagen.") % {"m": self.municipality}

    def get_success_url(self):
        return reverse("advice:directory")


# --- signals --------------------------------------------------------------------------------
class SignalListView(
    RoleRequiredMixin, TablePaginatesMixin, ScopedListMixin, SingleTableMixin, FilterView
):
    roles = roles_for(SIGNAL_POLICY, VIEW)
    model = PatternSignal
    read_method = "for_list"
    table_class = SignalTable
    filterset_class = SignalFilter
    paginate_by = 50
    template_name = "advice/signal_list.html"
    # Signals hold counts and patterns, never person data (the form refuses it).
    log_reads = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = self.request.user.has_role(*roles_for(SIGNAL_POLICY, CHANGE))
        return context


class SignalDetailView(ScopedMixin, DetailView):
    model = PatternSignal
    read_method = "for_detail"
    template_name = "advice/signal_detail.html"
    log_reads = False  # see SignalListView

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = may(self.request.user, PatternSignal, CHANGE, self.object)
        if context["can_change"] and self.object.allowed_next():
            context["status_form"] = kwargs.get("status_form") or SignalStatusForm(
                signal=self.object
            )
        context["history"] = self.object.history.select_related("history_user")[:10]
        return context


class SignalCreateView(RoleRequiredMixin, ServiceFormMixin, CreateView):
    roles = roles_for(SIGNAL_POLICY, CHANGE)
    model = PatternSignal
    form_class = SignalForm
    template_name = "advice/signal_form.html"
    success_message = _("Het signaal is vastgelegd.")

    def perform(self, form):
        return services.record_signal(signal=form.save(commit=False), recorded_by=self.request.user)

    def get_success_url(self):
        return reverse("advice:signal_detail", args=[self.result.pk])


class SignalUpdateView(ScopedMixin, ServiceFormMixin, UpdateView):
    model = PatternSignal
    action = CHANGE
    form_class = SignalForm
    template_name = "advice/signal_form.html"
    log_reads = False
    success_message = _("De wijzigingen zijn opgeslagen.")

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.update_signal(
            signal=form.save(commit=False),
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("advice:signal_detail", args=[self.object.pk])


class SignalStatusView(SignalDetailView):
    """POST: move a signal to its next status; errors come back on the detail page."""

    action = CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = SignalStatusForm(request.POST, signal=self.object)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.change_signal_status(
                    signal=self.object,
                    to_status=data["to_status"],
                    changed_by=request.user,
                    reason=data.get("reason", ""),
                    addressed_to=data.get("addressed_to"),
                    addressed_to_body=data.get("addressed_to_body", ""),
                    addressed_on=data.get("addressed_on"),
                    response=data.get("response", ""),
                    follow_up=data.get("follow_up", ""),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("De status is bijgewerkt."))
                return redirect("advice:signal_detail", pk=self.object.pk)
        context = self.get_context_data(object=self.object, status_form=form)
        return self.render_to_response(context, status=200)
