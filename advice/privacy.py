"""Spotting person data typed into free text before it is saved ("dit lijkt een persoonsgegeven").

Advice records and signals are meant to hold no person data. Two kinds of finding:
- *blocking*: a number that passes the BSN eleven-test. A BSN never belongs here, so no
  confirmation lets it through;
- *to confirm*: an e-mail address or another nine-digit number. A professional's e-mail in an
  answer ("mail de wijkagent") is fine, so the user may confirm it is not a citizen's data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from stdnum.nl import bsn

# Nine digits, optionally grouped with spaces, dots or dashes (123.456.782, 1234 56 782), not
# part of a longer number (a phone number has ten digits).
NINE_DIGITS = re.compile(r"(?<![\d])(?:\d[ .-]?){8}\d(?![\d])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Finding:
    what: str
    text: str
    blocking: bool


def findings_in(text: str) -> list[Finding]:
    found: list[Finding] = []
    for match in NINE_DIGITS.finditer(text or ""):
        digits = re.sub(r"\D", "", match.group())
        if bsn.is_valid(digits):
            found.append(Finding(_("een BSN"), match.group(), blocking=True))
        else:
            found.append(Finding(_("een BSN-achtig nummer"), match.group(), blocking=False))
    for match in EMAIL.finditer(text or ""):
        found.append(Finding(_("een e-mailadres"), match.group(), blocking=False))
    return found


def message_for(findings: list[Finding]) -> str:
    parts = ", ".join(f"{f.what} ({f.text})" for f in findings)
    if any(f.blocking for f in findings):
        return _(
            "Dit lijkt een persoonsgegeven: %(parts)s. Een BSN mag hier nooit staan; haal het weg."
        ) % {"parts": parts}
    return _(
        "Dit lijkt een persoonsgegeven: %(parts)s. Haal het weg, of bevestig hieronder dat het "
        "geen gegeven van een burger is (bijvoorbeeld het e-mailadres van een professional)."
    ) % {"parts": parts}


def alias_problem(alias: str) -> str | None:
    """A pseudonym or initials: short, no numbers that could be a BSN or date, no e-mail."""
    if not alias:
        return None
    # Four digits or more could be a birth date, a year of birth or part of a BSN.
    if "@" in alias or sum(ch.isdigit() for ch in alias) >= 4:
        return _(
            "Dit lijkt een persoonsgegeven. Gebruik alleen initialen of een pseudoniem, "
            "nooit een BSN, geboortedatum of e-mailadres."
        )
    if len(alias.split()) > 2:
        return _("Gebruik initialen of één pseudoniem, geen volledige naam.")
    return None
