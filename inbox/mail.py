"""The inbox's e-mails: the kind and the case number, an absolute link, nothing else.

No names, no content: the link opens the notification in the inbox (`inbox:open`), which
goes through the door again, so an e-mail read later never shows more than its reader may
see by then.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.utils.translation import gettext as _

from zvhd.links import absolute_reverse


def _case_part(notification) -> str:
    number = notification.case.number if notification.case_id else ""
    return f" – casus {number}" if number else ""


def send_one(notification) -> None:
    link = absolute_reverse("inbox:open", notification.pk)
    label = notification.get_kind_display()
    send_mail(
        f"ZVHD: {label}{_case_part(notification)}",
        _(
            "Er staat een nieuwe melding voor u in de inbox van het Zorg- en Veiligheidshuis "
            "Drenthe: %(label)s%(case)s.\n\nBekijk de melding (na inloggen): %(link)s\n\n"
            "Wilt u deze meldingen anders ontvangen? Kies het bij Meldingen > Voorkeuren:\n"
            "%(prefs)s\n"
        )
        % {
            "label": label,
            "case": _case_part(notification),
            "link": link,
            "prefs": absolute_reverse("inbox:preferences"),
        },
        None,
        [notification.recipient.email],
    )


def send_digest(user, notifications) -> None:
    lines = [
        f"- {n.get_kind_display()}{_case_part(n)}: {absolute_reverse('inbox:open', n.pk)}"
        for n in notifications
    ]
    count = len(notifications)
    send_mail(
        _("ZVHD: %(count)s nieuwe melding(en) in uw inbox") % {"count": count},
        _(
            "Dit is uw dagelijkse samenvatting van het Zorg- en Veiligheidshuis Drenthe.\n\n"
            "%(lines)s\n\nAlle meldingen: %(inbox)s\n"
            "Wilt u deze meldingen anders ontvangen? Kies het bij Meldingen > Voorkeuren:\n"
            "%(prefs)s\n"
        )
        % {
            "lines": "\n".join(lines),
            "inbox": absolute_reverse("inbox:list"),
            "prefs": absolute_reverse("inbox:preferences"),
        },
        None,
        [user.email],
    )
