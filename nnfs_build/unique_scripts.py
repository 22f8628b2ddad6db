"""Sphinx extension: drop repeated ``<script>`` entries from each page.

sphinx-thebe adds its inline configuration (``const THEBE_JS_URL = ...``) each
time its ``env-before-read-docs`` handler runs, and in a Jupyter Book build that
happens twice, so every page declared the same ``const`` twice and the browser
threw "Identifier 'THEBE_JS_URL' has already been declared". Keeping only the
first of identical scripts (same file or inline body, same attributes) fixes it.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _script_key(script: Any) -> tuple:
    # An inline script is registered once with filename None and once with "".
    filename = getattr(script, "filename", script) or ""
    attributes = getattr(script, "attributes", {}) or {}
    return (str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items())))


def _drop_repeated_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _drop_repeated_scripts, priority=999)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
