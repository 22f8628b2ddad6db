"""Sphinx extension: the ``nnfs-video`` directive embeds one of the book's animations.

Usage in a MyST page::

    ```{nnfs-video} neuron
    :name: fig-neuron-animation
    ```

It looks the scene up in :mod:`animations.registry` (imported the ordinary way:
the registry needs no Manim) and its rendered files in ``book/videos/``
(``make animations`` writes them; see ``animations/``), and emits
a numbered figure holding an HTML5 ``<video controls preload="none">`` with the
poster frame, the caption, and a visible text description of what happens for
readers who cannot watch (its numbers come from the manifest, recorded when the
video was rendered from ``nnfs_lib``). The page needs no JavaScript. The video and
poster are copied into the site (``_videos/``), so they are served from it.

An unknown scene, or a scene whose video is missing, is an error (so a strict
``-W`` build fails). Other builders (LaTeX, text) get the caption and the
description without the video.
"""

from __future__ import annotations

import json
import shutil
from html import escape
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from animations import registry
from nnfs_build.page_data import PageData

OUTPUT_FOLDER = "_videos"
# The scenes each page embeds, copied into the site at the end of the build.
VIDEOS_USED = PageData("nnfs_videos")


class video(nodes.General, nodes.Element):
    """The <video> element; attributes ``scene``, ``title``, ``described_by``."""


def _manifest(srcdir: Path) -> dict[str, Any]:
    path = srcdir / "book" / "videos" / "manifest.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("scenes", {})


def describe(name: str, srcdir: Path) -> dict[str, str]:
    """What a reader is told of scene ``name``: its title, caption and description.

    The description's placeholders are filled with the facts the manifest
    recorded when the video was rendered. The site's ``nnfs-video`` and Binder's
    JupyterLab extension (:mod:`nnfs_build.binder`) both use this text: the
    title as the video's accessible name, the caption and description visibly.

    Raises
    ------
    LookupError
        If the scene is unknown, has no rendered video or poster in
        ``book/videos``, or the manifest lacks a fact its description uses.
    """
    scenes = registry.SCENES
    if name not in scenes:
        raise LookupError(
            f"unknown animation {name!r}; the scenes in animations/registry.py are: "
            f"{', '.join(sorted(scenes))}"
        )
    entry = scenes[name]
    recorded = _manifest(srcdir).get(name)
    videos = srcdir / "book" / "videos"
    if recorded is None or not (videos / f"{name}.mp4").is_file():
        raise LookupError(
            f"the animation {name!r} has no rendered video in book/videos (run `make animations`)"
        )
    if not (videos / f"{name}.png").is_file():
        raise LookupError(f"the animation {name!r} has no poster {name}.png")
    try:
        description = entry.description.format(**recorded.get("facts", {}))
    except KeyError as missing:
        raise LookupError(
            f"the manifest records no fact {missing} for {name!r} (run `make animations`)"
        ) from None
    return {"title": entry.title, "caption": entry.caption, "description": description}


class VideoDirective(SphinxDirective):
    required_arguments = 1
    optional_arguments = 0
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"name": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        srcdir = Path(self.env.srcdir)
        try:
            scene = describe(name, srcdir)
        except LookupError as error:
            raise self.error(f"nnfs-video: {error.args[0]}") from None
        videos = srcdir / "book" / "videos"
        self.env.note_dependency(str(videos / "manifest.json"))
        self.env.note_dependency(registry.__file__)
        VIDEOS_USED.of(self.env).setdefault(self.env.docname, set()).add(name)

        figure = nodes.figure(classes=["nnfs-video"])
        legend_id = f"nnfs-video-description-{name}"
        figure += video(scene=name, title=scene["title"], described_by=legend_id)
        figure += nodes.caption(scene["caption"], scene["caption"])
        legend = nodes.legend(ids=[legend_id])
        paragraph = nodes.paragraph()
        paragraph += nodes.strong("What the animation shows: ", "What the animation shows: ")
        paragraph += nodes.Text(scene["description"])
        legend += paragraph
        figure += legend
        self.set_source_info(figure)
        self.add_name(figure)
        return [figure]


def visit_video_html(translator: Any, node: video) -> None:
    builder = translator.builder
    here = builder.get_target_uri(builder.current_docname)
    name = node["scene"]
    src = relative_uri(here, f"{OUTPUT_FOLDER}/{name}.mp4")
    poster = relative_uri(here, f"{OUTPUT_FOLDER}/{name}.png")
    translator.body.append(
        f'<video controls preload="none" playsinline width="1280" height="720" '
        f'style="width:100%;height:auto" poster="{escape(poster)}" '
        f'aria-label="{escape(node["title"])}" aria-describedby="{escape(node["described_by"])}">'
        f'<source src="{escape(src)}" type="video/mp4">'
        f'<p>Your browser cannot play this video: <a href="{escape(src)}">download it</a>; '
        f"the description below says what it shows.</p></video>"
    )
    raise nodes.SkipNode


def skip_video(translator: Any, node: video) -> None:
    raise nodes.SkipNode


def _copy_videos(app: Sphinx, exception: Exception | None) -> None:
    """Copy every embedded video and its poster into the HTML output."""
    if exception is not None or app.builder.format != "html":
        return
    used = set().union(*VIDEOS_USED.of(app.env).values())
    source = Path(app.srcdir) / "book" / "videos"
    target = Path(app.outdir) / OUTPUT_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for name in sorted(used):
        for suffix in (".mp4", ".png"):
            shutil.copy2(source / f"{name}{suffix}", target / f"{name}{suffix}")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(
        video,
        html=(visit_video_html, None),
        latex=(skip_video, None),
        text=(skip_video, None),
        man=(skip_video, None),
        texinfo=(skip_video, None),
    )
    app.add_directive("nnfs-video", VideoDirective)
    VIDEOS_USED.connect(app)
    app.connect("build-finished", _copy_videos)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
