"""Pages of the finance app. Each reads through `visible_to` and writes through one service.

Finance staff (financieel medewerker, manager) see and edit everything here; a gemeentelijk
contactpersoon has one page, "Bijdrage van mijn gemeente", and the letters of their own
municipality. Everyone else gets a 403 (no role) or 404 (record out of scope).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, View
from django.views.generic.detail import SingleObjectMixin

from finance import services
from finance.documents import budget_xlsx, contributions_xlsx
from finance.figures import budget_for, contributions_for, previous_year_for
from finance.forms import (
    AmendmentForm,
    BudgetLineForm,
    ComponentFormSet,
    DraftNextYearForm,
    InhabitantsCsvForm,
    InhabitantsForm,
    KeyForm,
    LettersForm,
    LiaisonForm,
    NewBudgetLineForm,
    PlusTaskForm,
    ReserveMovementForm,
    StaffingForm,
    StatusForm,
    YearForm,
    apply_service,
)
from finance.models import (
    BUDGET,
    FINANCE_ROLES,
    BudgetLine,
    DistributionKey,
    DocumentKind,
    FinanceDocument,
    FinanceYear,
    YearStatus,
)
from zvhd.jobs.views import JobDownloadView
from zvhd.network.models import Municipality, Population, Role
from zvhd.permissions import CHANGE
from zvhd.versions import EditConflict
from zvhd.views import (
    RoleRequiredMixin,
    ScopedListMixin,
    ScopedMixin,
    ServiceFormMixin,
    show_conflict,
)

CONTACT = {Role.GEMEENTELIJK_CONTACTPERSOON}


def crumbs(*pairs):
    return [{"label": label, "url": url} for label, url in pairs]


def home_crumb():
    return (_("Financiën"), reverse("finance:home"))


class FinanceHomeView(RoleRequiredMixin, ScopedListMixin, ListView):
    """The years, the keys and the inhabitants: the finance officer's starting point."""

    roles = FINANCE_ROLES
    model = FinanceYear
    read_method = "for_list"
    template_name = "finance/home.html"
    log_reads = False  # financial figures, no personal data

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["keys"] = DistributionKey.objects.visible_to(self.request.user).for_list()
        context["population_years"] = (
            Population.objects.values_list("year", flat=True).distinct().order_by("-year")
        )
        context["breadcrumbs"] = crumbs((_("Financiën"), ""))
        return context


class YearCreateView(RoleRequiredMixin, ServiceFormMixin, FormView):
    roles = FINANCE_ROLES
    form_class = YearForm
    template_name = "finance/year_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form):
        data = form.cleaned_data
        return services.create_year(
            created_by=self.request.user,
            **{k: data.get(k) for k in form.Meta.fields if k in data},
        )

    def get_success_message(self, form):
        return _("Begrotingsjaar %(year)s is aangemaakt.") % {"year": self.result}

    def get_success_url(self):
        return reverse("finance:year", args=[self.result.year])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Nieuw begrotingsjaar")
        context["breadcrumbs"] = crumbs(home_crumb(), (context["title"], ""))
        return context


class YearMixin(ScopedMixin):
    model = FinanceYear
    slug_field = "year"
    slug_url_kwarg = "year"
    log_reads = False


class YearDetailView(YearMixin, DetailView):
    """Budget lines (original, amendments, current, realisation, variance), reserve, liaisons."""

    action = BUDGET
    read_method = "for_detail"
    template_name = "finance/year_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.object
        context["budget"] = budget_for(year)
        context["can_change"] = (
            FinanceYear.objects.visible_to(self.request.user, CHANGE).filter(pk=year.pk).exists()
        )
        context.setdefault("line_form", NewBudgetLineForm(year=year))
        context.setdefault("reserve_form", ReserveMovementForm())
        context.setdefault("liaison_form", LiaisonForm())
        context.setdefault("staffing_form", StaffingForm())
        context.setdefault("draft_form", DraftNextYearForm())
        context.setdefault("status_form", StatusForm())
        context["liaison_total"] = sum(item.amount for item in year.liaisons.all())
        context["fte_total"] = sum(item.fte for item in year.staffing.all())
        context["documents"] = (
            FinanceDocument.objects.visible_to(self.request.user)
            .for_list()
            .filter(year=year, kind=DocumentKind.BUDGET)[:3]
        )
        context["next_exists"] = FinanceYear.objects.filter(year=year.year + 1).exists()
        context["breadcrumbs"] = crumbs(home_crumb(), (str(year.year), ""))
        return context


class YearUpdateView(YearMixin, SingleObjectMixin, ServiceFormMixin, FormView):
    action = CHANGE
    form_class = YearForm
    template_name = "finance/year_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = None

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": self.object}

    def versioned_object(self):
        return self.object

    def perform(self, form):
        data = form.cleaned_data
        return services.update_year(
            finance_year=FinanceYear.objects.get(pk=self.object.pk),
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
            **{k: data.get(k) for k in form.Meta.fields if k != "year"},
        )

    def get_success_message(self, form):
        return _("De gegevens van %(year)s zijn opgeslagen.") % {"year": self.result}

    def get_success_url(self):
        return reverse("finance:year", args=[self.result.year])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Gegevens %(year)s wijzigen") % {"year": self.object.year}
        context["breadcrumbs"] = crumbs(
            home_crumb(),
            (str(self.object.year), reverse("finance:year", args=[self.object.year])),
            (_("Wijzigen"), ""),
        )
        return context


class YearPostView(YearMixin, SingleObjectMixin, View):
    """POST-only actions on a year; on bad input the year page is shown again with the form."""

    action = CHANGE
    http_method_names = ["post"]
    form_class = None
    context_name = ""

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.make_form(request.POST)
        if form.is_valid():
            result = apply_service(form, lambda: self.perform(form.cleaned_data))
            if result is not None:
                return result
        view = YearDetailView()
        view.setup(request, *args, **kwargs)
        view.object = FinanceYear.objects.for_detail().get(pk=self.object.pk)
        context = view.get_context_data(object=view.object, **{self.context_name: form})
        messages.error(request, _("Er is niets opgeslagen; zie de melding bij het formulier."))
        return render(request, "finance/year_detail.html", context, status=400)

    def make_form(self, data):
        return self.form_class(data)

    def back(self, message, anchor=""):
        messages.success(self.request, message)
        return redirect(reverse("finance:year", args=[self.object.year]) + anchor)


class BudgetLineCreateView(YearPostView):
    context_name = "line_form"

    def make_form(self, data):
        return NewBudgetLineForm(data, year=self.object)

    def perform(self, data):
        line = services.add_budget_line(year=self.object, created_by=self.request.user, **data)
        return self.back(_("Regel ‘%(name)s’ is toegevoegd.") % {"name": line.name}, "#begroting")


class ReserveMovementCreateView(YearPostView):
    form_class = ReserveMovementForm
    context_name = "reserve_form"

    def perform(self, data):
        services.record_reserve_movement(year=self.object, created_by=self.request.user, **data)
        return self.back(_("De mutatie van de reserve is opgeslagen."), "#reserve")


class LiaisonCreateView(YearPostView):
    form_class = LiaisonForm
    context_name = "liaison_form"

    def perform(self, data):
        services.add_liaison(year=self.object, changed_by=self.request.user, **data)
        return self.back(_("De inzet van de liaison is opgeslagen."), "#liaisons")


class StaffingCreateView(YearPostView):
    form_class = StaffingForm
    context_name = "staffing_form"

    def perform(self, data):
        services.set_staffing(year=self.object, changed_by=self.request.user, **data)
        return self.back(_("De formatie is opgeslagen."), "#formatie")


class DraftNextYearView(YearPostView):
    form_class = DraftNextYearForm
    context_name = "draft_form"

    def perform(self, data):
        draft = services.draft_next_year(
            source=self.object, indexation_pct=data["indexation_pct"], created_by=self.request.user
        )
        messages.success(
            self.request,
            _("Concept %(year)s is gemaakt met %(pct)s %% indexatie; pas de regels aan waar nodig.")
            % {"year": draft.year, "pct": draft.indexation_pct},
        )
        return redirect("finance:year", year=draft.year)


class YearStatusView(YearPostView):
    form_class = StatusForm
    context_name = "status_form"

    def perform(self, data):
        to = YearStatus.CONCEPT if self.object.is_adopted else YearStatus.ADOPTED
        year = services.change_year_status(
            finance_year=self.object, to=to, changed_by=self.request.user, reason=data["reason"]
        )
        return self.back(
            _("%(year)s is nu %(status)s.")
            % {"year": year.year, "status": year.get_status_display()}
        )


class BudgetLineView(ScopedMixin, DetailView):
    """One line: change its amounts and add amendments (begrotingswijzigingen)."""

    model = BudgetLine
    action = CHANGE
    read_method = "for_detail"
    template_name = "finance/line_detail.html"
    log_reads = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        line = self.object
        context.setdefault(
            "form",
            BudgetLineForm(
                initial={
                    "name": line.name,
                    "original": line.original,
                    "realised": line.realised,
                    "note": line.note,
                }
            ),
        )
        context.setdefault("amendment_form", AmendmentForm())
        context["amendments_total"] = sum(a.amount for a in line.amendments.all())
        context["is_group"] = bool(line.children.all())
        context["history"] = line.history.select_related("history_user")[:10]
        context["breadcrumbs"] = crumbs(
            home_crumb(),
            (str(line.year.year), reverse("finance:year", args=[line.year.year])),
            (line.name, ""),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        line = self.object
        if "amend" in request.POST:
            form = AmendmentForm(request.POST)
            name = "amendment_form"
            call = lambda: services.amend_budget_line(  # noqa: E731
                line=line, created_by=request.user, **form.cleaned_data
            )
            done = _("De begrotingswijziging is opgeslagen.")
        else:
            form = BudgetLineForm(request.POST)
            name = "form"
            call = lambda: services.change_budget_line(  # noqa: E731
                line=line, changed_by=request.user, **form.cleaned_data
            )
            done = _("De regel is opgeslagen.")
        if form.is_valid() and apply_service(form, call) is not None:
            messages.success(request, done)
            return redirect(reverse("finance:year", args=[line.year.year]) + "#begroting")
        context = self.get_context_data(object=line, **{name: form})
        return render(request, self.template_name, context, status=400)


class ContributionsView(YearMixin, DetailView):
    """The contribution of each municipality: key share, plus tasks, last year, letters."""

    action = BUDGET
    read_method = "for_contributions"
    template_name = "finance/contributions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.object
        user = self.request.user
        context["contributions"] = contributions_for(year, previous=previous_year_for(year, user))
        context.setdefault(
            "letters_form",
            LettersForm(
                initial={"municipalities": [r.municipality for r in context["contributions"].rows]}
            ),
        )
        context.setdefault("plus_form", PlusTaskForm())
        context["documents"] = (
            FinanceDocument.objects.visible_to(user)
            .for_list()
            .filter(year=year)
            .exclude(kind=DocumentKind.BUDGET)[:30]
        )
        context["breadcrumbs"] = crumbs(
            home_crumb(),
            (str(year.year), reverse("finance:year", args=[year.year])),
            (_("Bijdragen"), ""),
        )
        return context


class ContributionsPostView(YearMixin, SingleObjectMixin, View):
    """Plus tasks and letters, from the contributions page."""

    action = CHANGE
    http_method_names = ["post"]
    what = ""

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        year = self.object
        if self.what == "plus":
            form, name = PlusTaskForm(request.POST), "plus_form"
            call = lambda: services.save_plus_task(  # noqa: E731
                year=year, changed_by=request.user, **form.cleaned_data
            )
            done = _("De plustaak is opgeslagen.")
        else:
            form, name = LettersForm(request.POST), "letters_form"
            call = lambda: services.request_letters(  # noqa: E731
                year=year, requested_by=request.user, **form.cleaned_data
            )
            done = _("De brieven worden gemaakt; ze verschijnen hieronder zodra ze klaar zijn.")
        if form.is_valid() and apply_service(form, call) is not None:
            messages.success(request, done)
            return redirect(reverse("finance:contributions", args=[year.year]) + "#documenten")
        view = ContributionsView()
        view.setup(request, *args, **kwargs)
        view.object = FinanceYear.objects.for_contributions().get(pk=year.pk)
        context = view.get_context_data(object=view.object, **{name: form})
        return render(request, view.template_name, context, status=400)


class DocumentRequestView(YearMixin, SingleObjectMixin, View):
    """Ask for the budget or contributions PDF; a Celery task makes it."""

    action = BUDGET
    http_method_names = ["post"]
    kind = ""

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        services.request_document(year=self.object, kind=self.kind, requested_by=request.user)
        messages.success(request, _("De PDF wordt gemaakt; de link verschijnt zodra hij klaar is."))
        target = "finance:year" if self.kind == DocumentKind.BUDGET else "finance:contributions"
        return redirect(reverse(target, args=[self.object.year]) + "#documenten")


class XlsxView(YearMixin, SingleObjectMixin, View):
    action = BUDGET
    what = ""

    def get(self, request, *args, **kwargs):
        if self.what == "budget":
            self.read_method = "for_detail"
            year = self.get_object()
            content = budget_xlsx(year)
            name = f"zvhd-begroting-{year.year}.xlsx"
        else:
            self.read_method = "for_contributions"
            year = self.get_object()
            contributions = contributions_for(year, previous=previous_year_for(year, request.user))
            if contributions.error:
                messages.error(request, contributions.error)
                return redirect("finance:contributions", year=year.year)
            content = contributions_xlsx(year, contributions)
            name = f"zvhd-bijdragen-{year.year}.xlsx"
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class DocumentStatusView(ScopedMixin, DetailView):
    """The status of one PDF, polled by htmx until it is done or failed."""

    model = FinanceDocument
    template_name = "finance/partials/document.html"
    log_reads = False

    def get_queryset(self):
        return super().get_queryset().select_related("year", "municipality")


class DocumentDownloadView(JobDownloadView):
    """Serves the PDF through the permission layer, never as a public media URL."""

    model = FinanceDocument


# ---------------------------------------------------------------------------------------------
# Keys and inhabitants


class KeyListView(RoleRequiredMixin, ScopedListMixin, ListView):
    roles = FINANCE_ROLES
    model = DistributionKey
    read_method = "for_list"
    template_name = "finance/key_list.html"
    log_reads = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = crumbs(home_crumb(), (_("Verdeelsleutels"), ""))
        return context


class KeyFormView(RoleRequiredMixin, ScopedMixin, SingleObjectMixin, View):
    """Create or change a key: name and a list of components (share, split, municipalities)."""

    roles = FINANCE_ROLES
    model = DistributionKey
    action = CHANGE
    read_method = "for_detail"
    log_reads = False
    template_name = "finance/key_form.html"

    def get_object(self, queryset=None):
        if "pk" not in self.kwargs:
            return None
        return super().get_object(queryset)

    def get(self, request, *args, **kwargs):
        key = self.get_object()
        if key is None:
            form = KeyForm()
            formset = ComponentFormSet(prefix="c", initial=[{}, {}])
        else:
            form = KeyForm(
                initial={"name": key.name, "description": key.description, "version": key.version}
            )
            formset = ComponentFormSet(
                prefix="c",
                initial=[
                    {
                        "label": c.label,
                        "share_pct": c.share_pct,
                        "basis": c.basis,
                        "municipalities": list(c.municipalities.all()),
                    }
                    for c in key.components.all()
                ]
                + [{}],
            )
        return self.show(key, form, formset)

    def post(self, request, *args, **kwargs):
        key = self.get_object()
        form = KeyForm(request.POST)
        formset = ComponentFormSet(request.POST, prefix="c")
        if form.is_valid() and formset.is_valid():
            specs = [
                services.ComponentSpec(
                    share_pct=f.cleaned_data["share_pct"],
                    basis=f.cleaned_data["basis"],
                    municipalities=list(f.cleaned_data["municipalities"]),
                    label=f.cleaned_data.get("label", ""),
                )
                for f in formset.forms
                if f.cleaned_data.get("share_pct") is not None
            ]
            try:
                saved = apply_service(
                    form,
                    lambda: services.save_distribution_key(
                        key=key,
                        name=form.cleaned_data["name"],
                        description=form.cleaned_data["description"],
                        components=specs,
                        changed_by=request.user,
                        expected_version=form.cleaned_data["version"],
                    ),
                )
            except EditConflict as conflict:
                show_conflict(form, conflict)
                return self.show(key, form, formset, status=409)
            if saved is not None:
                messages.success(
                    request, _("Verdeelsleutel ‘%(name)s’ is opgeslagen.") % {"name": saved}
                )
                return redirect("finance:keys")
        return self.show(key, form, formset, status=400)

    def show(self, key, form, formset, status=200):
        title = _("Nieuwe verdeelsleutel") if key is None else key.name
        context = {
            "key": key,
            "form": form,
            "formset": formset,
            "title": title,
            "breadcrumbs": crumbs(
                home_crumb(), (_("Verdeelsleutels"), reverse("finance:keys")), (title, "")
            ),
        }
        return render(self.request, self.template_name, context, status=status)


class InhabitantsView(RoleRequiredMixin, View):
    """Inhabitants per municipality per year: typed in for one year, or imported from CSV."""

    roles = FINANCE_ROLES
    template_name = "finance/inhabitants.html"

    def municipalities(self):
        return list(Municipality.objects.order_by("name"))

    def get(self, request):
        municipalities = self.municipalities()
        year = request.GET.get("jaar")
        initial = {}
        if year and year.isdigit():
            initial = {"year": int(year)}
            for pop in Population.objects.filter(year=int(year)):
                initial[f"m{pop.municipality_id}"] = pop.inhabitants
        form = InhabitantsForm(initial=initial, municipalities=municipalities)
        return self.show(form, InhabitantsCsvForm(), municipalities)

    def post(self, request):
        municipalities = self.municipalities()
        form = InhabitantsForm(municipalities=municipalities)
        csv_form = InhabitantsCsvForm()
        if "csv" in request.POST:
            csv_form = InhabitantsCsvForm(request.POST, request.FILES)
            if csv_form.is_valid():
                count = apply_service(
                    csv_form,
                    lambda: services.import_inhabitants_csv(
                        text=csv_form.cleaned_data["file"],
                        changed_by=request.user,
                        source=f"CSV-import {request.FILES['file'].name}"[:200],
                    ),
                )
                if count is not None:
                    messages.success(request, _("%(n)s inwonertallen ingelezen.") % {"n": count})
                    return redirect("finance:inhabitants")
        else:
            form = InhabitantsForm(request.POST, municipalities=municipalities)
            if form.is_valid():
                count = apply_service(
                    form,
                    lambda: services.set_inhabitants(
                        year=form.cleaned_data["year"],
                        figures=form.figures(),
                        source=form.cleaned_data["source"],
                        changed_by=request.user,
                    ),
                )
                if count is not None:
                    messages.success(request, _("%(n)s inwonertallen opgeslagen.") % {"n": count})
                    return redirect(
                        reverse("finance:inhabitants") + f"?jaar={form.cleaned_data['year']}"
                    )
        return self.show(form, csv_form, municipalities, status=400)

    def show(self, form, csv_form, municipalities, status=200):
        table = {}
        years = set()
        for pop in Population.objects.all():
            table.setdefault(pop.municipality_id, {})[pop.year] = pop.inhabitants
            years.add(pop.year)
        years = sorted(years, reverse=True)[:5]
        rows = [(m, [table.get(m.pk, {}).get(y) for y in years]) for m in municipalities]
        totals = [sum(table.get(m.pk, {}).get(y) or 0 for m in municipalities) for y in years]
        context = {
            "form": form,
            "csv_form": csv_form,
            "years": years,
            "rows": rows,
            "totals": totals,
            "breadcrumbs": crumbs(home_crumb(), (_("Inwonertallen"), "")),
        }
        return render(self.request, self.template_name, context, status=status)


# ---------------------------------------------------------------------------------------------
# The municipal contact's page


class MyContributionView(RoleRequiredMixin, ScopedListMixin, ListView):
    """Adopted years: the contribution of the contact's own municipality and its letters."""

    roles = CONTACT
    model = FinanceYear
    read_method = "for_contributions"
    template_name = "finance/my_contribution.html"
    log_reads = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        municipality = user.municipality
        years = list(context["object_list"].order_by("-year"))
        by_year = {y.year: y for y in years}
        rows = []
        for year in years:
            result = contributions_for(year, previous=by_year.get(year.year - 1))
            rows.append((year, result.row_for(municipality) if not result.error else None, result))
        context["municipality"] = municipality
        context["rows"] = rows
        context["letters"] = FinanceDocument.objects.visible_to(user).for_list()
        context["breadcrumbs"] = crumbs((_("Bijdrage van mijn gemeente"), ""))
        return context
