"""The main menu and the start-page panels, from the contract each app registers in its
AppConfig.ready() (`zvhd.apps_contract`).

An app offers its entries and panels and for which roles; the menu and the start page show each
user only the entries of their roles. Nothing here grants access: the views still check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: set[str] = field(default_factory=set)
    order: int = 50
    # A browser access key (Alt+Shift+key in Chromium and Firefox) for work that must be
    # reachable from any page with the keyboard alone, such as logging a phone question.
    accesskey: str = ""

    def visible_for(self, user) -> bool:
        return user.has_role(*self.roles)


@dataclass(frozen=True)
class Panel:
    """A block on the start page. `context(request)` returns the template's context."""

    template: str
    roles: set[str]
    context: Callable[..., dict] = lambda request: {}
    order: int = 50

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


def menu_for(user, path: str = "") -> list[MenuEntry]:
    if not user.is_authenticated:
        return []
    entries = [MenuEntry(label="Start", url=reverse("start"), active=False)]
    for item in sorted(_nav_items(), key=lambda i: (i.order, str(i.label))):
        if not item.visible_for(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:  # an app whose pages are not mounted (e.g. switched off)
            continue
        entries.append(
            MenuEntry(label=str(item.label), url=url, active=False, accesskey=item.accesskey)
        )
    # One active item: the longest menu URL the current page lies under (/casussen/aanmelden/
    # is "Aanmelden", not also "Casussen").
    matches = [e for e in entries if path == e.url or (e.url != "/" and path.startswith(e.url))]
    if matches:
        max(matches, key=lambda e: len(e.url)).active = True
    return entries


def panels_for(user) -> list[Panel]:
    return sorted((p for p in _panels() if p.visible_for(user)), key=lambda p: p.order)


def navigation(request):
    """Context processor: the menu of the current user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": menu_for(user, request.path)}
