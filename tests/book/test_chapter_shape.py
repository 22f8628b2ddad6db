"""Every chapter has the shape the house guide asks for (GUIDE section 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.book.chapters import ROOT, chapter_files, code_cells, directives

CHAPTERS = chapter_files()


def test_every_toc_page_exists() -> None:
    from tests.book.chapters import toc_files

    missing = [str(p.relative_to(ROOT)) for p in toc_files() if not p.exists()]
    assert not missing, f"_toc.yml names pages that do not exist: {missing}"


def test_every_chapter_is_in_the_toc() -> None:
    listed = set(chapter_files())
    on_disk = {p for p in (ROOT / "book").glob("part*/*.md")}
    assert on_disk <= listed, f"chapters missing from _toc.yml: {sorted(on_disk - listed)}"


@pytest.mark.parametrize("page", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_shape(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\njupytext:"), "a chapter is a MyST notebook with a jupytext header"
    found = directives(text)
    names = [d.name for d in found]
    assert any(n.startswith("prf:") for n in names), "no prf: definition/theorem/proof"
    assert any(d.name == "literalinclude" and "pyobject" in d.options for d in found), (
        "no library code shown with literalinclude :pyobject:"
    )
    assert code_cells(text), "no executable cell"
    assert "nnfs_lib" in "".join(c.body for c in code_cells(text)), "no cell calls nnfs_lib"
    assert "$$" in text, "no displayed equation"
    assert "\n## Summary" in text, "no Summary section"
    assert "\n## Exercises" in text, "no Exercises section"
    assert names.count("exercise") >= 2, "fewer than two exercises"
    solutions = sum(n in ("solution", "solution-start") for n in names)
    assert solutions >= names.count("exercise"), "an exercise has no solution"


@pytest.mark.parametrize("page", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_no_executable_cell_inside_a_proof_block(page: Path) -> None:
    for d in directives(page.read_text(encoding="utf-8")):
        if d.name.startswith("prf:"):
            assert "{code-cell}" not in d.body, f"code cell inside {d.name} at line {d.line}"
