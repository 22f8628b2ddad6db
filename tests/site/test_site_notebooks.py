"""Chapter pages: the Binder launch link and the notebook downloads.

A chapter page is a page the site offers as a notebook (myst-nb writes an
executed ``.ipynb`` of each MyST notebook into ``_sources/``). Each must carry
a Binder link built from ``_config.yml``, and download buttons for the
``.ipynb`` and the ``.md``; the downloaded notebook must execute top to bottom
in the pinned environment (this one), with ``nnfs_lib`` importable as it is
on Binder (installed there by ``binder/postBuild``; here via PYTHONPATH).
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import jupytext
import nbformat
import pytest
import sitecheck

CHAPTERS = sitecheck.notebook_pages() or ["(no built site)"]


def _page_markdown_sources() -> list[str]:
    """Pages built from a .md that is a notebook (it has a kernelspec)."""
    found = []
    for page in sitecheck.content_pages():
        source = sitecheck.source_of(page)
        if source is not None and source.suffix == ".md":
            if "kernelspec" in jupytext.read(source, fmt="md:myst").metadata:
                found.append(page)
    return found


def test_every_markdown_notebook_is_a_chapter_page():
    """Each MyST notebook page is offered as a notebook (so it gets launch buttons)."""
    assert sorted(_page_markdown_sources()) == sorted(sitecheck.notebook_pages())
    assert sitecheck.notebook_pages(), "the site has no notebook page at all"


@pytest.mark.parametrize("page", CHAPTERS)
def test_launch_on_binder_link(page):
    """The Binder link opens this chapter, from the repository named in _config.yml."""
    expected = sitecheck.expected_binder_url(page)
    hrefs = [a["href"] for a in sitecheck.soup(page).select("a[href*='/v2/gh/']")]
    assert expected in hrefs, f"{page}: Binder links {hrefs}, expected {expected}"
    # The file Binder will open exists in the repository at that path.
    source = expected.split("urlpath=lab/tree/", 1)[1]
    assert (sitecheck.REPO / source).is_file(), f"{source} is not in the repository"


@pytest.mark.parametrize("page", CHAPTERS)
def test_download_buttons(page, server):
    links = sitecheck.download_links(page)
    assert set(links) == {"ipynb", "source"}, f"{page}: download menu has {links}"
    for kind, href in links.items():
        url = server + sitecheck.resolve(page, href).target
        with urllib.request.urlopen(url) as response:
            body = response.read().decode("utf-8")
        if kind == "ipynb":
            nbformat.validate(nbformat.reads(body, as_version=4))
        else:
            notebook = jupytext.reads(body, fmt="md:myst")
            assert "kernelspec" in notebook.metadata, f"{href} does not open as a notebook"


@pytest.mark.parametrize("page", CHAPTERS)
def test_downloaded_notebook_runs_top_to_bottom(notebook_runs, page):
    """The chapter's .ipynb, downloaded from the site, executes top to bottom.

    The runs happen in the background while the browser checks go on (see
    ``NotebookRuns`` in conftest.py); this test waits for this page's run.
    """
    ok, report = notebook_runs.result(page)
    assert ok, f"{page}: the downloaded notebook failed:\n{report}"


def test_binder_environment_matches_the_pins():
    """Binder installs requirements.txt (with jupytext), nnfs_lib, and opens .md as notebooks."""
    binder = sitecheck.REPO / "binder"
    requirements = (binder / "requirements.txt").read_text(encoding="utf-8").split()
    assert "-r" in requirements and "../requirements.txt" in requirements
    pins = (sitecheck.REPO / "requirements.txt").read_text(encoding="utf-8").lower()
    assert "\njupytext==" in pins
    post_build = (binder / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-deps -e ." in post_build
    assert "jupytext-config set-default-viewer" in post_build


def test_binder_default_viewer_setting_is_valid(tmp_path):
    """The postBuild command writes the JupyterLab setting that opens .md with Jupytext."""
    import subprocess
    import sys

    settings = tmp_path / "overrides.json"
    lines = (sitecheck.REPO / "binder" / "postBuild").read_text().splitlines()
    found = [line.strip() for line in lines if line.strip().startswith("jupytext-config")]
    assert found, "binder/postBuild does not set the default viewer"
    command = found[0].split()
    jupytext_config = Path(sys.executable).with_name("jupytext-config")
    subprocess.run(
        [str(jupytext_config), "--settings-file", str(settings), *command[1:]], check=True
    )
    viewers = json.loads(settings.read_text())["@jupyterlab/docmanager-extension:plugin"][
        "defaultViewers"
    ]
    assert viewers.get("markdown") == "Jupytext Notebook"
    assert viewers.get("myst") == "Jupytext Notebook"
