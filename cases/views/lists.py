"""Case lists: keyset pagination ("newer/older" by id, never a COUNT over the table; the
house's `zvhd.paging`)."""

from __future__ import annotations

from django.db.models import Case as When_
from django.db.models import Exists, OuterRef, Value, When
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cases.extensions import list_badges
from cases.filters import CaseFilter
from cases.models import TRIAGE_STATUSES, Case
from cases.policy import REGISTER_ROLES, names_filter
from cases.tables import ROW_FIELDS, CaseTable
from zvhd.network.models import Role
from zvhd.paging import keyset_page
from zvhd.permissions import VIEW
from zvhd.views import ScopedListMixin

PAGE_SIZE = 25
# The total above a list counts at most this many rows (a COUNT over a LIMIT): "meer dan
# 1.000" tells a reader enough, and a list of 100,000 cases costs no more than one of 1,000.
TOTAL_CAP = 1000


class CaseListBase(ScopedListMixin, TemplateView):
    """A filtered, keyset-paginated list of the cases the user may see."""

    model = Case
    template_name = "cases/case_list.html"
    title = _("Alle casussen")
    caption = _("Casussen die u mag zien, nieuwste eerst")
    triage = False  # the triage list's columns (cases.tables.TRIAGE_HEADERS)

    def base_queryset(self):
        return self.scoped_queryset(VIEW)

    def extra_columns(self, user) -> dict:
        """Annotations read with the rows for this list's own columns (none by default)."""
        return {}

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = CaseFilter(self.request.GET or None, queryset=self.base_queryset(), user=user)
        qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        total = qs[: TOTAL_CAP + 1].count()
        # Who the case is about, only where the user may open the file (cases.policy.NAMES):
        # read with the rows, as a correlated EXISTS (no second query per page).
        names = names_filter(user)
        if names is None:
            qs = qs.annotate(named=Value(False))
        elif not names:  # Q(): every case
            qs = qs.annotate(named=Value(True))
        else:
            qs = qs.annotate(named=Exists(Case.objects.filter(names, pk=OuterRef("pk"))))
        # What other apps show beside a case (safety flags, cases.extensions): one more
        # column of the same query, read only where the name is (a summary reader gets none).
        badges = list_badges()
        for badge in badges:
            if names is not None:
                qs = qs.annotate(
                    **{badge.key: When_(When(named=True, then=badge.expression()), default=None)}
                )
        extra = self.extra_columns(user)
        if extra:
            qs = qs.annotate(**extra)
        fields = [
            *ROW_FIELDS,
            "named",
            *(b.key for b in badges if names is not None),
            *extra,
        ]
        page = keyset_page(self.request, qs, fields=fields, size=PAGE_SIZE)
        rows = page.rows
        shown = [row["pk"] for row in rows]
        named = {row["pk"] for row in rows if row["named"]}
        # A reader who sees no name at all (the municipal contact) gets no such column either.
        shown_badges = badges if names is not None else []
        enriched = {row["pk"] for row in rows if row["enriched"]} if "enriched" in extra else None
        table = CaseTable(
            rows,
            named=named,
            caption=self.caption,
            badges=shown_badges,
            triage=self.triage,
            enriched=enriched,
        )
        return super().get_context_data(
            shown_ids=shown,
            table=table,
            filter=filterset,
            title=self.title,
            can_register=user.has_role(*REGISTER_ROLES),
            total=number_format(min(total, TOTAL_CAP), force_grouping=True),
            total_capped=total > TOTAL_CAP,
            total_count=total,
            page_size=PAGE_SIZE,
            next_query=page.next_query,
            first_query=page.first_query,
            **kwargs,
        )


class CaseListView(CaseListBase):
    pass


class MyCasesView(CaseListBase):
    title = _("Mijn casussen")
    caption = _("Casussen waarin u regisseur, ondersteuner, trajectbegeleider of teamlid bent")

    def base_queryset(self):
        from cases.worklists import mine

        return super().base_queryset().filter(mine(self.request.user))


class TriageQueueView(CaseListBase):
    title = _("Triage")
    caption = _("Aanmeldingen die wachten op screening of een besluit van de ketenkamer")
    triage = True

    def base_queryset(self):
        return super().base_queryset().filter(status__in=TRIAGE_STATUSES)

    def extra_columns(self, user) -> dict:
        """A liaison's work on the triage list: has their organisation added what it knows?
        Read as an EXISTS with the rows (no query per row)."""
        if not user.has_role(Role.LIAISON) or not user.organisation_id:
            return {}
        from cases.models import Enrichment

        return {
            "enriched": Exists(
                Enrichment.objects.filter(
                    case=OuterRef("pk"), source_organisation_id=user.organisation_id
                )
            )
        }


class OrganisationRegistrationsView(CaseListBase):
    title = _("Aanmeldingen van mijn organisatie")
    caption = _("De status van de aanmeldingen van uw organisatie")

    def base_queryset(self):
        return (
            super()
            .base_queryset()
            .filter(registering_organisation_id=self.request.user.organisation_id)
        )
