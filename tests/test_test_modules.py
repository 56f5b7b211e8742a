"""No test module imports another: what tests share lives in tests/helpers/ (functions)
or a conftest.py (fixtures), so running or changing one test file never depends on
another one. Every import counts, at module level or inside a test."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imports_of_test_modules(path: Path) -> list[str]:
    """`file:line imports module` for each import of a test module (test_*.py)."""
    package = ".".join(path.relative_to(TESTS.parent).parent.parts)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *filter(None, [base])])
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        for name in names:
            if name.split(".")[0] == "tests" and name.split(".")[-1].startswith("test_"):
                found.append(f"{path.relative_to(TESTS.parent)}:{node.lineno} imports {name}")
    return found


def test_no_test_module_imports_another():
    found = [line for path in sorted(TESTS.rglob("*.py")) for line in imports_of_test_modules(path)]
    assert found == []


def test_the_check_catches_each_way_of_importing_a_test_module(tmp_path, monkeypatch):
    tests = tmp_path / "tests"
    (tests / "gui").mkdir(parents=True)
    bad = tests / "gui" / "test_bad.py"
    bad.write_text(
        "from tests.gui.test_other import helper\n"
        "from tests.gui import test_rtl\n"
        "from . import test_local\n"
        "import tests.test_courses\n"
        "from tests.helpers.gui import make_context\n"  # the right place: not reported
        "from tests.gui.conftest import pump\n"
        "def test_x():\n"
        "    from tests.test_courses import login_as\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("tests.test_test_modules.TESTS", tests)
    assert [line.split(" imports ")[1] for line in imports_of_test_modules(bad)] == [
        "tests.gui.test_other",
        "tests.gui.test_rtl",
        "tests.gui.test_local",
        "tests.test_courses",
        "tests.test_courses",
    ]
