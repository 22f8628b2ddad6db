"""The committed videos match their sources: every scene has a fresh video and poster.

``book/videos/manifest.json`` records, for each video, the hash of everything it
was rendered from (``animations/manifest.py``). These tests need no Manim.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from animations import manifest
from animations.registry import SCENES


def test_every_video_is_fresh_and_present() -> None:
    assert manifest.problems() == []


def test_every_scene_is_in_the_manifest_with_its_files() -> None:
    recorded = manifest.load()["scenes"]
    assert sorted(recorded) == sorted(SCENES)
    for name, entry in recorded.items():
        assert (manifest.VIDEOS / entry["video"]).stat().st_size > 10_000, name
        assert (manifest.VIDEOS / entry["poster"]).stat().st_size > 1_000, name


def test_videos_are_small_and_short() -> None:
    for name, entry in manifest.load()["scenes"].items():
        assert entry["video_bytes"] < 600_000, f"{name} is {entry['video_bytes']} bytes"
        assert 5 <= entry["duration_s"] <= 16, f"{name} lasts {entry['duration_s']} s"


def test_descriptions_only_quote_recorded_numbers() -> None:
    recorded = manifest.load()["scenes"]
    for name, entry in SCENES.items():
        entry.description.format(**recorded[name]["facts"])  # KeyError if a fact is missing


def test_scene_inputs_follow_imports_into_the_library() -> None:
    names = {p.relative_to(manifest.ROOT).as_posix() for p in manifest.scene_inputs("neuron")}
    # ``from nnfs_lib.neuron import ...`` and, inside neuron.py, ``from nnfs_lib import losses``.
    assert {"nnfs_lib/neuron.py", "nnfs_lib/losses.py", "nnfs_lib/activations.py"} <= names
    assert {"animations/scenes/neuron.py", "animations/style.py", "animations/render.py"} <= names
    assert "animations/registry.py" not in names  # text edits do not re-render
    backprop = {p.relative_to(manifest.ROOT).as_posix() for p in manifest.scene_inputs("backprop")}
    assert {"animations/scenes/network_example.py", "nnfs_lib/layers/dense.py"} <= backprop


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sources and videos the manifest is judged against."""
    for folder in ("animations", "nnfs_lib"):
        shutil.copytree(
            manifest.ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    (tmp_path / "book").mkdir()
    shutil.copytree(manifest.VIDEOS, tmp_path / "book" / "videos")
    shutil.copy(manifest.REQUIREMENTS, tmp_path / manifest.REQUIREMENTS.name)
    monkeypatch.setattr(manifest, "ROOT", tmp_path)
    monkeypatch.setattr(manifest, "VIDEOS", tmp_path / "book" / "videos")
    monkeypatch.setattr(manifest, "MANIFEST", tmp_path / "book" / "videos" / "manifest.json")
    monkeypatch.setattr(manifest, "REQUIREMENTS", tmp_path / manifest.REQUIREMENTS.name)
    assert manifest.problems() == []
    return tmp_path


@pytest.mark.parametrize(
    ("changed", "stale"),
    [
        ("animations/scenes/neuron.py", {"neuron"}),
        ("animations/style.py", set(SCENES)),
        (
            "nnfs_lib/losses.py",
            {"neuron", "gradient_descent", "backprop", "vanishing_gradients", "residual_gradients"},
        ),
        # Only the scenes that build a Dense layer: a scene that imports another name from
        # nnfs_lib.layers (a Parameter, BatchNorm) does not depend on dense.py.
        (
            "nnfs_lib/layers/dense.py",
            {"mlp_forward", "backprop", "vanishing_gradients", "residual_gradients"},
        ),
        ("nnfs_lib/optimizers.py", {"gradient_descent", "optimizers_race", "residual_gradients"}),
    ],
)
def test_a_changed_source_makes_exactly_its_videos_stale(
    sandbox: Path, changed: str, stale: set[str]
) -> None:
    path = sandbox / changed
    path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    found = {p.split(":")[0] for p in manifest.problems() if "stale" in p}
    assert found == stale


def test_a_new_manim_version_makes_every_video_stale(sandbox: Path) -> None:
    path = sandbox / manifest.REQUIREMENTS.name
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"manim=={manifest.pinned_manim()}", "manim==9.9.9"))
    found = manifest.problems()
    assert any("pins 9.9.9" in p for p in found)
    assert {p.split(":")[0] for p in found if "stale" in p} == set(SCENES)


def test_a_missing_video_is_reported(sandbox: Path) -> None:
    (sandbox / "book" / "videos" / "backprop.mp4").unlink()
    assert manifest.problems() == ["backprop: backprop.mp4 is missing from book/videos"]


def test_a_fresh_render_with_other_numbers_is_reported(sandbox: Path, tmp_path: Path) -> None:
    rendered = tmp_path / "rendered"
    rendered.mkdir()
    report = {name: {"facts": entry["facts"]} for name, entry in manifest.load()["scenes"].items()}
    report["neuron"] = {"facts": {**report["neuron"]["facts"], "z0": "9.99"}}
    (rendered / "render.json").write_text(json.dumps(report), encoding="utf-8")
    found = manifest.problems(rendered)
    assert len(found) == 1 and found[0].startswith("neuron: a fresh render shows other numbers")


def test_shared_pins_agree_with_the_book() -> None:
    def pins(path: Path) -> dict[str, str]:
        out = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if "==" in line and not line.startswith("#"):
                name, version = line.split("==")
                out[name.strip().lower().replace("_", "-")] = version.strip()
        return out

    book = pins(manifest.ROOT / "requirements.txt")
    animations = pins(manifest.REQUIREMENTS)
    allowed = {"pillow"}  # Manim 0.22 cannot draw images with Pillow 13 (see the file)
    differ = {k for k in set(book) & set(animations) if book[k] != animations[k]} - allowed
    assert differ == set()
    assert "manim" in animations and animations["numpy"] == book["numpy"]
