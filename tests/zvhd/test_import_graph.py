"""The import graph: the house imports no business app, and no two apps import each other.

Read from the source with `ast` (nothing is imported): every `import` and `from ... import`
anywhere in a module, also inside functions, counts. What the house needs from an app comes
through the contract the app registers in its AppConfig.ready() (`zvhd.apps_contract`); the
reports app reads the other apps' figures the same way, not by import.
"""

import ast
from collections import defaultdict
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
HOUSE = "zvhd"
# The project's wiring names the apps by design: INSTALLED_APPS and the Celery schedule in
# settings, the URL prefixes in the root URLconf. Strings only, no imports.
HOUSE_WIRING = {"zvhd/settings.py", "zvhd/urls.py"}

# App -> app imports that close a cycle today and go with issue 22 item 3 (imports move from
# `api` into the house, `zvhd/imports/`): remove an entry when its edge is gone (a test
# below fails until it is).
CYCLE_EDGES_AWAITING_IMPORTS_MOVE: set[tuple[str, str]] = set()  # imports moved: none left


def business_apps() -> set[str]:
    """Every installed app of this repository that is not the house (cases, advice, ...)."""
    return {
        name
        for name in settings.INSTALLED_APPS
        if "." not in name and name != HOUSE and (ROOT / name / "apps.py").exists()
    }


def modules(top: str):
    for path in sorted((ROOT / top).rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(), str(path))


def imported(tree) -> list[tuple[str, int]]:
    """The absolute module names a module imports, with their line."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, node.lineno))
    return found


def app_of(module: str, apps: set[str]) -> str | None:
    top = module.split(".")[0]
    return top if top in apps else None


def app_graph() -> dict[str, dict[str, list[str]]]:
    """app -> {imported app: ["path:line", ...]}."""
    apps = business_apps()
    graph: dict[str, dict[str, list[str]]] = {app: defaultdict(list) for app in apps}
    for app in apps:
        for path, tree in modules(app):
            for module, line in imported(tree):
                other = app_of(module, apps)
                if other is not None and other != app:
                    graph[app][other].append(f"{path}:{line}")
    return graph


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one app (Tarjan)."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_the_house_imports_no_business_app():
    apps = business_apps()
    assert {"cases", "advice", "aftercare", "trafficking", "finance", "reports", "api"} <= apps
    offending = []
    for path, tree in modules(HOUSE):
        for module, line in imported(tree):
            if app_of(module, apps):
                offending.append(f"{path}:{line} imports {module}")
        if path in HOUSE_WIRING:
            continue
        # Nor names an app's module as a dotted path to import later (import_string).
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if "." in value and " " not in value and app_of(value, apps):
                    offending.append(f"{path}:{node.lineno} names {value!r}")
    assert offending == []


def test_the_reports_app_reads_the_other_apps_figures_through_their_contract():
    graph = app_graph()
    assert dict(graph["reports"]) == {}


def test_no_two_apps_import_each_other():
    graph = app_graph()
    edges = {
        app: {other for other in imports if (app, other) not in CYCLE_EDGES_AWAITING_IMPORTS_MOVE}
        for app, imports in graph.items()
    }
    assert cycles(edges) == []


def test_the_cycle_edges_still_waiting_for_the_imports_move_exist():
    """When an edge of the list is gone, remove it from the list (and so from the test)."""
    graph = app_graph()
    gone = {(a, b) for a, b in CYCLE_EDGES_AWAITING_IMPORTS_MOVE if not graph[a].get(b)}
    assert gone == set()


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
