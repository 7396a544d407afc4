"""Pages of the trafficking register.

Every page reaches signals through `Signal.objects.visible_to` (ScopedMixin) and, for a user
without the right to identities, through `for_user()`, which leaves the identity columns in
the database. Templates get `show_identity` and never touch those columns without it.
"""

from __future__ import annotations

import csv
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import (
    CreateView,
    DetailView,
    FormView,
    ListView,
    TemplateView,
    UpdateView,
    View,
)
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from trafficking import services
from trafficking.figures import figures_for_year, signals_per_year
from trafficking.filters import SignalFilter
from trafficking.forms import (
    AwarenessForm,
    ComenshaForm,
    DecisionForm,
    ExportForm,
    FollowUpForm,
    FollowUpStatusForm,
    IndicatorForm,
    IndicatorsForm,
    MeetingForm,
    SignalEditForm,
)
from trafficking.models import (
    EXPORT,
    FIGURE_ROLES,
    IDENTIFY,
    IDENTITY_FIELDS,
    POLICY,
    AgendaItem,
    AwarenessActivity,
    DrieluikMeeting,
    FollowUp,
    Indicator,
    IndicatorObservation,
    Observation,
    Signal,
    may,
)
from trafficking.tables import PseudonymisedSignalTable, SignalTable
from zvhd.network.models import Role
from zvhd.permissions import CHANGE
from zvhd.privacy.services import log_access, log_list_access
from zvhd.registers import RegisterExportMixin, RegisterMixin
from zvhd.versions import Change, Changes
from zvhd.views import (
    PageOrLastMixin,
    RoleRequiredMixin,
    ScopedListMixin,
    ScopedMixin,
    ServiceFormMixin,
    show_conflict,
)
from zvhd.vocabulary import Gender

REGISTER_ROLES = set(POLICY)  # may open the register's pages at all
CHAIN_DIRECTOR = {Role.KETENREGISSEUR_MENSENHANDEL}


class IdentityMixin:
    """Adds `show_identity`, and hides the identity columns from users without it."""

    def get_queryset(self):
        return super().get_queryset().for_user(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["show_identity"] = may(self.request.user, IDENTIFY)
        context["can_change"] = may(self.request.user, CHANGE)
        return context


# Signals -------------------------------------------------------------------------------------


class SignalListView(
    RoleRequiredMixin, RegisterMixin, IdentityMixin, ScopedListMixin, SingleTableMixin, FilterView
):
    roles = REGISTER_ROLES
    model = Signal
    read_method = "for_list"
    filterset_class = SignalFilter
    paginate_by = 50
    template_name = "trafficking/signal_list.html"
    list_name = "trafficking:signal_list"
    export_name = "trafficking:signal_list_export"
    register_title = _("Signalen mensenhandel")
    register_noun = _("signalen")
    register_noun_one = _("signaal")
    register_order_note = _("lopende signalen eerst, nieuwste eerst")

    def get_queryset(self):
        return super().get_queryset().open_first()

    def get_table_class(self):
        return SignalTable if may(self.request.user, IDENTIFY) else PseudonymisedSignalTable

    # The mixin would log the whole filtered list; log the rows of the page actually shown.
    log_reads = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        table = context["table"]
        rows = table.page.object_list if getattr(table, "page", None) else table.rows
        log_list_access(request=self.request, objects=[row.record for row in rows])
        return context


class SignalListExportView(RegisterExportMixin, SignalListView):
    """The register as the reader sees it: without identities, the pseudonymised table."""

    file_stem = "signalen-mensenhandel"


class SignalDetailView(IdentityMixin, ScopedMixin, DetailView):
    model = Signal
    read_method = "for_detail"
    template_name = "trafficking/signal_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        signal = self.object
        context["observations"] = (
            IndicatorObservation.objects.visible_to(user)
            .filter(signal=signal)
            .select_related("indicator")
        )
        context["follow_ups"] = (
            FollowUp.objects.visible_to(user).filter(signal=signal).select_related("case")
        )
        context["agenda_items"] = (
            AgendaItem.objects.visible_to(user)
            .filter(signal=signal)
            .select_related("meeting")
            .order_by("meeting__held_on")
        )
        context["breadcrumbs"] = [
            {"label": _("Signalen mensenhandel"), "url": reverse("trafficking:signal_list")},
            {"label": signal.reference, "url": ""},
        ]
        context["comensha_form"] = ComenshaForm(initial={"reported_on": timezone.localdate()})
        context["follow_up_status_form"] = FollowUpStatusForm()
        return context


class SignalCreateView(RoleRequiredMixin, ServiceFormMixin, CreateView):
    roles = CHAIN_DIRECTOR
    model = Signal
    form_class = SignalEditForm
    template_name = "trafficking/signal_form.html"

    def perform(self, form):
        return services.register_signal(
            signal=form.save(commit=False),
            forms=form.cleaned_data["forms"],
            registered_by=self.request.user,
        )

    def get_success_message(self, form):
        return _("Signaal %(ref)s is geregistreerd.") % {"ref": self.result.reference}

    def get_success_url(self):
        return reverse("trafficking:signal_detail", args=[self.result.pk])


class SignalUpdateView(ScopedMixin, ServiceFormMixin, UpdateView):
    model = Signal
    action = CHANGE
    read_method = "for_detail"
    form_class = SignalEditForm
    template_name = "trafficking/signal_form.html"
    success_message = _("Het signaal is bijgewerkt.")

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.update_signal(
            signal=form.save(commit=False),
            forms=form.cleaned_data["forms"],
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("trafficking:signal_detail", args=[self.object.pk])


class SignalObjectMixin(ScopedMixin, SingleObjectMixin):
    """A page about one signal that changes it (chain director)."""

    model = Signal
    action = CHANGE
    read_method = "for_detail"

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)


class SignalIndicatorsView(SignalObjectMixin, ServiceFormMixin, FormView):
    template_name = "trafficking/signal_indicators.html"
    success_message = _("De indicatoren zijn opgeslagen.")

    def get_form_class(self):
        # Through the house view's get_form, which adds the signal's version to the form.
        return partial(IndicatorsForm, signal=self.object)

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.record_indicators(
            signal=self.object,
            observations=form.observations(),
            recorded_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def conflict(self, form, conflict):
        """The rows are not fields of the signal: show, per indicator, where the stored
        observations differ from the editor's input (which stays in the form)."""
        show_conflict(form, conflict, self.conflict_message)
        stored = {o.indicator_id: o for o in conflict.current.observations.all()}
        labels = dict(Observation.choices)

        def readable(status, source):
            if not status:
                return str(_("niet beoordeeld"))
            return str(labels.get(status, status)) + (f" ({source})" if source else "")

        changes = []
        for indicator_id, (status, source) in form.observations().items():
            row = stored.get(indicator_id)
            theirs = (row.status, row.source) if row is not None else ("", "")
            if theirs != (status, source):
                indicator = next(i for i in form.indicators if i.pk == indicator_id)
                changes.append(
                    Change(
                        label=indicator.text,
                        old=readable(status, source),
                        new=readable(*theirs),
                    )
                )
        form.conflict = Changes(changes, form.conflict.by, form.conflict.at, known=False)
        context = self.get_context_data(form=form, conflict=form.conflict)
        context["current"] = conflict.current
        return self.render_to_response(context)

    def get_success_url(self):
        return reverse("trafficking:signal_detail", args=[self.object.pk])


class FollowUpCreateView(SignalObjectMixin, ServiceFormMixin, FormView):
    form_class = FollowUpForm
    template_name = "trafficking/follow_up_form.html"
    success_message = _("De opvolging is vastgelegd.")

    def get_initial(self):
        return {"decided_on": timezone.localdate()}

    def perform(self, form):
        return services.start_follow_up(
            signal=self.object,
            kind=form.cleaned_data["kind"],
            decided_on=form.cleaned_data["decided_on"],
            responsible=form.cleaned_data["responsible"],
            note=form.cleaned_data["note"],
            started_by=self.request.user,
        )

    def get_success_url(self):
        return reverse("trafficking:signal_detail", args=[self.object.pk])


class FollowUpStatusView(ScopedMixin, SingleObjectMixin, View):
    model = FollowUp
    action = CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        follow_up = self.get_object()
        form = FollowUpStatusForm(request.POST)
        if form.is_valid():
            try:
                services.change_follow_up_status(
                    follow_up=follow_up,
                    status=form.cleaned_data["status"],
                    on=form.cleaned_data["on"],
                    changed_by=request.user,
                )
                messages.success(request, _("De status van de opvolging is gewijzigd."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, _("Vul een geldige datum in."))
        return redirect("trafficking:signal_detail", pk=follow_up.signal_id)


class ComenshaReportView(SignalObjectMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ComenshaForm(request.POST)
        if form.is_valid():
            try:
                services.mark_reported_to_comensha(
                    signal=self.object,
                    reported_on=form.cleaned_data["reported_on"],
                    reported_by=request.user,
                )
                messages.success(request, _("Vastgelegd: gemeld bij CoMensha."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, _("Vul de datum in waarop het signaal is gemeld."))
        return redirect("trafficking:signal_detail", pk=self.object.pk)


class SignalReopenView(SignalObjectMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.reopen_signal(signal=self.object, reopened_by=request.user)
            messages.success(request, _("Het signaal is heropend."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("trafficking:signal_detail", pk=self.object.pk)


# CoMensha export -----------------------------------------------------------------------------

# What CoMensha asks for, anonymised: never a name, BSN, birth date or free text.
COMENSHA_COLUMNS = [
    ("reference", "registratienummer"),
    ("month", "maand_signaal"),
    ("forms", "vormen_uitbuiting"),
    ("sector", "sector"),
    ("country_of_origin", "land_van_herkomst"),
    ("age_class", "leeftijdsklasse"),
    ("gender", "geslacht"),
    ("minor", "minderjarig"),
]


# CoMensha's own gender codes in its file (the file's format, not ours).
COMENSHA_GENDER = {
    Gender.FEMALE: "v",
    Gender.MALE: "m",
    Gender.OTHER: "x",
    Gender.UNKNOWN: "onbekend",
}


class ComenshaExportView(RoleRequiredMixin, FormView):
    roles = CHAIN_DIRECTOR
    form_class = ExportForm
    template_name = "trafficking/comensha_export.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "year" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get_initial(self):
        return {"year": timezone.localdate().year}

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bound and form.is_valid():
            return self.export(form.cleaned_data["year"], form.cleaned_data["only_unreported"])
        return self.render_to_response(self.get_context_data(form=form))

    def export(self, year: int, only_unreported: bool) -> HttpResponse:
        signals = (
            Signal.objects.visible_to(self.request.user, EXPORT)
            .in_year(year)
            .only(
                "pk",
                "reference",
                "received_on",
                "sector",
                "country_of_origin",
                "age_class",
                "gender",
                "minor",
                "comensha_reported_on",
            )
            .prefetch_related("forms")
            .order_by("received_on", "pk")
        )
        if only_unreported:
            signals = signals.filter(comensha_reported_on__isnull=True)
        signals = list(signals)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="comensha-{year}.csv"'
        writer = csv.writer(response, delimiter=";")
        writer.writerow([header for _key, header in COMENSHA_COLUMNS])
        for signal in signals:
            writer.writerow(comensha_row(signal))
        _log_export(self.request, signals, year=year, only_unreported=only_unreported)
        return response


def comensha_row(signal: Signal) -> list[str]:
    values = {
        "reference": signal.reference,
        "month": signal.received_on.strftime("%Y-%m"),
        "forms": "|".join(sorted(signal.form_values)),
        "sector": signal.sector,
        "country_of_origin": signal.country_of_origin or "onbekend",
        "age_class": signal.age_class,
        "gender": COMENSHA_GENDER[signal.gender],
        "minor": signal.minor,
    }
    return [values[key] for key, _header in COMENSHA_COLUMNS]


def _log_export(request, signals, *, year: int, only_unreported: bool) -> None:
    """The house's one export policy (zvhd.exports): one row per signal in the file, in one
    INSERT, as one export with what it was. The file itself keeps Comensha's own format."""
    from zvhd.privacy.services import log_export

    description = _("Aanlevering Comensha %(year)s") % {"year": year}
    if only_unreported:
        description += str(_(" (alleen nog niet gemelde signalen)"))
    log_export(
        request=request,
        model=Signal,
        object_ids=[s.pk for s in signals],
        description=str(description),
    )


# Drieluik ------------------------------------------------------------------------------------


class MeetingListView(RoleRequiredMixin, PageOrLastMixin, ScopedListMixin, ListView):
    roles = REGISTER_ROLES
    model = DrieluikMeeting
    read_method = "for_list"
    paginate_by = 25
    template_name = "trafficking/meeting_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = may(self.request.user, CHANGE)
        context["waiting"] = Signal.objects.visible_to(self.request.user).for_agenda().count()
        return context


class MeetingCreateView(RoleRequiredMixin, CreateView):
    roles = CHAIN_DIRECTOR
    model = DrieluikMeeting
    form_class = MeetingForm
    template_name = "trafficking/meeting_form.html"

    def get_initial(self):
        return {"held_on": timezone.localdate(), "attendees": [self.request.user.pk]}

    def form_valid(self, form):
        meeting = services.plan_meeting(
            held_on=form.cleaned_data["held_on"],
            location=form.cleaned_data["location"],
            attendees=form.cleaned_data["attendees"],
            other_attendees=form.cleaned_data["other_attendees"],
            planned_by=self.request.user,
        )
        count = meeting.items.count()
        messages.success(
            self.request,
            ngettext(
                "Het Drieluik is aangemaakt met %(n)s signaal op de agenda.",
                "Het Drieluik is aangemaakt met %(n)s signalen op de agenda.",
                count,
            )
            % {"n": count},
        )
        return redirect("trafficking:meeting_detail", pk=meeting.pk)


class MeetingDetailView(ScopedMixin, DetailView):
    model = DrieluikMeeting
    read_method = "for_detail"
    template_name = "trafficking/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        identify = may(user, IDENTIFY)
        items = (
            AgendaItem.objects.visible_to(user)
            .filter(meeting=self.object)
            .select_related("signal", "signal__municipality", "signal__reporting_organisation")
            .prefetch_related("signal__forms", "follow_ups")
        )
        if not identify:
            items = items.defer(*(f"signal__{name}" for name in IDENTITY_FIELDS), "discussion")
        items = list(items)
        log_list_access(request=self.request, objects=[item.signal for item in items])
        context.update(
            items=items,
            show_identity=identify,
            can_change=may(user, CHANGE),
            decision_form=DecisionForm(initial={"decided_on": self.object.held_on}),
        )
        return context


class MeetingAgendaView(ScopedMixin, SingleObjectMixin, View):
    """Put the signals that came in since the agenda was made on it as well."""

    model = DrieluikMeeting
    action = CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        added = services.add_open_signals_to_agenda(meeting=meeting, added_by=request.user)
        messages.success(request, _("%(n)s signalen toegevoegd aan de agenda.") % {"n": added})
        return redirect("trafficking:meeting_detail", pk=meeting.pk)


class AgendaItemDecisionView(ScopedMixin, SingleObjectMixin, ServiceFormMixin, FormView):
    model = AgendaItem
    action = CHANGE
    form_class = DecisionForm
    template_name = "trafficking/decision_form.html"

    def get_queryset(self):
        return super().get_queryset().select_related("meeting", "signal")

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.meeting.planned:
            # The meeting page offers no form before its day; an old link or a bookmark says why.
            messages.info(request, services.meeting_not_held_message(self.object.meeting))
            return redirect("trafficking:meeting_detail", pk=self.object.meeting_id)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"decided_on": self.object.meeting.held_on, "discussion": self.object.discussion}

    def perform(self, form):
        return services.record_decision(
            item=self.object,
            discussion=form.cleaned_data["discussion"],
            decision=form.cleaned_data["decision"],
            decided_on=form.cleaned_data["decided_on"],
            responsible=form.cleaned_data["responsible"],
            decided_by=self.request.user,
        )

    def get_success_message(self, form):
        if self.result is None:
            return _("Besluit vastgelegd: opnieuw bespreken.")
        return _("Besluit vastgelegd; opvolging: %(kind)s.") % {
            "kind": self.result.get_kind_display()
        }

    def get_success_url(self):
        return (
            reverse("trafficking:meeting_detail", args=[self.object.meeting_id])
            + f"#item-{self.object.pk}"
        )


# Awareness work ------------------------------------------------------------------------------


class AwarenessListView(RoleRequiredMixin, PageOrLastMixin, ListView):
    roles = REGISTER_ROLES
    model = AwarenessActivity
    paginate_by = 50
    template_name = "trafficking/awareness_list.html"

    def get_queryset(self):
        # No personal data (audience and counts), so not a guarded model; the roles guard.
        return AwarenessActivity.objects.select_related("municipality").order_by("-held_on")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = may(self.request.user, CHANGE)
        return context


class AwarenessCreateView(RoleRequiredMixin, ServiceFormMixin, CreateView):
    roles = CHAIN_DIRECTOR
    model = AwarenessActivity
    form_class = AwarenessForm
    template_name = "trafficking/awareness_form.html"

    def get_initial(self):
        return {"held_on": timezone.localdate()}

    success_message = _("De activiteit is vastgelegd.")

    def perform(self, form):
        return services.record_awareness_activity(
            activity=form.save(commit=False), recorded_by=self.request.user
        )

    def get_success_url(self):
        return reverse("trafficking:awareness_list")


# Indicator reference list --------------------------------------------------------------------


class IndicatorListView(RoleRequiredMixin, ListView):
    roles = {Role.KETENREGISSEUR_MENSENHANDEL, Role.DRIELUIK_LID}
    model = Indicator
    template_name = "trafficking/indicator_list.html"

    def get_queryset(self):
        return Indicator.objects.order_by("form", "order", "code")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = may(self.request.user, CHANGE)
        return context


class IndicatorFormMixin(RoleRequiredMixin, ServiceFormMixin):
    roles = CHAIN_DIRECTOR
    model = Indicator
    form_class = IndicatorForm
    template_name = "trafficking/indicator_form.html"
    success_message = _("De indicator is opgeslagen.")

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.save_indicator(
            indicator=form.save(commit=False),
            saved_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("trafficking:indicator_list")


class IndicatorCreateView(IndicatorFormMixin, CreateView):
    pass


class IndicatorUpdateView(IndicatorFormMixin, UpdateView):
    def get_queryset(self):
        return Indicator.objects.order_by("pk")


# Figures -------------------------------------------------------------------------------------


class FiguresView(RoleRequiredMixin, TemplateView):
    """Counts only. Without the right to identities, small municipal counts show as "<5"."""

    roles = FIGURE_ROLES
    template_name = "trafficking/figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            year = int(self.request.GET.get("jaar") or timezone.localdate().year)
        except ValueError:
            year = timezone.localdate().year
        year = min(max(year, 2000), 2100)
        # Counts are not a person's record, but the register wants every read on file.
        log_access(request=self.request, model=Signal, object_id=f"cijfers-{year}")
        context.update(
            year=year,
            figures=figures_for_year(year),
            per_year=signals_per_year(),
            suppress_small=not may(self.request.user, IDENTIFY),
            can_see_register=may(self.request.user, "view"),
        )
        return context
