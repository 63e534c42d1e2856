"""The layout holds: no import cycle among the apps' modules, no module too long to read.

import-linter (``lint-imports`` in ``make test``) holds the layers between
apps; these two checks hold what it does not: cycles between modules of one
app, and modules growing past what a reader takes in.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
# Every app, as import-linter knows them (pyproject.toml): a new app is checked from its first commit.
APPS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["root_packages"]
MAX_LINES = 600
# Plain data (the demo network's texts in three languages), not code to read.
DATA_FOLDERS = {ROOT / "demo" / "data"}


def _code_modules(graph: grimp.ImportGraph) -> set[str]:
    return {m for m in graph.modules if ".tests" not in m and ".migrations" not in m}


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_of_the_apps_imports_itself_through_others():
    graph = grimp.build_graph(*APPS)
    modules = _code_modules(graph)
    edges = {m: {i for i in graph.find_modules_directly_imported_by(m) if i in modules and i != m} for m in modules}
    assert _cycles(edges) == []


def test_the_cycle_check_finds_a_loop():
    """The control: a loop of three modules is found, a chain is not."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_module_of_the_apps_is_over_600_lines():
    too_long = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or any(folder in path.parents for folder in DATA_FOLDERS):
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                too_long.append(f"{path.relative_to(ROOT)}: {lines}")
    assert too_long == []
