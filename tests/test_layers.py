"""The layering rule as a test: views → services → models, never back.

Views never import peewee, playhouse or desktop.models; models, services, text,
strings and printing never import tkinter or ttkbootstrap (or views); the command
line (cli.py, commands) never imports the views; strings and text are the floor and
import nothing of the app but themselves. And no module of desktop imports, through
any chain, one that imports it back: every import counts, at module level, inside a
function, or under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop"
GUI = ("tkinter", "ttkbootstrap", "desktop.views", "desktop.app", "desktop.context")
DATA = ("peewee", "playhouse", "desktop.models")


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


# Every package of desktop but the views and the command line is below the GUI (models,
# services, text, strings, printing, and any added later: sync).
DOMAIN = sorted(
    path.parent.name
    for path in PACKAGE.glob("*/__init__.py")
    if path.parent.name not in ("views", "commands")
)
FLOOR = ["strings", "text"]  # below everything: they may import only themselves


def sources(folder: str) -> list[Path]:
    """The modules of a package folder, or the one module `folder`.py."""
    where = PACKAGE / folder
    if where.is_dir():
        return sorted(where.rglob("*.py"))
    return [path for path in [where.with_suffix(".py")] if path.exists()]


def offending(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sources(folder):
        for name in imports_of(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    return found


def test_the_checked_folders_exist():
    assert {"models", "services", "text", "strings", "printing"} <= set(DOMAIN)
    for folder in {*DOMAIN, "views", "commands", "cli"}:
        assert sources(folder), folder


@pytest.mark.parametrize("folder", DOMAIN)
def test_domain_never_imports_the_gui(folder):
    assert offending(folder, GUI) == []


def test_views_never_import_the_data_layer():
    assert offending("views", DATA) == []


@pytest.mark.parametrize("folder", ["commands", "cli"])
def test_the_command_line_never_imports_the_views(folder):
    assert offending(folder, ("tkinter", "ttkbootstrap", "desktop.views")) == []


@pytest.mark.parametrize("folder", FLOOR)
def test_strings_and_text_import_nothing_of_the_app_above_them(folder):
    above = {module.split(".")[1] for module in module_files(PACKAGE) if module.count(".")}
    above |= {path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    assert offending(folder, tuple(f"desktop.{name}" for name in sorted(above - {folder}))) == []


def test_the_check_catches_a_violation(tmp_path, monkeypatch):
    bad = tmp_path / "desktop" / "views"
    bad.mkdir(parents=True)
    (bad / "bad.py").write_text("from desktop.models import User\nimport peewee\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "desktop")
    assert len(offending("views", DATA)) == 2


def test_the_check_catches_text_importing_above_it(tmp_path, monkeypatch):
    package = tmp_path / "desktop"
    for folder in ("text", "services"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "errors.py").write_text("")
    (package / "text" / "fine.py").write_text("from desktop.text import other\n")
    (package / "text" / "bad.py").write_text(
        "from desktop.errors import UserError\nimport desktop.services.x\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    assert sorted(offending("text", ("desktop.errors", "desktop.services"))) == [
        "desktop/text/bad.py imports desktop.errors",
        "desktop/text/bad.py imports desktop.services.x",
    ]
    with pytest.raises(AssertionError):
        test_strings_and_text_import_nothing_of_the_app_above_them("text")


def module_files(package: Path) -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its folder's)."""
    files = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        files[".".join(parts)] = path
    return files


def imported_names(path: Path, module: str) -> Iterator[str]:
    """Every name an import in the file may mean, relative ones made absolute:
    `from a.b import c` may be the module a.b.c or a name in a.b."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *filter(None, [base])])
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph(package: Path) -> dict[str, set[str]]:
    """Each module of the package → the package's modules it imports."""
    files = module_files(package)
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        graph[module] = set()
        for name in imported_names(path, module):
            while name and name not in files:  # a.b.some_function → a.b
                name = name.rpartition(".")[0]
            if name and name != module:
                graph[module].add(name)
    return graph


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for name in graph[todo.pop()] - seen:
            seen.add(name)
            todo.append(name)
    return seen


def import_circles(package: Path) -> list[list[str]]:
    """The groups of modules that import each other, directly or through others."""
    graph = import_graph(package)
    reach = {module: reachable(graph, module) for module in graph}
    circles = {
        tuple(sorted({module} | {other for other in reach[module] if module in reach[other]}))
        for module in graph
        if module in reach[module]
    }
    return sorted(list(circle) for circle in circles)


def test_no_import_circles():
    assert import_circles(PACKAGE) == []


def test_the_check_catches_an_import_circle(tmp_path):
    package = tmp_path / "desktop"
    (package / "views").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "app.py").write_text("from desktop.views import shell\n")
    (package / "views" / "__init__.py").write_text("")
    # only inside a function, and relative: still a circle
    (package / "views" / "shell.py").write_text("def build():\n    from ..app import run\n")
    (package / "views" / "login.py").write_text("from desktop.views.shell import build\n")
    (package / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import desktop.b\n"
    )
    (package / "b.py").write_text("from desktop import a\n")
    assert import_circles(package) == [
        ["desktop.a", "desktop.b"],
        ["desktop.app", "desktop.views.shell"],
    ]
