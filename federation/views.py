"""Pages of the federation app: beheer (configuration), asking other houses, and the log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, FormView, TemplateView, UpdateView, View

from cases.policy import DUPLICATE_CHECK_ROLES
from federation import client, crypto, services
from federation.forms import AskForm, HouseForm, KeyForm, LogSearchForm, PeerForm
from federation.models import LOG_ROLES, FederationKey, House, Peer, Query
from zvhd.network.models import Role
from zvhd.paging import keyset_page
from zvhd.permissions import CHANGE
from zvhd.views import RoleRequiredMixin, ScopedMixin, ServiceFormMixin

BEHEER = {Role.FUNCTIONEEL_BEHEERDER}
INTAKE_PURPOSE = "Intake: aanmelding bij het Zorg- en Veiligheidshuis (is de persoon al bekend?)"


class BeheerView(RoleRequiredMixin, TemplateView):
    """One page: this house, the peers and the keys."""

    roles = BEHEER
    template_name = "federation/beheer.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context["house"] = House.objects.visible_to(user).order_by("pk").first()
        context["peers"] = list(Peer.objects.visible_to(user).for_list())
        context["keys"] = list(FederationKey.objects.visible_to(user).order_by("-created_at"))
        return context


class HouseView(RoleRequiredMixin, ServiceFormMixin, UpdateView):
    roles = BEHEER
    model = House
    form_class = HouseForm
    template_name = "federation/form.html"
    success_message = _("De gegevens van dit huis zijn opgeslagen.")

    def get_object(self, queryset=None):
        return House.objects.visible_to(self.request.user, CHANGE).order_by("pk").first()

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.save_house(
            house=form.save(commit=False),
            changed_by=self.request.user,
            expected_version=self.expected_version(form),
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "heading": _("Dit huis in de federatie")}

    def get_success_url(self):
        return reverse("federation:beheer")


class PeerFormMixin(RoleRequiredMixin, ServiceFormMixin):
    roles = BEHEER
    model = Peer
    form_class = PeerForm
    template_name = "federation/form.html"
    success_message = _("Het huis is opgeslagen.")

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.save_peer(
            peer=form.save(commit=False),
            changed_by=self.request.user,
            outbound_token=form.cleaned_data.get("outbound_token", ""),
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("federation:beheer")


class PeerCreateView(PeerFormMixin, CreateView):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "heading": _("Ander huis toevoegen")}


class PeerUpdateView(PeerFormMixin, ScopedMixin, UpdateView):
    action = CHANGE
    log_reads = False  # configuration, no personal data

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "heading": _("%(name)s wijzigen") % {"name": self.object},
        }


class KeyCreateView(RoleRequiredMixin, FormView):
    roles = BEHEER
    form_class = KeyForm
    template_name = "federation/form.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "heading": _("Federatiesleutel toevoegen")}

    def form_valid(self, form):
        try:
            key, made = services.add_key(
                key_id=form.cleaned_data["key_id"],
                secret=form.cleaned_data["secret"],
                created_by=self.request.user,
            )
        except ValidationError as exc:
            from zvhd.views import apply_service_errors

            apply_service_errors(form, exc)
            return self.form_invalid(form)
        if made:
            # Rendered, not redirected: the new key exists in the clear only in this response.
            return render(self.request, "federation/key_created.html", {"key": key, "secret": made})
        messages.success(self.request, _("De sleutel %(id)s is toegevoegd.") % {"id": key.key_id})
        return redirect("federation:beheer")


class KeyActivateView(RoleRequiredMixin, View):
    roles = BEHEER
    http_method_names = ["post"]

    def post(self, request, pk):
        key = get_object_or_404(FederationKey.objects.visible_to(request.user, CHANGE), pk=pk)
        try:
            services.activate_key(key=key, activated_by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Sleutel %(id)s is nu in gebruik; de vorige wordt nog geaccepteerd.")
                % {"id": key.key_id},
            )
        return redirect("federation:beheer")


class AskView(RoleRequiredMixin, View):
    """Ask every peer (htmx partial, or the search page without JavaScript)."""

    roles = DUPLICATE_CHECK_ROLES
    http_method_names = ["post"]

    def post(self, request):
        data = request.POST.copy()
        if data.get("context") == "intake":
            data["purpose"] = INTAKE_PURPOSE
        form = AskForm(data)
        if not form.is_valid():
            message = " ".join(form.errors.get("bsn", form.errors.get("purpose", [])))
            return render(
                request, "federation/partials/answers.html", {"result": None, "error": message}
            )
        result = client.ask_all(
            bsn=form.cleaned_data["bsn"],
            purpose=form.cleaned_data["purpose"],
            asked_by=request.user,
        )
        return render(request, "federation/partials/answers.html", {"result": result})


class SearchView(RoleRequiredMixin, FormView):
    """ "Bekend bij een ander huis?" on request: a BSN and the purpose."""

    roles = DUPLICATE_CHECK_ROLES
    form_class = AskForm
    template_name = "federation/search.html"

    def form_valid(self, form):
        result = client.ask_all(
            bsn=form.cleaned_data["bsn"],
            purpose=form.cleaned_data["purpose"],
            asked_by=self.request.user,
        )
        return self.render_to_response(self.get_context_data(form=form, result=result))


class LogView(RoleRequiredMixin, TemplateView):
    """The privacy officer's list of questions, both directions; by BSN when one is typed."""

    roles = LOG_ROLES
    template_name = "federation/log.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = LogSearchForm(self.request.GET or None)
        queryset = Query.objects.visible_to(self.request.user)
        if form.is_valid() and form.cleaned_data["bsn"]:
            digests = []
            for key in FederationKey.objects.exclude(secret=""):
                raw = crypto.key_bytes(key)
                if raw is not None:
                    digests.append(crypto.digest(raw, form.cleaned_data["bsn"]))
            queryset = queryset.filter(digest__in=digests)
        page = keyset_page(
            self.request,
            queryset,
            fields=[
                "pk",
                "asked_at",
                "direction",
                "peer_name",
                "asked_by__first_name",
                "asked_by__last_name",
                "asked_by__username",
                "asked_by_text",
                "purpose",
                "outcome",
                "detail",
                "duration_ms",
                "key_id",
            ],
            size=50,
        )
        labels = {
            "direction": dict(Query._meta.get_field("direction").choices),
            "outcome": dict(Query._meta.get_field("outcome").choices),
        }
        for row in page.rows:
            row["direction_label"] = labels["direction"].get(row["direction"], "")
            row["outcome_label"] = labels["outcome"].get(row["outcome"], "")
            name = f"{row['asked_by__first_name']} {row['asked_by__last_name']}".strip()
            row["who"] = name or row["asked_by__username"] or row["asked_by_text"]
        context.update(form=form, page=page)
        return context
