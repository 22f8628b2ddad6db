"""nnfs_build.binder: the files Binder's nnfs-binder extension reads.

The extension itself runs in JupyterLab and is tested there (tests/binder);
these tests check that what it fetches is written, and is what the site shows.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import nnfs_lib.interactive
from nnfs_build import binder
from nnfs_build.figure_theme import DARK_FILTER, INK, JUPYTERLAB_CSS, STYLE
from nnfs_build.interactive import STATIC, stylesheet
from nnfs_build.numbering import toc_pages
from nnfs_build.video import describe
from nnfs_lib.interactive.spec import PALETTE_DARK, PALETTE_LIGHT

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "binder" / "nnfs-binder"
# Two of the book's figures, quick to compute, stand for all of them.
SOME_FIGURES = ("activation_explorer", "init_scale")


@pytest.fixture
def few_figures(monkeypatch: pytest.MonkeyPatch) -> dict:
    figures = {name: nnfs_lib.interactive.FIGURES[name] for name in SOME_FIGURES}
    monkeypatch.setattr(nnfs_lib.interactive, "FIGURES", figures)
    return figures


def test_every_rendered_video_is_described_as_on_the_site(tmp_path: Path, few_figures) -> None:
    written = binder.write_assets(tmp_path)
    videos = json.loads((tmp_path / "videos.json").read_text(encoding="utf-8"))
    manifest = json.loads((ROOT / "book" / "videos" / "manifest.json").read_text())
    assert sorted(videos) == written["videos"] == sorted(manifest["scenes"])
    assert len(videos) >= 8
    for name, scene in videos.items():
        assert {key: scene[key] for key in ("title", "caption", "description")} == describe(
            name, ROOT
        )
        # Paths from the repository's root, which is JupyterLab's root on Binder.
        assert (ROOT / scene["video"]).is_file() and scene["video"].endswith(f"{name}.mp4")
        assert (ROOT / scene["poster"]).is_file() and scene["poster"].endswith(f"{name}.png")
        assert "{" not in scene["description"], "a placeholder was left unfilled"


def test_every_interactive_figure_is_written_with_the_sites_spec(
    tmp_path: Path, few_figures
) -> None:
    written = binder.write_assets(tmp_path)
    assert written["interactive"] == sorted(SOME_FIGURES)
    for name, compute in few_figures.items():
        spec = json.loads((tmp_path / "interactive" / f"{name}.json").read_text())
        assert spec == json.loads(json.dumps(compute()))
        assert spec["name"] == name and spec["frames"]


def test_the_sites_script_and_a_style_sheet_for_both_themes_are_written(
    tmp_path: Path, few_figures
) -> None:
    binder.write_assets(tmp_path)
    script = (tmp_path / "nnfs-interactive.js").read_text(encoding="utf-8")
    assert script == (STATIC / "nnfs-interactive.js").read_text(encoding="utf-8")
    assert "window.nnfsInteractive = {mount}" in script
    css = (tmp_path / "nnfs-interactive.css").read_text(encoding="utf-8")
    assert css == stylesheet()
    # JupyterLab's dark theme gets the dark palette, as the site's does.
    dark_rule = re.search(r'body\[data-jp-theme-light="false"\] \.nnfs-ix \{([^}]*)\}', css)
    assert dark_rule is not None
    assert all(colour in dark_rule.group(1) for colour in PALETTE_DARK)
    assert all(colour in css for colour in PALETTE_LIGHT)


def test_a_scene_the_site_could_not_show_stops_the_writing(tmp_path: Path, few_figures) -> None:
    root = tmp_path / "repo"
    videos = root / "book" / "videos"
    videos.mkdir(parents=True)
    shutil.copy(ROOT / "book" / "videos" / "manifest.json", videos / "manifest.json")
    with pytest.raises(LookupError, match="no rendered video"):
        binder.write_assets(tmp_path / "out", root=root)


def test_the_extension_fetches_what_is_written_and_postbuild_writes_it(
    tmp_path: Path, few_figures
) -> None:
    binder.write_assets(tmp_path)
    static = EXTENSION / "static"
    directives = (static / "book-directives.js").read_text(encoding="utf-8")
    fetched = set(re.findall(r"staticUrl\('([^']+)'", directives))
    assert fetched == {
        "references.json",
        "listings.json",
        "videos.json",
        "interactive/",
        "nnfs-interactive.css",
        "nnfs-interactive.js",
        "book-directives.css",
        "figure-theme.css",
    }
    for name in fetched - {"interactive/", "book-directives.css"}:
        assert (tmp_path / name).is_file(), name
    assert (tmp_path / "figure-theme.css").read_text(encoding="utf-8") == JUPYTERLAB_CSS
    assert (static / "book-directives.css").is_file()
    # The container loads each plugin file beside it, under the package's name.
    package = json.loads((EXTENSION / "package.json").read_text())
    entry = (static / "remoteEntry.js").read_text(encoding="utf-8")
    assert package["name"] == "nnfs-binder" and package["jupyterlab"]["_build"]["load"] == (
        "static/remoteEntry.js"
    )
    assert f"var NAME = '{package['name']}';" in entry
    assert f"const NAME = '{package['name']}';" in directives
    plugins = re.search(r"var PLUGINS = \[([^\]]*)\]", entry).group(1)
    for plugin in re.findall(r"'([^']+)'", plugins):
        code = (static / f"{plugin}.js").read_text(encoding="utf-8")
        assert f"root.nnfsBinderPlugins['{plugin}'] = plugin;" in code
    post_build = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "cp -r binder/nnfs-binder" in post_build
    assert 'python -m nnfs_build.binder "$labextensions/nnfs-binder/static"' in post_build


def test_the_command_line_says_what_it_wrote(tmp_path: Path, few_figures, capsys) -> None:
    binder.main([str(tmp_path / "static")])
    out = capsys.readouterr().out
    assert re.fullmatch(
        r"nnfs_build\.binder: \d+ videos, 2 interactive figures, \d+ citations, \d+ labels "
        r"and \d+ listings in .*\n",
        out,
    )


MINI_TOC = """format: jb-book
root: intro
parts:
  - caption: One
    chapters:
      - file: part/first
      - file: back/bibliography
"""
MINI_PAGES = {
    "intro.md": "# The intro\n\nText.\n",
    "part/first.md": """# First chapter

(sec-why)=
## Why $\\mathbf{w}$ matters

```{prf:definition} Artificial neuron
:label: def-neuron

A neuron.
```

```{exercise}
:label: ex-first-1

Untitled.
```

````{prf:theorem} Fenced with four
:label: thm-four
:nonumber:

A theorem.
````

```{figure} x.png
:name: fig-a-figure
```
""",
    "back/bibliography.md": "# Bibliography\n\n```{bibliography}\n```\n",
}
MINI_BIB = """@book{goodfellow2016,
  author = {Goodfellow, Ian and Bengio, Yoshua and Courville, Aaron},
  title = {Deep Learning}, publisher = {MIT Press}, year = {2016}}
"""


def _mini_book(root: Path, *, bibliography: bool = True) -> Path:
    (root / "book").mkdir(parents=True)
    (root / "_toc.yml").write_text(MINI_TOC)
    (root / "_config.yml").write_text(
        "html:\n  baseurl: https://example.org/a-book\n"
        'sphinx:\n  config:\n    bibtex_cite_id: "cite-{key}"\n'
    )
    for name, text in MINI_PAGES.items():
        if name.startswith("back/") and not bibliography:
            text = "# Bibliography\n\nNone.\n"
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / "book" / "references.bib").write_text(MINI_BIB)
    return root


def test_references_name_each_label_as_the_site_does(tmp_path: Path) -> None:
    links = binder.references(_mini_book(tmp_path))
    site = "https://example.org/a-book/"
    assert links["pages"] == {
        "intro": {"url": f"{site}intro.html", "text": "The intro"},
        "part/first": {"url": f"{site}part/first.html", "text": "First chapter"},
        "back/bibliography": {"url": f"{site}back/bibliography.html", "text": "Bibliography"},
    }
    page = f"{site}part/first.html"
    # Outside a numbered part the site numbers without a chapter ("Definition 1").
    assert links["targets"] == {
        label: {"url": f"{page}#{label}", "text": text, "page": "part/first"}
        | ({"number": "1"} if label not in ("sec-why", "thm-four") else {})
        for label, text in [
            ("sec-why", "Why $\\mathbf{w}$ matters"),
            ("def-neuron", "Definition 1"),
            ("ex-first-1", "Exercise 1"),
            # ":nonumber:" takes no number and leaves the counter alone.
            ("thm-four", "Theorem (Fenced with four)"),
            ("fig-a-figure", "Fig. 1"),
        ]
    }
    assert links["figures"]["part/first"] == [
        {"source": "figure", "name": "fig-a-figure", "text": "Fig. 1"}
    ]
    assert links["citations"] == {
        "goodfellow2016": {
            # The entry itself (bibtex_cite_id "cite-{key}"), not the top of the page.
            "url": f"{site}back/bibliography.html#cite-goodfellow2016",
            "label": "GBC16",
            "text": "Ian Goodfellow, Yoshua Bengio, and Aaron Courville. Deep Learning. MIT Press, 2016.",
        }
    }


def test_references_need_the_page_that_holds_the_bibliography(tmp_path: Path) -> None:
    with pytest.raises(LookupError, match="bibliography"):
        binder.references(_mini_book(tmp_path, bibliography=False))


def test_the_books_references_cover_every_label_another_page_uses() -> None:
    """Each {prf:ref}, {ref} and {numref} to a label of another page has its link."""
    links = binder.references(ROOT)
    defined_on: dict[str, str] = {}
    for page in toc_pages(ROOT):
        text = (ROOT / f"{page}.md").read_text(encoding="utf-8")
        for label in re.findall(r"^(?:\(([^)\s]+)\)=|:(?:label|name): *(\S+))", text, re.M):
            defined_on[label[0] or label[1]] = page
    used_elsewhere = set()
    for page in toc_pages(ROOT):
        text = (ROOT / f"{page}.md").read_text(encoding="utf-8")
        for body in re.findall(r"\{(?:prf:ref|ref|numref)\}`([^`]+)`", text):
            label = re.sub(r"^.*<(.*)>$", r"\1", body).strip()
            if defined_on.get(label, page) != page:
                used_elsewhere.add(label)
    assert len(used_elsewhere) > 20
    assert sorted(used_elsewhere - set(links["targets"])) == []


def test_binders_start_script_gives_the_kernels_the_books_figure_style() -> None:
    """binder/start (run by Binder before the server) sets MATPLOTLIBRC, then runs its command."""
    shown = subprocess.run(
        ["bash", "binder/start", sys.executable, "-c", _SHOW_STYLE],
        cwd=ROOT,
        env={key: value for key, value in os.environ.items() if key != "MATPLOTLIBRC"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert shown == [str(STYLE), "none", INK.lstrip("#")]
    assert 'body[data-jp-theme-light="false"] .jp-OutputArea-output img' in JUPYTERLAB_CSS
    assert DARK_FILTER in JUPYTERLAB_CSS


_SHOW_STYLE = """
import os, matplotlib
print(os.environ["MATPLOTLIBRC"], matplotlib.rcParams["figure.facecolor"])
print(matplotlib.colors.to_hex(matplotlib.rcParams["text.color"]).lstrip("#"))
"""
