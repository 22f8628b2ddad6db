"""nnfs_build.build_stamp: the footer's "built and executed on ... from commit ..." sentence."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from nnfs_build.build_stamp import UNKNOWN_COMMIT, Stamp, current_stamp, footer_html

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 5, 1, 14, 2, 59, tzinfo=UTC)


def test_stamp_of_this_checkout_names_its_commit() -> None:
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    stamp = current_stamp(ROOT, NOW)
    assert stamp.commit == head
    assert stamp.when == "2026-05-01 14:02 UTC"


def test_outside_a_git_checkout_the_commit_is_unknown(tmp_path: Path) -> None:
    stamp = current_stamp(tmp_path, NOW)
    assert stamp.commit is None
    html = footer_html(stamp, executed=True, version="9.9.9")
    assert UNKNOWN_COMMIT in html and "commit <" not in html
    assert html.startswith('<p class="nnfs-build-stamp">Built and executed on 2026-05-01 14:02 UTC')


def test_footer_links_the_commit_and_shows_the_version() -> None:
    stamp = Stamp("2026-05-01 14:02 UTC", "0123456789ab", modified=True)
    html = footer_html(stamp, executed=False, version="1.2.3", repository_url="https://x.org/a/b/")
    assert html == (
        '<p class="nnfs-build-stamp">Built on 2026-05-01 14:02 UTC from commit '
        '<a href="https://x.org/a/b/commit/0123456789ab"><code>0123456789ab</code></a> '
        "with local changes, with nnfs_lib 1.2.3.</p>"
    )
