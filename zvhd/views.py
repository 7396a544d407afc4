"""View mixins every app uses, and the start page.

`ScopedMixin` applies the model's `visible_to(user, action)` in `get_queryset()` and turns
"not yours" into a 404 and "yours, but not this action" into a 403, logging the attempt.
`RoleRequiredMixin` guards pages that show no single record (registers, reports, beheer).
`tests/test_urls_guarded.py` fails on a view that is neither, unless it is on its allow-list.
`deny()` is the one way to refuse: it logs the attempt, then answers 403.

`ServiceFormMixin` is the one form-to-service view: validate the form, call one service, turn
the service's `ValidationError` into field errors (or errors above the form), show a message
and redirect; an edit form carries the record's version and a concurrent save comes back as
the form with the editor's input and what changed (see `zvhd.versions`).
"""

from __future__ import annotations

from typing import NoReturn

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.views.generic import TemplateView

from zvhd.navigation import panels_for
from zvhd.permissions import VIEW
from zvhd.planner import joins_as_written
from zvhd.privacy.models import AccessAction
from zvhd.versions import CONFLICT_MESSAGE, EditConflict, changes_since, version_field


class Guarded:
    """Marker for views that decide access themselves (see the module docstring)."""


def deny(
    request, *, obj=None, model=None, object_id=None, action: str = AccessAction.CHANGE
) -> NoReturn:
    """Refuse: one access-log row for the attempt, then a 403."""
    from zvhd.privacy.services import log_access

    log_access(
        request=request, obj=obj, model=model, object_id=object_id, action=action, allowed=False
    )
    raise PermissionDenied


def require_action(request, model, action: str, *, obj=None) -> None:
    """Ask the door whether the user may do `action` (on `obj`, or with `model` at all).

    Without `obj` (planning a new ketenkamer, creating a group) the question is whether the
    model's `visible_to(user, action)` is shut for this user as a whole. A refusal is logged.
    """
    allowed = model.objects.visible_to(request.user, action)
    if obj is not None:
        permitted = allowed.filter(pk=obj.pk).exists()
    else:
        permitted = not allowed.query.is_empty()
    if not permitted:
        deny(request, obj=obj, model=model)


def apply_service_errors(form, error: ValidationError) -> None:
    """A service's refusal next to the field it names, or above the form when it names none."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def show_conflict(form, conflict: EditConflict, message=CONFLICT_MESSAGE, fields=None) -> None:
    """Turn a refused stale save into the form shown again: the editor's input stays, the
    message goes above it, the hidden version becomes the stored one (so the next save is a
    deliberate one) and `form.conflict` holds what changed since the form was opened, in the
    model `fields` the form edits (by default: the form's own field names)."""
    form.add_error(None, message)
    data = form.data.copy()
    data[form.add_prefix("version")] = str(conflict.current.version)
    form.data = data
    shown = fields or [name for name in form.fields if name != "version"]
    form.conflict = changes_since(
        conflict.current,
        conflict.expected,
        fields=shown,
        submitted=getattr(form, "cleaned_data", None),
    )


class ServiceFormMixin:
    """The one form-to-service view: validate, call one service, errors to fields, redirect.

    A subclass sets `perform(form)` (the one service call; it may return what it saved, kept
    as `self.result`), `success_message` (or `get_success_message()`) and `get_success_url()`.

    Edit forms: `versioned_object()` returns the record the form edits; the form then carries
    its version (hidden field `version`), `perform` passes `self.expected_version(form)` to the
    service, and the service's `claim_version` refuses a stale save with `EditConflict`. The
    form then comes back with the editor's input, the new version (so a second save is a
    deliberate one), `conflict_message` above it and the difference (`form.conflict`, shown by
    the shared form template; `conflict` and `current` are in the context as well).
    """

    success_message = ""
    conflict_message = CONFLICT_MESSAGE
    version_fields: list[str] | None = None  # the model fields the form edits, if named apart
    result = None

    def perform(self, form):  # pragma: no cover - abstract
        raise NotImplementedError

    def versioned_object(self):
        return None

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        record = self.versioned_object()
        if record is not None and record.pk is not None and "version" not in form.fields:
            form.fields["version"] = version_field()
            form.initial.setdefault("version", record.version)
        return form

    def expected_version(self, form) -> int | None:
        return form.cleaned_data.get("version")

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except EditConflict as conflict:
            return self.conflict(form, conflict)
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        message = self.get_success_message(form)
        if message:
            messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_message(self, form) -> str:
        return self.success_message

    def conflict(self, form, conflict: EditConflict):
        show_conflict(form, conflict, self.conflict_message, self.version_fields)
        context = self.get_context_data(form=form, conflict=form.conflict)
        context["current"] = conflict.current
        return self.render_to_response(context)


class RoleRequiredMixin(Guarded):
    """Only users with one of `roles` may open the page; others get a logged 403."""

    roles: set[str] = set()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_role(*self.roles):
            deny(request, action=AccessAction.VIEW)
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
            # One row by its key and its joins: planned as written (zvhd/planner.py).
            with joins_as_written():
                obj = self.read_object(queryset)
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
            deny(self.request, obj=obj, action=self.log_action)
        if self.log_reads and self.request.method in ("GET", "HEAD"):
            log_access(request=self.request, obj=obj, action=self.log_action)
        return obj

    def read_object(self, queryset=None):
        """The object by the URL's key through `get_queryset()` (the door); Http404 if out of
        reach. A view may read it in another way that asks the same door first."""
        return super().get_object(queryset)

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


class PageOrLastMixin:
    """A ListView's pagination that answers a page number past the end (a link kept after the
    list shrank) with the last page and a page that is no number with the first, as
    `Paginator.get_page` does, where Django's ListView answers both with a 404 ("last" is
    still the last page, as in Django)."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        asked = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg)
        page = paginator.get_page(paginator.num_pages if asked == "last" else asked)
        return paginator, page, page.object_list, page.has_other_pages()


class ScopedListMixin(ScopedMixin):
    """A list of guarded records: one access-log row per record shown (one INSERT).

    The records shown are, for a list built from plain rows, the pks of `self.model` in
    `shown_ids`; for a django-tables2 table, the rows of its page (a register's only
    pagination: zvhd.registers); otherwise the context's `object_list`.
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.log_reads:
            from zvhd.privacy.services import log_list_access

            page = getattr(context.get("table"), "page", None)
            if context.get("shown_ids") is not None:
                log_list_access(
                    request=self.request, model=self.model, object_ids=context["shown_ids"]
                )
            elif page is not None:
                log_list_access(
                    request=self.request, objects=[row.record for row in page.object_list]
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
        # A panel whose context is None has nothing of the user's own to show today.
        contexts = [(panel, panel.context(self.request)) for panel in panels_for(self.request.user)]
        context["panels"] = [
            {"template": panel.template, **data} for panel, data in contexts if data is not None
        ]
        return context
