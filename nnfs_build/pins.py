"""The versions pinned in the repository's requirements files (standard library only).

``make animations`` installs ``requirements-animations.txt``; the render command
refuses another Manim, and the manifest hashes the pinned version with every
video, so both read it here.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANIMATION_REQUIREMENTS = ROOT / "requirements-animations.txt"


def pinned_manim(requirements: Path = ANIMATION_REQUIREMENTS) -> str:
    """The Manim version pinned (``manim==X``) in ``requirements``."""
    match = re.search(r"^manim==(\S+)", requirements.read_text(encoding="utf-8"), re.MULTILINE)
    if match is None:
        raise RuntimeError(f"{requirements.name} does not pin manim")
    return match.group(1)
