"""The shape of the code a newcomer walks into: no two modules import each other, however
indirectly, and however lazily (an import inside a function or for type checking only is
still a dependency a reader has to follow)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "coprod_workshop"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each module of the package, and the modules of the package it imports anywhere."""
    files = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                for alias in node.names:
                    whole = f"{base}.{alias.name}"
                    targets.append(whole if whole in files else base)
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            graph[name].update(t for t in targets if t in files and t != name)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other (strongly connected, more than one)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in order:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return found


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_no_modules_import_each_other() -> None:
    graph = import_graph()
    assert len(graph) > 100  # the whole package was read
    assert "coprod_workshop.ui.unsaved" in graph["coprod_workshop.ui.mainwindow"]
    assert not circles(graph)


def test_layers_exercises_never_open_storage_and_reports_never_need_the_views() -> None:
    """Exercises receive what storage offers (``core.history``); the documents of a report
    read the palette, not the views (only the board images draw the projector's views)."""
    graph = import_graph()
    storage = {name for name in graph if name.startswith("coprod_workshop.storage")}
    views = {name for name in graph if name.startswith("coprod_workshop.ui")}
    reaching = {
        name: sorted(graph[name] & storage)
        for name in graph
        if name.startswith(("coprod_workshop.exercises", "coprod_workshop.participation"))
        and graph[name] & storage
    }
    assert not reaching
    documents = {
        name: sorted(graph[name] & views)
        for name in graph
        if name.startswith("coprod_workshop.reports") and name != "coprod_workshop.reports.boards"
        and graph[name] & views
    }
    assert not documents


def test_the_console_reaches_exercise_kinds_only_through_the_registry() -> None:
    """The menus, the agenda editor and the windows import no exercise: a kind's views,
    report and ready-made steps are named in its registry entry."""
    graph = import_graph()
    direct = {
        name: sorted(
            t for t in graph[name]
            if t.startswith(("coprod_workshop.exercises", "coprod_workshop.participation"))
        )
        for name in graph
        if name.startswith("coprod_workshop.ui")
    }
    assert not {name: kinds for name, kinds in direct.items() if kinds}
