"""The inbox pages: the list, opening one notification, marking read, the preferences.

Every page reaches notifications through `Notification.objects.visible_to(user)` (the reader's
own): another person's notification is a 404. What a notification shows is decided at
display time by `inbox.display` through the door of the records it points to. The inbox holds
no personal data itself (kinds and case numbers), so reading it writes no access-log row; the
record a notification opens logs its own read.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin

from inbox import display, services
from inbox.forms import PREFERENCES_SAVED, MarkAllReadForm, PreferencesForm
from inbox.models import InboxPreferences, Notification
from zvhd.views import Guarded, ScopedMixin, ServiceFormMixin

PAGE_SIZE = 25


class InboxView(ScopedMixin, TemplateView):
    """Newest first, 25 a page, unread marked."""

    model = Notification
    template_name = "inbox/list.html"
    log_reads = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notifications = self.scoped_queryset().for_list()
        page = Paginator(notifications, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["page_obj"] = page
        context["entries"] = display.entries(self.request.user, list(page.object_list))
        context["unread"] = sum(1 for e in context["entries"] if e.unread)
        return context


class OpenView(ScopedMixin, SingleObjectMixin, View):
    """Open a notification (also the link in its e-mail): mark it read and go to its record,
    or back to the inbox when the reader may no longer see it."""

    model = Notification
    log_reads = False

    def get(self, request, *args, **kwargs):
        notification = self.get_object()
        services.mark_read(notification=notification, read_by=request.user)
        entry = display.entry(request.user, notification)
        if entry.url:
            return HttpResponseRedirect(entry.url)
        messages.info(request, _(display.NEUTRAL))
        return HttpResponseRedirect(reverse("inbox:list"))


class MarkReadView(ScopedMixin, SingleObjectMixin, View):
    model = Notification
    log_reads = False
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.mark_read(notification=self.get_object(), read_by=request.user)
        messages.success(request, _("De melding is als gelezen gemarkeerd."))
        return HttpResponseRedirect(_back(request))


class MarkAllReadView(Guarded, View):
    """Marks the user's own notifications only: no record to scope, the filter is the user."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        MarkAllReadForm(request.POST)
        count = services.mark_all_read(user=request.user)
        if count:
            messages.success(
                request, _("%(count)s melding(en) als gelezen gemarkeerd.") % {"count": count}
            )
        return HttpResponseRedirect(reverse("inbox:list"))


def _back(request) -> str:
    page = request.POST.get("page", "")
    url = reverse("inbox:list")
    return f"{url}?page={page}" if page.isdigit() else url


class PreferencesView(Guarded, ServiceFormMixin, FormView):
    """The user's own delivery choices: every logged-in user, their own row only."""

    template_name = "inbox/preferences.html"
    form_class = PreferencesForm
    success_message = PREFERENCES_SAVED

    def preferences(self):
        if not hasattr(self, "_preferences"):
            self._preferences = InboxPreferences.objects.visible_to(self.request.user).first()
        return self._preferences

    def versioned_object(self):
        return self.preferences()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "preferences": self.preferences()}

    def perform(self, form):
        return services.save_preferences(
            user=self.request.user,
            deliveries=form.deliveries(),
            expected_version=self.expected_version(form),
        )

    def get_success_url(self):
        return reverse("inbox:preferences")
