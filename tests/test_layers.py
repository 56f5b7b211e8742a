"""The layering rule as a test: views → services → models, never back.

Views never import peewee, playhouse or desktop.models; models, services, text,
printing and sync never import tkinter or ttkbootstrap (or views).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop"
GUI = ("tkinter", "ttkbootstrap", "desktop.views", "desktop.app")
DATA = ("peewee", "playhouse", "desktop.models")


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offending(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for name in imports_of(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    return found


@pytest.mark.parametrize("folder", ["models", "services", "text", "printing", "sync"])
def test_domain_never_imports_the_gui(folder):
    assert offending(folder, GUI) == []


def test_views_never_import_the_data_layer():
    assert offending("views", DATA) == []


def test_the_check_catches_a_violation(tmp_path, monkeypatch):
    bad = tmp_path / "desktop" / "views"
    bad.mkdir(parents=True)
    (bad / "bad.py").write_text("from desktop.models import User\nimport peewee\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "desktop")
    assert len(offending("views", DATA)) == 2
