"""nnfs_build.page_data: per-page records survive parallel reading and follow each page's edits."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from sphinx.application import Sphinx

from nnfs_build.page_data import PageData

# A one-job extension for the test builds: it records each page's title.
EXTENSION = """
from nnfs_build.page_data import PageData

TITLES = PageData("test_titles")


def record(app, doctree):
    TITLES.of(app.env)[app.env.docname] = doctree.next_node(lambda n: n.tagname == "title").astext()


def setup(app):
    app.connect("doctree-read", record)
    TITLES.connect(app)
    return {"parallel_read_safe": True}
"""
PAGES = [f"page{i}" for i in range(8)]  # Sphinx reads in parallel only above 5 pages


def _page(source: Path, name: str, title: str) -> None:
    (source / f"{name}.rst").write_text(f"{title}\n{'=' * len(title)}\n\nText.\n", encoding="utf-8")


def _build(source: Path, tmp_path: Path, parallel: int) -> dict[str, str]:
    app = Sphinx(
        source, source, tmp_path / "html", tmp_path / "doctrees", "html",
        status=None, warning=None, parallel=parallel,
    )  # fmt: skip
    app.build()
    return dict(app.env.test_titles)


def _project(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    (source / "titles_ext.py").write_text(EXTENSION, encoding="utf-8")
    (source / "conf.py").write_text(
        "import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
        "extensions = ['titles_ext']\nexclude_patterns = ['_build']\n",
        encoding="utf-8",
    )
    toctree = "\n".join(f"   {name}" for name in PAGES)
    (source / "index.rst").write_text(f"Home\n====\n\n.. toctree::\n\n{toctree}\n", "utf-8")
    for name in PAGES:
        _page(source, name, f"Title of {name}")
    return source


def test_pages_read_in_parallel_are_all_recorded(tmp_path: Path) -> None:
    source = _project(tmp_path)
    titles = _build(source, tmp_path, parallel=2)
    assert titles == {"index": "Home", **{name: f"Title of {name}" for name in PAGES}}


def test_an_edited_page_is_recorded_again_and_a_removed_page_forgotten(tmp_path: Path) -> None:
    source = _project(tmp_path)
    _build(source, tmp_path, parallel=1)
    _page(source, "page3", "A new title")
    (source / "page7.rst").unlink()
    titles = _build(source, tmp_path, parallel=1)
    assert titles["page3"] == "A new title"
    assert "page7" not in titles
    assert titles["page0"] == "Title of page0"  # not read again, still known


def test_merge_takes_only_the_pages_the_worker_read() -> None:
    data = PageData("records")
    main = SimpleNamespace(records={"a": 1})
    worker = SimpleNamespace(records={"b": 2, "c": 3})
    data.merge(None, main, {"b"}, worker)
    assert main.records == {"a": 1, "b": 2}
    data.purge(None, main, "a")
    data.purge(None, main, "never-seen")
    assert main.records == {"b": 2}
    assert data.of(SimpleNamespace()) == {}
