"""What an extension records about each page, kept in the Sphinx environment.

The videos a page embeds, its interactive figures, when it was executed: an
extension notes such things while Sphinx reads the page and uses them when it
writes the site. They live on the build environment, in a dictionary from page
name to value, so they survive an incremental build. Sphinx then expects two
things of the extension:

* when a page is read again or removed, its old entry goes (``env-purge-doc``);
* when pages are read in parallel (``-j``), the entries the worker processes
  recorded are gathered into the main environment (``env-merge-info``).

:class:`PageData` does both for one such dictionary.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


class PageData:
    """A dictionary ``{page name: value}`` stored on the environment as ``attribute``."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def of(self, env: BuildEnvironment) -> dict[str, Any]:
        """Every page's entry (an empty dictionary is created on first use)."""
        if not hasattr(env, self.attribute):
            setattr(env, self.attribute, {})
        return getattr(env, self.attribute)

    def purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.of(env).pop(docname, None)

    def merge(
        self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
    ) -> None:
        theirs = getattr(other, self.attribute, {})
        self.of(env).update({name: theirs[name] for name in docnames if name in theirs})

    def connect(self, app: Sphinx) -> None:
        """Purge and merge this dictionary with the pages (call from ``setup``)."""
        app.connect("env-purge-doc", self.purge)
        app.connect("env-merge-info", self.merge)
