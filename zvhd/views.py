"""View mixins every app uses, and the start page.

`ScopedMixin` applies the model's `visible_to(user, action)` in `get_queryset()` and turns
"not yours" into a 404 and "yours, but not this action" into a 403, logging the attempt.
`RoleRequiredMixin` guards pages that show no single record (registers, reports, beheer).
`tests/test_urls_guarded.py` fails on a view that is neither, unless it is on its allow-list.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.views.generic import TemplateView

from zvhd.navigation import panels_for
from zvhd.permissions import VIEW
from zvhd.privacy.models import AccessAction


class Guarded:
    """Marker for views that decide access themselves (see the module docstring)."""


class RoleRequiredMixin(Guarded):
    """Only users with one of `roles` may open the page; others get a logged 403."""

    roles: set[str] = set()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_role(*self.roles):
            from zvhd.privacy.services import log_access

            log_access(request=request, action=AccessAction.VIEW, allowed=False)
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedMixin(Guarded):
    """Reach `model` only through `model.objects.visible_to(user, action)`.

    - `action` is what the view does with the object ("view", "change", or a model's own
      action such as "triage"); the object must first be visible at all (else 404), then
      allowed for the action (else 403). Both denials are logged.
    - `read_method` names the queryset method that bundles the page's joins (`for_detail`).
    - `log_reads`: the object holds personal data, so each successful read is logged.
    """

    model = None
    action: str = VIEW
    read_method: str | None = None
    log_reads: bool = True

    def scoped_queryset(self, action: str = VIEW):
        qs = self.model.objects.visible_to(self.request.user, action)
        if self.read_method:
            qs = getattr(qs, self.read_method)()
        return qs

    def get_queryset(self):
        return self.scoped_queryset(VIEW)

    def get_object(self, queryset=None):
        from zvhd.privacy.services import log_access

        lookup = self.kwargs.get(self.pk_url_kwarg) or self.kwargs.get(self.slug_url_kwarg)
        try:
            obj = super().get_object(queryset)
        except Http404:
            log_access(
                request=self.request,
                model=self.model,
                object_id=lookup,
                action=self.log_action,
                allowed=False,
            )
            raise
        if self.action != VIEW and not self.allows(obj, self.action):
            log_access(request=self.request, obj=obj, action=self.log_action, allowed=False)
            raise PermissionDenied
        if self.log_reads and self.request.method in ("GET", "HEAD"):
            log_access(request=self.request, obj=obj, action=self.log_action)
        return obj

    def allows(self, obj, action: str) -> bool:
        """Whether `obj`, visible to the user, is also in reach for `action` (one EXISTS).

        A view whose queryset already answers this (an annotation) may say so instead; the
        answer must still come from `visible_to`'s own rules.
        """
        allowed = self.model.objects.visible_to(self.request.user, action)
        return allowed.filter(pk=obj.pk).exists()

    @property
    def log_action(self) -> str:
        return AccessAction.VIEW if self.action == VIEW else AccessAction.CHANGE


class ScopedListMixin(ScopedMixin):
    """A list of guarded records: one access-log row per record shown (one INSERT).

    The records shown are the context's `object_list`, or, for a list built from plain rows,
    the pks of `self.model` in `shown_ids`.
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.log_reads:
            from zvhd.privacy.services import log_list_access

            if context.get("shown_ids") is not None:
                log_list_access(
                    request=self.request, model=self.model, object_ids=context["shown_ids"]
                )
            elif context.get("object_list") is not None:
                log_list_access(request=self.request, objects=list(context["object_list"]))
        return context


class StartView(TemplateView):
    """The start page: the panels of the user's roles (every app adds its own)."""

    template_name = "zvhd/start.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hour = timezone.localtime().hour
        context["greeting"] = (
            "Goedemorgen" if 6 <= hour < 12 else "Goedemiddag" if 12 <= hour < 18 else "Goedenavond"
        )
        context["panels"] = [
            {"template": panel.template, **panel.context(self.request)}
            for panel in panels_for(self.request.user)
        ]
        return context
