"""Beheer of accounts, organisations, municipalities and the lookup lists, for the functioneel
beheerder only.

The functioneel beheerder manages who may log in and with which roles; these pages show no
case content.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from zvhd.network import services
from zvhd.network.filters import OrganisationFilter, UserFilter
from zvhd.network.forms import MunicipalityForm, OrganisationForm, TermForm, UserForm
from zvhd.network.models import Municipality, Organisation, Role, Term, User, Vocabulary
from zvhd.network.tables import OrganisationTable, UserTable
from zvhd.permissions import CHANGE
from zvhd.tables import TablePaginatesMixin
from zvhd.views import RoleRequiredMixin, ScopedMixin, ServiceFormMixin

BEHEER = {Role.FUNCTIONEEL_BEHEERDER}


class UserListView(
    RoleRequiredMixin, TablePaginatesMixin, ScopedMixin, SingleTableMixin, FilterView
):
    roles = BEHEER
    model = User
    read_method = "for_list"
    table_class = UserTable
    filterset_class = UserFilter
    paginate_by = 50
    template_name = "network/user_list.html"
    log_reads = False  # account data, read by the beheerder whose job it is


class UserDetailView(RoleRequiredMixin, ScopedMixin, DetailView):
    roles = BEHEER
    model = User
    read_method = "for_list"
    template_name = "network/user_detail.html"
    log_reads = False

    def get_context_data(self, **kwargs):
        from allauth.mfa.models import Authenticator

        from zvhd.network import lockout

        context = super().get_context_data(**kwargs)
        user = self.object
        context["authenticators"] = Authenticator.objects.filter(user=user).order_by("type")
        context["locked"] = lockout.account_locked(user.get_username())
        context["history"] = user.history.select_related("history_user")[:20]
        return context


class UserFormMixin(RoleRequiredMixin, ScopedMixin, ServiceFormMixin):
    roles = BEHEER
    model = User
    form_class = UserForm
    template_name = "network/user_form.html"
    action = CHANGE
    log_reads = False

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.save_user(
            user=form.save(commit=False),
            roles=form.cleaned_data["roles"],
            password=form.cleaned_data.get("password"),
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_message(self, form):
        return _("Gebruiker %(name)s is opgeslagen.") % {"name": self.result}

    def get_success_url(self):
        return reverse("network:user_detail", args=[self.result.pk])


class UserCreateView(UserFormMixin, CreateView):
    pass


class UserUpdateView(UserFormMixin, UpdateView):
    pass


class UserActionView(RoleRequiredMixin, ScopedMixin, SingleObjectMixin, View):
    """POST-only actions on an account: unlock, reset the second factor."""

    roles = BEHEER
    model = User
    action = CHANGE
    log_reads = False
    http_method_names = ["post"]
    what = ""

    def post(self, request, *args, **kwargs):
        user = self.get_object()
        if self.what == "unlock":
            services.unlock(user=user)
            messages.success(request, _("Het account is ontgrendeld."))
        elif self.what == "reset_second_factor":
            services.reset_second_factor(user=user, reset_by=request.user)
            messages.success(
                request,
                _(
                    "De tweede factor is verwijderd; bij de volgende aanmelding stelt %(name)s "
                    "een nieuwe in."
                )
                % {"name": user},
            )
        return redirect("network:user_detail", pk=user.pk)


class OrganisationListView(RoleRequiredMixin, TablePaginatesMixin, SingleTableMixin, FilterView):
    roles = BEHEER
    model = Organisation
    table_class = OrganisationTable
    filterset_class = OrganisationFilter
    paginate_by = 50
    template_name = "network/organisation_list.html"

    def get_queryset(self):
        return Organisation.objects.select_related("municipality")


class OrganisationFormMixin(RoleRequiredMixin, ServiceFormMixin):
    roles = BEHEER
    model = Organisation
    form_class = OrganisationForm
    template_name = "network/organisation_form.html"

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.save_organisation(
            organisation=form.save(commit=False),
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_message(self, form):
        return _("De organisatie is opgeslagen.")

    def get_success_url(self):
        return reverse("network:organisation_list")


class OrganisationCreateView(OrganisationFormMixin, CreateView):
    pass


class OrganisationUpdateView(OrganisationFormMixin, UpdateView):
    pass


class TermListView(RoleRequiredMixin, ListView):
    """Every lookup list with its terms, active and inactive, in their order."""

    roles = BEHEER
    model = Term
    template_name = "network/term_list.html"

    def get_queryset(self):
        return Term.objects.order_by("vocabulary", "position", "label")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_list = {vocabulary.value: [] for vocabulary in Vocabulary}
        for term in context["object_list"]:
            by_list.setdefault(term.vocabulary, []).append(term)
        context["lists"] = [
            (vocabulary, by_list.get(vocabulary.value, [])) for vocabulary in Vocabulary
        ]
        return context


class TermFormMixin(RoleRequiredMixin, ServiceFormMixin):
    roles = BEHEER
    model = Term
    form_class = TermForm
    template_name = "network/term_form.html"

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.save_term(
            term=form.save(commit=False),
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_message(self, form):
        return _("De term %(label)s is opgeslagen.") % {"label": self.result.label}

    def get_success_url(self):
        return reverse("network:term_list") + f"#{self.result.vocabulary}"


class TermCreateView(TermFormMixin, CreateView):
    def dispatch(self, request, *args, **kwargs):
        if kwargs["vocabulary"] not in Vocabulary.values:
            raise Http404
        self.vocabulary = Vocabulary(kwargs["vocabulary"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Term(vocabulary=self.vocabulary)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["vocabulary"] = self.vocabulary
        return context


class TermUpdateView(TermFormMixin, UpdateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["vocabulary"] = Vocabulary(self.object.vocabulary)
        context["history"] = self.object.history.select_related("history_user")[:10]
        return context


class MunicipalityListView(RoleRequiredMixin, ListView):
    """The municipalities with their latest known number of inhabitants."""

    roles = BEHEER
    model = Municipality
    template_name = "network/municipality_list.html"

    def get_queryset(self):
        from django.db.models import OuterRef, Subquery

        from zvhd.network.models import Population

        latest = Population.objects.filter(municipality=OuterRef("pk")).order_by("-year")
        return Municipality.objects.annotate(
            inhabitants=Subquery(latest.values("inhabitants")[:1]),
            inhabitants_year=Subquery(latest.values("year")[:1]),
        ).order_by("name")


class MunicipalityFormMixin(RoleRequiredMixin, ServiceFormMixin):
    roles = BEHEER
    model = Municipality
    form_class = MunicipalityForm
    template_name = "network/municipality_form.html"

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.save_municipality(
            municipality=form.save(commit=False),
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_success_message(self, form):
        return _("De gemeente %(name)s is opgeslagen.") % {"name": self.result.name}

    def get_success_url(self):
        return reverse("network:municipality_list")


class MunicipalityCreateView(MunicipalityFormMixin, CreateView):
    pass


class MunicipalityUpdateView(MunicipalityFormMixin, UpdateView):
    pass
