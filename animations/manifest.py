"""What each video is rendered from, the hash of it, and the manifest that records it.

A video is *fresh* when the hash recorded for it in ``book/videos/manifest.json``
equals the hash of its current inputs:

* the scene's module and every ``animations`` module it imports, transitively
  (``style.py``, ``widgets.py``, ...), and ``render.py`` (encoding, poster);
* every ``nnfs_lib`` module the scene uses, following the library's own imports
  transitively, so a change in any library module a scene depends on makes its
  video stale. The walk is :func:`nnfs_build.imports.closure`, the one the book's
  freshness extension uses for pages: it reads the import statements with
  :mod:`ast`, so every form counts (``from nnfs_lib import losses``, several
  imports in a row, parenthesised lists, relative imports);
* the Manim version pinned in ``requirements-animations.txt``
  (:func:`nnfs_build.pins.pinned_manim`), and the scene's poster position.

Only file contents (bytes) and version strings are hashed, never dates, so the
hash is the same on every machine. The videos themselves are not hashed: two
renders on one machine give identical bytes, but another machine's cairo, pango
or fonts may shift a pixel. CI re-renders every scene to prove it still renders,
and compares the numbers the fresh render records with the committed ones.

Only the standard library (and the standard-library helpers of ``nnfs_build``) is
imported, so any environment can run it from the repository root::

    python -m animations.manifest write --from DIR [scene ...]
    python -m animations.manifest check [--rendered DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from animations.registry import SCENES
from nnfs_build.imports import closure
from nnfs_build.pins import pinned_manim

ROOT = Path(__file__).resolve().parents[1]
VIDEOS = ROOT / "book" / "videos"
MANIFEST = VIDEOS / "manifest.json"
REQUIREMENTS = ROOT / "requirements-animations.txt"

PACKAGES = ("animations", "nnfs_lib")


def scene_inputs(name: str) -> list[Path]:
    """Every source file the video of scene ``name`` is rendered from, sorted.

    The scene's module, the render script, and every module of ``animations``
    and ``nnfs_lib`` they import, transitively (a submodule brings its
    package's ``__init__.py``, which Python runs first).
    """
    seen = closure(ROOT, [SCENES[name].module, "animations.render"], PACKAGES)
    # The registry's captions and descriptions are not drawn in the video (its
    # poster position is hashed separately), so editing text re-renders nothing.
    seen.discard(ROOT / "animations" / "registry.py")
    return sorted(seen)


def input_hash(name: str) -> str:
    """SHA-256 of the scene's inputs: file paths and bytes, Manim's version, the poster time."""
    digest = hashlib.sha256()
    digest.update(
        f"manim=={pinned_manim(REQUIREMENTS)}\nposter={SCENES[name].poster_time}\n".encode()
    )
    for path in scene_inputs(name):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\n")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load() -> dict:
    if not MANIFEST.exists():
        return {"manim": pinned_manim(REQUIREMENTS), "scenes": {}}
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def write(rendered: Path, names: list[str]) -> None:
    """Record the scenes just rendered into ``rendered`` (its render.json) in the manifest."""
    report = json.loads((rendered / "render.json").read_text(encoding="utf-8"))
    manifest = load()
    manifest["manim"] = pinned_manim(REQUIREMENTS)
    for name in names:
        if name not in report:
            raise SystemExit(
                f"{rendered / 'render.json'} has no entry for {name!r}: render it first"
            )
        manifest["scenes"][name] = {
            "hash": input_hash(name),
            "inputs": [p.relative_to(ROOT).as_posix() for p in scene_inputs(name)],
            "video": f"{name}.mp4",
            "poster": f"{name}.png",
            **report[name],
        }
    manifest["scenes"] = dict(sorted(manifest["scenes"].items()))
    MANIFEST.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if rendered.resolve() == VIDEOS.resolve():
        (rendered / "render.json").unlink()


def problems(rendered: Path | None = None) -> list[str]:
    """Why the committed videos do not match the sources (empty when they all do)."""
    found = []
    manifest = load()
    recorded = manifest.get("scenes", {})
    if manifest.get("manim") != pinned_manim(REQUIREMENTS):
        found.append(
            f"manifest records Manim {manifest.get('manim')} but "
            f"{REQUIREMENTS.name} pins {pinned_manim(REQUIREMENTS)}"
        )
    for name in SCENES:
        entry = recorded.get(name)
        if entry is None:
            found.append(f"{name}: no video in the manifest (run `make animations`)")
            continue
        for kind in ("video", "poster"):
            if not (VIDEOS / entry[kind]).is_file():
                found.append(f"{name}: {entry[kind]} is missing from book/videos")
        if entry["hash"] != input_hash(name):
            found.append(
                f"{name}: stale; its sources changed since it was rendered "
                f"(run `make animations SCENES={name}`)"
            )
    for name in sorted(set(recorded) - set(SCENES)):
        found.append(f"{name}: in the manifest but not in animations/registry.py")
    if rendered is not None:
        report_path = rendered / "render.json"
        report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
        for name in SCENES:
            if name not in report:
                found.append(f"{name}: did not render into {rendered}")
            elif name in recorded and report[name]["facts"] != recorded[name].get("facts"):
                found.append(
                    f"{name}: a fresh render shows other numbers than the committed video: "
                    f"{report[name]['facts']} != {recorded[name].get('facts')}"
                )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write or check book/videos/manifest.json.")
    commands = parser.add_subparsers(dest="command", required=True)
    w = commands.add_parser("write", help="record freshly rendered scenes")
    w.add_argument("--from", dest="rendered", type=Path, default=VIDEOS)
    w.add_argument("scenes", nargs="*")
    c = commands.add_parser("check", help="fail if a committed video is stale or missing")
    c.add_argument("--rendered", type=Path, help="also check a fresh render in this folder")
    args = parser.parse_args(argv)
    if args.command == "write":
        names = args.scenes or list(SCENES)
        unknown = sorted(set(names) - set(SCENES))
        if unknown:
            parser.error(f"unknown scene(s) {unknown}; known: {sorted(SCENES)}")
        write(args.rendered, names)
        print(f"manifest updated for: {', '.join(names)}")
        return 0
    found = problems(args.rendered)
    for problem in found:
        print(f"STALE OR MISSING: {problem}")
    if not found:
        print(f"all {len(SCENES)} videos are fresh (inputs unchanged since they were rendered)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
