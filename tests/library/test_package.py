"""The package as a whole: its public API, its declared dependencies, its internal imports."""

from __future__ import annotations

import ast
import importlib
import os
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "nnfs_lib"
PUBLIC_PACKAGES = ("nnfs_lib", "nnfs_lib.data", "nnfs_lib.plotting", "nnfs_lib.demos")

# Import name -> distribution name, where the two differ.
DISTRIBUTIONS = {"sklearn": "scikit-learn", "PIL": "pillow", "myst_nb": "myst-nb"}


def _modules() -> list[Path]:
    return sorted(LIBRARY.rglob("*.py"))


def _imports(path: Path) -> list[ast.ImportFrom | ast.Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]


@pytest.mark.parametrize("package", PUBLIC_PACKAGES)
def test_every_public_name_is_importable_and_listed_once(package: str) -> None:
    module = importlib.import_module(package)
    assert len(module.__all__) == len(set(module.__all__)), f"{package}.__all__ repeats a name"
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert not missing, f"{package}.__all__ lists names it does not define: {missing}"


def test_a_name_exported_twice_is_the_same_object() -> None:
    seen: dict[str, tuple[str, object]] = {}
    for package in PUBLIC_PACKAGES:
        module = importlib.import_module(package)
        for name in module.__all__:
            value = getattr(module, name)
            if name in seen:
                other, first = seen[name]
                assert value is first, f"{name} means different things in {other} and {package}"
            seen[name] = (package, value)


def test_the_core_api_does_not_import_matplotlib() -> None:
    code = (
        "import sys, nnfs_lib, nnfs_lib.data, nnfs_lib.demos; sys.exit('matplotlib' in sys.modules)"
    )
    import subprocess

    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False)
    assert result.returncode == 0, "importing nnfs_lib (without plotting) imported matplotlib"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_a_private_name_from_another(path: Path) -> None:
    for node in _imports(path):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nnfs_lib"):
            private = [a.name for a in node.names if a.name.startswith("_")]
            assert not private, (
                f"{path.relative_to(ROOT)} imports private {private} from {node.module}; "
                "make the name public where it lives, or move the code"
            )


def _names(requirements: list[str]) -> set[str]:
    return {
        r.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip().lower()
        for r in requirements
    }


def test_every_third_party_import_is_a_declared_dependency() -> None:
    """Imports at module level need a required dependency; an import inside a function
    (called only by the book's pages, e.g. myst-nb's glue) may come from an optional extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = _names(project["dependencies"])
    optional = declared | {
        name for extra in project["optional-dependencies"].values() for name in _names(extra)
    }
    module_level: set[str] = set()
    for path in _modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                module_level.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                module_level |= {a.name.split(".")[0] for a in node.names}
    used = set()
    for path in _modules():
        for node in _imports(path):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if node.level == 0
                else []
            )
            used |= {name.split(".")[0] for name in names}
    third_party = {m for m in used if m and m not in sys.stdlib_module_names and m != "nnfs_lib"}
    undeclared = sorted(
        m
        for m in third_party
        if DISTRIBUTIONS.get(m, m).lower() not in (declared if m in module_level else optional)
    )
    assert not undeclared, f"nnfs_lib imports {undeclared}, not declared in pyproject.toml"


def test_one_version_number() -> None:
    """pyproject.toml takes its version from nnfs_lib.__version__; it writes none of its own."""
    import nnfs_lib
    from nnfs_build.package_check import source_version

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    dynamic = pyproject["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "nnfs_lib.__version__"}
    assert source_version(ROOT) == nnfs_lib.__version__


def test_readme_example_runs() -> None:
    """The README's package example runs (make package-test runs it again on the installed wheel)."""
    import subprocess

    from nnfs_build.package_check import readme_example

    done = subprocess.run(
        [sys.executable, "-c", readme_example(ROOT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "MPLBACKEND": "Agg"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "training accuracy:" in done.stdout
