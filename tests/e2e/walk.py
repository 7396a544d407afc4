"""What a walk through the pages checks on every page it visits (issue 23).

`telltales(page)` returns the visible text that should not be there: English words of a
user interface, raw codes (snake_case values, database ids in sentences), ISO or English
dates, numbers written the English way. A small list of tell-tale patterns, not a grammar:
each one was seen on a page once. Add a pattern when a walk finds a new class.
"""

from __future__ import annotations

import re

# Whole words that are English UI text in this project (Dutch pages never need them).
ENGLISH_WORDS = (
    "Changed",
    "Created",
    "Deleted",
    "None",
    "True",
    "False",
    "Submit",
    "Save",
    "Cancel",
    "Search",
    "Next",
    "Previous",
    "Delete",
    "Edit",
    "Loading",
    "Error",
    "This field",
    "Select",
    "Unknown",
    "Yes",
    "Page",
    "results",
    "Download",
    "Upload",
    "Close",
    "Back",
)
ENGLISH = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH_WORDS) + r")(?![\w-])")
PATTERNS = {
    "code": re.compile(r"(?<![\w./@-])[a-z]+_[a-z_]+(?![\w./@-])"),
    "iso-date": re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])"),
    "english-month": re.compile(
        r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b|"
        r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
    ),
    "english-number": re.compile(
        r"(?<![\w.,-])\d{1,3}(,\d{3})+(?![\d,])|(?<![\w.,-])\d+\.\d{1,2} ?%"
    ),
    # Django's empty choice of a select, where a filter should say "Alle handelingen".
    "empty-choice": re.compile(r"-{6,}"),
    # Template syntax on the page: a `{# ... #}` comment over two lines is text to Django
    # (the registration form opened with a developer's note in English).
    "template-syntax": re.compile(r"\{[#%{]|[#%}]\}"),
    # "casus 309" is a raw id; "Casus 2026-0054" is a case number (year, dash, sequence).
    # Records without a number are named by day and kind or case ("adviesvraag 295" was one).
    "database-id": re.compile(
        r"\b(casus|case|signaal|dossier|adviesvraag|logboekregel|risicotaxatie|groepsaanpak)"
        r" #?\d+(?![\w-])(?! (januari|februari|maart|april|mei|juni|juli|augustus|september"
        r"|oktober|november|december))",
        re.IGNORECASE,
    ),
}


def telltales(page, selector: str = "body") -> list[str]:
    """What on the page's visible text looks English or raw; [] when nothing does. The options
    of its selects count as text (a closed select shows only the chosen one)."""
    text = (
        page.inner_text(selector)
        + "\n"
        + "\n".join(
            page.eval_on_selector_all(f"{selector} option", "els => els.map(e => e.textContent)")
        )
    )
    found = [f"English: {m.group(0)!r}" for m in ENGLISH.finditer(text)]
    for name, pattern in PATTERNS.items():
        found += [f"{name}: {m.group(0)!r}" for m in pattern.finditer(text)]
    # A status is written with a capital, as every register writes it ("Verlopen", not
    # "verlopen" beside "Actief"): one capitalisation across apps.
    badges = page.eval_on_selector_all(
        f"{selector} .utrecht-status-badge", "els => els.map(e => e.textContent.trim())"
    )
    found += [f"badge: {b!r}" for b in badges if b[:1].islower()]
    return found


# The text of a select's chosen option against the room the closed select gives it (its inner
# width less the chevron's padding), measured in the select's own font.
_CLIPPED = """els => els.filter(e => e.offsetParent !== null && !e.multiple && e.selectedIndex >= 0)
  .map(e => {
    const style = getComputedStyle(e);
    const context = document.createElement("canvas").getContext("2d");
    context.font = style.font;
    const text = e.options[e.selectedIndex].textContent;
    const room = e.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return [e.name, text, context.measureText(text).width, room];
  })
  .filter(([name, text, width, room]) => width > room + 0.5)
  .map(([name, text]) => `${name}: ${text}`)"""


def clipped_selects(page, selector: str = "main") -> list[str]:
    """The selects under `selector` whose chosen option is cut off ("Lopend (alle niet a...",
    issue 23); [] when every closed select shows its option whole."""
    return page.eval_on_selector_all(f"{selector} select", _CLIPPED)
