"""The header's inbox link and unread count, on every page.

The count comes with the user: `InboxConfig.ready()` registers it as a user annotation
(zvhd.apps_contract), so the query that loads the logged-in user reads it too and the header
costs no query of its own. A user loaded some other way (a test's request factory) is counted
with one query, lazily, only when the header is drawn.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from inbox.models import Notification


def unread_count(user) -> int:
    extras = getattr(user, "request_extras", None) or {}
    if "inbox_unread" in extras:
        return extras["inbox_unread"] or 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def inbox_header(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    url = reverse("inbox:list")
    return {
        "inbox_header": {
            "url": url,
            "current": request.path.startswith(url),
            "unread": SimpleLazyObject(lambda: unread_count(user)),
        }
    }
