"""Render the book's animations: ``python -m animations.render --out DIR [scene ...]``.

Runs in the animations environment (``requirements-animations.txt``: Manim and
PyAV). For each scene of :data:`animations.registry.SCENES` (or the ones
named) it renders the scene from scratch (no Manim cache) at the size and
frame rate of :mod:`animations.style`, and writes into ``DIR``:

* ``<name>.mp4``  H.264, yuv420p, re-encoded small, with the index at the front
  ("faststart") so a browser starts playing before the whole file has arrived;
* ``<name>.png``  the poster frame, at the scene's ``poster_time``;
* ``render.json`` for each scene rendered: the numbers it recorded (``facts``),
  its duration, size and render time. ``python -m animations.manifest write``
  folds this into ``book/videos/manifest.json`` with the hash of the scene's
  inputs (see ``animations/manifest.py``).
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import av
import manim

from animations import style
from animations.registry import SCENES, SceneEntry
from nnfs_build.pins import pinned_manim


def _encode_for_the_web(source: Path, target: Path) -> None:
    """Re-encode Manim's movie small and streamable.

    H.264 (``yuv420p``, which every browser plays) at a constant quality that
    keeps text sharp (CRF 34 is enough for flat-coloured vector frames), with
    the index (``moov``) before the data ("faststart") so playback starts
    before the whole file has arrived.
    """
    with (
        av.open(str(source)) as inp,
        av.open(str(target), "w", format="mp4", options={"movflags": "+faststart"}) as out,
    ):
        stream_in = inp.streams.video[0]
        stream_out = out.add_stream(
            "libx264",
            rate=style.FRAME_RATE,
            options={"crf": "34", "preset": "slow", "tune": "animation"},
        )
        stream_out.width = stream_in.codec_context.width
        stream_out.height = stream_in.codec_context.height
        stream_out.pix_fmt = "yuv420p"
        for index, frame in enumerate(inp.decode(stream_in)):
            frame = frame.reformat(format="yuv420p")
            frame.pts = index
            frame.time_base = Fraction(1, style.FRAME_RATE)
            for packet in stream_out.encode(frame):
                out.mux(packet)
        for packet in stream_out.encode(None):
            out.mux(packet)


def _poster(video: Path, target: Path, fraction: float) -> float:
    """Save the frame at ``fraction`` of the video as a PNG; return the duration (s)."""
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        frames = [frame for frame in container.decode(stream)]
    index = min(len(frames) - 1, max(0, round(fraction * (len(frames) - 1))))
    # 128 colours are plenty for flat vector frames and make the PNG a third the size.
    frames[index].to_image().quantize(colors=128).save(target, optimize=True)
    return len(frames) / style.FRAME_RATE


def render(entry: SceneEntry, out: Path, work: Path) -> dict[str, object]:
    """Render one scene into ``out``; return what ``render.json`` records about it."""
    module = importlib.import_module(entry.module)
    settings = {
        "pixel_width": style.PIXEL_WIDTH,
        "pixel_height": style.PIXEL_HEIGHT,
        "frame_rate": style.FRAME_RATE,
        "media_dir": str(work),
        "output_file": entry.name,
        "disable_caching": True,
        "write_to_movie": True,
        "format": "mp4",
        "verbosity": "WARNING",
        "progress_bar": "none",
    }
    start = time.perf_counter()
    with manim.tempconfig(settings):
        scene = module.Animation()
        scene.render()
        movie = Path(scene.renderer.file_writer.movie_file_path)
    seconds = time.perf_counter() - start
    video = out / f"{entry.name}.mp4"
    _encode_for_the_web(movie, video)
    duration = _poster(video, out / f"{entry.name}.png", entry.poster_time)
    missing = [key for key in _placeholders(entry.description) if key not in scene.facts]
    if missing:
        raise RuntimeError(f"scene {entry.name!r} did not record the facts {missing}")
    return {
        "facts": scene.facts,
        "duration_s": round(duration, 2),
        "video_bytes": video.stat().st_size,
        "poster_bytes": (out / f"{entry.name}.png").stat().st_size,
        "render_s": round(seconds, 1),
    }


def _placeholders(template: str) -> list[str]:
    import string

    return [field for _, field, _, _ in string.Formatter().parse(template) if field]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the MP4s and PNGs")
    parser.add_argument("scenes", nargs="*", help="scene names (default: every scene)")
    args = parser.parse_args(argv)
    names = args.scenes or list(SCENES)
    unknown = [name for name in names if name not in SCENES]
    if unknown:
        parser.error(f"unknown scene(s) {unknown}; known: {sorted(SCENES)}")
    if manim.__version__ != pinned_manim():
        sys.exit(
            f"Manim {manim.__version__} is installed but requirements-animations.txt pins "
            f"{pinned_manim()}; run `make animations` (it installs the pinned version)"
        )
    args.out.mkdir(parents=True, exist_ok=True)
    report_path = args.out / "render.json"
    report = json.loads(report_path.read_text()) if report_path.exists() else {}
    work = Path(tempfile.mkdtemp(prefix="nnfs-manim-"))
    try:
        for name in names:
            result = render(SCENES[name], args.out, work)
            report[name] = result
            print(
                f"{name}: rendered in {result['render_s']} s, {result['duration_s']} s long, "
                f"{result['video_bytes'] / 1024:.0f} KB video, "
                f"{result['poster_bytes'] / 1024:.0f} KB poster"
            )
            report_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
