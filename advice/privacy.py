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

# Nine digits, optionally grouped with spaces, dots or dashes (123.456.782, 1234 56 782), not
# part of a longer number (a phone number has ten digits).
NINE_DIGITS = re.compile(r"(?<![\d])(?:\d[ .-]?){8}\d(?![\d])")
SEPARATORS = str.maketrans("", "", " .-")
# An e-mail address: local part, "@", a domain with at least one dot. Found from each "@" outwards
# (`_emails`), in time linear in the length of the text (issue 18, item 3): the old single
# pattern `[\w.+-]+@[\w-]+(?:\.[\w-]+)+` restarted its scan of a long run of word characters at
# every position of it, so 20,000 characters without an "@" took seconds and 100,000 a worker.
LOCAL_REVERSED = re.compile(r"[\w.+-]++")  # the local part, read backwards from the "@"
DOMAIN = re.compile(r"[\w-]++(?:\.[\w-]++)++")  # possessive: never gives back, never rescans
# An "@" that can start a domain: the loop below visits only these (in C, not one by one).
CANDIDATE = re.compile(r"@(?=[\w-]++\.[\w-])")
# A message names at most this many findings; `findings_in` collects at most MAX_FINDINGS.
SHOWN_FINDINGS = 5
MAX_FINDINGS = 20


@dataclass(frozen=True)
class Finding:
    what: str
    text: str
    blocking: bool


def findings_in(text: str) -> list[Finding]:
    """What looks like person data in `text`: at most `MAX_FINDINGS`, a BSN always among them.

    More findings would not change the answer (refused, or to be confirmed) nor the message,
    which names the first few; stopping there keeps a text full of addresses cheap.
    """
    text = text or ""
    found: list[Finding] = []
    blocked = False
    what_bsn, what_number = _("een BSN"), _("een BSN-achtig nummer")
    for match in NINE_DIGITS.finditer(text):
        is_bsn = _is_bsn(match.group().translate(SEPARATORS))
        if len(found) < MAX_FINDINGS or (is_bsn and not blocked):
            found.append(Finding(what_bsn if is_bsn else what_number, match.group(), is_bsn))
        blocked = blocked or is_bsn
        if blocked and len(found) >= MAX_FINDINGS:
            return found
    what_email = _("een e-mailadres")
    for address in _emails(text, limit=MAX_FINDINGS - len(found)):
        found.append(Finding(what_email, address, blocking=False))
    return found


def _is_bsn(digits: str) -> bool:
    """The elfproef, as `stdnum.nl.bsn.is_valid` for nine digits, at a tenth of its cost (it
    runs for every nine-digit group of a text)."""
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total % 11 == 0 and digits != "000000000"


def _emails(text: str, *, limit: int) -> list[str]:
    """The addresses the old pattern found with `finditer`, leftmost first, without overlap.

    Each character is read at most twice: the local parts to the left of two "@" never overlap
    (an "@" ends them), nor do the domains to the right.
    """
    found: list[str] = []
    if limit <= 0:
        return found
    reversed_text = text[::-1]
    end_of_last = 0
    for candidate in CANDIDATE.finditer(text):
        at = candidate.start()
        if at < end_of_last:
            continue
        local = LOCAL_REVERSED.match(reversed_text, len(text) - at)
        start = max(end_of_last, at - (local.end() - local.start()) if local else at)
        domain = DOMAIN.match(text, at + 1) if start < at else None
        if domain:
            found.append(text[start : domain.end()])
            end_of_last = domain.end()
            if len(found) >= limit:
                break
    return found


def message_for(findings: list[Finding]) -> str:
    parts = ", ".join(f"{f.what} ({f.text})" for f in findings[:SHOWN_FINDINGS])
    if len(findings) > SHOWN_FINDINGS:
        parts += _(" en meer")
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
