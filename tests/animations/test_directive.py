"""The ``nnfs-video`` directive (nnfs_build/video.py) in a small strict Sphinx build.

A known scene becomes a figure with a <video>, its poster, caption and text
description, and the files are copied into the site; an unknown scene, or a
scene without a rendered video, fails the ``-W`` build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from animations import manifest

CONF = """
extensions = ["myst_parser", "nnfs_build.video"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "book"]
numfig = True
"""


def _build(root: Path, page: str, *, with_video: bool = True) -> subprocess.CompletedProcess:
    videos = root / "book" / "videos"
    videos.mkdir(parents=True)
    shutil.copy(manifest.MANIFEST, videos / "manifest.json")
    if with_video:
        for suffix in (".mp4", ".png"):
            shutil.copy(manifest.VIDEOS / f"neuron{suffix}", videos / f"neuron{suffix}")
    (root / "conf.py").write_text(CONF)
    (root / "index.md").write_text(f"# A page\n\nSome text.\n\n{page}\n", encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "-n",
            "-q",
            "-b",
            "html",
            str(root),
            str(root / "_build"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        # The extension and the registry it reads are imported from this repository.
        env={**os.environ, "PYTHONPATH": str(manifest.ROOT)},
    )


def test_a_known_scene_is_embedded_and_served_from_the_site(tmp_path: Path) -> None:
    result = _build(tmp_path, "```{nnfs-video} neuron\n:name: fig-neuron-video\n```")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")
    assert '<video controls preload="none"' in html
    assert 'poster="_videos/neuron.png"' in html
    assert '<source src="_videos/neuron.mp4" type="video/mp4">' in html
    assert "<figcaption>" in html and "One sigmoid neuron" in html
    facts = manifest.load()["scenes"]["neuron"]["facts"]
    assert "What the animation shows:" in html and f"z = {facts['z0']}" in html
    assert 'id="fig-neuron-video"' in html
    for suffix in (".mp4", ".png"):
        served = tmp_path / "_build" / "_videos" / f"neuron{suffix}"
        assert served.read_bytes() == (manifest.VIDEOS / f"neuron{suffix}").read_bytes()
    assert not (tmp_path / "_build" / "_videos" / "backprop.mp4").exists()  # only what is used


def test_an_unknown_scene_fails_the_strict_build(tmp_path: Path) -> None:
    result = _build(tmp_path, "```{nnfs-video} no_such_scene\n```")
    assert result.returncode != 0
    assert "unknown animation 'no_such_scene'" in result.stderr


def test_a_scene_without_its_video_fails_the_strict_build(tmp_path: Path) -> None:
    result = _build(tmp_path, "```{nnfs-video} neuron\n```", with_video=False)
    assert result.returncode != 0
    assert "has no rendered video" in result.stderr


@pytest.mark.parametrize("page", ["```{nnfs-video}\n```", "```{nnfs-video} neuron backprop\n```"])
def test_the_directive_takes_exactly_one_scene(tmp_path: Path, page: str) -> None:
    assert _build(tmp_path, page).returncode != 0
