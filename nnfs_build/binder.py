"""What Binder's JupyterLab needs to show the book's own directives.

On Binder a chapter opens as a notebook, and jupyterlab-myst renders its
Markdown; it knows standard MyST but not the site's directives:
``nnfs-video`` (:mod:`nnfs_build.video`), ``nnfs-interactive``
(:mod:`nnfs_build.interactive`) and myst-nb's ``glue:figure``. The prebuilt
JupyterLab extension ``binder/nnfs-book-directives`` draws them in their
place. ``binder/postBuild`` runs ``python -m nnfs_build.binder <folder>`` to
write what it reads, into the extension's ``static`` folder (served by
JupyterLab at ``lab/extensions/nnfs-book-directives/static/``):

``videos.json``
    For each scene of ``book/videos``: the title, caption and description the
    site shows (:func:`nnfs_build.video.describe`), and the paths of its video
    and poster from the repository's root (JupyterLab's root on Binder).
``interactive/<name>.json``
    Each interactive figure's spec, the one the site embeds.
``nnfs-interactive.js``, ``nnfs-interactive.css``
    The site's script and style sheet for those figures.

A glued figure needs nothing here: the extension takes its image from the
notebook's own outputs.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from nnfs_build.interactive import CSS_FILE, SCRIPT, STATIC, stylesheet
from nnfs_build.video import describe

ROOT = Path(__file__).resolve().parents[1]
VIDEOS = "book/videos"


def write_assets(destination: Path, root: Path = ROOT) -> dict[str, list[str]]:
    """Write the extension's files into ``destination``; return the scenes and figures written.

    Every scene listed in ``book/videos/manifest.json`` is described; a scene
    the site could not show (no video, no poster, a missing fact) raises
    ``LookupError``, as the site's build fails on it.
    """
    from nnfs_lib.interactive import FIGURES

    destination = Path(destination)
    manifest = root / VIDEOS / "manifest.json"
    scenes = sorted(json.loads(manifest.read_text(encoding="utf-8")).get("scenes", {}))
    videos = {
        name: {
            **describe(name, root),
            "video": f"{VIDEOS}/{name}.mp4",
            "poster": f"{VIDEOS}/{name}.png",
        }
        for name in scenes
    }
    destination.mkdir(parents=True, exist_ok=True)
    (destination / "videos.json").write_text(json.dumps(videos, indent=1), encoding="utf-8")
    figures = destination / "interactive"
    figures.mkdir(exist_ok=True)
    for name, compute in FIGURES.items():
        spec = json.dumps(compute(), separators=(",", ":"))
        (figures / f"{name}.json").write_text(spec, encoding="utf-8")
    shutil.copy2(STATIC / SCRIPT, destination / SCRIPT)
    (destination / CSS_FILE).write_text(stylesheet(), encoding="utf-8")
    return {"videos": scenes, "interactive": sorted(FIGURES)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m nnfs_build.binder",
        description="Write the files Binder's nnfs-book-directives extension reads.",
    )
    parser.add_argument("destination", type=Path, help="the extension's static folder")
    args = parser.parse_args(argv)
    written = write_assets(args.destination)
    print(
        f"nnfs_build.binder: {len(written['videos'])} videos and "
        f"{len(written['interactive'])} interactive figures in {args.destination}"
    )


if __name__ == "__main__":
    main()
