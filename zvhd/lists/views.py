"""The lists' own tools (issue 23): the saved filters of a list and its export link.

`ListToolsMixin` gives a list view what the shared partial `lists/partials/tools.html` shows:
the user's saved filters of this list, the form that keeps the current filters under a name,
and the link to the list's export (`zvhd.exports`). The three views below keep, open and
delete a saved filter; a saved filter is its owner's alone (`SavedFilter.objects.visible_to`:
anyone else's is a 404).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views import View

from zvhd import exports
from zvhd.lists import services
from zvhd.lists.models import (
    SAVED_FILTER_NAME_LENGTH,
    SAVED_FILTER_QUERY_LENGTH,
    SavedFilter,
)
from zvhd.views import RoleRequiredMixin, ScopedMixin, deny

# Never kept in a saved filter nor carried to an export: the page markers (keyset and
# numbered) and the export switch.
NEVER_SAVED = frozenset({"voor", "page", "export"})
# Where the save view leaves a refusal for the list page to show at the name field.
SESSION_KEY = "list_tools_refusal"


@dataclass
class ListTools:
    """What the partial `lists/partials/tools.html` shows."""

    list_name: str
    saved: list = field(default_factory=list)
    saved_query: str = ""
    search_not_saved: bool = False
    export_url: str = ""
    noun: str = ""
    refusal: str = ""
    typed_name: str = ""
    name_length: int = SAVED_FILTER_NAME_LENGTH
    export_limit: int = 0


class ListToolsMixin:
    """A list that keeps saved filters per user and can be exported.

    - `list_name`: the list's URL name (the key its saved filters are kept under);
    - `export_name`: the URL name of its export view ("" for a list without one);
    - `not_saved`: query parameters that are search terms (a name or a BSN): never kept in a
      saved filter, and the page says so when one is filled in;
    - `list_noun`: what the rows are, in the plural ("nazorgdossiers").
    """

    saved_filters = True
    list_name = ""
    export_name = ""
    not_saved: frozenset[str] = frozenset({"q"})
    list_noun = ""

    def current_query(self, *, for_saving: bool) -> str:
        """The list's query string without its page marker (the export's link); for saving,
        also without the search terms and the empty fields."""
        query = self.request.GET.copy()
        for key in NEVER_SAVED:
            query.pop(key, None)
        if for_saving:
            for key in list(query):
                values = [v for v in query.getlist(key) if v.strip()]
                if key in self.not_saved or not values:
                    query.pop(key)
                else:
                    query.setlist(key, values)
        return query.urlencode()

    def export_url(self) -> str:
        if not self.export_name:
            return ""
        query = self.current_query(for_saving=False)
        return reverse(self.export_name) + (f"?{query}" if query else "")

    def list_tools(self) -> ListTools:
        request = self.request
        refusal = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if refusal and refusal.get("list") == self.list_name:
            del request.session[SESSION_KEY]
        else:
            refusal = {}
        searching = any(request.GET.get(key, "").strip() for key in self.not_saved)
        return ListTools(
            list_name=self.list_name,
            saved=list(SavedFilter.objects.visible_to(request.user).for_list(self.list_name)),
            saved_query=self.current_query(for_saving=True),
            search_not_saved=searching,
            export_url=self.export_url(),
            noun=str(self.list_noun),
            refusal=refusal.get("message", ""),
            typed_name=refusal.get("name", ""),
            export_limit=exports.EXPORT_LIMIT,
        )


def _list_url(list_name: str, query: str = "") -> str:
    try:
        url = reverse(list_name)
    except NoReverseMatch:
        raise Http404 from None
    return f"{url}?{query}" if query else url


class SavedFilterMixin(ScopedMixin):
    """A user's own saved filters: `visible_to` is the owner only (anyone else: 404)."""

    model = SavedFilter
    log_reads = False  # a filter holds no personal data (a search term is never kept)


class SaveFilterView(SavedFilterMixin, View):
    """Keep the list's current filters under a name (POST from the list page).

    The list is named by its URL name and must take saved filters; a user who may not open
    the list (a register for some roles only) may not keep a filter of it either (403). A
    refusal goes back to the list, at the name field, with the filters and the typed name."""

    http_method_names = ["post"]

    def post(self, request):
        list_name = request.POST.get("list_name", "")
        view_class = services.list_view(list_name)
        if view_class is None:
            raise Http404
        if issubclass(view_class, RoleRequiredMixin) and not request.user.has_role(
            *view_class.roles
        ):
            deny(request, model=SavedFilter)
        name = request.POST.get("name", "")
        sent = request.POST.get("query", "")
        # What the list page sent, without what is never kept (search terms, page markers).
        # A query string longer than a saved filter holds is not read at all.
        kept = QueryDict(sent if len(sent) <= SAVED_FILTER_QUERY_LENGTH else "", mutable=True)
        for key in NEVER_SAVED | view_class.not_saved:
            kept.pop(key, None)
        query = kept.urlencode()
        if len(sent) > SAVED_FILTER_QUERY_LENGTH or len(query) > SAVED_FILTER_QUERY_LENGTH:
            return self.refuse(
                list_name,
                "",
                name,
                _("Deze filters zijn te lang om te bewaren (hoogstens %(n)s tekens).")
                % {"n": SAVED_FILTER_QUERY_LENGTH},
            )
        try:
            saved = services.save_filter(
                owner=request.user, list_name=list_name, name=name, query=query
            )
        except ValidationError as error:
            return self.refuse(list_name, query, name, " ".join(error.messages))
        messages.success(request, _("Het filter ‘%(name)s’ is bewaard.") % {"name": saved.name})
        return HttpResponseRedirect(_list_url(list_name, query))

    def refuse(self, list_name: str, query: str, name: str, message: str):
        """Back to the list with its filters; the list shows `message` at the name field with
        what was typed (cut to the longest name a filter may have)."""
        self.request.session[SESSION_KEY] = {
            "list": list_name,
            "message": message,
            "name": " ".join(name.split())[:SAVED_FILTER_NAME_LENGTH],
        }
        return HttpResponseRedirect(_list_url(list_name, query) + "#saved-filter-name")


class OpenFilterView(SavedFilterMixin, View):
    """Open the list with a saved filter's filters."""

    http_method_names = ["get", "head"]

    def get(self, request, pk):
        saved = get_object_or_404(self.get_queryset(), pk=pk)
        return HttpResponseRedirect(_list_url(saved.list_name, saved.query))


class DeleteFilterView(SavedFilterMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        saved = get_object_or_404(self.get_queryset(), pk=pk)
        services.delete_filter(saved_filter=saved)
        messages.success(request, _("Het filter ‘%(name)s’ is verwijderd.") % {"name": saved.name})
        return HttpResponseRedirect(_list_url(saved.list_name))
