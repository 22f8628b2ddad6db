"""Sphinx extension: each page's footer says when and from which commit it was built and executed.

At the start of a build it asks git for the commit checked out (and whether
tracked files differ from it) and notes the time (UTC). Each page remembers the
stamp of the build that read it, which for a chapter is the build that
executed it: a page that an incremental build did not re-read keeps its older
stamp, which is still true. The footer then reads, for example,

    Built and executed on 2026-05-01 14:02 UTC from commit 3f2a9c1d0b7e of
    nnfs-book/neural-networks-from-scratch, with nnfs_lib 0.1.0.

(the commit links to the repository named in ``_config.yml``). Outside a git
checkout, or without git, it says that the commit is unknown instead. The
version is ``nnfs_lib.__version__``, the package's one version number.
"""

from __future__ import annotations

import subprocess
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from nnfs_build.page_data import PageData

UNKNOWN_COMMIT = "an unknown commit (the sources were not a git checkout)"
# The stamp each page was read under, and whether it executed code cells.
PAGE_STAMPS = PageData("nnfs_page_stamps")


@dataclass(frozen=True)
class Stamp:
    """When a page was built, and from which commit (None: not a git checkout)."""

    when: str
    commit: str | None
    modified: bool = False


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def current_stamp(folder: Path, now: datetime | None = None) -> Stamp:
    """The stamp of a build of the sources in ``folder``, made at ``now`` (default: now)."""
    when = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    commit = _git(folder, "rev-parse", "--short=12", "HEAD")
    if not commit:
        return Stamp(when, None)
    changes = _git(folder, "status", "--porcelain", "--untracked-files=no")
    return Stamp(when, commit, bool(changes))


def footer_html(stamp: Stamp, executed: bool, version: str, repository_url: str = "") -> str:
    """The footer sentence for a page with ``stamp`` (``executed``: it ran code cells)."""
    verb = "Built and executed" if executed else "Built"
    if stamp.commit is None:
        source = f"from {UNKNOWN_COMMIT}"
    else:
        commit = escape(stamp.commit)
        if repository_url:
            base = escape(repository_url.rstrip("/"))
            commit = f'<a href="{base}/commit/{commit}"><code>{commit}</code></a>'
        else:
            commit = f"<code>{commit}</code>"
        source = f"from commit {commit}"
        if stamp.modified:
            source += " with local changes"
    return (
        f'<p class="nnfs-build-stamp">{verb} on {escape(stamp.when)} {source}, '
        f"with nnfs_lib {escape(version)}.</p>"
    )


def _library_version(app: Sphinx) -> str:
    import nnfs_lib

    return nnfs_lib.__version__


def _start(app: Sphinx) -> None:
    app.env.nnfs_build_stamp = asdict(current_stamp(Path(app.srcdir)))


def _record(app: Sphinx, doctree: nodes.document) -> None:
    executed = any(node.get("nb_element") == "cell_code" for node in doctree.findall(nodes.Element))
    PAGE_STAMPS.of(app.env)[app.env.docname] = {**app.env.nnfs_build_stamp, "executed": executed}


def _footer(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    recorded = dict(PAGE_STAMPS.of(app.env).get(pagename) or app.env.nnfs_build_stamp)
    executed = bool(recorded.pop("executed", False))
    options = app.config.html_theme_options or {}
    footer = footer_html(
        Stamp(**recorded), executed, _library_version(app), options.get("repository_url", "")
    )
    context["theme_extra_footer"] = (context.get("theme_extra_footer") or "") + footer


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _start)
    app.connect("doctree-read", _record)
    PAGE_STAMPS.connect(app)
    app.connect("html-page-context", _footer, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
