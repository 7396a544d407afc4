"""The inbox: one row per notification per reader, and each reader's delivery choices.

A notification holds references, never text: the kind, the case (its id) and the record it
is about (a generic reference), who caused it and when. What the reader sees is made at
display time from what the reader may still see (`inbox.display`), so losing access to a case
also empties its notifications of details. Notifications hold no case data themselves and so
no history; the records they point to keep theirs.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inbox.kinds import SPECS, Delivery, Kind
from zvhd.permissions import VIEW, GuardedQuerySet
from zvhd.versions import Versioned


class NotificationQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        """Everyone reads and marks only their own notifications; nobody else's."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_list(self):
        """The inbox page: unread first (open work first, issue 23), each part newest first,
        with the kind's target type and the actor joined (index `inbox_unread_first`)."""
        return self.select_related("actor", "target_type").order_by(read_last(), "-id")


def read_last():
    """0 for an unread notification, 1 for a read one: the inbox's first sort key."""
    return models.Case(
        models.When(read_at__isnull=True, then=models.Value(0)), default=models.Value(1)
    )


def unread_count_expression():
    """The user's unread count as a subquery on the user (one per page, in the user's own
    query: zvhd.apps_contract.user_annotations)."""
    counts = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts), Value(0))


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ontvangen"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("gelezen"), null=True, blank=True)
    # When it left by e-mail (at once or in the daily digest); the memory that makes the
    # e-mail tasks safe to run twice.
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        indexes = [
            # A reader's notifications, newest first.
            models.Index(fields=["recipient", "-id"], name="inbox_recipient_id"),
            # The inbox page: unread first, then newest first - its page read from the index
            # instead of sorting all of a reader's notifications (issue 24: 320 ms for 300,000).
            models.Index(
                models.F("recipient"), read_last(), models.F("id").desc(), name="inbox_unread_first"
            ),
            # The header's count on every page: only unread rows are in it.
            models.Index(
                fields=["recipient"],
                name="inbox_unread",
                condition=models.Q(read_at__isnull=True),
            ),
            # "Already told?" for reminders that must go out once (notify(once=True)).
            models.Index(fields=["case", "kind"], name="inbox_case_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.recipient_id})"


class PreferencesQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(user=user)


def _choice(kind: Kind):
    return models.CharField(
        kind.label,
        max_length=10,
        choices=Delivery.choices,
        default=SPECS[kind].default,
    )


class InboxPreferences(Versioned, models.Model):
    """One user's choice per kind: inbox only, also e-mail at once, or a daily digest.

    A user without a row has every kind's default (`inbox.kinds.SPECS`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_preferences"
    )
    team_added = _choice(Kind.TEAM_ADDED)
    action_assigned = _choice(Kind.ACTION_ASSIGNED)
    action_due = _choice(Kind.ACTION_DUE)
    enrichment_added = _choice(Kind.ENRICHMENT_ADDED)
    journal_entry = _choice(Kind.JOURNAL_ENTRY)
    document_added = _choice(Kind.DOCUMENT_ADDED)
    document_requested = _choice(Kind.DOCUMENT_REQUESTED)
    triage_decision = _choice(Kind.TRIAGE_DECISION)
    escalation = _choice(Kind.ESCALATION)
    triage_overdue = _choice(Kind.TRIAGE_OVERDUE)
    closing_approval = _choice(Kind.CLOSING_APPROVAL)
    closing_decided = _choice(Kind.CLOSING_DECIDED)
    risk_review = _choice(Kind.RISK_REVIEW)
    table_action_assigned = _choice(Kind.TABLE_ACTION_ASSIGNED)
    history = HistoricalRecords()
    objects = PreferencesQuerySet.as_manager()

    class Meta:
        verbose_name = _("meldingsvoorkeuren")
        verbose_name_plural = _("meldingsvoorkeuren")

    def __str__(self):
        return f"Voorkeuren {self.user_id}"

    def delivery(self, kind: str) -> str:
        return getattr(self, kind)


def delivery_for(preferences: InboxPreferences | None, kind: str) -> str:
    return preferences.delivery(kind) if preferences is not None else SPECS[kind].default
