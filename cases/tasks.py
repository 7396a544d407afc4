"""Notifications, reminders and the ketenkamer's decision-list PDF (CONVENTIONS rule 8).

Tasks take ids, never personal data; each is safe to run twice: a notification marks the row
it was sent for (`*_notified_at`, `reminded_for`) and skips rows already marked. E-mails carry
the case number and an absolute link (`zvhd.links`, from SITE_URL), never names or content:
the reader logs in to see more. Reminders to users go through the inbox
(`inbox.services.notify`), which e-mails them as each reader chose.
"""

from __future__ import annotations

from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from cases.models import Ketenkamer
from inbox import kinds, recipients
from inbox.services import notify
from zvhd import formats
from zvhd.links import absolute_url
from zvhd.meetings.tasks import decision_list_task
from zvhd.network.models import Role, User

REMINDER_DAYS_AHEAD = 3  # actions and reviews falling due within this many days


def _link(path: str) -> str:
    return absolute_url(path)


def _bureau_addresses(*roles) -> list[str]:
    return list(
        User.objects.filter(is_active=True, groups__name__in=roles)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


@shared_task(acks_late=True)
def notify_new_registration(case_id: int) -> bool:
    """Tell process support there is a new registration, and confirm it to the registrant."""
    from cases.models import Case

    with transaction.atomic():
        case = Case.objects.select_for_update().filter(pk=case_id).first()
        if case is None or case.registration_notified_at:
            return False
        link = _link(reverse("cases:case_detail", args=[case.pk]))
        send_mail(
            f"Nieuwe aanmelding {case.number}",
            f"Er is een nieuwe aanmelding binnengekomen: {case.number}.\nBekijk en screen: {link}",
            None,
            _bureau_addresses(Role.PROCESONDERSTEUNER, Role.MANAGER),
        )
        send_mail(
            f"Ontvangstbevestiging aanmelding {case.number}",
            "Uw aanmelding bij het Zorg- en Veiligheidshuis Drenthe is ontvangen onder nummer "
            f"{case.number}. U volgt de status via {link}",
            None,
            [case.registrant_email],
        )
        Case.objects.filter(pk=case.pk).update(registration_notified_at=timezone.now())
    return True


@shared_task(acks_late=True)
def notify_triage_decision(case_id: int) -> bool:
    """Tell the registrant (and the new director) what the ketenkamer decided."""
    from cases.models import Case

    with transaction.atomic():
        case = Case.objects.select_for_update().filter(pk=case_id).first()
        if case is None or case.decision_notified_at or not hasattr(case, "triage"):
            return False
        link = _link(reverse("cases:case_detail", args=[case.pk]))
        decision = case.triage.get_decision_display()
        recipients = [case.registrant_email]
        if case.director_id and case.director.email:
            recipients.append(case.director.email)
        send_mail(
            f"Besluit ketenkamer over aanmelding {case.number}",
            f"De ketenkamer heeft besloten over aanmelding {case.number}: {decision}.\n{link}",
            None,
            recipients,
        )
        Case.objects.filter(pk=case.pk).update(decision_notified_at=timezone.now())
    return True


@shared_task(acks_late=True)
def send_action_reminders() -> int:
    """Daily: tell the director and the owner (or the owner organisation's people on the case)
    of open actions that fall due soon, through the inbox ("actie vervalt binnenkort"; by
    e-mail too unless the reader chose otherwise). Returns the number of actions reminded.

    Each action is reminded once per due date (`reminded_for`), so a second run sends nothing.
    """
    from cases.models import OPEN_STATUSES, Action, ActionStatus
    from cases.services import action_recipients

    today = timezone.localdate()
    horizon = today + timezone.timedelta(days=REMINDER_DAYS_AHEAD)
    # A closed case is read-only: its actions left open on purpose remind nobody.
    due = (
        Action.objects.filter(
            status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS],
            due_on__lte=horizon,
            case__status__in=OPEN_STATUSES,
        )
        .exclude(reminded_for=F("due_on"))
        .select_related("case", "case__director", "owner", "owner_organisation")
    )
    sent = 0
    for action in due:
        with transaction.atomic():
            told = notify(
                kinds.ACTION_DUE,
                [action.case.director, *action_recipients(action)],
                case=action.case,
                target=action,
            )
            Action.objects.filter(pk=action.pk).update(reminded_for=action.due_on)
        sent += bool(told)
    return sent


@shared_task(acks_late=True)
def notify_overdue_triage() -> int:
    """Daily: a registration waiting more than five working days for a decision
    (`cases.models.triage_overdue`) is told to process support, once per registration.
    Returns the number of registrations told about."""
    from cases.models import TRIAGE_STATUSES, Case, triage_overdue

    # Five working days are at least seven calendar days: an indexed pre-selection, then the
    # working-day rule (public holidays) in Python on the few that are left.
    before = timezone.now() - timezone.timedelta(days=7)
    waiting = Case.objects.filter(status__in=TRIAGE_STATUSES, registered_at__lt=before).only(
        "pk", "status", "registered_at"
    )
    support = recipients.process_support()
    told = 0
    for case in waiting:
        if not triage_overdue(case.status, case.registered_at):
            continue
        if notify(kinds.TRIAGE_OVERDUE, support, case=case, once=True):
            told += 1
    return told


@shared_task(acks_late=True)
def send_review_reminders() -> int:
    """Daily: remind directors of review (evaluation) dates within the next days, once each.

    Only running cases (a closed case has no review ahead: closing clears its date too)."""
    from cases.models import DIRECTION_STATUSES, Case

    today = timezone.localdate()
    horizon = today + timezone.timedelta(days=REMINDER_DAYS_AHEAD)
    cases = (
        Case.objects.filter(
            status__in=DIRECTION_STATUSES, review_on__isnull=False, review_on__lte=horizon
        )
        .exclude(review_reminded_for=F("review_on"))
        .select_related("director")
    )
    sent = 0
    for case in cases:
        if case.director and case.director.email:
            send_mail(
                f"Evaluatie casus {case.number} op {formats.short_date(case.review_on)}",
                "De evaluatiedatum van het plan van aanpak nadert. "
                + _link(reverse("cases:case_plan", args=[case.pk])),
                None,
                [case.director.email],
            )
            sent += 1
        Case.objects.filter(pk=case.pk).update(review_reminded_for=case.review_on)
    return sent


# The ketenkamer's decision list PDF: the meeting kernel's task (zvhd.meetings.tasks), under
# the name `Ketenkamer.decision_list_task` gives it. Safe to run twice.
render_decision_list = decision_list_task(Ketenkamer)
