"""Sphinx extension: the whole book as a PDF and the site as an offline zip, offered on every page.

``make book`` writes both files into the site after Sphinx has finished
(:mod:`nnfs_build.bundle`), at :data:`FOLDER`/:data:`PDF` and
:data:`FOLDER`/:data:`ZIP`. This extension links them:

* in every page's download menu (the theme's download button), after the
  page's own ``.ipynb`` and source;
* in every page's footer (pages without a download menu too, such as the search);
* wherever a page writes the role ``{nnfs-download}`text <pdf>``` (or ``<zip>``),
  as the intro page does.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import ReferenceRole
from sphinx.util.osutil import relative_uri

FOLDER = "downloads"
PDF = "neural-networks-from-scratch.pdf"
ZIP = "neural-networks-from-scratch-offline.zip"
FILES = {"pdf": PDF, "zip": ZIP}
# Shown in the download menu and the footer.
LABELS = {"pdf": "Whole book (.pdf)", "zip": "Offline site (.zip)"}
TOOLTIPS = {
    "pdf": "Download the whole book as one PDF",
    "zip": "Download the whole site, with the PDF and every chapter's notebook, to read offline",
}


def site_path(kind: str) -> str:
    """The path of the PDF (``kind="pdf"``) or the zip (``"zip"``) relative to the site root."""
    if kind not in FILES:
        raise ValueError(f"kind must be one of {sorted(FILES)}, got {kind!r}")
    return f"{FOLDER}/{FILES[kind]}"


class DownloadRole(ReferenceRole):
    """``{nnfs-download}`the whole book as a PDF <pdf>```: a link to the PDF or the zip."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        kind = self.target.strip()
        if kind not in FILES:
            message = self.inliner.reporter.error(
                f"nnfs-download: the target must be one of {sorted(FILES)}, got {kind!r}",
                line=self.lineno,
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [message]
        here = self.env.app.builder.get_target_uri(self.env.docname)
        uri = relative_uri(here, site_path(kind))
        title = self.title if self.has_explicit_title else LABELS[kind]
        return [nodes.reference(self.rawtext, title, refuri=uri, classes=["nnfs-download"])], []


def _offer_downloads(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    pathto = context["pathto"]
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons":
            for kind in FILES:
                button["buttons"].append(
                    {
                        "type": "link",
                        "url": pathto(site_path(kind), 1),
                        "text": LABELS[kind],
                        "tooltip": TOOLTIPS[kind],
                        "icon": "fas fa-book" if kind == "pdf" else "fas fa-file-zipper",
                        "label": f"download-book-{kind}-button",
                    }
                )
    links = " · ".join(
        f'<a class="nnfs-download-{kind}" href="{pathto(site_path(kind), 1)}">{LABELS[kind]}</a>'
        for kind in FILES
    )
    footer = f'<p class="nnfs-downloads">Download the book: {links}</p>'
    context["theme_extra_footer"] = (context.get("theme_extra_footer") or "") + footer


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_role("nnfs-download", DownloadRole())
    # After sphinx-book-theme has built the download menu (priority 501).
    app.connect("html-page-context", _offer_downloads, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
