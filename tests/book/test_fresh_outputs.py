"""The executed book can never show outputs of an older nnfs_lib.

A small book is built in a temporary folder with a copy of the real
``nnfs_lib``, the real build extensions (``nnfs_build/``, among them the
freshness extension ``nnfs_build/freshness.py``), the real ``_config.yml``
extension list and the real execution settings. Then a library function's output is changed
and the book rebuilt: the page that uses it must show the new value, and a page
that does not use it must not be executed again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.book.chapters import ROOT

HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def _page(title: str, code: str) -> str:
    return f"{HEADER}\n# {title}\n\n```{{code-cell}} ipython3\n{code}\n```\n"


def _make_book(root: Path) -> None:
    shutil.copytree(
        ROOT / "nnfs_lib", root / "nnfs_lib", ignore=shutil.ignore_patterns("__pycache__")
    )
    # The extensions, and the animations' registry that nnfs_build.video imports.
    for folder in ("nnfs_build", "animations"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    real = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config = {
        "title": "freshness test",
        "only_build_toc_files": True,
        "exclude_patterns": real["exclude_patterns"],
        "execute": real["execute"],
        "sphinx": {"local_extensions": real["sphinx"]["local_extensions"]},
    }
    (root / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    toc = {
        "format": "jb-book",
        "root": "book/index",
        "chapters": [{"file": "book/uses_sigmoid"}, {"file": "book/uses_datasets"}],
    }
    (root / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    (root / "book").mkdir()
    (root / "book" / "index.md").write_text("# Index\n\nNo code here.\n", encoding="utf-8")
    (root / "book" / "uses_sigmoid.md").write_text(
        _page(
            "Sigmoid",
            "from nnfs_lib.activations import sigmoid\nprint('value=', float(sigmoid(0.0)))",
        ),
        encoding="utf-8",
    )
    (root / "book" / "uses_datasets.md").write_text(
        _page(
            "Data",
            "from nnfs_lib.data.toy import xor_truth_table\nprint('rows=', len(xor_truth_table()[0]))",
        ),
        encoding="utf-8",
    )


def _build(root: Path) -> str:
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    # The pages' kernels must import the copied nnfs_lib, not an installed one.
    env = {**os.environ, "PYTHONPATH": str(root), "MPLBACKEND": "Agg"}
    result = subprocess.run(
        [str(jupyter_book), "build", str(root), "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout + result.stderr


def _html(root: Path, page: str) -> str:
    return (root / "_build" / "html" / "book" / f"{page}.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_library_change_reexecutes_exactly_the_pages_that_use_it(tmp_path: Path) -> None:
    _make_book(tmp_path)

    log = _build(tmp_path)
    assert log.count("Executing notebook") == 2
    assert "value= 0.5" in _html(tmp_path, "uses_sigmoid")
    assert "rows= 4" in _html(tmp_path, "uses_datasets")

    log = _build(tmp_path)
    assert "Executing notebook" not in log, "a rebuild with no change executed a page"

    with (tmp_path / "nnfs_lib" / "activations.py").open("a", encoding="utf-8") as f:
        f.write("\n\ndef sigmoid(z):\n    return np.full_like(np.asarray(z, dtype=float), 0.125)\n")
    log = _build(tmp_path)
    assert "value= 0.125" in _html(tmp_path, "uses_sigmoid"), "stale output after a library change"
    assert "value= 0.5" not in _html(tmp_path, "uses_sigmoid")
    assert log.count("Executing notebook") == 1, "only the page importing activations should run"
    assert "uses_sigmoid" in log.split("re-executing:")[1].splitlines()[0]


@pytest.mark.slow
def test_a_change_in_a_shared_module_reaches_every_page_that_depends_on_it(tmp_path: Path) -> None:
    _make_book(tmp_path)
    _build(tmp_path)
    # Both activations.py and data/toy.py import validation.py.
    with (tmp_path / "nnfs_lib" / "validation.py").open("a", encoding="utf-8") as f:
        f.write("\n# a change\n")
    log = _build(tmp_path)
    assert log.count("Executing notebook") == 2


def _cell(code: str) -> str:
    return f"Some text.\n\n```{{code-cell}} ipython3\n{code}\n```\n\nMore text.\n"


def _deps(source: str) -> set[str]:
    """The library files a page with this source depends on, relative to the repository."""
    from nnfs_build import freshness

    found = freshness.page_dependencies(ROOT / "nnfs_lib", source)
    return {path.relative_to(ROOT).as_posix() for path in found}


def test_page_dependencies_follow_library_imports() -> None:
    names = _deps(_cell("from nnfs_lib.activations import sigmoid"))
    assert {"nnfs_lib/activations.py", "nnfs_lib/validation.py", "nnfs_lib/__init__.py"} <= names
    assert "nnfs_lib/data/toy.py" not in names
    # Two imports in a row, and a module imported by name from its package.
    names = _deps(_cell("from nnfs_lib.activations import sigmoid\nfrom nnfs_lib import neuron"))
    assert {"nnfs_lib/activations.py", "nnfs_lib/neuron.py"} <= names
    # Inside the library, neuron.py does ``from nnfs_lib import losses``.
    assert "nnfs_lib/losses.py" in names
    # Cell options, magics and imports inside functions count too.
    names = _deps(
        _cell("---\ntags: [hide-input]\n---\n%time x = 1\ndef f():\n    import nnfs_lib.softmax")
    )
    assert "nnfs_lib/softmax.py" in names
    assert "nnfs_lib/softmax.py" in _deps("```{literalinclude} ../../nnfs_lib/softmax.py\n```\n")
    assert _deps("print('no library')\n") == set()
    assert _deps("Text that says from nnfs_lib.softmax import softmax outside a cell.\n") == set()


def test_a_public_name_brings_its_defining_module_not_the_whole_library() -> None:
    """``nnfs_lib/__init__.py`` re-exports everything; a page depends on what it uses."""
    names = _deps(_cell("from nnfs_lib import Dense"))
    assert {"nnfs_lib/__init__.py", "nnfs_lib/layers/dense.py", "nnfs_lib/initializers.py"} <= names
    assert "nnfs_lib/optimizers.py" not in names and "nnfs_lib/training.py" not in names
    # The alias in one cell, the name in a later one.
    names = _deps(
        _cell("import nnfs_lib as nn") + _cell("history = nn.fit(model, loss, opt, X, y)")
    )
    assert "nnfs_lib/training.py" in names
    assert "nnfs_lib/autodiff.py" not in names
    # A name re-exported by a subpackage.
    assert "nnfs_lib/data/toy.py" in _deps(_cell("from nnfs_lib.data import make_blobs"))
