"""Sphinx extension: the ``nnfs-clone`` directive, the commands that fetch and build the book.

A page writes::

    ```{nnfs-clone}
    make book    # build the site
    ```

and gets a bash block that starts with the real ``git clone`` of the
repository named in ``_config.yml`` (``repository.url``, which Jupyter Book
passes to the theme as ``repository_url``) and a ``cd`` into its folder, followed
by the directive's own lines. A fork that changes ``repository.url`` gets its
own clone command. No repository URL is an error.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def clone_commands(repository_url: str) -> list[str]:
    """``git clone <url>.git`` and ``cd <folder>`` for a repository URL such as GitHub's."""
    parts = urlsplit(repository_url.strip())
    path = parts.path.strip("/").removesuffix(".git")
    if parts.scheme not in ("http", "https") or not parts.netloc or not path:
        raise ValueError(
            f"repository_url must be an http(s) URL of a repository, got {repository_url!r}"
        )
    folder = path.rsplit("/", 1)[-1]
    return [f"git clone {parts.scheme}://{parts.netloc}/{path}.git", f"cd {folder}"]


class CloneDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        options = self.config.html_theme_options or {}
        url = options.get("repository_url") or ""
        try:
            lines = clone_commands(url)
        except ValueError as error:
            raise self.error(f"nnfs-clone: set repository.url in _config.yml ({error})") from None
        text = "\n".join([*lines, *self.content])
        block = nodes.literal_block(text, text, language="bash", classes=["nnfs-clone"])
        self.set_source_info(block)
        return [block]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("nnfs-clone", CloneDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
