"""The person register's pages: search, a person's page with household and system, the likely
duplicates and the four-eyes merge and split."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from persons import forms, services
from persons.hits import log_hits, search
from persons.models import Link, MergeProposal, MergeStatus, Person
from persons.policy import DEDUPE, DEDUPE_ROLES, SEARCH_ROLES
from persons.registry import kinds
from zvhd.permissions import CHANGE
from zvhd.views import RoleRequiredMixin, ScopedMixin, ServiceFormMixin


class SearchView(RoleRequiredMixin, FormView):
    """ "Is deze persoon al bekend?" on request. A POST: names and a BSN stay out of URLs."""

    roles = SEARCH_ROLES
    form_class = forms.SearchForm
    template_name = "persons/search.html"

    def form_valid(self, form):
        hits = search(self.request.user, **form.query())
        log_hits(self.request, hits)
        return self.render_to_response(self.get_context_data(form=form, hits=hits, asked=True))


class KnownView(RoleRequiredMixin, TemplateView):
    """The htmx partial at intake and at an aftercare notification: the ranked hits."""

    roles = SEARCH_ROLES
    template_name = "persons/partials/hits.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        return self.render_to_response(known_for(request, request.POST))


def household_of(user, person_id) -> list[tuple]:
    """(other person, relation, link) of a register person, through the door (for the case
    file): only links between two persons the reader may see."""
    if not person_id:
        return []
    person = Person(pk=person_id)
    # Most persons have no links. The door below (both persons through the reader's person
    # scope) cost Django ~4 ms of CPU to compile on every case file; asked only when there
    # is a link to pass through it (issue 24). Whether links exist is not shown.
    if not Link.objects.of(person).exists():
        return []
    links = Link.objects.visible_to(user).of(person).select_related("person", "other")
    return [link.seen_from(person) + (link,) for link in links.order_by("pk")]


def known_for(request, data) -> dict:
    """For another app's own duplicate-check view (cases:known_person): the same answer.

    Aftercare's notification form names the first names `first_names`; both are read."""
    data = data.copy()
    if not data.get("first_name") and data.get("first_names"):
        data["first_name"] = data["first_names"]
    form = forms.SearchForm(data)
    context = {"form": form, "asked": False, "hits": [], "compact": True}
    if any(data.get(k, "").strip() for k in ("bsn", "last_name")):
        if form.is_valid():
            context["hits"] = search(request.user, **form.query())
            context["asked"] = True
            log_hits(request, context["hits"])
        else:
            context["problems"] = [e for errors in form.errors.values() for e in errors]
    return context


# A person's page lists this many records of each kind, with links to the next ones.
RECORDS_PER_SECTION = 25
MAX_PAGE = 10_000


def page_number(value) -> int:
    """A page number from the request: 1 for anything that is not one."""
    try:
        return min(max(int(value), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


class PersonDetailView(ScopedMixin, DetailView):
    model = Person
    read_method = "for_detail"
    template_name = "persons/person_detail.html"
    context_object_name = "person"

    def page_query(self, param: str, number: int) -> str:
        query = self.request.GET.copy()
        if number > 1:
            query[param] = str(number)
        else:
            query.pop(param, None)
        return f"?{query.urlencode()}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        user = self.request.user
        sections = []
        for kind in kinds():
            # The newest RECORDS_PER_SECTION of each kind the reader may open, paged per
            # kind (`?pagina_cases=2`): a person with thousands of records is one page of
            # each, in one query a kind (issue 24; before, every record of every kind).
            param = f"pagina_{kind.key}"
            number = page_number(self.request.GET.get(param))
            start = (number - 1) * RECORDS_PER_SECTION
            refs = kind.records(
                [person.pk], user, window=slice(start, start + RECORDS_PER_SECTION + 1)
            )
            if refs or number > 1:
                sections.append(
                    {
                        "key": kind.key,
                        "title": kind.title,
                        "records": refs[:RECORDS_PER_SECTION],
                        "first": start + 1,
                        "last": start + len(refs[:RECORDS_PER_SECTION]),
                        "previous": self.page_query(param, number - 1) if number > 1 else "",
                        "next": self.page_query(param, number + 1)
                        if len(refs) > RECORDS_PER_SECTION
                        else "",
                    }
                )
        links = (
            Link.objects.visible_to(user)
            .of(person)
            .select_related("person", "other")
            .order_by("pk")
        )
        context.update(
            sections=sections,
            links=[link.seen_from(person) + (link,) for link in links],
            can_change=Person.objects.visible_to(user, CHANGE).filter(pk=person.pk).exists(),
            link_form=forms.LinkForm(user=user, person=person),
            name_form=forms.NameForm(),
        )
        return context


class PersonFormView(ScopedMixin, ServiceFormMixin, SingleObjectMixin, FormView):
    model = Person
    action = CHANGE
    template_name = "persons/person_form.html"
    http_method_names = ["get", "post"]
    heading = ""

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.object, heading=self.heading, **kwargs)

    def get_success_url(self):
        return reverse("persons:detail", args=[self.object.pk])


class LinkAddView(PersonFormView):
    form_class = forms.LinkForm
    heading = _("Persoon uit het systeem koppelen")
    success_message = _("De relatie is vastgelegd.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "person": self.object}

    def form_invalid(self, form):
        # The persons offered to choose from are shown by name: logged as the search's hits.
        if form.candidates:
            from zvhd.privacy.services import log_list_access

            log_list_access(request=self.request, objects=form.candidates)
        return super().form_invalid(form)

    def perform(self, form):
        d = form.cleaned_data
        return services.add_link(
            person=self.object,
            other=d["other"],
            relation=d["relation"],
            note=d["note"],
            by=self.request.user,
        )


class NameAddView(PersonFormView):
    form_class = forms.NameForm
    heading = _("Eerdere naam of alias toevoegen")
    success_message = _("De naam is toegevoegd.")

    def perform(self, form):
        return services.add_name(person=self.object, by=self.request.user, **form.cleaned_data)


# ---------------------------------------------------------------------------------------------
# Duplicates, merge and split


# The matcher's best pairs (a work queue that empties as pairs are proposed) and the proposals,
# a register of decisions, paged with a total (issue 23).
PAIRS_SHOWN = 50
PROPOSALS_PER_PAGE = 25


class DuplicatesView(RoleRequiredMixin, TemplateView):
    roles = DEDUPE_ROLES
    template_name = "persons/duplicates.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        pairs = services.likely_duplicates(user=user, limit=PAIRS_SHOWN)
        page = Paginator(MergeProposal.objects.visible_to(user).for_list(), PROPOSALS_PER_PAGE)
        page = page.get_page(self.request.GET.get("page"))
        proposals = list(page.object_list)
        context.update(
            pairs=[
                {"a": a, "b": b, "percent": round(score * 100), "reasons": reasons}
                for a, b, score, reasons in pairs
            ],
            pairs_shown=PAIRS_SHOWN,
            proposals=proposals,
            page_obj=page,
            form=forms.ProposeMergeForm(),
        )
        shown = [p for row in pairs for p in row[:2]] + [
            p for prop in proposals for p in (prop.survivor, prop.merged)
        ]
        if shown:
            from zvhd.privacy.services import log_list_access

            log_list_access(request=self.request, objects=shown)
        return context


class ProposeMergeView(RoleRequiredMixin, FormView):
    roles = DEDUPE_ROLES
    form_class = forms.ProposeMergeForm
    http_method_names = ["post"]

    def form_invalid(self, form):
        messages.error(
            self.request,
            _("Het voorstel is niet vastgelegd: %(errors)s")
            % {"errors": " ".join(e for errs in form.errors.values() for e in errs)},
        )
        return HttpResponseRedirect(reverse("persons:duplicates"))

    def form_valid(self, form):
        d = form.cleaned_data
        visible = Person.objects.visible_to(self.request.user, DEDUPE)
        survivor = visible.filter(pk=d["survivor"]).first()
        merged = visible.filter(pk=d["merged"]).first()
        try:
            if survivor is None or merged is None:
                raise services.MergeRefused(
                    _(
                        "Deze samenvoeging kan niet: een van beide personen staat in een "
                        "register waarvan u de namen niet mag zien, of bestaat niet. Er is "
                        "niets samengevoegd."
                    ),
                    code="hidden",
                )
            proposal = services.propose_merge(
                survivor=survivor,
                merged=merged,
                reason=d["reason"],
                proposed_by=self.request.user,
            )
        except ValidationError as error:
            services.log_refused_merge(
                request=self.request, error=error, survivor_id=d["survivor"], merged_id=d["merged"]
            )
            messages.error(self.request, " ".join(error.messages))
            return HttpResponseRedirect(reverse("persons:duplicates"))
        messages.success(
            self.request,
            _("Het voorstel is vastgelegd. Een tweede persoon beoordeelt het (vier ogen)."),
        )
        return HttpResponseRedirect(reverse("persons:merge_detail", args=[proposal.pk]))


class MergeDetailView(ScopedMixin, DetailView):
    model = MergeProposal
    template_name = "persons/merge_detail.html"
    context_object_name = "proposal"
    read_method = "for_list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.object
        user = self.request.user
        context.update(
            can_decide=proposal.status == MergeStatus.PROPOSED
            and proposal.proposed_by_id != user.pk,
            own_proposal=proposal.proposed_by_id == user.pk,
            can_split=proposal.status == MergeStatus.MERGED,
            split_form=forms.SplitForm(),
            moved_count=sum(
                len(v)
                for k, v in proposal.moved.items()
                if ":" not in k or k == "persons.link:other"
            ),
        )
        return context


class MergeActionView(ScopedMixin, SingleObjectMixin, TemplateView):
    """POST only: approve, reject or split one proposal; a refusal is a message and a log row."""

    model = MergeProposal
    http_method_names = ["post"]
    log_reads = False

    def act(self, proposal):  # pragma: no cover - abstract
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        proposal = self.get_object()
        try:
            message = self.act(proposal)
        except ValidationError as error:
            services.log_refused_merge(
                request=request,
                error=error,
                survivor_id=proposal.survivor_id,
                merged_id=proposal.merged_id,
            )
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return HttpResponseRedirect(reverse("persons:merge_detail", args=[proposal.pk]))


class MergeApproveView(MergeActionView):
    def act(self, proposal):
        services.approve_merge(proposal=proposal, approved_by=self.request.user)
        return _("De personen zijn samengevoegd. Alle dossiers staan nu bij één persoon.")


class MergeRejectView(MergeActionView):
    def act(self, proposal):
        services.reject_merge(proposal=proposal, rejected_by=self.request.user)
        return _("Het voorstel is afgewezen; er is niets samengevoegd.")


class MergeSplitView(MergeActionView):
    def act(self, proposal):
        form = forms.SplitForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(
                " ".join(e for errs in form.errors.values() for e in errs), code="invalid"
            )
        services.split_merge(
            proposal=proposal, split_by=self.request.user, reason=form.cleaned_data["reason"]
        )
        return _("De samenvoeging is teruggedraaid; beide personen staan weer apart.")
