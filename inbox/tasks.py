"""The inbox's e-mails and clean-up (CONVENTIONS rule 8): tasks take ids, are safe to run
twice (`Notification.emailed_at` is the memory) and carry no personal data."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from inbox import mail
from inbox.kinds import Delivery
from inbox.models import InboxPreferences, Notification, delivery_for


@shared_task(acks_late=True)
def send_notification_email(notification_id: int) -> bool:
    """One notification by e-mail, once (for readers who chose "ook meteen per e-mail")."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "case")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.recipient.email:
            return False
        if not notification.recipient.is_active:
            return False
        mail.send_one(notification)
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


@shared_task(acks_late=True)
def send_digests() -> int:
    """Once a day from INBOX_DIGEST_HOUR: one e-mail per user with the unread notifications of
    the kinds they chose "dagelijkse samenvatting" for, that arrived before that hour and were
    not e-mailed before. Returns the number of e-mails sent; a second run the same day sends
    none (every row is marked)."""
    now = timezone.localtime()
    if now.hour < settings.INBOX_DIGEST_HOUR:
        return 0
    # What arrived before today's digest hour: later rows wait for tomorrow's e-mail, so the
    # hourly runs send each user at most one digest a day.
    cutoff = now.replace(hour=settings.INBOX_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            recipient__is_active=True,
            created_at__lt=cutoff,
        )
        .exclude(recipient__email="")
        .select_related("recipient", "case")
        .order_by("recipient_id", "id")
    )
    by_user: dict[int, list[Notification]] = {}
    for n in pending:
        by_user.setdefault(n.recipient_id, []).append(n)
    preferences = {p.user_id: p for p in InboxPreferences.objects.filter(user_id__in=list(by_user))}
    sent = 0
    for user_id, notifications in by_user.items():
        chosen = [
            n
            for n in notifications
            if delivery_for(preferences.get(user_id), n.kind) == Delivery.DIGEST
        ]
        if not chosen:
            continue
        with transaction.atomic():
            ids = [n.pk for n in chosen]
            # Claim the rows first: a second run at the same moment finds them taken.
            claimed = Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(
                emailed_at=timezone.now()
            )
            if claimed != len(ids):
                continue
            mail.send_digest(chosen[0].recipient, chosen)
        sent += 1
    return sent


@shared_task(acks_late=True)
def purge_old_notifications() -> int:
    """Notifications older than INBOX_KEEP_DAYS go (one DELETE): the records keep history."""
    cutoff = timezone.now() - timedelta(days=settings.INBOX_KEEP_DAYS)
    deleted, _rows = Notification.objects.filter(created_at__lt=cutoff).delete()
    return deleted
