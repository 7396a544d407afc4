"""Beheer pages of the api app: machine clients (functioneel beheerder only),
and the public documentation page of the API."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView
from drf_spectacular.views import SpectacularAPIView

from api import services
from api.forms import ClientForm, RevokeForm
from api.models import ApiClient
from zvhd.network.models import Role
from zvhd.permissions import CHANGE
from zvhd.views import RoleRequiredMixin, ScopedListMixin, ScopedMixin, apply_service_errors

BEHEER = {Role.FUNCTIONEEL_BEHEERDER}


# ---------------------------------------------------------------------------------------------
# Machine clients


class ClientListView(RoleRequiredMixin, ScopedListMixin, ListView):
    roles = BEHEER
    model = ApiClient
    read_method = "for_list"
    template_name = "api/client_list.html"
    log_reads = False  # configuration, no personal data


class ClientCreateView(RoleRequiredMixin, FormView):
    roles = BEHEER
    form_class = ClientForm
    template_name = "api/client_form.html"

    def form_valid(self, form):
        try:
            new = services.create_client(
                name=form.cleaned_data["name"],
                organisation=form.cleaned_data["organisation"],
                scopes=form.cleaned_data["scopes"],
                created_by=self.request.user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
            return self.form_invalid(form)
        # Rendered, not redirected: the secret exists only in this one response.
        return render(
            self.request,
            "api/client_created.html",
            {"client": new.client, "token": new.token},
        )


class ClientRevokeView(RoleRequiredMixin, ScopedMixin, DetailView):
    roles = BEHEER
    model = ApiClient
    action = CHANGE
    read_method = "for_list"
    template_name = "api/client_revoke.html"
    log_reads = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", RevokeForm())
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = RevokeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        services.revoke_client(
            client=self.object, revoked_by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request, _("De koppeling %(name)s is ingetrokken.") % {"name": self.object}
        )
        return redirect("api:client_list")


# ---------------------------------------------------------------------------------------------
# Public documentation of the API


@method_decorator(login_not_required, name="dispatch")
class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema: public, so partners' developers can build against it. It holds
    no data, only the shape of the endpoints."""

    authentication_classes = []


@method_decorator(login_not_required, name="dispatch")
class DocsView(TemplateView):
    """The API described from its own schema (no third-party script: the CSP forbids it)."""

    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        from drf_spectacular.generators import SchemaGenerator

        context = super().get_context_data(**kwargs)
        schema = SchemaGenerator().get_schema(request=None, public=True)
        components = schema.get("components", {}).get("schemas", {})
        endpoints = []
        for path, methods in schema.get("paths", {}).items():
            for method, op in methods.items():
                body = (
                    op.get("requestBody", {})
                    .get("content", {})
                    .get("application/json", {})
                    .get("schema", {})
                )
                ref = body.get("$ref", "").rsplit("/", 1)[-1]
                component = components.get(ref, {})
                fields = [
                    {
                        "name": name,
                        "type": spec.get("type") or ", ".join(spec.get("enum", [])) or "keuze",
                        "required": name in component.get("required", []),
                        "help": spec.get("description", ""),
                    }
                    for name, spec in component.get("properties", {}).items()
                ]
                endpoints.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": op.get("summary", ""),
                        "description": op.get("description", ""),
                        "fields": fields,
                        "responses": sorted(op.get("responses", {})),
                    }
                )
        context["endpoints"] = endpoints
        return context
