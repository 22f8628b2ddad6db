"""Sphinx extension: give the theme a default colour mode, so a first visit logs no error.

pydata-sphinx-theme (the base of sphinx-book-theme) writes
``html_context["default_mode"]`` into its start-up script, and when that key is
unset the script sets an empty mode, so a first visit (empty browser storage)
logs "Got invalid theme mode: . Resetting to auto." as a console error. Setting
the default to ``"auto"`` (the value the theme falls back to anyway) removes the
cause. A mode set in ``_config.yml`` is kept.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config


def _default_mode(app: Sphinx, config: Config) -> None:
    context = dict(config.html_context or {})
    if not context.get("default_mode"):
        context["default_mode"] = "auto"
    config.html_context = context


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _default_mode, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
