"""nnfs_build.binder: the files Binder's nnfs-book-directives extension reads.

The extension itself runs in JupyterLab and is tested there (tests/binder);
these tests check that what it fetches is written, and is what the site shows.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import nnfs_lib.interactive
from nnfs_build import binder
from nnfs_build.interactive import STATIC, stylesheet
from nnfs_build.video import describe
from nnfs_lib.interactive.spec import PALETTE_DARK, PALETTE_LIGHT

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "binder" / "nnfs-book-directives"
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
    entry = (EXTENSION / "static" / "remoteEntry.js").read_text(encoding="utf-8")
    fetched = set(re.findall(r"staticUrl\('([^']+)'", entry))
    assert fetched == {
        "videos.json",
        "interactive/",
        "nnfs-interactive.css",
        "nnfs-interactive.js",
        "nnfs-book-directives.css",
    }
    for name in fetched - {"interactive/", "nnfs-book-directives.css"}:
        assert (tmp_path / name).is_file(), name
    assert (EXTENSION / "static" / "nnfs-book-directives.css").is_file()
    package = json.loads((EXTENSION / "package.json").read_text())
    assert package["name"] == "nnfs-book-directives"
    assert "root._JUPYTERLAB[NAME]" in entry and f"const NAME = '{package['name']}'" in entry
    post_build = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "cp -r binder/nnfs-book-directives" in post_build
    assert 'python -m nnfs_build.binder "$labextensions/nnfs-book-directives/static"' in post_build


def test_the_command_line_says_what_it_wrote(tmp_path: Path, few_figures, capsys) -> None:
    binder.main([str(tmp_path / "static")])
    out = capsys.readouterr().out
    assert re.fullmatch(r"nnfs_build\.binder: \d+ videos and 2 interactive figures in .*\n", out)
