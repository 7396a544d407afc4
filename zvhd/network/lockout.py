"""One lockout for every authentication step: password, TOTP, recovery code, API key.

django-axes counts failures in its `AccessAttempt` table and refuses a locked client; it hears
of a failure through Django's `user_login_failed` signal. Django's `authenticate()` sends that
signal for a wrong password, but allauth's second-factor form and our API key check never
called `authenticate()`, so their failures reached no counter (allauth's own limit on codes
went with `ACCOUNT_RATE_LIMITS = {"login_failed": False}`): 60 wrong TOTP codes in 3 seconds.

So every step now does the same two things through this module:
- before checking anything, `refuse_if_locked()` (the same question axes' backend asks the
  password step), so even the right code is refused while locked;
- on a wrong answer, `report_failure()`, which sends `user_login_failed` like `authenticate()`
  does. Axes counts it and marks the request locked out, and `log_failure` (connected to the
  same signal) writes one log line for every failure, whichever step it came from.

The unlock of the functioneel beheerder (`services.unlock`, axes' `reset(username=…)`) clears
the lot, because there is one store.

Three limits, all within the cool-off window (`AXES_COOLOFF_TIME`, 30 minutes), asked in one
query by `LockoutHandler.is_locked` (the per-pair rule is `AXES_LOCKOUT_PARAMETERS`):
- `AXES_FAILURE_LIMIT` (5) for one account from one address: axes' own rule;
- `AUTH_ACCOUNT_FAILURE_LIMIT` (20) for one account from all addresses together: guessing a
  code from many addresses;
- `AUTH_ADDRESS_FAILURE_LIMIT` (50) for one address over all accounts and API keys together:
  password spraying and API key guessing, where every attempt names another account.
"""

from __future__ import annotations

import logging

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Q, Sum
from django.utils import timezone

logger = logging.getLogger("zvhd.auth")

PASSWORD = "wachtwoord"
TOTP = "code"
RECOVERY_CODE = "herstelcode"
API_KEY = "api-sleutel"


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler, with the account-wide and address-wide limits added."""

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        # axes marks the request locked out only for its own limit; the failure that reaches
        # one of ours gets the lockout page too.
        if (
            request is not None
            and not getattr(request, "axes_locked_out", False)
            and self.is_locked(request, credentials)
        ):
            request.axes_locked_out = True
            request.axes_credentials = credentials

    def is_locked(self, request, credentials=None) -> bool:
        """The three limits in one query (every API call and every login step asks)."""
        if not settings.AXES_LOCK_OUT_AT_FAILURE:
            return False
        from axes.helpers import get_client_username, get_failure_limit
        from axes.models import AccessAttempt

        username = get_client_username(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if not username and not address:
            return False
        mine = Q(username=username) if username else Q(pk__in=[])
        here = Q(ip_address=address) if address else Q(pk__in=[])
        totals = AccessAttempt.objects.filter(
            mine | here, attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
        ).aggregate(
            pair=Sum("failures_since_start", filter=mine & here, default=0),
            account=Sum("failures_since_start", filter=mine, default=0),
            address=Sum("failures_since_start", filter=here, default=0),
        )
        return (
            totals["pair"] >= get_failure_limit(request, credentials)
            or totals["account"] >= settings.AUTH_ACCOUNT_FAILURE_LIMIT
            or totals["address"] >= settings.AUTH_ADDRESS_FAILURE_LIMIT
        )


def account_locked(username: str) -> bool:
    """Whether this account is locked from some address or from all (beheer: Geblokkeerd)."""
    from axes.models import AccessAttempt

    recent = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
    ).aggregate(
        most=Max("failures_since_start", default=0),
        total=Sum("failures_since_start", default=0),
    )
    return (
        recent["most"] >= settings.AXES_FAILURE_LIMIT
        or recent["total"] >= settings.AUTH_ACCOUNT_FAILURE_LIMIT
    )


def _django_request(request):
    # DRF wraps the HttpRequest; axes keeps its attributes on the HttpRequest itself.
    return getattr(request, "_request", request)


def is_locked(request, username: str | None) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return not AxesProxyHandler.is_allowed(_django_request(request), {"username": username})


def refuse_if_locked(request, username: str | None) -> bool:
    """True when this account or address is locked; the response becomes axes' lockout page."""
    request = _django_request(request)
    if not is_locked(request, username):
        return False
    # AxesMiddleware turns this into the lockout page (429), as for the password step.
    request.axes_locked_out = True
    request.axes_credentials = {"username": username}
    return True


def report_failure(request, *, username: str | None, step: str, user=None) -> None:
    """Count a wrong answer at `step` for this account and address, and log it."""
    request = _django_request(request)
    user_login_failed.send(
        sender=__name__,
        credentials={"username": username, "step": step},
        request=request,
        user_id=getattr(user, "pk", None),
    )
    if step == API_KEY:
        # The API answers in JSON itself (401 now, 429 from the next call on); axes'
        # middleware would replace that answer with the HTML lockout page.
        request.axes_locked_out = False


def log_failure(sender, credentials=None, request=None, **kwargs) -> None:
    """One line per failed authentication step: the step, the user id, never what was typed.

    Connected to `user_login_failed`, so a wrong password (sent by Django's `authenticate()`)
    is logged as well as a wrong code or API key. No username, code, key or address: the
    log store is read by many; axes' table (beheer) holds the username and address.
    """
    credentials = credentials or {}
    locked = bool(getattr(request, "axes_locked_out", False))
    logger.warning(
        "Mislukte aanmelding (%s)%s",
        credentials.get("step", PASSWORD),
        ", geblokkeerd" if locked else "",
        extra={
            "event": "auth_locked" if locked else "auth_failed",
            "auth_step": credentials.get("step", PASSWORD),
            "user_id": kwargs.get("user_id"),
            "failures": getattr(request, "axes_failures_since_start", None),
        },
    )
