"""Every Persian string a person reads lives in desktop/strings/, never in a view.

The views, the app's frame and the command line are scanned for string literals (and
f-strings) whose source holds an Arabic-script letter; docstrings and comments are
for programmers and may quote Persian. A character a view needs as a value, not as
text to read (a key of the Persian layout, a sample to measure a font with), is
spelled by its name: "\\N{ARABIC LETTER HAH}".
"""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "desktop"
SCANNED = ["views", "commands", "app.py", "context.py", "cli.py"]


def is_arabic_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L") and "ARABIC" in unicodedata.name(char, "")


def has_arabic_letter(node: ast.AST) -> bool:
    """Whether the literal's value (escapes decoded) holds an Arabic-script letter."""
    values = [part.value for part in ast.walk(node) if isinstance(part, ast.Constant)]
    return any(
        is_arabic_letter(char) for value in values if isinstance(value, str) for char in value
    )


def docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def persian_literals(path: Path) -> list[str]:
    """`file:line: source` of each literal whose source has an Arabic-script letter."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    skip = docstrings(tree)
    inside_fstrings = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in ast.walk(node)
        if part is not node
    }
    package = next(parent for parent in path.parents if parent.name == "desktop")
    found = []
    for node in ast.walk(tree):
        literal = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if not (literal or isinstance(node, ast.JoinedStr)):
            continue
        if id(node) in skip or id(node) in inside_fstrings or not has_arabic_letter(node):
            continue
        text = ast.get_source_segment(source, node) or ""  # slow: only for the few
        if any(is_arabic_letter(char) for char in text):
            found.append(f"{path.relative_to(package.parent)}:{node.lineno}: {text}")
    return found


def scanned_files(package: Path) -> list[Path]:
    files: list[Path] = []
    for name in SCANNED:
        where = package / name
        files += sorted(where.rglob("*.py")) if where.is_dir() else [where]
    return files


def test_the_scanned_modules_exist():
    assert all(path.exists() for path in scanned_files(PACKAGE))
    assert len(scanned_files(PACKAGE)) > 50


def test_no_persian_literal_in_views_app_or_command_line():
    found = [line for path in scanned_files(PACKAGE) for line in persian_literals(path)]
    assert found == []


def test_the_check_catches_a_persian_literal(tmp_path):
    view = tmp_path / "desktop" / "views" / "bad_view.py"
    view.parent.mkdir(parents=True)
    view.write_text(
        '"""Quoting «ذخیره» in a docstring is fine."""\n'
        "# and in a comment: «ذخیره»\n"
        'SAVE = "ذخیره"\n'
        'def greet(name):\n    return f"{name}، خوش آمدید"\n'
        'SEPARATOR = "، "  # punctuation only: no letter\n'
        'HAH = "\\N{ARABIC LETTER HAH}"  # a key, by name\n',
        encoding="utf-8",
    )
    found = [line.split(": ", 1)[0] for line in persian_literals(view)]
    assert found == [f"{Path('desktop', 'views', 'bad_view.py')}:{n}" for n in (3, 5)]
