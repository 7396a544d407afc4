"""Session limits, the mandatory second factor and no-store caching for personal pages."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

SESSION_STARTED_KEY = "zvhd_session_started"
SESSION_RENEWED_KEY = "zvhd_session_renewed"


class AbsoluteSessionLimitMiddleware:
    """Log out after SESSION_ABSOLUTE_SECONDS, however active the session was; renew the idle
    limit while the user works.

    The idle limit is Django's own: a session expires SESSION_COOKIE_AGE after it was last
    saved. Saving it on every request (SESSION_SAVE_EVERY_REQUEST) cost every page an UPDATE
    in its own transaction; instead the session is saved again once SESSION_RENEW_SECONDS have
    passed since the last save, so an idle session ends between SESSION_COOKIE_AGE minus that
    interval and SESSION_COOKIE_AGE after the last request: never later than promised.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session = request.session
            started = session.get(SESSION_STARTED_KEY)
            now = int(time.time())
            if started is None:
                session[SESSION_STARTED_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
                return redirect(settings.LOGIN_URL)
            if now - session.get(SESSION_RENEWED_KEY, 0) >= settings.SESSION_RENEW_SECONDS:
                session[SESSION_RENEWED_KEY] = now  # modified: saved with a new expiry
        return self.get_response(request)


def has_second_factor(user) -> bool:
    """Asked by the middleware and the start page; kept on the user object (one request).

    The request user comes with the answer already (zvhd.network.backends, read in the same
    query as the user); other user objects cost one indexed EXISTS.
    """
    from allauth.mfa.utils import is_mfa_enabled

    if not hasattr(user, "_zvhd_second_factor"):
        user._zvhd_second_factor = is_mfa_enabled(user)
    return user._zvhd_second_factor


class SecondFactorRequiredMiddleware:
    """A logged-in user without a second factor reaches only the set-up page (and logout).

    allauth asks for the second factor at login once one is set up; this closes the gap for
    users who have none yet. DEMO_DISABLE_SECOND_FACTOR switches it off for a local demo only.
    """

    allowed_url_names = (
        "mfa_activate_totp",
        "mfa_generate_recovery_codes",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_index",
        "account_logout",
        "account_reauthenticate",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if settings.DEMO_DISABLE_SECOND_FACTOR or not user.is_authenticated:
            return self.get_response(request)
        if has_second_factor(user):  # read with the user (zvhd.network.backends)
            return self.get_response(request)
        allowed = {reverse(name) for name in self.allowed_url_names}
        if request.path in allowed or request.path.startswith(settings.STATIC_URL):
            return self.get_response(request)
        return redirect("mfa_activate_totp")


class NoStoreMiddleware:
    """Pages shown to a logged-in user may hold personal data: no browser or proxy keeps them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
        return response
