"""Release reminders (issue 5 point 9), run daily by Celery beat.

While a basic condition is not arranged, the coordinator is told 14 and 3 days before the
expected release. Half of all detentions are shorter than a month, so a record that arrives
with fewer than 14 days left gets its 14-day reminder at once rather than never; each stage is
sent once per expected release date (the `Reminder` row is the memory), so running the task
twice, or after a missed day, sends nothing twice. A changed release date starts afresh.
"""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from zvhd import formats
from zvhd.links import absolute_url

# Stage (days before release) -> the window of days left in which it is due.
STAGES = {14: range(4, 15), 3: range(0, 4)}


def due_stage(days_left: int) -> int | None:
    for stage, window in STAGES.items():
        if days_left in window:
            return stage
    return None


@shared_task(acks_late=True)
def send_release_reminders() -> int:
    """Tell the coordinators about releases with open conditions. Returns reminders sent."""
    from aftercare.models import AftercareRecord, Reminder

    today = timezone.localdate()
    horizon = today + timedelta(days=max(STAGES))
    sent = 0
    for record in AftercareRecord.objects.releases_between(today, horizon).select_related(
        "coordinator"
    ):
        open_basic = [c for c in record.open_condition_list if c.basic]
        stage = due_stage((record.expected_release - today).days)
        if not open_basic or stage is None:
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    record=record,
                    stage=stage,
                    release_date=record.expected_release,
                    open_conditions=len(open_basic),
                )
        except IntegrityError:
            continue  # already reminded for this stage and date
        _mail_coordinators(record, stage, len(open_basic))
        sent += 1
    return sent


def _mail_coordinators(record, stage: int, open_count: int) -> None:
    """The mail names the record number only: personal data stays behind the login."""
    from zvhd.network.models import Role, User

    if record.coordinator and record.coordinator.is_active and record.coordinator.email:
        recipients = [record.coordinator.email]
    else:
        recipients = list(
            User.objects.filter(is_active=True, groups__name=Role.NAZORGCOORDINATOR)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    if not recipients:
        return
    # Absolute (SITE_URL): a mail client has no page to resolve a path against.
    url = absolute_url(reverse("aftercare:record_detail", args=[record.pk]))
    send_mail(
        subject=f"Nazorg {record.number}: ontslag over {stage} dagen, {open_count} "
        f"basisvoorwaarde(n) niet geregeld",
        message=(
            f"Dossier {record.number} heeft een verwachte datum van ontslag over "
            f"{(record.expected_release - timezone.localdate()).days} dagen "
            f"({formats.short_date(record.expected_release)}).\n"
            f"Nog niet geregeld: {open_count} van de vijf basisvoorwaarden.\n\n"
            f"Bekijk het dossier: {url}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )
