"""The code a page shows is the idea: at most one line of input checking per function.

A function or method that a page shows with ``literalinclude :pyobject:`` must
read like the equation above it. Checks of the caller's input belong at the
public boundary, declared in one line (``@validate(...)`` of
``nnfs_lib.validation``) or one call of a shared helper. This test counts every
checking statement of a shown function, wherever it hides: a ``raise`` (in an
``if``, a ``try``, a loop), an ``if`` whose body raises (once, with its raises),
a call to a checking helper (``check_*``, ``_check*``, ``as_generator``, any
function of ``nnfs_lib.validation``), each ``@validate(...)`` decorator, and the
checking statements of the module-private functions and methods it calls
(``_name(...)``, ``self._name(...)``), followed transitively.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import nnfs_lib.validation
from tests.book.chapters import ROOT, directives, toc_files

CHECK_PREFIXES = ("check_", "_check", "as_generator")
VALIDATION_NAMES = frozenset(
    name
    for name, value in vars(nnfs_lib.validation).items()
    if getattr(value, "__module__", None) == nnfs_lib.validation.__name__
)
"""The functions and classes ``nnfs_lib.validation`` defines: a call to any of them checks."""

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
    # book/part1/training.md: fit's arguments are checked in one line (its @validate); its two
    # other raises are the divergence rules the page states, not argument checks: a model that
    # cannot be recorded before training is refused (entry 0 of the history), and an error
    # inside a step is re-raised unless the model stopped being finite (then it is divergence).
    ("book/part1/training.md", "fit"),
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


def _called_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _is_check_call(node: ast.AST, followed: frozenset[str] = frozenset()) -> bool:
    """A call of a checking helper; not one of the module's own private functions in
    ``followed``, whose checking statements count instead (a check is counted once)."""
    if not isinstance(node, ast.Call):
        return False
    name = _called_name(node)
    if name in followed:
        return False
    func = node.func
    of_validation = (
        isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "validation"
    )
    return name.startswith(CHECK_PREFIXES) or name in VALIDATION_NAMES or of_validation


def _private_definitions(module: ast.Module | None) -> dict[str, list[ast.FunctionDef]]:
    """The module's private functions and methods (``_name``, not dunders), by name."""
    defined: dict[str, list[ast.FunctionDef]] = {}
    for node in ast.walk(module) if module is not None else ():
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if node.name.startswith("_") and not node.name.startswith("__"):
                defined.setdefault(node.name, []).append(node)
    return defined


def _private_callees(
    function: ast.AST, defined: dict[str, list[ast.FunctionDef]]
) -> list[ast.FunctionDef]:
    """The module-private functions and methods (``_name(...)``, ``self._name(...)``) that
    ``function`` calls, among ``defined``."""
    found = []
    for node in _walk_body(function):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            name = func.id
        elif isinstance(func, ast.Attribute) and getattr(func.value, "id", "") in ("self", "cls"):
            name = func.attr
        else:
            continue
        found += defined.get(name, [])
    return found


def _walk_body(function: ast.AST) -> list[ast.AST]:
    """Every node of ``function``'s body (not its decorators: ``@validate`` counts once)."""
    return [node for statement in function.body for node in ast.walk(statement)]  # type: ignore[attr-defined]


def _own_checks(function: ast.AST, followed: frozenset[str]) -> set[tuple[int, int]]:
    """``(line, column)`` of the checking statements written in ``function`` itself."""
    found = set()
    raises_in_ifs = set()
    for node in _walk_body(function):
        if isinstance(node, ast.If) and any(isinstance(s, ast.Raise) for s in node.body):
            found.add((node.lineno, node.col_offset))
            raises_in_ifs |= {(s.lineno, s.col_offset) for s in node.body}
    for node in _walk_body(function):
        if isinstance(node, ast.Raise):
            found.add((node.lineno, node.col_offset))
        elif isinstance(node, ast.stmt) and not isinstance(node, ast.If | ast.FunctionDef):
            calls = [n for n in ast.iter_child_nodes(node) if not isinstance(n, ast.stmt)]
            if any(_is_check_call(n, followed) for c in calls for n in ast.walk(c)):
                found.add((node.lineno, node.col_offset))
        elif isinstance(node, ast.If) and any(
            _is_check_call(n, followed) for n in ast.walk(node.test)
        ):
            found.add((node.lineno, node.col_offset))
    for decorator in getattr(function, "decorator_list", []):
        if isinstance(decorator, ast.Call) and _called_name(decorator) == "validate":
            found.add((decorator.lineno, decorator.col_offset))
    return found - raises_in_ifs


def checking_statements(function: ast.FunctionDef, module: ast.Module | None = None) -> list[int]:
    """Line numbers of the checking statements of ``function``, with those of the
    module-private functions it calls (transitively) counted as its own."""
    defined = _private_definitions(module)
    followed = frozenset(defined)
    seen: set[int] = set()
    lines: set[tuple[int, int]] = set()
    todo = [function]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        lines |= _own_checks(current, followed)
        todo += _private_callees(current, defined)
    return sorted(line for line, _ in lines)


def _functions(node: ast.AST) -> list[ast.FunctionDef]:
    if isinstance(node, ast.FunctionDef):
        return [node]
    return [n for n in node.body if isinstance(n, ast.FunctionDef)]  # type: ignore[attr-defined]


SHOWN = _shown()


def test_every_exemption_is_still_shown() -> None:
    shown = {(str(page.relative_to(ROOT)), pyobject) for page, _, pyobject in SHOWN}
    assert EXEMPT <= shown, f"exempt but no longer shown: {sorted(EXEMPT - shown)}"
    assert len(EXEMPT) <= 3, "at most 3 shown objects may check their input in more than one line"


RULE_CASES = {
    "a helper call and an if that only raises": (
        "def f(X, y, lr):\n"
        "    X = check_array('X', X)\n"
        "    if lr <= 0:\n"
        "        raise ValueError('lr')\n"
        "    return X * lr\n",
        [2, 3],
    ),
    "a raise in an if that does other things, once": (
        "def f(x):\n    if x < 0:\n        x = -x\n        raise ValueError('x')\n    return x\n",
        [2],
    ),
    "a raise in an else, a try and a loop": (
        "def f(xs):\n"
        "    if xs:\n"
        "        pass\n"
        "    else:\n"
        "        raise ValueError('empty')\n"
        "    try:\n"
        "        n = len(xs)\n"
        "    except TypeError:\n"
        "        raise TypeError('xs') from None\n"
        "    for x in xs:\n"
        "        assert_ok = x\n"
        "        raise_later = x\n"
        "        if x is None: raise ValueError('None')\n"
        "    return n\n",
        [5, 9, 13],
    ),
    "as_generator, a validation function, a check in an if's test, a validation method": (
        "def f(rng, p, X):\n"
        "    rng = as_generator('rng', rng)\n"
        "    same_rows('X', 'y')({'X': X})\n"
        "    if checking():\n"
        "        pass\n"
        "    validation.check_probabilities('p', p)\n"
        "    return rng\n",
        [2, 3, 4, 6],
    ),
    "the @validate decorator counts once, its body none": (
        "@validate(same_rows('X', 'y'), X=Array(ndim=2), lr=Scalar(low=0))\n"
        "def f(X, y, lr):\n"
        "    return X * lr\n",
        [1],
    ),
    "private helpers, followed transitively and once": (
        "def _inner(x):\n"
        "    if x < 0:\n"
        "        raise ValueError('x')\n"
        "    return _inner(x - 1) if x else 0\n"
        "def _outer(x):\n"
        "    x = check_scalar('x', x)\n"
        "    return _inner(x)\n"
        "class C:\n"
        "    def _method(self, y):\n"
        "        raise RuntimeError('y')\n"
        "    def f(self, x, y):\n"
        "        self._method(y)\n"
        "        return _outer(x) + _outer(x) + public(x)\n"
        "def public(x):\n"
        "    raise ValueError('not private: not followed')\n",
        [2, 6, 10],
    ),
    "a private _check helper counts for what it holds, not twice": (
        "def _check_x(x):\n"
        "    if x < 0:\n"
        "        raise ValueError('x')\n"
        "def f(x):\n"
        "    _check_x(x)\n"
        "    return check_x(x)\n",
        [2, 6],
    ),
    "an arithmetic line is no check": (
        "def f(X, W, b):\n    Z = X @ W + b\n    return np.maximum(Z, 0)\n",
        [],
    ),
}


@pytest.mark.parametrize("case", RULE_CASES)
def test_the_rule_counts_what_it_should(case: str) -> None:
    source, expected = RULE_CASES[case]
    module = ast.parse(source)
    function = _find(module, "C.f" if "class C" in source else "f")
    assert checking_statements(function, module) == expected


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
    module = ast.parse(path.read_text(encoding="utf-8"))
    node = _find(module, pyobject)
    for function in _functions(node):
        lines = checking_statements(function, module)
        assert len(lines) <= 1, (
            f"{page.relative_to(ROOT)} shows {pyobject} ({path.relative_to(ROOT)}), whose "
            f"{function.name} has {len(lines)} checking statements (lines {lines}); keep one "
            "line that calls a shared helper of nnfs_lib.validation, and move the rest to the "
            "public boundary or a wrapper the page does not show"
        )
