"""Aftercare pages. Every page reaches records through `AftercareRecord.objects.visible_to`
(via the house mixins); every write is one service call."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from aftercare import forms, services
from aftercare.figures import DEFINITIONS, figures_for
from aftercare.filters import RecordFilter
from aftercare.models import (
    DETAIL,
    EXTRA_CONDITIONS,
    LINK,
    SUMMARY,
    TRANSITIONS,
    AftercareRecord,
    Condition,
    ConditionKind,
    Participation,
    Status,
)
from aftercare.tables import RecordTable
from zvhd.network.models import Municipality, Role
from zvhd.permissions import CHANGE
from zvhd.privacy.models import AccessAction
from zvhd.registers import RegisterExportMixin, RegisterMixin
from zvhd.views import (
    PageOrLastMixin,
    RoleRequiredMixin,
    ScopedListMixin,
    ScopedMixin,
    ServiceFormMixin,
    deny,
)

COORDINATOR = {Role.NAZORGCOORDINATOR}
FIGURES_ROLES = {Role.NAZORGCOORDINATOR, Role.MANAGER}
PARTICIPATION_VIEW = {Role.NAZORGCOORDINATOR, Role.MANAGER}
PARTICIPATION_EDIT = {Role.MANAGER}


class AftercareScopedMixin(ScopedMixin):
    model = AftercareRecord
    context_object_name = "record"

    @property
    def log_action(self) -> str:
        # Reading a record's detail, summary or link is a read, not a change.
        return AccessAction.CHANGE if self.action == CHANGE else AccessAction.VIEW


# ---------------------------------------------------------------------------------------------
# Lists and overviews


class RecordListView(
    RoleRequiredMixin,
    RegisterMixin,
    AftercareScopedMixin,
    ScopedListMixin,
    SingleTableMixin,
    FilterView,
):
    context_object_name = "records"
    roles = COORDINATOR
    read_method = "for_list"
    table_class = RecordTable
    filterset_class = RecordFilter
    paginate_by = 25
    template_name = "aftercare/record_list.html"
    list_name = "aftercare:record_list"
    export_name = "aftercare:record_list_export"
    register_title = gettext_lazy("Nazorgdossiers")
    register_noun = gettext_lazy("nazorgdossiers")
    register_noun_one = gettext_lazy("nazorgdossier")
    register_order_note = gettext_lazy(
        "lopende dossiers eerst, het eerstvolgende ontslag bovenaan; afgesloten dossiers "
        "daarna, het laatste ontslag eerst"
    )

    def get_queryset(self):
        return super().get_queryset().open_first()


class RecordListExportView(RegisterExportMixin, RecordListView):
    file_stem = "nazorgdossiers"


class MunicipalListView(
    RoleRequiredMixin, AftercareScopedMixin, PageOrLastMixin, ScopedListMixin, ListView
):
    """A municipal contact's summary list: the records of their own residents."""

    context_object_name = "records"

    roles = {Role.GEMEENTELIJK_CONTACTPERSOON}
    read_method = "for_summary_list"
    paginate_by = 50
    template_name = "aftercare/municipal_list.html"

    def get_queryset(self):
        return self.scoped_queryset(SUMMARY)


class ReleasesView(RoleRequiredMixin, AftercareScopedMixin, ScopedListMixin, ListView):
    """Releases in the coming weeks with the conditions still open."""

    context_object_name = "records"

    roles = COORDINATOR
    template_name = "aftercare/releases.html"
    WEEKS = (2, 4, 6, 8)

    def weeks(self) -> int:
        try:
            weeks = int(self.request.GET.get("weken", 6))
        except ValueError:
            weeks = 6
        return weeks if weeks in self.WEEKS else 6

    def get_queryset(self):
        today = timezone.localdate()
        return self.scoped_queryset(DETAIL).releases_between(
            today - timedelta(days=7), today + timedelta(weeks=self.weeks())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["weeks"] = self.weeks()
        context["week_choices"] = self.WEEKS
        context["today"] = today = timezone.localdate()
        # Older than last week and still without a release: not on this page, so counted and
        # linked (the register's filter lists them).
        context["older_overdue"] = (
            self.scoped_queryset(DETAIL).release_overdue(today - timedelta(days=7)).count()
        )
        # Each label translated once, not once per badge: get_kind_display() hashes every
        # choice's lazy label on each call, a gettext each (212 releases with their open
        # conditions at 1M: a third of the page's CPU; issue 24).
        labels = {kind: capfirst(str(label)) for kind, label in ConditionKind.choices}
        for record in context["object_list"]:
            for condition in record.open_condition_list:
                condition.label = labels.get(condition.kind, condition.kind)
        return context


class FiguresView(RoleRequiredMixin, TemplateView):
    roles = FIGURES_ROLES
    template_name = "aftercare/figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_year = timezone.localdate().year
        try:
            year = int(self.request.GET.get("jaar", this_year))
        except ValueError:
            year = this_year
        year = min(max(year, 2015), this_year)
        context["figures"] = figures_for(year)
        context["definitions"] = DEFINITIONS
        context["years"] = list(range(this_year, this_year - 6, -1))
        return context


class ParticipationView(RoleRequiredMixin, ServiceFormMixin, FormView):
    """The participating municipalities per year; management edits, the coordinator reads."""

    roles = PARTICIPATION_VIEW
    form_class = forms.ParticipationForm
    template_name = "aftercare/participation.html"

    def get_initial(self):
        year = timezone.localdate().year
        return {
            "year": year,
            "municipalities": list(Participation.objects.municipalities_in(year)),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_year: dict[int, list[str]] = {}
        for participation in Participation.objects.select_related("municipality"):
            by_year.setdefault(participation.year, []).append(participation.municipality.name)
        context["by_year"] = sorted(by_year.items(), reverse=True)
        context["can_edit"] = self.request.user.has_role(*PARTICIPATION_EDIT)
        context["municipality_count"] = Municipality.objects.count()
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_role(*PARTICIPATION_EDIT):
            deny(request, model=Participation)
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.set_participation(
            year=form.cleaned_data["year"],
            municipalities=form.cleaned_data["municipalities"],
            changed_by=self.request.user,
        )

    def get_success_message(self, form):
        return _("De deelnemende gemeenten van %(year)s zijn opgeslagen.") % {
            "year": form.cleaned_data["year"]
        }

    def get_success_url(self):
        return reverse("aftercare:participation")


# ---------------------------------------------------------------------------------------------
# Intake


class NotificationCreateView(RoleRequiredMixin, ServiceFormMixin, FormView):
    roles = COORDINATOR
    form_class = forms.NotificationForm
    template_name = "aftercare/notification_form.html"

    def perform(self, form):
        return services.receive_notification(received_by=self.request.user, **form.cleaned_data)

    def get_success_message(self, form):
        record = self.result.record
        if record.notifications.count() > 1:
            text = _("De melding is toegevoegd aan het bestaande dossier %(number)s.")
        else:
            text = _("Dossier %(number)s is aangemaakt met de vijf basisvoorwaarden.")
        return text % {"number": record.number}

    def get_success_url(self):
        return self.result.record.get_absolute_url()


# ---------------------------------------------------------------------------------------------
# One record


class RecordDetailView(AftercareScopedMixin, DetailView):
    action = DETAIL
    read_method = "for_detail"
    template_name = "aftercare/record_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.object
        conditions = list(record.conditions.all())
        context["basic_conditions"] = [c for c in conditions if c.basic]
        context["extra_conditions"] = [c for c in conditions if not c.basic]
        context["can_add_extra"] = len(context["extra_conditions"]) < len(EXTRA_CONDITIONS)
        allowed = TRANSITIONS.get(record.status, set())
        context["can_start_guidance"] = Status.GUIDANCE in allowed and record.has_consent
        context["can_end_guidance"] = record.status == Status.GUIDANCE
        context["can_escalate"] = Status.ESCALATED in allowed
        context["can_close"] = Status.CLOSED in allowed
        context["open_count"] = sum(1 for c in context["basic_conditions"] if not c.is_done)
        return context


class SummaryView(AftercareScopedMixin, DetailView):
    action = SUMMARY
    read_method = "for_summary"
    template_name = "aftercare/record_summary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["basic_conditions"] = [c for c in self.object.conditions.all() if c.basic]
        return context


class LinkView(AftercareScopedMixin, DetailView):
    """What ZVHD staff on a linked case see: that the record exists and who coordinates it."""

    action = LINK
    read_method = "for_link"
    template_name = "aftercare/record_link.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_open"] = (
            AftercareRecord.objects.visible_to(self.request.user, DETAIL)
            .filter(pk=self.object.pk)
            .exists()
        )
        return context


class RecordActionView(AftercareScopedMixin, SingleObjectMixin, ServiceFormMixin, FormView):
    """A form on one record that calls one service; its errors land next to the fields."""

    action = CHANGE
    template_name = "aftercare/record_form.html"
    title = ""
    intro = ""
    submit = _("Opslaan")
    success_message = ""
    danger = False

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        return super().dispatch(request, *args, **kwargs)

    def get_record(self):
        if self.object is None:
            self.object = self.get_object()
        return self.object

    def get(self, request, *args, **kwargs):
        self.get_record()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.get_record()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            record=self.object,
            title=self.title,
            intro=self.intro,
            submit=self.submit,
            danger=self.danger,
        )
        return context

    def get_success_url(self):
        return self.get_record().get_absolute_url()


class ConsentView(RecordActionView):
    form_class = forms.ConsentForm
    title = _("Toestemming vastleggen")
    intro = _(
        "Zonder toestemming doet het ZVHD alleen wat de wet toestaat: de melding registreren en "
        "met de gegevens van DJI werken aan de basisvoorwaarden. Verrijking door reclassering "
        "of gemeente en trajectbegeleiding vragen toestemming."
    )
    success_message = _("De toestemming is vastgelegd.")

    def get_initial(self):
        record = self.get_record()
        return {"consent": record.consent, "consent_on": record.consent_on}

    def versioned_object(self):
        return self.get_record()

    def perform(self, form):
        d = form.cleaned_data
        services.record_consent(
            record=self.object,
            recorded_by=self.request.user,
            consent=d["consent"],
            consent_on=d["consent_on"],
            expected_version=self.expected_version(form),
        )


class EnrichmentView(RecordActionView):
    form_class = forms.EnrichmentForm
    title = _("Informatie toevoegen")
    success_message = _("De informatie is toegevoegd.")

    @property
    def intro(self):
        if self.object is not None and not self.object.has_consent:
            return _("Er is geen toestemming: alleen informatie van DJI kan worden vastgelegd.")
        return _("Leg vast wat DJI, de reclassering of de gemeente weet, met de bron erbij.")

    def perform(self, form):
        services.add_enrichment(record=self.object, added_by=self.request.user, **form.cleaned_data)


class ConditionView(AftercareScopedMixin, SingleObjectMixin, ServiceFormMixin, FormView):
    """One condition of a record: scoped through its record (Condition.objects.visible_to)."""

    model = Condition
    context_object_name = "condition"
    action = CHANGE
    pk_url_kwarg = "condition_pk"
    form_class = forms.ConditionForm
    template_name = "aftercare/record_form.html"

    def get_queryset(self):
        return super().get_queryset().filter(record_id=self.kwargs["pk"]).select_related("record")

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        c = self.object
        return {
            "status": c.status,
            "actions": c.actions,
            "responsible": c.responsible,
            "due_on": c.due_on,
            "arranged_on": c.arranged_on,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            record=self.object.record,
            title=self.object.get_kind_display(),
            intro=_("Status, acties, wie het regelt en wanneer."),
            submit=_("Opslaan"),
        )
        return context

    def versioned_object(self):
        return self.object

    def perform(self, form):
        d = form.cleaned_data
        return services.update_condition(
            condition=self.object,
            updated_by=self.request.user,
            status=d["status"],
            actions=d["actions"],
            responsible=d["responsible"],
            due_on=d["due_on"],
            arranged_on=d["arranged_on"],
            expected_version=self.expected_version(form),
        )

    def get_success_message(self, form):
        return _("%(condition)s is bijgewerkt.") % {"condition": self.object.get_kind_display()}

    def get_success_url(self):
        return self.object.record.get_absolute_url()


class ExtraConditionView(RecordActionView):
    form_class = forms.ExtraConditionForm
    title = _("Aanvullende voorwaarde toevoegen")
    intro = _("Naast de vijf basisvoorwaarden: sociaal netwerk of slachtofferbewust werken.")
    success_message = _("De voorwaarde is toegevoegd.")

    def perform(self, form):
        services.add_extra_condition(
            record=self.object, kind=form.cleaned_data["kind"], added_by=self.request.user
        )


class ContactView(RecordActionView):
    form_class = forms.ContactForm
    title = _("Contactmoment vastleggen")
    intro = _("Contact met de gedetineerde of de casemanager: welke hulp is aangeboden?")
    success_message = _("Het contactmoment is vastgelegd.")

    def get_initial(self):
        return {"on": timezone.localdate()}

    def perform(self, form):
        services.add_contact_moment(record=self.object, by=self.request.user, **form.cleaned_data)


class StartGuidanceView(RecordActionView):
    form_class = forms.StartGuidanceForm
    title = _("Trajectbegeleiding starten")
    success_message = _("De trajectbegeleiding is gestart.")

    def get_initial(self):
        return {"started_on": timezone.localdate()}

    def perform(self, form):
        services.start_guidance(
            record=self.object, started_by=self.request.user, **form.cleaned_data
        )


class EndGuidanceView(RecordActionView):
    form_class = forms.EndGuidanceForm
    title = _("Trajectbegeleiding beëindigen")
    intro = _("Met een warme overdracht aan de reguliere zorg.")
    success_message = _("De trajectbegeleiding is beëindigd.")

    def get_initial(self):
        return {"ended_on": timezone.localdate()}

    def perform(self, form):
        services.end_guidance(record=self.object, ended_by=self.request.user, **form.cleaned_data)


class ReleaseView(RecordActionView):
    form_class = forms.ReleaseForm
    title = _("Ontslag uit detentie vastleggen")
    intro = _("De stand van de basisvoorwaarden op deze dag telt mee in de cijfers.")
    success_message = _("Het ontslag is vastgelegd.")

    def get_initial(self):
        return {"released_on": min(self.get_record().expected_release, timezone.localdate())}

    def perform(self, form):
        services.register_release(
            record=self.object, registered_by=self.request.user, **form.cleaned_data
        )


class EscalateView(RecordActionView):
    form_class = forms.EscalateForm
    title = _("Opschalen naar procesregie")
    intro = _(
        "Er komt een aanmelding voor procesregie bij het ZVHD, gekoppeld aan dit dossier. De "
        "ketenkamer beslist over de aanmelding."
    )
    submit = _("Opschalen")
    success_message = _("Opgeschaald: er is een aanmelding voor procesregie gemaakt.")

    def perform(self, form):
        services.escalate(record=self.object, escalated_by=self.request.user, **form.cleaned_data)


class CloseView(RecordActionView):
    form_class = forms.CloseForm
    title = _("Dossier afsluiten")
    submit = _("Afsluiten")
    danger = True
    success_message = _("Het dossier is afgesloten.")

    def perform(self, form):
        services.close_record(record=self.object, closed_by=self.request.user, **form.cleaned_data)
