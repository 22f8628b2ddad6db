"""Which code cells the live page runs in the browser (nnfs_build/live.py), and its configuration."""

from __future__ import annotations

import ast

import pytest
import yaml

from nnfs_build.live import bound_names, runs_in_browser
from tests.book.chapters import ROOT

PRELUDE = {"Value", "graph_size", "glue"}
MODULES = {"nnfs_lib"}


@pytest.mark.parametrize(
    "source",
    [
        "x = Value(2.0)\nf = x * x\nf.backward()\nprint(x.grad)",
        "import math\nprint(math.pi)",
        "from nnfs_lib.autodiff import Value\nv = Value(1.0)",
        "w = [Value(float(v)) for v in (1, 2)]\nprint(sum(w, Value(0.0)).data)",
        "def f(a):\n    return a * a\nprint(f(Value(3.0)).data)",
        "glue('name', 1.0, display=False)",
    ],
)
def test_cells_needing_only_the_prelude_the_stdlib_and_the_files_run(source):
    assert runs_in_browser(source, PRELUDE, MODULES)


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np\nprint(np.zeros(2))",
        "from nnfs_lib.plotting import plot_value_graph",  # imports fine, but needs matplotlib
        "print(w0)",  # a variable of an earlier cell
        "%timeit Value(1.0)",  # not Python
        "from . import something",
    ],
)
def test_cells_needing_anything_else_stay_static(source):
    expected = source.startswith("from nnfs_lib.plotting")  # the top-level name is importable
    assert runs_in_browser(source, PRELUDE, MODULES) is expected


def test_bound_names_sees_every_way_of_binding():
    tree = ast.parse(
        "import a.b as c\nfrom d import e\nx, y = 1, 2\nfor i in []: pass\n"
        "def f(p, *q, r=1, **s): pass\nclass K: pass\ntry: pass\nexcept E as err: pass\n"
    )
    assert bound_names(tree) >= {"c", "e", "x", "y", "i", "f", "p", "q", "r", "s", "K", "err"}


def test_the_configured_live_page_exists_and_its_files_are_plain_python():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    pages = config["sphinx"]["config"]["nnfs_live"]["pages"]
    assert "book/part1/autodiff" in pages
    for docname, page in pages.items():
        assert (ROOT / f"{docname}.md").is_file()
        for name in page["files"]:
            imports = {
                alias.name.split(".")[0]
                for node in ast.walk(ast.parse((ROOT / name).read_text(encoding="utf-8")))
                if isinstance(node, ast.Import)
                for alias in node.names
            }
            assert imports <= {"math", "__future__"} or page["packages"], (
                f"{name} imports {imports}: list the browser packages it needs in `packages`"
            )
