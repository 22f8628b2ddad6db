"""The printed book (``make book``: nnfs_build/pdf.py), read as a reader would.

The PDF that ``make book`` wrote into the site is opened with pypdf and with
Debian's poppler-utils (``pdftotext``, ``pdftoppm``): its bookmarks, its page
numbers and running heads, its contents, its title page, its links, and every
line of code: no line may be cut at the margin, and no text may stand outside
the text block. Its images (``pdfimages -list``) print at 200 ppi or more, and
each interactive figure prints its picture, whole, on the page of its caption.
Each chapter's first page is rendered to PNG into the site report
(``_build/site-report/pdf/``) to be looked at.
"""

from __future__ import annotations

import base64
import functools
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sitecheck
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from nnfs_build import downloads, pdf

PDF = sitecheck.SITE / downloads.site_path("pdf")
# The text block of print.css: A4 (595.92 pt wide) with 17 mm side margins.
MM = 72 / 25.4
LEFT, RIGHT = 17 * MM, 595.92 - 17 * MM
SLACK = 1.0  # points: a glyph's box may touch the edge


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        reason = f"{tool} is missing (Debian/Ubuntu: apt-get install poppler-utils)"
        if os.environ.get("NNFS_FORBID_SKIPS") == "1":
            pytest.fail(reason + "; NNFS_FORBID_SKIPS=1 forbids skipping")
        pytest.skip(reason)
    return found


@functools.cache
def reader() -> PdfReader:
    return PdfReader(PDF)


@functools.cache
def page_texts() -> list[str]:
    """The text of every page in the order it is drawn (``pdftotext -raw``: the running
    head, then the page number, then the text block), one string per page."""
    done = subprocess.run(
        [_poppler("pdftotext"), "-raw", str(PDF), "-"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8").split("\f")[: len(reader().pages)]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@functools.cache
def bookmarks() -> list[tuple[int, str, int]]:
    """Every bookmark as (depth, title, page index), in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader().get_destination_page_number(item)))

    walk(reader().outline, 0)
    return found


def parts_and_chapters() -> list[tuple[int, str, int]]:
    """The bookmarks of the parts and chapters (not of sections): a chapter is a top-level
    bookmark (the introduction) or a part's child."""
    captions = {part.caption for part in pdf.book_parts(sitecheck.SITE) if part.caption}
    kept, part = [], None
    for depth, title, page in bookmarks():
        if depth == 0:
            part = title if title in captions else None
            kept.append((depth, title, page))
        elif depth == 1 and part is not None:
            kept.append((depth, title, page))
    return kept


def chapter_pages() -> dict[str, int]:
    """Each chapter's title (as the contents give it) and the index of its first page."""
    captions = {part.caption for part in pdf.book_parts(sitecheck.SITE) if part.caption}
    return {title: page for _, title, page in parts_and_chapters() if title not in captions}


def test_the_bookmarks_are_the_parts_and_chapters() -> None:
    """The outline mirrors the table of contents: parts, their chapters, then sections."""
    parts = pdf.book_parts(sitecheck.SITE)
    wanted = []
    for part in parts:
        if part.caption is not None:
            wanted.append((0, part.caption))
        wanted.extend((1 if part.caption else 0, chapter.title) for chapter in part.chapters)
    got = [(depth, title) for depth, title, _ in parts_and_chapters()]
    assert got == wanted
    assert sum(len(part.chapters) for part in parts) == len(pdf.book_order(sitecheck.SITE))
    sections = [b for b in bookmarks() if b not in parts_and_chapters()]
    assert len(sections) > 100, len(sections)
    pages = [page for _, _, page in bookmarks()]
    assert pages == sorted(pages), "the bookmarks are not in page order"


def test_each_chapter_opens_a_page_under_its_running_head() -> None:
    """A chapter's bookmark leads to a page that begins with its head and its title."""
    texts = page_texts()
    for title, page in chapter_pages().items():
        lines = [line.strip() for line in texts[page].splitlines() if line.strip()]
        assert lines[:2] == [title, str(page + 1)], (title, page + 1, lines[:2])
        heading = title if title != "Introduction" else pdf.book_title(sitecheck.SITE)
        assert _flat(heading) in _flat(texts[page]), (title, page + 1, lines[:5])
        before = [line.strip() for line in texts[page - 1].splitlines() if line.strip()]
        assert before and before[0] != title, f"{title} does not start a new page"


def test_every_page_is_numbered_and_headed() -> None:
    """Every page but the title and part pages ends with its number; chapter pages bear the head."""
    texts = page_texts()
    parts = {p.caption for p in pdf.book_parts(sitecheck.SITE) if p.caption}
    starts = sorted((page, title) for title, page in chapter_pages().items())
    unnumbered, unheaded = [], []
    for index, text in enumerate(texts):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if index == 0 or (len(lines) == 1 and lines[0] in parts):
            continue  # the title page and the part pages carry no number
        chapter = [title for page, title in starts if page <= index]
        if chapter:  # in a chapter: its head, then the number
            if lines[:2] != [chapter[-1], str(index + 1)]:
                unheaded.append((index + 1, lines[:2]))
        elif not lines or lines[0] != str(index + 1):  # the contents: the number alone
            unnumbered.append(index + 1)
    assert unnumbered == [], f"pages without their number: {unnumbered}"
    assert unheaded == [], f"pages without their number or head: {unheaded[:5]}"
    assert len(texts) - len(unnumbered) > 300


def test_the_contents_give_each_chapters_page() -> None:
    """The contents list every part and chapter with the number of the page it starts on."""
    contents = page_texts()[1] + page_texts()[2]
    assert "Contents" in contents
    for _, title, page in parts_and_chapters():
        pattern = re.escape(title[:40]).replace(r"\ ", r"\s+") + r".*?\s(\d+)\s*$"
        match = re.search(pattern, contents, re.MULTILINE)
        assert match, f"{title!r} is not in the contents"
        assert int(match.group(1)) == page + 1, (title, match.group(1), page + 1)


def test_the_title_page_names_the_book_once_with_version_date_and_commit() -> None:
    from nnfs_lib import __version__

    title = pdf.book_title(sitecheck.SITE)
    assert reader().metadata.title == title
    first = page_texts()[0]
    assert first.count(title) == 1
    assert f"Version {__version__}" in first
    assert re.search(r"Built \d{4}-\d\d-\d\d \d\d:\d\d UTC", first), first
    assert re.search(r"from (commit [0-9a-f]{12}|sources that were not a git checkout)", first)


def test_cross_references_are_links_inside_the_pdf() -> None:
    """Links between pages and to equations resolve inside the PDF; none leads to the print server."""
    names = set(reader().named_destinations)
    internal, external = 0, []
    for page in reader().pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annotation:
                internal += 1
                assert str(annotation["/Dest"]) in names, annotation["/Dest"]
            elif "/A" in annotation and "/URI" in annotation["/A"]:
                external.append(str(annotation["/A"]["/URI"]))
    assert internal > 500, internal
    # Every web link is one a page of the site makes, or a file of the published site.
    site_url = pdf._site_url(sitecheck.soup("book/intro.html"), "book/intro.html")
    made = {
        anchor["href"].rstrip("/")
        for page in pdf.book_order(sitecheck.SITE)
        for anchor in sitecheck.soup(page).select("article a[href]")
    }
    strange = [
        uri for uri in external if uri.rstrip("/") not in made and not uri.startswith(site_url)
    ]
    assert strange == [], strange[:5]


def _code_lines() -> list[str]:
    lines = []
    for page in pdf.book_order(sitecheck.SITE):
        for block in sitecheck.soup(page).select("article pre"):
            lines.extend(line for line in block.get_text().splitlines() if line.strip())
    return lines


def test_no_code_line_is_cut() -> None:
    """Every line of every code cell, output and listing is in the PDF whole (wrapped, not cut)."""
    text = _flat("".join(page_texts()))
    lines = _code_lines()
    cut = [line for line in lines if _flat(line) not in text]
    assert len(lines) > 3000, len(lines)
    assert cut == [], f"{len(cut)} of {len(lines)} code lines are cut, e.g. {cut[:5]}"


def test_no_text_stands_outside_the_text_block() -> None:
    """No word of any page (code, formula, table) reaches into the side margins."""
    done = subprocess.run(
        [_poppler("pdftotext"), "-bbox", str(PDF), "-"], capture_output=True, check=True
    )
    outside = []
    for page, body in enumerate(done.stdout.decode("utf-8").split("<page ")[1:], start=1):
        for x_min, x_max, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', body
        ):
            if float(x_min) < LEFT - SLACK or float(x_max) > RIGHT + SLACK:
                outside.append((page, word, float(x_min), float(x_max)))
    assert outside == [], f"{len(outside)} words outside the text block, e.g. {outside[:5]}"


def test_every_video_prints_its_poster_and_link() -> None:
    text = _flat("".join(page_texts()))
    videos = [
        Path(source["src"]).name
        for page in pdf.book_order(sitecheck.SITE)
        for source in sitecheck.soup(page).select("article video source[src]")
    ]
    assert videos
    for name in videos:
        assert re.search(r"Video:https?://\S*?_videos/" + re.escape(name), text), name


def test_each_chapter_opening_renders(tmp_path: Path) -> None:
    """Each chapter's first page, rendered to PNG (kept in the site report to be looked at):
    ink at the top (the title), nothing in the right margin."""
    folder = sitecheck.REPORT / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    for index, (title, page) in enumerate(chapter_pages().items(), start=1):
        stem = folder / f"chapter-{index:02d}"
        number = str(page + 1)
        command = [_poppler("pdftoppm"), "-png", "-r", "60", "-singlefile", "-f", number]
        subprocess.run([*command, "-l", number, str(PDF), str(stem)], check=True)
        image = Image.open(stem.with_suffix(".png")).convert("L")
        width, height = image.size
        scale = width / 595.92
        top = image.crop(
            (int(LEFT * scale), int(0.08 * height), int(RIGHT * scale), int(0.2 * height))
        )
        assert top.getextrema()[0] < 100, f"{title}: no title at the top of page {page + 1}"
        margin = image.crop((int((RIGHT + 3) * scale), 0, width, height))
        assert margin.getextrema()[0] > 200, f"{title}: ink in the right margin of page {page + 1}"


# Figures: every image prints at PRINT_PPI or more. The kernels draw figures at twice
# their size on the page (nnfs_build/figure_theme.py), the interactive figures' PNGs
# likewise (nnfs_build/interactive.py); print.css prints them at the text's scale
# (13.5/16), which puts a figure shown at its full size at 2 x 100 x 16/13.5 = 237 ppi,
# and the 1280-pixel video posters at 80% of the text block (about 230 ppi).
PRINT_PPI = 200


@functools.cache
def pdf_images() -> list[dict]:
    """Every image of the PDF as ``pdfimages -list`` gives it: page (1-based), type (image,
    smask), width and height in pixels, and x and y resolution as printed (ppi)."""
    done = subprocess.run(
        [_poppler("pdfimages"), "-list", str(PDF)], capture_output=True, check=True
    )
    rows = []
    for line in done.stdout.decode("utf-8").splitlines()[2:]:
        field = line.split()
        rows.append(
            {
                "page": int(field[0]),
                "type": field[2],
                "width": int(field[3]),
                "height": int(field[4]),
                "x_ppi": int(field[12]),
                "y_ppi": int(field[13]),
            }
        )
    return rows


def _animation_frame_sizes() -> set[tuple[int, int]]:
    """The pixel sizes of the frames of the in-page animation players (matplotlib's
    ``to_jshtml``), which the PDF prints as their last frame."""
    sizes = set()
    for page in pdf.book_order(sitecheck.SITE):
        for script in sitecheck.soup(page).select("article div.animation ~ script"):
            for uri in pdf._ANIMATION_FRAME.findall(script.string or "")[-1:]:
                data = base64.b64decode(uri.split(",", 1)[1])
                sizes.add(Image.open(io.BytesIO(data)).size)
    return sizes


def test_every_figure_prints_at_print_resolution() -> None:
    """Every image of the PDF (figures, interactive figures' pictures, video posters) prints
    at 200 ppi or more (pdfimages' resolution, as drawn on the page).

    Not held to it: the frames of the two in-page animation players, drawn at 50 and
    72 dpi by nnfs_lib.plotting (kept small: every frame is embedded in the page); they
    print their last frame at about 100 ppi."""
    frames = _animation_frame_sizes()
    assert len(frames) >= 2, frames
    images = [row for row in pdf_images() if row["type"] == "image"]
    figures = [row for row in images if (row["width"], row["height"]) not in frames]
    assert len(images) - len(figures) >= 2, "the animation players print no frame"
    assert len(figures) > 50, len(figures)
    coarse = [
        (row["page"], f"{row['width']}x{row['height']}", row["x_ppi"], row["y_ppi"])
        for row in figures
        if min(row["x_ppi"], row["y_ppi"]) < PRINT_PPI
    ]
    assert coarse == [], (
        f"{len(coarse)} images print below {PRINT_PPI} ppi (page, pixels, x ppi, y ppi): "
        f"{coarse[:8]}"
    )


def _caption_start(figure) -> str:
    """A figure caption's number and its words up to its first formula, without spaces."""
    caption = BeautifulSoup(str(figure.select_one("figcaption")), "html.parser")
    words = []
    for node in caption.find_all(string=True):
        if node.find_parent(class_="math") or node.find_parent("mjx-container"):
            break
        words.append(str(node))
    return _flat("".join(words))[:60]


def _ink_at_the_sides(path: Path) -> bool:
    """Whether the picture at ``path`` has ink (any pixel not blank) in its first or last
    column: a title or label cut by the picture's edge."""
    image = Image.open(path).convert("RGBA")
    width, height = image.size
    for x in (0, width - 1):
        column = image.crop((x, 0, x + 1, height))
        alpha = column.getchannel("A").getextrema()
        light = column.convert("L").getextrema()
        if alpha[1] > 0 and light[0] < 200:
            return True
    return False


def test_interactive_figures_print_their_picture_with_their_caption() -> None:
    """Each ``nnfs-interactive`` figure prints its static picture (its PNG, at its own pixel
    size) on the page that prints its caption, and the picture is whole: nothing drawn
    touches its left or right edge (the neuron's title was once cut at both)."""
    texts = page_texts()
    images = pdf_images()
    figures = [
        (page, figure)
        for page in pdf.book_order(sitecheck.SITE)
        for figure in sitecheck.soup(page).select("article figure.nnfs-ix")
    ]
    assert len(figures) >= 8, len(figures)
    problems = []
    for page, figure in figures:
        caption = _caption_start(figure)
        src = figure.select_one(".nnfs-ix-static img")["src"]
        size = Image.open((sitecheck.SITE / page).parent / src).size
        on = [index + 1 for index, text in enumerate(texts) if caption in _flat(text)]
        if len(on) != 1:
            problems.append(f"{page}: caption {caption!r} printed on pages {on}")
            continue
        printed = [
            row for row in images if row["page"] == on[0] and (row["width"], row["height"]) == size
        ]
        if not printed:
            problems.append(f"{page}: no {size[0]}x{size[1]} picture on page {on[0]} ({src})")
        if _ink_at_the_sides((sitecheck.SITE / page).parent / src):
            problems.append(f"{page}: {src} is cut at its side (ink in its first or last column)")
    assert problems == [], "\n".join(problems)
