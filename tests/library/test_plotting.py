"""The plotting package's public API: every public name exported once, and pages use only it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import nnfs_lib.plotting as plotting

BOOK = Path(__file__).resolve().parents[2] / "book"


def _submodules() -> list:
    return [
        importlib.import_module(f"nnfs_lib.plotting.{info.name}")
        for info in pkgutil.iter_modules(plotting.__path__)
    ]


def test_all_lists_each_name_once_and_every_name_exists() -> None:
    assert len(plotting.__all__) == len(set(plotting.__all__))
    for name in plotting.__all__:
        assert hasattr(plotting, name), name


def test_every_public_name_of_a_submodule_is_exported_from_the_package() -> None:
    for module in _submodules():
        for name, value in vars(module).items():
            defined_here = getattr(value, "__module__", module.__name__) == module.__name__
            if name.startswith("_") or inspect.ismodule(value) or not defined_here:
                continue
            if not (callable(value) or name.isupper()):
                continue
            assert name in plotting.__all__, f"{module.__name__}.{name} is not exported"
            assert getattr(plotting, name) is value


def test_no_two_modules_define_the_same_public_name() -> None:
    owners: dict[str, str] = {}
    for module in _submodules():
        for name, value in vars(module).items():
            if name.startswith("_") or getattr(value, "__module__", None) != module.__name__:
                continue
            assert name not in owners, f"{name} in {owners.get(name)} and {module.__name__}"
            owners[name] = module.__name__


def test_pages_import_plotting_names_from_the_package_only() -> None:
    pattern = re.compile(r"nnfs_lib\.plotting\.\w+")
    offenders = [
        f"{page.relative_to(BOOK)}: {match.group()}"
        for page in BOOK.rglob("*.md")
        for match in pattern.finditer(page.read_text(encoding="utf-8"))
        if "_build" not in page.parts
    ]
    assert offenders == []
