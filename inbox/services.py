"""All writes of the inbox. `notify(...)` is the one entry point other apps call.

    from inbox import kinds, recipients
    from inbox.services import notify

    notify(kinds.ESCALATION, recipients.managers(), case=case, target=escalation, actor=user)

It runs inside the caller's transaction (a rolled-back action leaves no notification), never
raises for an unknown or inactive recipient, and sends any e-mail only after the commit, as a
task that takes the notification's id.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inbox.kinds import SPECS, Delivery
from inbox.models import InboxPreferences, Notification, delivery_for
from zvhd.jobs import enqueue_on_commit
from zvhd.network.models import User
from zvhd.permissions import VIEW
from zvhd.versions import claim_version

SEND_EMAIL = "inbox.tasks.send_notification_email"

_state = threading.local()


@contextmanager
def muted():
    """No notifications inside this block: for writing history nobody needs to act on (the
    demo's past years, an import), as the cases import sends no e-mails either."""
    before = getattr(_state, "muted", False)
    _state.muted = True
    try:
        yield
    finally:
        _state.muted = before


def is_muted() -> bool:
    """Inside `muted()`: the services then send no e-mail about the record either."""
    return getattr(_state, "muted", False)


def _readers_of(record, users: list[User]) -> list[User]:
    """Those of `users` who may see `record` (the case, or the record in it), through the
    door: its model's `visible_to(user, "view")`. One query for the users and their roles,
    one EXISTS per user."""
    manager = type(record)._default_manager if record is not None else None
    if manager is None or not hasattr(manager, "visible_to") or not users:
        return users
    loaded = {
        u.pk: u.with_request_annotations()
        for u in User.objects.for_request().filter(pk__in=[u.pk for u in users])
    }
    return [
        loaded[u.pk]
        for u in users
        if u.pk in loaded and manager.visible_to(loaded[u.pk], VIEW).filter(pk=record.pk).exists()
    ]


@transaction.atomic
def notify(
    kind: str,
    recipients: Iterable[User | None],
    *,
    case=None,
    target=None,
    actor: User | None = None,
    once: bool = False,
) -> list[Notification]:
    """Tell `recipients` about `kind` on `case` (and the record `target` in it).

    Dropped: nobody twice, inactive users, the actor (one is not told of one's own work), and
    whoever may not see the record (`target`, or else the case) at all: a notification they
    could never open. So "to my organisation" reaches only those of it who work on the case.
    `once`: skip a recipient already told of this kind on this case and target (reminders).
    """
    if kind not in SPECS:
        raise ValueError(f"Unknown notification kind {kind!r}")
    if is_muted():
        return []
    unique: dict[int, User] = {}
    for user in recipients:
        if user is None or not user.is_active or user.pk in unique:
            continue
        if actor is not None and user.pk == actor.pk:
            continue
        unique[user.pk] = user
    # The record itself when it is guarded (an action, an enrichment), else the case.
    guarded = target is not None and hasattr(type(target)._default_manager, "visible_to")
    users = _readers_of(target if guarded else case, list(unique.values()))
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    target_id = target.pk if target is not None else None
    if once and users:
        told = set(
            Notification.objects.filter(
                kind=kind,
                case=case,
                target_type=target_type,
                target_id=target_id,
                recipient__in=users,
            ).values_list("recipient_id", flat=True)
        )
        users = [u for u in users if u.pk not in told]
    if not users:
        return []
    created = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=kind,
                case=case,
                target_type=target_type,
                target_id=target_id,
                actor=actor,
            )
            for user in users
        ]
    )
    preferences = {
        p.user_id: p for p in InboxPreferences.objects.filter(user__in=[u.pk for u in users])
    }
    for notification, user in zip(created, users, strict=True):
        if user.email and delivery_for(preferences.get(user.pk), kind) == Delivery.EMAIL:
            enqueue_on_commit(SEND_EMAIL, notification.pk)
    return created


def mark_read(*, notification: Notification, read_by: User) -> Notification:
    """Mark one of one's own notifications read (a second time changes nothing)."""
    if notification.recipient_id != read_by.pk:
        raise ValidationError(_("Dit is niet uw melding."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, user: User) -> int:
    """Every unread notification of `user` read, in one UPDATE; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def save_preferences(
    *, user: User, deliveries: dict[str, str], expected_version: int | None = None
) -> InboxPreferences:
    """One user's delivery per kind. A save on an older version of the row than stored is
    refused (EditConflict: two tabs of the same person lose nothing either)."""
    preferences, created = InboxPreferences.objects.get_or_create(user=user)
    if not created:
        claim_version(preferences, expected_version=expected_version)
    unknown = set(deliveries) - set(SPECS)
    if unknown:
        raise ValueError(f"Unknown notification kinds {sorted(unknown)}")
    for kind, delivery in deliveries.items():
        if delivery not in Delivery.values:
            raise ValidationError({kind: _("Kies hoe u deze melding wilt ontvangen.")})
        setattr(preferences, kind, delivery)
    preferences._history_user = user
    preferences.save()
    return preferences
