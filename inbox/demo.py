"""A few recent notifications for the demo accounts, so `make run` shows a filled inbox.

Made after every app has seeded (`after_seed`), through `notify` like any other: only for
people who may see the record. The cases demo writes its three years of history muted
(`inbox.services.muted`). Safe to run twice: nothing is added once the inbox has rows.
"""

from __future__ import annotations

from django.utils import timezone

from inbox import kinds
from inbox.models import Notification
from inbox.services import notify
from zvhd.network.models import User


def _user(username):
    return User.objects.filter(username=username, is_active=True).first()


def after_seed(*, stdout, rng) -> None:
    if Notification.objects.exists():
        stdout.write("Meldingen: er zijn al meldingen, niets toegevoegd.\n")
        return
    cases = Notification._meta.get_field("case").related_model._default_manager
    made = 0
    regisseur, partner = _user("regisseur"), _user("partner")
    manager, support = _user("manager"), _user("ondersteuner")
    if partner is not None:
        case = cases.filter(team__user=partner, status="actief").order_by("-id").first()
        if case is not None:
            made += len(notify(kinds.TEAM_ADDED, [partner], case=case, actor=case.director))
    if regisseur is not None:
        for case in cases.filter(director=regisseur, status="actief").order_by("-id")[:3]:
            made += len(notify(kinds.ENRICHMENT_ADDED, [regisseur], case=case))
            action = case.actions.filter(status="open").order_by("due_on").first()
            if action is not None:
                made += len(notify(kinds.ACTION_DUE, [regisseur], case=case, target=action))
        # One already read, to show the difference.
        first = Notification.objects.filter(recipient=regisseur).order_by("id").first()
        if first is not None:
            Notification.objects.filter(pk=first.pk).update(read_at=timezone.now())
    if manager is not None:
        for case in cases.filter(status="opgeschaald").order_by("-id")[:2]:
            escalation = case.escalations.order_by("-id").first()
            made += len(
                notify(
                    kinds.ESCALATION, [manager], case=case, target=escalation, actor=case.director
                )
            )
    if support is not None:
        waiting = cases.filter(status__in=["aangemeld", "in_triage"]).order_by("registered_at")
        for case in waiting[:2]:
            made += len(notify(kinds.TRIAGE_OVERDUE, [support], case=case))
    stdout.write(f"Meldingen: {made} meldingen voor de demo-accounts.\n")
