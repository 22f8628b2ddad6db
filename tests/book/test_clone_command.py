"""nnfs_build.clone: the intro page's clone command comes from the configured repository URL."""

from __future__ import annotations

import pytest

from nnfs_build.clone import clone_commands


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/me/my-fork",
        "https://github.com/me/my-fork/",
        "https://github.com/me/my-fork.git",
    ],
)
def test_clone_commands_from_a_repository_url(url: str) -> None:
    assert clone_commands(url) == ["git clone https://github.com/me/my-fork.git", "cd my-fork"]


@pytest.mark.parametrize("url", ["", "github.com/me/repo", "https://github.com/", "ftp://x/y"])
def test_a_url_that_names_no_repository_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="repository_url"):
        clone_commands(url)
