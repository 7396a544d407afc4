"""The main menu and the start-page panels, from the contract each app registers in its
AppConfig.ready() (`zvhd.apps_contract`).

An app offers its entries and panels and for which roles; the menu and the start page show each
user only the entries of their roles. Nothing here grants access: the views still check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: set[str] = field(default_factory=set)
    order: int = 50
    # A browser access key (Alt+Shift+key in Chromium and Firefox) for work that must be
    # reachable from any page with the keyboard alone, such as logging a phone question.
    accesskey: str = ""
    # The roles whose own work this entry is: their menu starts with it, right after "Start"
    # (the aftercare register for the aftercare coordinator, "Gebruikers" for the functional
    # administrator), before what they may also look at.
    lead: set[str] = field(default_factory=set)

    def visible_for(self, user) -> bool:
        return user.has_role(*self.roles)


@dataclass(frozen=True)
class Panel:
    """A block on the start page. `context(request)` returns the template's context."""

    template: str
    roles: set[str]
    context: Callable[..., dict] = lambda request: {}
    order: int = 50
    # The roles whose own work this panel shows: it opens their start page (the manager's
    # figures and budget before "Mijn casussen", which for a manager is mostly 0).
    lead: set[str] = field(default_factory=set)

    def visible_for(self, user) -> bool:
        return user.has_role(*self.roles)


def _nav_items() -> list[NavItem]:
    from zvhd.apps_contract import contracts

    return [item for contract in contracts() for item in contract.menu]


def _panels() -> list[Panel]:
    from zvhd.apps_contract import contracts

    return [panel for contract in contracts() for panel in contract.panels]


@dataclass
class MenuEntry:
    label: str
    url: str
    active: bool
    accesskey: str = ""


# The main menu is one row at 1366 px (issue 23): the entries that fit stay in the row, the
# rest go under "Meer". Widths are estimated from the label (measured in Chromium at 1366 px:
# about 9 px a character plus 33 px of padding, on a row of 1,168 px), with a margin so that
# the bold current entry and a slightly wider font still fit.
ROW_WIDTH = 1168
MORE_WIDTH = 100
CHAR_WIDTH = 9.2
ITEM_PADDING = 34


def estimated_width(label: str) -> float:
    return ITEM_PADDING + CHAR_WIDTH * len(label)


def split_menu(entries: list[MenuEntry]) -> tuple[list[MenuEntry], list[MenuEntry]]:
    """The entries of the row and those under "Meer", in menu order."""
    if sum(estimated_width(e.label) for e in entries) <= ROW_WIDTH:
        return entries, []
    row, used = [], MORE_WIDTH
    for index, entry in enumerate(entries):
        used += estimated_width(entry.label)
        if used > ROW_WIDTH:
            return row, entries[index:]
        row.append(entry)
    return row, []


def menu_for(user, path: str = "") -> list[MenuEntry]:
    if not user.is_authenticated:
        return []
    entries = [
        MenuEntry(label=label, url=url, active=False, accesskey=accesskey)
        for label, url, accesskey in _menu_of(
            frozenset(user.role_names), get_language(), get_script_prefix(), get_urlconf()
        )
    ]
    # One active item: the longest menu URL the current page lies under (/casussen/aanmelden/
    # is "Aanmelden", not also "Casussen").
    matches = [e for e in entries if path == e.url or (e.url != "/" and path.startswith(e.url))]
    if matches:
        max(matches, key=lambda e: len(e.url)).active = True
    return entries


@lru_cache(maxsize=256)
def _menu_of(roles: frozenset[str], language, script_prefix, urlconf) -> tuple:
    """The menu of a set of roles as (label, url, access key), built once per process.

    What an entry shows depends on the roles alone (`NavItem.visible_for`), its label on the
    language and its URL on the URL configuration, so the menu is the same for every page of
    every user with these roles: sorting ~40 items and reversing their URLs on each page cost
    the bare page about a tenth of its time (issue 24). The arguments after `roles` are only
    the cache key; `reverse` and `str(label)` read them themselves.
    """
    entries = [("Start", reverse("start"), "")]

    def position(item: NavItem):
        # A role's own work first, then everything else, each in the apps' order. An entry
        # meant for one role alone is that role's own work too.
        own = item.lead & roles or (len(item.roles) == 1 and item.roles & roles)
        return (0 if own else 1, item.order, str(item.label))

    for item in sorted(_nav_items(), key=position):
        if not item.roles & roles:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:  # an app whose pages are not mounted (e.g. switched off)
            continue
        entries.append((str(item.label), url, item.accesskey))
    return tuple(entries)


def panels_for(user) -> list[Panel]:
    roles = user.role_names

    def position(panel: Panel):
        # As in the menu: a panel meant for one role alone is that role's own work too (the
        # nazorgcoördinator's releases opened below the quick advice form, issue 23).
        own = panel.lead & roles or (len(panel.roles) == 1 and panel.roles & roles)
        return (0 if own else 1, panel.order)

    return sorted((p for p in _panels() if p.visible_for(user)), key=position)


def section_crumbs(entries: list[MenuEntry], path: str) -> list[dict]:
    """Breadcrumbs for a sub-page that builds none of its own: Start › the menu entry it lies
    under, both links back (the page's own heading names the page itself)."""
    active = next((e for e in entries if e.active), None)
    if active is None or active.url == path or path == "/":
        return []
    crumbs = [{"label": "Start", "url": entries[0].url}]
    if active is not entries[0]:
        crumbs.append({"label": active.label, "url": active.url})
    return crumbs


def navigation(request):
    """Context processor: the menu of the current user, split into the row and "Meer"."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    # A page may say where it lies in the menu (a case's risk page, /risico/casus/N/, lies
    # under its case: cases.views.case_file.case_frame); the crumbs follow the real path.
    entries = menu_for(user, getattr(request, "menu_path", request.path))
    row, more = split_menu(entries)
    return {
        "nav_items": entries,
        "nav_row": row,
        "nav_more": more,
        "nav_more_active": any(e.active for e in more),
        "section_crumbs": section_crumbs(entries, request.path),
    }
