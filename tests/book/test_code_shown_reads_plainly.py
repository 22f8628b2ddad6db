"""The code a page shows is the idea: at most one line of input checking per function.

A function or method that a page shows with ``literalinclude :pyobject:`` must
read like the equation above it. Checks of the caller's input belong at the
public boundary, in one line that calls a shared helper of
``nnfs_lib.validation``; anything more is hidden from the reader in a wrapper
the page does not show. This test counts the checking statements of every shown
function: a ``raise``, an ``if`` whose only job is to raise, a call to a
checking helper (``check_*``, ``_check*``, ``as_generator``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.book.chapters import ROOT, directives, toc_files

CHECK_PREFIXES = ("check_", "_check", "as_generator")

# Functions whose raising IS the idea their page shows; each reason says why.
EXEMPT = {
    # book/part3/datasets.md: "The parser follows the definition line by line, and refuses
    # anything that does not match it". Each `raise IDXError` is one rule of the IDX format
    # (two zero bytes, a known type code, D >= 1, a complete header, exactly the bytes the
    # dimensions promise); the cell after it shows two refusals.
    ("book/part3/datasets.md", "parse_idx"),
    # book/part3/datasets.md, "Downloading once, verifying always": the raises are the
    # download policy the page states (a missing file is fetched only with download=True,
    # never under NNFS_NO_DOWNLOAD=1, and an error names every mirror that failed), not
    # checks of fetch_file's arguments (load_mnist checks those).
    ("book/part3/datasets.md", "fetch_file"),
}


def _shown() -> list[tuple[Path, Path, str]]:
    found = []
    for page in toc_files():
        if not page.exists():
            continue
        for d in directives(page.read_text(encoding="utf-8")):
            pyobject = d.options.get("pyobject")
            if d.name == "literalinclude" and pyobject:
                path = (page.parent / d.argument).resolve()
                if path.is_relative_to(ROOT / "nnfs_lib"):
                    found.append((page, path, pyobject))
    return found


def _find(module: ast.Module, dotted: str) -> ast.AST:
    node: ast.AST = module
    for part in dotted.split("."):
        node = next(
            n
            for n in node.body  # type: ignore[attr-defined]
            if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name == part
        )
    return node


def _is_check_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name.startswith(CHECK_PREFIXES)


def checking_statements(function: ast.FunctionDef) -> list[int]:
    """Line numbers of the statements of ``function`` that only check input."""
    lines = []
    for node in ast.walk(function):
        if isinstance(node, ast.Raise):
            lines.append(node.lineno)
        elif isinstance(node, ast.If) and all(isinstance(s, ast.Raise) for s in node.body):
            lines.append(node.lineno)
        elif isinstance(node, (ast.Expr, ast.Assign, ast.AnnAssign)) and any(
            _is_check_call(n) for n in ast.walk(node)
        ):
            lines.append(node.lineno)
    # an `if ...: raise` counts once, not twice
    raises_in_ifs = {
        s.lineno
        for node in ast.walk(function)
        if isinstance(node, ast.If) and all(isinstance(s, ast.Raise) for s in node.body)
        for s in node.body
    }
    return sorted(set(lines) - raises_in_ifs)


def _functions(node: ast.AST) -> list[ast.FunctionDef]:
    if isinstance(node, ast.FunctionDef):
        return [node]
    return [n for n in node.body if isinstance(n, ast.FunctionDef)]  # type: ignore[attr-defined]


SHOWN = _shown()


def test_every_exemption_is_still_shown() -> None:
    shown = {(str(page.relative_to(ROOT)), pyobject) for page, _, pyobject in SHOWN}
    assert EXEMPT <= shown, f"exempt but no longer shown: {sorted(EXEMPT - shown)}"


def test_the_rule_counts_what_it_should() -> None:
    source = (
        "def f(X, y, lr):\n"
        "    X = check_array('X', X)\n"
        "    if lr <= 0:\n"
        "        raise ValueError('lr')\n"
        "    return X * lr\n"
    )
    function = ast.parse(source).body[0]
    assert checking_statements(function) == [2, 3]


# The exempt functions are not collected at all (a skipped test would fail CI, which
# forbids skips); test_every_exemption_is_still_shown keeps the list honest.
HELD = [
    (page, path, obj)
    for page, path, obj in SHOWN
    if (str(page.relative_to(ROOT)), obj) not in EXEMPT
]


@pytest.mark.parametrize(
    ("page", "path", "pyobject"),
    HELD,
    ids=[f"{page.relative_to(ROOT)}:{obj}" for page, _, obj in HELD],
)
def test_a_shown_function_checks_its_input_in_one_line_at_most(
    page: Path, path: Path, pyobject: str
) -> None:
    node = _find(ast.parse(path.read_text(encoding="utf-8")), pyobject)
    for function in _functions(node):
        lines = checking_statements(function)
        assert len(lines) <= 1, (
            f"{page.relative_to(ROOT)} shows {pyobject} ({path.relative_to(ROOT)}), whose "
            f"{function.name} has {len(lines)} checking statements (lines {lines}); keep one "
            "line that calls a shared helper of nnfs_lib.validation, and move the rest to the "
            "public boundary or a wrapper the page does not show"
        )
