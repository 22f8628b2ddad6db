"""Fixtures of the Binder suite: Binder's environment, one JupyterLab, headless Chromium.

Like the site suite, it is skipped with the reason where it cannot run (no
Chromium, no Python to build the venv), except under ``NNFS_FORBID_SKIPS=1``
(CI), where that is an error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "site"))

import binderenv
import sitecheck

REPORT = Path(os.environ.get("NNFS_BINDER_REPORT", binderenv.REPO / "_build" / "binder-report"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    sitecheck.skip_unless_runnable(
        items,
        Path(__file__).parent,
        "Binder",
        lambda: binderenv.why_not_runnable(sitecheck.CHROMIUM),
    )


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory) -> Iterator[binderenv.JupyterLab]:
    """JupyterLab in Binder's environment, serving a copy of this repository."""
    venv = binderenv.environment()
    scratch = tmp_path_factory.mktemp("binder")
    root = binderenv.checkout(scratch / "repo")
    lab = binderenv.JupyterLab(venv, root, scratch / "home", REPORT / "jupyterlab.log")
    lab.start()
    try:
        yield lab
    finally:
        lab.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=sitecheck.CHROMIUM, args=list(sitecheck.CHROMIUM_ARGS), headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()
