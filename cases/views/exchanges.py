"""The privacy officer's register of exchanges, and the functioneel beheerder's list of legal
bases (issue 20 part 2)."""

from __future__ import annotations

from collections import Counter

from django.core.paginator import Paginator
from django.db.models import CharField, Count, F, Value
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cases import services
from cases.filters import ExchangeFilter
from cases.forms import LegalBasisForm
from cases.models import UNKNOWN_BASIS, Case, Enrichment, LegalBasis
from cases.policy import EXCHANGES, LEGAL_BASIS_ROLES
from zvhd.views import RoleRequiredMixin, ScopedListMixin, ServiceFormMixin, require_action

PAGE_SIZE = 50
COLUMNS = ("x_at", "x_kind", "x_number", "x_org", "x_basis", "x_purpose", "x_by", "x_pk")


class ExchangesView(ScopedListMixin, TemplateView):
    """Every registration and enrichment item: when, which case, which partner provided it,
    under which basis, for what purpose and who entered it — never its content. Filterable by
    kind, partner, basis and period; 50 per page (one UNION query and its count), with the
    totals per partner and basis above it (one GROUP BY per kind)."""

    model = Enrichment
    action = EXCHANGES
    template_name = "cases/exchanges.html"
    log_reads = False  # no personal data: numbers, organisations, bases, purposes

    def dispatch(self, request, *args, **kwargs):
        # A list, not one record: whoever has no reach at all is refused (403), not shown an
        # empty register.
        require_action(request, Enrichment, EXCHANGES)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user, data = self.request.user, self.request.GET or None
        enrichments = ExchangeFilter(
            data, queryset=Enrichment.objects.visible_to(user, EXCHANGES), user=user
        )
        registrations = ExchangeFilter(
            data, queryset=Case.objects.visible_to(user, EXCHANGES), user=user
        )
        valid = enrichments.is_bound and enrichments.is_valid() and registrations.is_valid()
        eqs = enrichments.qs if valid else enrichments.queryset
        cqs = registrations.qs if valid else registrations.queryset
        text = CharField()
        erows = eqs.values(
            x_at=F("added_at"),
            x_kind=Value("verrijking", output_field=text),
            x_number=F("case__number"),
            x_org=F("source_organisation__name"),
            x_basis=F("legal_basis__name"),
            x_purpose=F("purpose"),
            x_by=F("added_by__username"),
            x_pk=F("case_id"),
        )
        crows = cqs.values(
            x_at=F("registered_at"),
            x_kind=Value("aanmelding", output_field=text),
            x_number=F("number"),
            x_org=F("registering_organisation__name"),
            x_basis=F("legal_basis__name"),
            x_purpose=F("legal_purpose"),
            x_by=F("registered_by__username"),
            x_pk=F("pk"),
        )
        union = erows.union(crows, all=True).order_by("-x_at")
        page = Paginator(union, PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        totals = Counter()
        for qs, org in (
            (eqs, "source_organisation__name"),
            (cqs, "registering_organisation__name"),
        ):
            for row in qs.order_by().values(org, "legal_basis__name").annotate(n=Count("pk")):
                totals[(row[org], row["legal_basis__name"])] += row["n"]
        query = self.request.GET.copy()
        query.pop("pagina", None)
        return super().get_context_data(
            filter=enrichments,
            page=page,
            rows=list(page.object_list),
            totals=[
                {"organisation": org, "basis": basis or UNKNOWN_BASIS, "count": n}
                for (org, basis), n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0][0]))
            ][:50],
            unknown_basis=UNKNOWN_BASIS,
            kinds={"aanmelding": _("Aanmelding"), "verrijking": _("Verrijking")},
            query=query.urlencode(),
            **kwargs,
        )


class LegalBasisListView(RoleRequiredMixin, TemplateView):
    roles = LEGAL_BASIS_ROLES
    template_name = "cases/legal_basis_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(bases=list(LegalBasis.objects.all()), **kwargs)


class LegalBasisFormView(RoleRequiredMixin, ServiceFormMixin, FormView):
    roles = LEGAL_BASIS_ROLES
    form_class = LegalBasisForm
    template_name = "cases/legal_basis_form.html"
    success_message = _("De grondslag is opgeslagen.")
    basis = None

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:
            self.basis = get_object_or_404(LegalBasis, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def versioned_object(self):
        return self.basis

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.basis is not None:
            form.fields["code"].disabled = True
        return form

    def get_initial(self):
        b = self.basis
        if b is None:
            return {"order": 10, "active": True}
        return {
            "code": b.code,
            "name": b.name,
            "explanation": b.explanation,
            "order": b.order,
            "active": b.active,
        }

    def get_context_data(self, **kwargs):
        title = _("Grondslag wijzigen") if self.basis else _("Nieuwe grondslag")
        return super().get_context_data(title=title, **kwargs)

    def perform(self, form):
        return services.save_legal_basis(
            basis=self.basis,
            saved_by=self.request.user,
            expected_version=self.expected_version(form),
            **{k: v for k, v in form.cleaned_data.items() if k != "version"},
        )

    def get_success_url(self):
        return reverse("cases:legal_basis_list")
