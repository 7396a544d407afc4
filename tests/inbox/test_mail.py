"""E-mails: absolute links (SITE_URL), no personal data beyond the case number; the digest."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Status
from inbox import kinds, tasks
from inbox.kinds import Delivery
from inbox.models import Notification
from inbox.services import save_preferences
from tests.cases.factories import exchange, make_case, person_data

pytestmark = pytest.mark.django_db

SITE = "https://zvhd.example.nl"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.INBOX_DIGEST_HOUR = 7


@pytest.fixture
def case(cast):
    return make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        decided_by=cast.manager,
        person=person_data(cast.assen, first_name="Griet", last_name="Zwartveen", bsn="111222333"),
    )


def links(text: str) -> list[str]:
    return re.findall(r"\S+/\S*", text)


def assert_no_personal_data(message):
    text = message.subject + "\n" + message.body
    for word in ("Griet", "Zwartveen", "111222333", "Drenthe GGZ Partner", "Huisbezoek"):
        assert word not in text, word
    for link in re.findall(r"(?:https?://|/)\S+", message.body):
        assert link.startswith(SITE), link  # no relative link a mail client cannot open


def test_a_team_member_who_wants_e_mail_gets_one_with_an_absolute_link(
    cast, case, mailoutbox, django_capture_on_commit_callbacks
):
    cast.partner.email = "partner@ggz.test"
    cast.partner.save()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_team_member(case=case, user=cast.partner, task="", added_by=cast.regisseur)
    n = Notification.objects.get(recipient=cast.partner, kind=kinds.TEAM_ADDED)
    [message] = mailoutbox
    assert message.to == ["partner@ggz.test"]
    assert case.number in message.subject
    assert SITE + reverse("inbox:open", args=[n.pk]) in message.body
    assert_no_personal_data(message)
    n.refresh_from_db()
    assert n.emailed_at is not None
    assert tasks.send_notification_email(n.pk) is False  # never twice
    assert len(mailoutbox) == 1


def test_inbox_only_sends_no_e_mail(cast, case, mailoutbox, django_capture_on_commit_callbacks):
    cast.partner.email = "partner@ggz.test"
    cast.partner.save()
    save_preferences(user=cast.partner, deliveries={kinds.TEAM_ADDED: Delivery.INBOX})
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_team_member(case=case, user=cast.partner, task="", added_by=cast.regisseur)
    assert mailoutbox == []
    assert Notification.objects.filter(recipient=cast.partner, kind=kinds.TEAM_ADDED).count() == 1


def test_the_daily_digest_gathers_the_chosen_kinds_once_a_day(cast, case, mailoutbox, monkeypatch):
    cast.regisseur.email = "regisseur@zvhd.test"
    cast.regisseur.save()
    save_preferences(user=cast.regisseur, deliveries={kinds.ENRICHMENT_ADDED: Delivery.DIGEST})
    for text in ("een", "twee"):
        services.add_enrichment(
            **exchange(), case=case, added_by=cast.liaison_politie, text=text, shared_with="zvhd"
        )
    Notification.objects.update(created_at=timezone.now() - timedelta(days=1))
    mailoutbox.clear()
    amsterdam = ZoneInfo("Europe/Amsterdam")
    now = datetime.combine(timezone.localdate(), datetime.min.time(), amsterdam)
    monkeypatch.setattr(timezone, "now", lambda: now.replace(hour=6))
    assert tasks.send_digests() == 0  # before the digest hour
    monkeypatch.setattr(timezone, "now", lambda: now.replace(hour=8))
    assert tasks.send_digests() == 1
    assert tasks.send_digests() == 0  # the same day again: nothing
    [message] = mailoutbox
    assert message.to == ["regisseur@zvhd.test"]
    assert "2 nieuwe melding(en)" in message.subject
    assert message.body.count(case.number) == 2
    assert_no_personal_data(message)


def test_the_registration_e_mails_carry_absolute_links(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(registered_by=cast.partner, municipality=cast.assen)
    assert mailoutbox
    for message in mailoutbox:
        assert f"{SITE}/casussen/{case.pk}/" in message.body
        assert f" /casussen/{case.pk}/" not in message.body


def test_the_release_reminder_carries_an_absolute_link():
    from django.urls import reverse

    from zvhd.links import absolute_reverse, absolute_url

    assert absolute_url("/nazorg/3/") == f"{SITE}/nazorg/3/"
    assert absolute_reverse("inbox:list") == f"{SITE}{reverse('inbox:list')}"


def test_without_a_site_address_links_point_at_the_demo(settings):
    from zvhd.links import absolute_url

    settings.SITE_URL = ""
    assert absolute_url("/casussen/323/") == "http://127.0.0.1:8000/casussen/323/"


def test_old_notifications_are_purged(cast, settings):
    settings.INBOX_KEEP_DAYS = 30
    old = Notification.objects.create(recipient=cast.partner, kind=kinds.ESCALATION)
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    new = Notification.objects.create(recipient=cast.partner, kind=kinds.ESCALATION)
    assert tasks.purge_old_notifications() == 1
    assert list(Notification.objects.values_list("pk", flat=True)) == [new.pk]
