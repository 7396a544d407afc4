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
from cases.models import EXCHANGE_TOTALS, UNKNOWN_BASIS, Case, Enrichment, LegalBasis
from cases.policy import EXCHANGES, LEGAL_BASIS_ROLES
from zvhd.network.models import Organisation
from zvhd.querycache import cached_query
from zvhd.views import RoleRequiredMixin, ScopedListMixin, ServiceFormMixin, require_action

PAGE_SIZE = 50
COLUMNS = ("x_at", "x_kind", "x_number", "x_org", "x_basis", "x_purpose", "x_by", "x_pk")
# Newest first; equal moments in a fixed order (registrations before enrichments, then the
# newest record), served by each kind's index on (moment, id).
ORDER = ("-x_at", "x_kind", "-x_id")
REVERSED = ("x_at", "-x_kind", "x_id")


class Exchanges:
    """Both kinds of exchange, newest first, as the Paginator reads them: the length is known
    (the sum of the totals), and a page asks each kind for its newest rows up to the end of the
    page only (an ORDER BY ... LIMIT per kind, from its index), merged by one UNION ALL; a page
    in the older half the same way from the oldest end. Before (issue 24) the UNION of every
    registration and every enrichment was sorted whole for each page: 2.2 s at 1,000,000
    cases. A page in the middle of a long period still reads half of it (keyset paging would
    not)."""

    def __init__(self, arms, count: int):
        self.arms = arms
        self._count = count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, window: slice) -> list[dict]:
        if not self.arms or window.stop <= window.start:  # an empty page of an empty list
            return []
        if window.start > self._count // 2:
            # In the older half: counted from the oldest end, each kind reads at most half
            # of the list (the last page is as quick as the first), then the page turned back.
            end = self._count - window.start
            rows = self._rows(REVERSED, slice(max(self._count - window.stop, 0), end))
            return rows[::-1]
        return self._rows(ORDER, window)

    def _rows(self, order, window: slice) -> list[dict]:
        parts = [arm.order_by(*order)[: window.stop] for arm in self.arms]
        if len(parts) == 1:
            return list(parts[0][window])
        return list(parts[0].union(*parts[1:], all=True).order_by(*order)[window])


class ExchangesView(ScopedListMixin, TemplateView):
    """Every registration and enrichment item: when, which case, which partner provided it,
    under which basis, for what purpose and who entered it — never its content. Filterable by
    kind, partner, basis and period (by default the last twelve months); 50 per page, with the
    totals per partner and basis above it (one GROUP BY per kind, from the index of the
    period, which also gives the count) and the page (one UNION of each kind's newest rows)."""

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
        user = self.request.user
        data = ExchangeFilter.with_default_period(self.request.GET)
        filterset = ExchangeFilter(
            data, queryset=Enrichment.objects.visible_to(user, EXCHANGES), user=user
        )
        cases = Case.objects.visible_to(user, EXCHANGES)
        if filterset.is_valid():
            # One filter set for both kinds: its methods pick each model's own field.
            eqs, cqs = filterset.qs, filterset.filter_queryset(cases)
        else:
            # The message is at the field; an invalid filter shows no exchanges (as the
            # registers do), not the whole register.
            eqs, cqs = filterset.queryset.none(), cases.none()
        text = CharField()
        arms = []
        if not eqs.query.is_empty():
            arms.append(
                eqs.values(
                    x_at=F("added_at"),
                    x_kind=Value("verrijking", output_field=text),
                    x_number=F("case__number"),
                    x_org=F("source_organisation__name"),
                    x_basis=F("legal_basis__name"),
                    x_purpose=F("purpose"),
                    x_by=F("added_by__username"),
                    x_pk=F("case_id"),
                    x_id=F("pk"),
                )
            )
        if not cqs.query.is_empty():
            arms.append(
                cqs.values(
                    x_at=F("registered_at"),
                    x_kind=Value("aanmelding", output_field=text),
                    x_number=F("number"),
                    x_org=F("registering_organisation__name"),
                    x_basis=F("legal_basis__name"),
                    x_purpose=F("legal_purpose"),
                    x_by=F("registered_by__username"),
                    x_pk=F("pk"),
                    x_id=F("pk"),
                )
            )
        totals = self.totals(
            eqs, "source_organisation", cqs, "registering_organisation", filterset.bases
        )
        page = Paginator(Exchanges(arms, sum(totals.values())), PAGE_SIZE).get_page(
            self.request.GET.get("pagina")
        )
        query = self.request.GET.copy()
        query.pop("pagina", None)
        return super().get_context_data(
            filter=filterset,
            page=page,
            rows=list(page.object_list),
            totals=[
                {"organisation": org, "basis": basis or UNKNOWN_BASIS, "count": n}
                for (org, basis), n in sorted(
                    totals.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1] or "")
                )
            ][:50],
            unknown_basis=UNKNOWN_BASIS,
            kinds={"aanmelding": _("Aanmelding"), "verrijking": _("Verrijking")},
            query=query.urlencode(),
            **kwargs,
        )

    @staticmethod
    def totals(eqs, e_org, cqs, c_org, bases) -> Counter:
        """(partner name, basis name) -> number of exchanges, both kinds together: grouped by
        the ids (an index-only scan of the period, or the cache), the names looked up after."""
        by_ids = Counter()
        for qs, org in ((eqs, e_org), (cqs, c_org)):
            if qs.query.is_empty():
                continue
            grouped = (
                qs.order_by().values_list(f"{org}_id", "legal_basis_id").annotate(n=Count("*"))
            )
            # Kept until a registration or enrichment changes (cases.apps): 40-50 ms for a
            # year's 90,000 of each under load, the page itself 1 ms.
            rows = cached_query(EXCHANGE_TOTALS, grouped, lambda q=grouped: list(q))
            for org_id, basis_id, n in rows:
                by_ids[(org_id, basis_id)] += n
        names = dict(
            Organisation.objects.filter(pk__in={org for org, _ in by_ids})
            .order_by()
            .values_list("pk", "name")
            if by_ids
            else ()
        )
        totals = Counter()
        for (org_id, basis_id), n in by_ids.items():
            totals[(names.get(org_id), bases.get(basis_id))] += n
        return totals


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
