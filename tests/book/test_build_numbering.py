"""nnfs_build.numbering: the site's numbers for what a page labels, from the sources.

The rules are checked here on small pages; the site suite checks the book's
labelled items, and each page's figures in order, against the built site
(tests/site/test_site_links.py).
"""

from __future__ import annotations

from pathlib import Path

from nnfs_build.numbering import Item, number_pages, scan, toc

PAGE = """# A chapter

(sec-start)=
## Where $x$ starts

```{prf:definition} A neuron
:label: def-a

Text with an equation inside the block:

$$
z = w x + b
$$ (eq-inside)
```

```{prf:proof}
No number for a proof.
```

$$
\\text{unlabelled: no number}
$$

```python
# a code block: nothing inside counts
$$ not math $$ (eq-not-math)
```

```{code-cell} ipython3
---
mystnb:
  figure:
    caption: A figure drawn by the cell.
    name: fig-cell
---
print("x")
```

```{glue:figure} glued
:name: fig-glued

Caption.
```

```{nnfs-video} neuron
```

````{exercise} Build it
:label: ex-build

```{prf:definition} Nested
:label: def-b
```
````

```{prf:lemma} Unnumbered
:label: lem-free
:nonumber:
```

```{list-table} A table
:name: tab-a

* - a
```

$$ w $$ (eq-one-line)
"""


def test_a_page_is_read_in_order_skipping_code() -> None:
    assert scan(PAGE) == [
        ("section", "sec-start", "heading", "Where $x$ starts", False),
        ("prf:definition", "def-a", "prf:definition", "A neuron", True),
        ("equation", "eq-inside", "math", "", True),
        ("figure", "fig-cell", "code-cell", "", True),
        ("figure", "fig-glued", "glue:figure", "", True),
        ("figure", None, "nnfs-video", "", True),
        ("exercise", "ex-build", "exercise", "Build it", True),
        ("prf:definition", "def-b", "prf:definition", "Nested", True),
        ("prf:lemma", "lem-free", "prf:lemma", "Unnumbered", False),
        ("table", "tab-a", "list-table", "A table", True),
        ("equation", "eq-one-line", "math", "", True),
    ]


TOC = """format: jb-book
root: intro
parts:
  - caption: Front
    chapters:
      - file: front
  - caption: One
    numbered: true
    chapters:
      - file: one/a
      - file: one/b
  - caption: Two
    numbered: true
    chapters:
      - file: two/c
  - caption: Back
    chapters:
      - file: back
"""
FIGURE = "```{glue:figure} g\n:name: fig-NAME\n```\n\n$$\nx\n$$ (eq-NAME)\n"


def _book(root: Path) -> Path:
    (root / "_toc.yml").write_text(TOC)
    for page in ("intro", "front", "one/a", "one/b", "two/c", "back"):
        (root / f"{page}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / f"{page}.md").write_text(
            f"# {page}\n\n" + FIGURE.replace("NAME", page.replace("/", "-"))
        )
    return root


def test_chapters_are_numbered_through_the_numbered_parts(tmp_path: Path) -> None:
    assert toc(_book(tmp_path)) == [
        ("intro", False),
        ("front", False),
        ("one/a", True),
        ("one/b", True),
        ("two/c", True),
        ("back", False),
    ]
    words = {page: [item.text for item in items] for page, items in number_pages(tmp_path).items()}
    assert words == {
        # Pages outside the numbered parts share one counter per kind, in toc order.
        "intro": ["Fig. 1", "(1)"],
        "front": ["Fig. 2", "(2)"],
        "one/a": ["Fig. 1.1", "(1.1)"],
        "one/b": ["Fig. 2.1", "(2.1)"],
        "two/c": ["Fig. 3.1", "(3.1)"],
        "back": ["Fig. 3", "(3)"],
    }


def test_each_kind_has_its_own_counter(tmp_path: Path) -> None:
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nparts:\n  - caption: P\n    numbered: true\n"
        "    chapters:\n      - file: page\n"
    )
    (tmp_path / "intro.md").write_text("# Intro\n")
    (tmp_path / "page.md").write_text("# Page\n\n" + PAGE)
    items = {item.label: item.text for item in number_pages(tmp_path)["page"] if item.label}
    assert items == {
        "sec-start": "Where $x$ starts",
        "def-a": "Definition 1.1",
        "eq-inside": "(1.1)",
        "fig-cell": "Fig. 1.1",
        "fig-glued": "Fig. 1.2",
        "ex-build": "Exercise 1.1",
        "def-b": "Definition 1.2",
        "lem-free": "Lemma (Unnumbered)",
        "tab-a": "Table 1.1",
        "eq-one-line": "(1.2)",
    }


def test_anchors_are_the_ids_sphinx_writes() -> None:
    assert Item("equation", "eq-Dense-dW", "(9.3)", "math").anchor == "equation-eq-dense-dw"
    assert Item("prf:definition", "def-a", "Definition 1.1", "prf:definition").anchor == "def-a"
    assert Item("figure", None, "Fig. 1.1", "nnfs-video").anchor is None
