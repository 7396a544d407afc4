"""What other apps add to the case pages, without the cases app importing them.

An app that keeps data on a case (risk: assessments and safety flags) imports cases; cases
must not import it back (tests/zvhd/test_import_graph.py). So the app registers here, from its
AppConfig.ready(), what the case pages show of it:

- `ListBadges`: labels beside each case in the case lists (a safety flag), read in the list's
  one query as an array-valued expression on Case, and only for the cases whose file the
  reader may open (`cases.policy.names_filter`, the same rule as the person's name): a reader
  of summaries gets no value at all, not an empty one computed and hidden;
- `DetailSection`: a block at the top of the case file (overview tab), for readers of the file;
- `CaseTab`: a tab of the case file (URL name with the case's pk), for readers of the file;
- `on_anonymise(case_ids)`: called when the privacy app destroys cases (`cases.privacy`), so
  the app deletes its own rows about them in the same transaction;
- `seat_the_ketenkamer(sits)`: who sits at the ketenkamer. The ketenkamer is one kind of table
  of the tables app (issue 20, part 6); its meetings stay here because the triage decisions
  point at them. `sits(user) -> bool` is the tables app's answer (a member of the ketenkamer's
  table), read by the ketenkamer's door (`cases.models.KetenkamerQuerySet.visible_to`) beside
  the role rule of `cases.policy`. Without the tables app the role rule alone decides.

Nothing here grants access: each app's pages still go through the case's door, and the
ketenkamer's seat only narrows what the role rule allows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ListBadges:
    key: str  # the annotation's name on the list's rows
    header: str  # the column header
    expression: Callable[[], object]  # a fresh expression on Case per list


@dataclass(frozen=True)
class DetailSection:
    template: str
    context: Callable[..., dict]  # context(request=..., case=...) -> the template's context
    order: int = 50


@dataclass(frozen=True)
class CaseTab:
    label: str
    url_name: str
    tab: str  # the value of the page's `tab` that marks it current
    order: int = 50


_badges: dict[str, ListBadges] = {}
_sections: dict[str, DetailSection] = {}
_tabs: dict[str, CaseTab] = {}
_erasers: dict[str, Callable] = {}
_seats: list[Callable] = []


def register_list_badges(badges: ListBadges) -> None:
    _badges[badges.key] = badges


def register_detail_section(section: DetailSection) -> None:
    _sections[section.template] = section


def register_tab(tab: CaseTab) -> None:
    _tabs[tab.url_name] = tab


def on_anonymise(name: str, eraser: Callable) -> None:
    _erasers[name] = eraser


def seat_the_ketenkamer(sits: Callable) -> None:
    _seats[:] = [sits]


def sits_at_ketenkamer(user) -> bool:
    return all(sits(user) for sits in _seats)


def list_badges() -> list[ListBadges]:
    return list(_badges.values())


def detail_sections() -> list[DetailSection]:
    return sorted(_sections.values(), key=lambda s: s.order)


def tabs() -> list[CaseTab]:
    return sorted(_tabs.values(), key=lambda t: t.order)


def erase(case_ids) -> None:
    for eraser in _erasers.values():
        eraser(case_ids)
