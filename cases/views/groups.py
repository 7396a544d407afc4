"""Group approaches (groepsaanpak): the groups and their plans."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django.views.generic.detail import SingleObjectMixin

from cases import forms, services
from cases.models import Case, CaseGroup, open_first
from cases.policy import GROUPS, named_column, names_filter
from cases.tables import CaseTable, row_fields
from zvhd import formats
from zvhd.permissions import CHANGE, VIEW
from zvhd.views import RoleRequiredMixin, ScopedMixin, ServiceFormMixin, require_action


class GroupListView(RoleRequiredMixin, ScopedMixin, ServiceFormMixin, FormView):
    roles = GROUPS[VIEW]
    model = CaseGroup
    template_name = "cases/group_list.html"
    form_class = forms.GroupForm
    log_reads = False

    def get_context_data(self, **kwargs):
        from django.db.models import Count, Q

        from cases.models import OPEN_STATUSES

        context = super().get_context_data(**kwargs)
        context["groups"] = list(
            self.scoped_queryset(VIEW)
            .select_related("director")
            .annotate(
                size=Count("cases"),
                running=Count("cases", filter=Q(cases__status__in=sorted(OPEN_STATUSES))),
            )
        )
        context["can_create"] = self.request.user.has_role(*GROUPS[CHANGE])
        return context

    def post(self, request, *args, **kwargs):
        require_action(request, CaseGroup, CHANGE)
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.create_group(
            director=self.request.user, created_by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("cases:group_detail", args=[self.result.pk])


class GroupDetailView(ScopedMixin, SingleObjectMixin, ServiceFormMixin, FormView):
    model = CaseGroup
    template_name = "cases/group_detail.html"
    form_class = forms.GroupForm

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {
            "name": self.object.name,
            "description": self.object.description,
            "plan": self.object.plan,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["group"] = self.object
        context["table"] = self.case_table()
        context["can_change"] = self.request.user.has_role(*GROUPS[CHANGE])
        # The persons of the group (the register, issue 21), as far as the reader may see them.
        from persons.models import Person as RegisteredPerson

        in_group = Case.objects.filter(group=self.object).values("person__registered_person")
        context["group_persons"] = list(
            RegisteredPerson.objects.visible_to(self.request.user)
            .filter(pk__in=in_group)
            .order_by("last_key", "first_key")
        )
        return context

    # A group is a handful of cases (a youth group); a page of this many is a bound, not a goal.
    CASES_SHOWN = 200

    def case_table(self) -> CaseTable:
        """The group's cases as the case lists show them (cases.tables): number, the person
        where the reader may open the file (cases.policy.NAMES), status, kind, municipality,
        director, dates; open cases first, newest first. Each shown case is logged as listed
        (zvhd.privacy), as on the case list. Before: the case numbers and, apart from them,
        the persons, so nobody could tell whose case was whose (seen on 2026-12-07)."""
        from zvhd.privacy.services import log_list_access

        user = self.request.user
        visible = Case.objects.visible_to(user).filter(group=self.object)
        names = names_filter(user)
        rows = list(
            visible.annotate(named=named_column(names))
            .order_by(open_first().desc(), "-registered_at", "-pk")
            .values(*row_fields(names), "named")[: self.CASES_SHOWN + 1]
        )
        caption = _("Casussen van de groep die u mag zien: open casussen eerst")
        if len(rows) > self.CASES_SHOWN:
            # Said, not cut off silently: which part of the group this page shows.
            rows = rows[: self.CASES_SHOWN]
            caption = _("%(caption)s; de eerste %(shown)s van %(total)s") % {
                "caption": caption,
                "shown": formats.number(self.CASES_SHOWN),
                "total": formats.number(visible.count()),
            }
        log_list_access(request=self.request, model=Case, object_ids=[row["pk"] for row in rows])
        return CaseTable(rows, named={row["pk"] for row in rows if row["named"]}, caption=caption)

    def post(self, request, *args, **kwargs):
        require_action(request, CaseGroup, CHANGE, obj=self.object)
        return super().post(request, *args, **kwargs)

    success_message = _("Het plan van de groep is opgeslagen.")

    def versioned_object(self):
        return self.object

    def perform(self, form):
        return services.save_group_plan(
            group=self.object,
            saved_by=self.request.user,
            plan=form.cleaned_data["plan"],
            description=form.cleaned_data["description"],
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("cases:group_detail", args=[self.object.pk])
