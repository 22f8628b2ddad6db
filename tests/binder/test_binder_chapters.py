"""Every chapter, opened as a Binder reader opens it, runs and reads as well as on the site.

For each chapter of ``_toc.yml`` that is a notebook, in one JupyterLab (see
``binderenv.py``), sequentially: a fresh browser context opens the URL path of the
chapter's Binder launch button (``lab/tree/book/<part>/<page>.md``), checks
that it opens as a notebook and unmodified, runs every cell with the
notebook's own "Run All Cells" menu command, waits for the kernel to go idle,
then fails on:

- an error output, a cell that never ran, or a dead kernel;
- MyST shown raw (a directive fence or a role's backticks in a rendered
  Markdown cell) or a directive or role that jupyterlab-myst does not know;
- a reference the notebook leaves unresolved: a citation, a label of another
  page, a ``{doc}`` link (the extension links them to the book's site);
- a figure, equation, prf block or exercise numbered otherwise than on the
  built page (the site's chapter numbers, "Proposition 9.1"), or a code cell's figure
  caption (``mystnb.figure``) missing;
- one of the site's own directives (``glue:figure``, ``nnfs-video``,
  ``nnfs-interactive``) that ``binder/nnfs-binder`` did not draw in
  its place: a glued figure without its image or caption, a video whose poster
  or file the server does not serve, an interactive figure without controls or
  one that does not answer a control;
- fewer figures than the built page shows (images in ``<article>`` of
  ``_build/html``: cell outputs, glued figures and animation frames);
- an animation whose frame image takes no space;
- a glued number shown as its key or unlike the site's (one measured with a
  clock only in its form), a listing missing or unlike the page's;
- a solution cell in view before it is opened, or a check cell that passes a
  stub the reader edited wrong (run alone, or after the stub);
- a number the built page does not show, or one it shows otherwise: section
  numbers on headings, prf titles ("Proof 1"), equation tags; a citation that
  does not link to its entry of the bibliography;
- an interactive figure's control that an arrow key does not move, or whose
  key reaches JupyterLab (a cell folds, another becomes active);
- a chapter modified by reading it (opening, running, pressing keys, changing
  the theme), or its ``.md`` written;
- one of the chapter's first six figures unreadable in JupyterLab's light or
  dark theme: the kernel draws in the book's style (``binder/start``) and the
  extension turns figures over with the site's filter in the dark theme, so, as
  on the site, each figure's background must be the notebook's own and its ink
  must reach a contrast of 4.5:1 against it (``tests/site/pixels.py``); and,
  when any of them is a PNG, one at least must have a transparent top-left
  corner (the book's style).

The kernel is shut down, and the workspace and the theme forgotten, after each chapter.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jupytext
import pytest
import sitecheck
from conftest import REPORT
from docutils.nodes import make_id
from pixels import css_rgb, figure_pixels, readability_problems
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from nnfs_build.numbering import toc_pages

CHAPTER_SECONDS = 900
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# MyST that reached the reader as source: a directive fence, or a role's `{name}`text``.
RAW_MYST = re.compile(r"(```|:::)\{[\w:-]+\}|\{[a-z][\w:-]*\}`[^`]+`")
UNKNOWN = re.compile(r"([\w:-]+) - Unknown (Directive|Role)")
# The site's own directives: jupyterlab-myst shows each as an "Unknown Directive"
# box, which binder/nnfs-binder hides (data-nnfs-replaced) and draws
# in its place as a figure.nnfs-directive.
BOOK_DIRECTIVES = ("glue:figure", "nnfs-video", "nnfs-interactive")
BOOK_UNKNOWN = re.compile(
    "(" + "|".join(map(re.escape, BOOK_DIRECTIVES)) + r") - Unknown Directive"
)
FENCE = re.compile(r"^(?:```+|:::+)\{(" + "|".join(map(re.escape, BOOK_DIRECTIVES)) + r")\}", re.M)


def chapters() -> list[str]:
    """The toc's pages that are notebooks (a MyST .md with a kernelspec), in toc order."""
    found = []
    for name in toc_pages(sitecheck.REPO):
        source = sitecheck.REPO / f"{name}.md"
        if source.is_file() and "kernelspec" in jupytext.read(source).metadata:
            found.append(f"{name}.html")
    return found


CHAPTERS = chapters()


def launch_path(page: str) -> str:
    """The path JupyterLab is sent to by the chapter's launch button: lab/tree/....md."""
    url = sitecheck.expected_binder_url(page)
    urlpath = unquote(url.split("urlpath=", 1)[1])
    assert urlpath.startswith("lab/tree/"), url
    return urlpath


def site_figure_numbers(page: str) -> list[str] | None:
    """The numbers of the built page's figures, in order ("Fig. 6.1", ...), or None."""
    if not (sitecheck.SITE / page).is_file():
        return None
    article = sitecheck.soup(page).select_one("article") or sitecheck.soup(page)
    return [
        " ".join(number.get_text("").split()) for number in article.select("figure .caption-number")
    ]


def site_figures(page: str) -> int | None:
    """How many images the built page shows in its article, or None without a built site."""
    if not (sitecheck.SITE / page).is_file():
        return None
    article = sitecheck.soup(page).select_one("article") or sitecheck.soup(page)
    # An interactive figure's static fallback is the site's, not a cell's output.
    return len(
        [img for img in article.find_all("img") if not img.find_parent(class_="nnfs-ix-static")]
    )


# Read in the page: the notebook's model and what its Markdown cells show.
_INSPECT = r"""
() => {
  // The text a reader sees: without the boxes the extension replaced (and hid).
  const checkedText = (node) => {
    const clone = node.cloneNode(true);
    // Code blocks (the listings) are code, not MyST.
    clone.querySelectorAll('[data-nnfs-replaced], pre').forEach((el) => el.remove());
    return clone.textContent;
  };
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = panel.content.widgets.map((cell, index) => {
    const model = cell.model;
    const seen = {index, type: model.type};
    if (model.type === 'code') {
      const tags = (model.getMetadata ? model.getMetadata('tags') : model.metadata.tags) || [];
      seen.solution = tags.includes('exercise-solution');
      seen.visible = cell.node.getClientRects().length > 0 && cell.node.offsetHeight > 0;
      seen.count = model.executionCount;
      seen.running = cell.promptNode ? cell.promptNode.textContent.includes('*') : false;
      seen.outputs = model.outputs.toJSON().map((o) => ({
        type: o.output_type,
        mimes: Object.keys(o.data || {}),
        animation: !!(o.data && String(o.data['text/html'] || '').includes('class="animation"')),
        error: o.output_type === 'error' ? `${o.ename}: ${o.evalue}\n${(o.traceback || []).join('\n')}` : null,
      }));
    } else if (model.type === 'markdown') {
      const rendered = cell.inputArea && cell.inputArea.renderedInput;
      seen.rendered = !!cell.rendered;
      seen.text = rendered ? rendered.node.textContent : '';
      seen.checked = rendered ? checkedText(rendered.node) : '';
      // What jupyterlab-myst could not resolve ("Cross Reference Not Found", an
      // unknown citation), and {doc} links left pointing at a path with no file.
      seen.unresolved = rendered
        ? Array.from(rendered.node.querySelectorAll('[title$="Not Found"]')).map((e) => e.textContent.trim())
        : [];
      const walk = (node) => {
        if (node.type === 'cite' && node.error) seen.unresolved.push(`cite ${node.label}`);
        if (node.type === 'link' && node.internal && !/\.\w+(#|$)/.test(node.url)) seen.unresolved.push(`link ${node.url}`);
        (node.children || []).forEach(walk);
      };
      if (cell.mystModel && cell.mystModel.mdast) walk(cell.mystModel.mdast);
      // The numbers the notebook gives its labelled things (block headers, equations).
      seen.numbered = {};
      const numbered = (node) => {
        if (node.identifier && node.enumerator !== undefined && node.type !== 'crossReference') {
          seen.numbered[node.identifier] = String(node.enumerator);
        }
        (node.children || []).forEach(numbered);
      };
      if (cell.mystModel && cell.mystModel.mdast) numbered(cell.mystModel.mdast);
      // Glued numbers and listings (binder/nnfs-binder/static/page-text.js): what
      // was drawn in place of each role and include, and what was left.
      seen.glue = [];
      seen.listings = [];
      const pageText = (node) => {
        if (node.nnfsGlue !== undefined) seen.glue.push({body: node.nnfsGlue, state: node.nnfsState, value: node.value});
        else if (node.type === 'mystRole' && /^glue(:text)?$/.test(node.name)) seen.glue.push({body: node.value, state: 'raw', value: null});
        if (node.nnfsListing !== undefined) seen.listings.push({k: node.nnfsListing, drawn: node.type === 'code'});
        else if (node.type === 'include') seen.listings.push({k: null, drawn: false, file: node.file});
        (node.children || []).forEach(pageText);
      };
      if (cell.mystModel && cell.mystModel.mdast) pageText(cell.mystModel.mdast);
      seen.code = rendered
        ? Array.from(rendered.node.querySelectorAll('pre')).map((pre) => pre.textContent)
        : [];
      // The numbers the reader sees: headings (the page's title, which
      // jupyterlab-myst draws from the frontmatter, too), prf titles, display
      // equations' tags; and where citations link.
      const shown = rendered ? Array.from(rendered.node.querySelectorAll('h1, h2, h3, h4, h5, h6'))
        .filter((h) => !h.closest('figure.nnfs-directive, [data-nnfs-replaced]')) : [];
      seen.headings = shown.map((h) => (h.querySelector('.heading-text') || h).textContent.replace(/[\u00b6#]\s*$/, '').trim());
      seen.prf = rendered ? Array.from(rendered.node.querySelectorAll('.myst-proof-title'))
        .map((t) => t.textContent.trim()) : [];
      seen.tags = [];
      const tags = (node) => {
        if (node.type === 'math' && node.enumerated !== false && node.enumerator) seen.tags.push(`(${node.enumerator})`);
        (node.children || []).forEach(tags);
      };
      if (cell.mystModel && cell.mystModel.mdast) tags(cell.mystModel.mdast);
      seen.citations = rendered ? Array.from(rendered.node.querySelectorAll('a[href*="bibliography"]'))
        .map((a) => a.getAttribute('href')) : [];
    }
    return seen;
  });
  return {kernel: kernel ? kernel.status : 'none', cells, dirty: panel.context.model.dirty,
          path: panel.context.path, notebook: panel.hasClass('jp-NotebookPanel')};
}
"""

_DONE = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const status = kernel ? kernel.status : 'none';
  if (status === 'dead' || status === 'none') return 'dead';
  if (status !== 'idle') return false;
  const code = panel.content.widgets.filter((c) => c.model.type === 'code');
  if (code.some((c) => c.promptNode && c.promptNode.textContent.includes('*'))) return false;
  const failed = code.some((c) => c.model.outputs.toJSON().some((o) => o.output_type === 'error'));
  return failed || code.every((c) => c.model.executionCount !== null) ? 'done' : false;
}
"""

_FRAMES = r"""
async (panelNode) => {
  const frames = Array.from(panelNode.querySelectorAll('.animation img'));
  const sizes = [];
  for (const img of frames) {
    // Scroll the cell (which always has a box) into view, as a reader would,
    // so that JupyterLab lays its output out; then measure the frame.
    img.closest('.jp-Cell').scrollIntoView({block: 'start'});
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const box = img.getBoundingClientRect();
    sizes.push({width: box.width, height: box.height, natural: img.naturalWidth,
                src: (img.getAttribute('src') || '').slice(0, 22)});
  }
  return sizes;
}
"""


# What binder/nnfs-binder drew for each of the book's own directives.
_DIRECTIVES = r"""
async (panelNode) => {
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const served = async (url) => {
    try {
      const response = await fetch(url, {headers: {Range: 'bytes=0-1023'}, credentials: 'same-origin'});
      return {status: response.status, type: response.headers.get('content-type')};
    } catch (error) {
      return {status: String(error), type: null};
    }
  };
  const found = [];
  for (const figure of Array.from(panelNode.querySelectorAll('figure.nnfs-directive'))) {
    figure.scrollIntoView({block: 'center'});
    await pause(300);
    const kind = ['glue-figure', 'video', 'ix'].find((k) => figure.classList.contains('nnfs-' + k));
    const caption = figure.querySelector('figcaption');
    const unresolved = Array.from(figure.querySelectorAll('[title$="Not Found"]')).map((e) => e.textContent.trim());
    const seen = {kind: kind || figure.className, id: figure.id, unresolved,
                  error: figure.getAttribute('data-nnfs-error'),
                  waiting: figure.hasAttribute('data-nnfs-waiting'),
                  caption: caption ? caption.textContent.trim() : ''};
    if (kind === 'glue-figure') {
      const img = figure.querySelector('img');
      if (img && !img.complete) await new Promise((r) => { img.onload = img.onerror = r; setTimeout(r, 5000); });
      const box = img ? img.getBoundingClientRect() : null;
      seen.image = img ? {natural: img.naturalWidth, width: box.width, height: box.height} : null;
    } else if (kind === 'video') {
      const video = figure.querySelector('video');
      const source = video && video.querySelector('source');
      seen.poster = video ? await served(video.poster) : null;
      seen.source = source ? await served(source.src) : null;
      const box = video ? video.getBoundingClientRect() : null;
      seen.size = box ? [box.width, box.height] : null;
      const described = video && document.getElementById(video.getAttribute('aria-describedby'));
      seen.description = described ? described.textContent.trim() : '';
    } else if (kind === 'ix') {
      const controls = Array.from(figure.querySelectorAll('.nnfs-ix-controls input, .nnfs-ix-controls select'));
      const svg = figure.querySelector('svg');
      const status = figure.querySelector('.nnfs-ix-status');
      seen.ready = figure.classList.contains('nnfs-ix-ready');
      seen.controls = controls.length;
      const picture = () => (svg ? svg.innerHTML : '') + (status ? status.textContent : '');
      const control = controls[0];
      if (control) {
        const before = picture();
        const old = control.value;
        const count = control.tagName === 'SELECT' ? control.options.length : Number(control.max) + 1;
        control.value = String((Number(old) + 1) % count);
        control.dispatchEvent(new Event('input', {bubbles: true}));
        await pause(200);
        seen.answers = picture() !== before;
        control.value = old;
        control.dispatchEvent(new Event('input', {bubbles: true}));
      }
    }
    found.push(seen);
  }
  const numbers = Array.from(panelNode.querySelectorAll('.nnfs-caption-number')).map((n) => n.textContent.trim());
  const captions = Array.from(panelNode.querySelectorAll('.nnfs-cell-caption')).map((c) => ({
    id: c.id, hidden: c.hidden, error: c.getAttribute('data-nnfs-error'), text: c.textContent.trim(),
    unresolved: Array.from(c.querySelectorAll('[title$="Not Found"]')).map((e) => e.textContent.trim()),
  }));
  return {found, numbers, captions};
}
"""


# Every cell is attached (JupyterLab attaches off-screen cells a few at a time,
# in idle time) and the extension has drawn every directive of ours the page
# shows (jupyterlab-myst re-renders Markdown cells after cells run; the
# extension follows).
_SETTLED = r"""
() => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  if (!notebook.widgets.every((cell) => cell.isAttached)) return false;
  const node = notebook.node;
  const pending = Array.from(node.querySelectorAll('details:not([data-nnfs-replaced]) > summary'))
    .filter((s) => /^\s*(glue:figure|nnfs-video|nnfs-interactive)\s*-\s*Unknown Directive/.test(s.textContent));
  return pending.length === 0 && node.querySelector('[data-nnfs-drawing]') === null;
}
"""


def _directive_problems(
    seen: dict, expected: list[str], site_numbers: list[str] | None
) -> list[str]:
    """What is wrong with the book's directives and figure captions as the extension drew them."""
    kinds = {"glue:figure": "glue-figure", "nnfs-video": "video", "nnfs-interactive": "ix"}
    drawn = seen["found"]
    problems = []
    if site_numbers is not None and seen["numbers"] != site_numbers:
        problems.append(f"figures numbered {seen['numbers']}, on the site {site_numbers}")
    for caption in seen["captions"] + drawn:
        for unglued in (NOT_YET, "(cannot format "):
            if unglued in caption["caption" if "kind" in caption else "text"]:
                problems.append(f"the caption of {caption['id']!r} says {unglued!r} after the run")
    for caption in seen["captions"]:
        if caption["error"] or caption["hidden"] or not caption["text"]:
            problems.append(f"the caption of code-cell figure {caption['id']!r} is missing")
        for what in caption["unresolved"]:
            problems.append(f"code-cell figure {caption['id']!r}: unresolved reference {what!r}")
    wanted = [kinds[name] for name in expected]
    if sorted(d["kind"] for d in drawn) != sorted(wanted):
        problems.append(
            f"the page's directives {expected} were drawn as {[d['kind'] for d in drawn]}"
        )
    for n, seen in enumerate(drawn, 1):
        where = f"{seen['kind']} {n} ({seen['id'] or 'no name'})"
        if seen["error"]:
            problems.append(f"{where} could not be drawn: {seen['error']}")
            continue
        for what in seen["unresolved"]:
            problems.append(f"{where}: unresolved reference in its caption {what!r}")
        if seen["kind"] == "glue-figure":
            image = seen["image"]
            if seen["waiting"] or not image or not image["natural"] or not image["height"]:
                problems.append(f"{where}: no image after the cells ran ({image})")
            if not seen["caption"]:
                problems.append(f"{where}: no caption")
        elif seen["kind"] == "video":
            for part in ("poster", "source"):
                served = seen[part] or {}
                if served.get("status") not in (200, 206):
                    problems.append(f"{where}: its {part} is not served ({served})")
            if seen["source"] and seen["source"].get("type") != "video/mp4":
                problems.append(f"{where}: the video is served as {seen['source'].get('type')}")
            if not seen["size"] or min(seen["size"]) == 0:
                problems.append(f"{where}: the video takes no space")
            if not seen["caption"] or not seen["description"]:
                problems.append(f"{where}: no caption or no description")
        elif seen["kind"] == "ix":
            if not seen["ready"] or not seen["controls"]:
                problems.append(f"{where}: not built ({seen['controls']} controls)")
            elif not seen.get("answers"):
                problems.append(f"{where}: moving a control changed nothing")
            if not seen["caption"]:
                problems.append(f"{where}: no caption")
    return problems


GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`([^`]+)`")
CAPTIONED = re.compile(
    r"^(```+|:::+)\{(?:" + "|".join(map(re.escape, BOOK_DIRECTIVES)) + r")\}(.*?)^\1\s*$",
    re.M | re.S,
)
CODE_CELL = re.compile(r"^```\{code-cell\}.*?^```\s*$", re.M | re.S)
# What binder/nnfs-binder/static/page-text.js shows for a number not yet glued.
NOT_YET = "(run the cells)"
LITERALINCLUDE = re.compile(r"^(?:```+|:::+)\{literalinclude\}", re.M)


# Glued numbers measured with a clock or the profiler (a speed-up, a time ratio, a
# share of an epoch's time): on Binder they
# are the reader's machine's, not the build machine's (the pages say "on the
# machine that built this page"), so only their form is compared with the site's.
MEASURED = {
    "forward_speedup",
    "forward_speedup_min",
    "forward_speedup_max",
    "ad-time-ratio",
    "matrix-speedup-first",
    "matrix-speedup-last",
    "matrix-speedup-first-min",
    "matrix-speedup-first-max",
    "matrix-speedup-last-min",
    "matrix-speedup-last-max",
    "matrix-loop-growth-min",
    "matrix-loop-growth-max",
    "matrix-vec-growth-max",
    "matrix-f32-speedup",
    "matrix-f32-speedup-min",
    "matrix-f32-speedup-max",
    "matrix-big-ms-max",
    "matrix-loop-estimate",
    "perf-main-share",
    "perf-dense-share",
    "perf-adam-share",
    "perf-rest-share",
}
CLOCK = re.compile(r"perf_counter|timeit|time\.time|process_time|monotonic|profile")


def _same_form(here: str | None, there: str) -> bool:
    """Both numbers, with the same decimals ("1645" and "285", "3.1" and "2.7")."""
    number = re.compile(r"^-?[\d,]+(\.\d+)?$")
    if here is None or not number.match(here) or not number.match(there):
        return False
    return len(here.partition(".")[2]) == len(there.partition(".")[2])


def site_glued_text(page: str) -> list[str] | None:
    """The numbers the built page pastes ({glue:text}), in order, or None without a site."""
    if not (sitecheck.SITE / page).is_file():
        return None
    article = sitecheck.soup(page).select_one("article") or sitecheck.soup(page)
    return [
        span.get_text()
        for span in article.select("span.pasted-text")
        if not span.find_parent("figcaption")
    ]


NUMBERED = re.compile(r"^(\d+(?:\.\d+)*\.)\s")
PRF_TITLE = re.compile(r"^([A-Z][a-z]+)\s*(\d+(?:\.\d+)*)?")


def site_page_numbers(page: str) -> dict[str, list] | None:
    """What the built page numbers, in order: its headings' section numbers (None
    for an unnumbered heading), its prf blocks' (kind, number), its equations'
    tags; or None without a built site."""
    if not (sitecheck.SITE / page).is_file():
        return None
    article = sitecheck.soup(page).select_one("article") or sitecheck.soup(page)
    headings = []
    for heading in article.select("h1, h2, h3, h4, h5, h6"):
        number = NUMBERED.match(heading.get_text(" ", strip=True))
        headings.append(number.group(1) if number else None)
    prf = []
    for block in article.select("div.proof"):
        title = block.find("p", class_="admonition-title", recursive=False)
        # sphinx-proof's proof has no title: "Proof." opens its first paragraph.
        match = PRF_TITLE.match(title.get_text(" ", strip=True)) if title else None
        prf.append((match.group(1), match.group(2)) if match else ("Proof", None))
    tags = [tag.get_text().strip().rstrip("#").strip() for tag in article.select("span.eqno")]
    return {"headings": headings, "prf": prf, "tags": tags}


def bibliography_anchors() -> set[str] | None:
    """The ids of the built bibliography page's entries, or None without a built site."""
    page = "book/bibliography.html"
    if not (sitecheck.SITE / page).is_file():
        return None
    return {entry["id"] for entry in sitecheck.soup(page).select(".citation[id]")}


def _number_problems(page: str, cells: list[dict]) -> list[str]:
    """A number the notebook shows that the built page does not (or the other way
    round): section numbers on headings, prf titles ("Proof 1"), equation tags;
    and a citation that does not link to its entry of the bibliography."""
    problems = []
    markdown = [cell for cell in cells if cell["type"] == "markdown"]
    site = site_page_numbers(page)
    if site is not None:
        headings = [h for cell in markdown for h in cell.get("headings", [])]
        here = [(NUMBERED.match(h).group(1) if NUMBERED.match(h) else None) for h in headings]
        if here != site["headings"]:
            problems.append(
                f"headings numbered {here}, on the site {site['headings']} (here: {headings[:4]}...)"
            )
        titles = [t for cell in markdown for t in cell.get("prf", [])]
        prf = [(m.group(1), m.group(2)) if (m := PRF_TITLE.match(t)) else (t, None) for t in titles]
        if prf != site["prf"]:
            differ = [(a, b) for a, b in zip(prf, site["prf"], strict=False) if a != b]
            problems.append(
                f"prf blocks titled {len(prf)} times here, {len(site['prf'])} on the site; "
                f"first differences (here, site): {differ[:4]}"
            )
        tags = [t for cell in markdown for t in cell.get("tags", [])]
        if tags != site["tags"]:
            problems.append(f"equations tagged {tags} here, {site['tags']} on the site")
    anchors = bibliography_anchors()
    for cell in markdown:
        for href in cell.get("citations", []):
            anchor = urlsplit(href).fragment
            if not anchor or (anchors is not None and anchor not in anchors):
                problems.append(
                    f"Markdown cell {cell['index']}: a citation links to {href}, "
                    "not to an entry of the bibliography"
                )
    return problems


def site_listings(page: str) -> list[str] | None:
    """The text of every code block of the built page's prose (not a cell's), or None."""
    if not (sitecheck.SITE / page).is_file():
        return None
    article = sitecheck.soup(page).select_one("article") or sitecheck.soup(page)
    return [
        block.get_text().rstrip("\n")
        for block in article.select("div.highlight pre")
        if not block.find_parent(class_="cell")
    ]


def _page_text_problems(page: str, source: str, cells: list[dict]) -> list[str]:
    """Glued numbers shown as their keys or unlike the site's; listings missing or unlike the site's."""
    problems = []
    text = (sitecheck.REPO / source).read_text(encoding="utf-8")
    roles = GLUE_ROLE.findall(text)
    # Roles in our directives' captions and in code cells' figure captions (their
    # mystnb metadata) are drawn by the extension, not in the tree
    # (_directive_problems checks those captions).
    in_captions = [r for block in CAPTIONED.findall(text) for r in GLUE_ROLE.findall(block[1])]
    in_captions += [r for block in CODE_CELL.findall(text) for r in GLUE_ROLE.findall(block)]
    glued = [g for cell in cells for g in cell.get("glue", [])]
    for cell in cells:
        for g in cell.get("glue", []):
            if g["state"] != "drawn":
                problems.append(
                    f"Markdown cell {cell['index']}: glued {g['body']!r} shown as {g['value']!r} "
                    f"({g['state']})"
                )
        for body in roles:
            if body in cell.get("checked", ""):
                problems.append(f"Markdown cell {cell['index']} shows the glue key {body!r}")
        if NOT_YET in cell.get("checked", ""):
            problems.append(f"Markdown cell {cell['index']} still says {NOT_YET!r} after the run")
    if len(glued) != len(roles) - len(in_captions):
        problems.append(
            f"{len(roles) - len(in_captions)} glued numbers in the prose of {source}, "
            f"{len(glued)} in the notebook"
        )
    on_site = site_glued_text(page)
    values = [g["value"] for g in glued]
    for key in {g["body"].split(":")[0] for g in glued} & MEASURED:
        cell = re.search(
            r"^```\{code-cell\}[^\n]*\n(?:(?!^```).*\n)*?.*glue\(\s*\"" + re.escape(key) + '"',
            text,
            re.M,
        )
        if not cell or not CLOCK.search(cell.group(0)):
            problems.append(
                f"{key} is listed as measured, but the cell that glues it reads no clock"
            )
    if on_site is not None and len(values) == len(on_site):
        # A time measured on the reader's machine is not the build machine's: its
        # number differs, its form (digits before and after the point) must not.
        values = [
            s if g["body"].split(":")[0] in MEASURED and _same_form(v, s) else v
            for g, v, s in zip(glued, values, on_site, strict=True)
        ]
    if on_site is not None and values != on_site:
        differ = [
            (g["body"], v, s) for g, v, s in zip(glued, values, on_site, strict=False) if v != s
        ]
        problems.append(
            f"glued numbers unlike the site's ({len(values)} here, {len(on_site)} there): "
            f"{differ[:5]}"
        )
    wanted = len(LITERALINCLUDE.findall(text))
    listed = [item for cell in cells for item in cell.get("listings", [])]
    drawn = [item for item in listed if item["drawn"]]
    if len(drawn) != wanted or len(listed) != wanted:
        missing = [item.get("file") for item in listed if not item["drawn"]]
        problems.append(
            f"{wanted} listings in {source}, {len(drawn)} drawn in the notebook "
            f"(not drawn: {missing})"
        )
    site = site_listings(page)
    if site is not None:
        shown = [block.rstrip("\n") for cell in cells for block in cell.get("code", [])]
        for block in site:
            if block not in shown:
                first = block.strip().splitlines()[0] if block.strip() else ""
                problems.append(f"the page's code block {first!r}... is not in the notebook")
    return problems


# The figures a reader sees: the kernel's images (plots, animation frames) and
# the glued figures the extension draws. The first few of a chapter are checked.
_FIGURE_IMAGES = (
    ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img:visible, "
    ".jp-NotebookPanel:not(.lm-mod-hidden) figure.nnfs-glue-figure img:visible"
)
FIGURES_CHECKED = 6
# The colour behind an element: the first ancestor whose background is not fully transparent.
_BEHIND = r"""
(element) => {
  for (let e = element.parentElement; e; e = e.parentElement) {
    const colour = getComputedStyle(e).backgroundColor;
    if (colour && !/^rgba\(.*,\s*0\)$/.test(colour) && colour !== 'transparent') return colour;
  }
  return getComputedStyle(document.body).backgroundColor;
}
"""


# The alpha of a PNG figure's top-left pixel, as the kernel drew it (null for an
# animation frame, a JPEG). The book's style draws no figure background.
_CORNER_ALPHA = r"""
(img) => {
  if (img.closest('.animation')) return null;
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(img, 0, 0);
  return context.getImageData(0, 0, 1, 1).data[3];
}
"""


# Each interactive figure's controls, pressed as a reader presses them: the
# control has focus, a real key goes down. The key is the control's (its value
# moves) and not JupyterLab's (no cell folds or hides, the active cell and the
# focus stay, the chapter is not modified); then the opposite key puts it back.
_KEY_STATE = r"""
(control) => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  return {
    value: control.value,
    focused: document.activeElement === control,
    active: notebook.activeCellIndex,
    dirty: window.jupyterapp.shell.currentWidget.context.model.dirty,
    folded: notebook.widgets.filter((cell) => cell.isHidden || cell.headingCollapsed
      || cell.inputHidden || (cell.model.type === 'code' && cell.outputHidden)
      || cell.node.getClientRects().length === 0).map((cell) => notebook.widgets.indexOf(cell)),
  };
}
"""
_CONTROLS = (
    ".jp-NotebookPanel:not(.lm-mod-hidden) figure.nnfs-ix .nnfs-ix-controls input, "
    ".jp-NotebookPanel:not(.lm-mod-hidden) figure.nnfs-ix .nnfs-ix-controls select"
)


def _keyboard_problems(tab) -> list[str]:
    """A control of an interactive figure whose keys JupyterLab takes (see _KEY_STATE)."""
    problems = []
    for n, control in enumerate(tab.locator(_CONTROLS).all(), 1):
        control.scroll_into_view_if_needed()
        control.focus()
        tab.wait_for_timeout(100)
        select = control.evaluate("(c) => c.tagName === 'SELECT'")
        last = control.evaluate("(c) => c.tagName === 'SELECT' ? c.options.length - 1 : +c.max")
        at_end = int(control.input_value()) >= last
        forward, back = ("ArrowUp", "ArrowDown") if at_end else ("ArrowDown", "ArrowUp")
        if not select:
            forward, back = ("ArrowLeft", "ArrowRight") if at_end else ("ArrowRight", "ArrowLeft")
        for key in (forward, back):
            before = control.evaluate(_KEY_STATE)
            tab.keyboard.press(key)
            tab.wait_for_timeout(300)
            after = control.evaluate(_KEY_STATE)
            where = f"interactive control {n} ({key})"
            if after["value"] == before["value"]:
                problems.append(f"{where}: its value did not move from {before['value']}")
            if after["folded"] != before["folded"]:
                problems.append(
                    f"{where}: JupyterLab took the key: cells out of view "
                    f"{before['folded']} -> {after['folded']}"
                )
            if after["active"] != before["active"] or not after["focused"]:
                problems.append(
                    f"{where}: JupyterLab took the key: active cell {before['active']} -> "
                    f"{after['active']}, focus kept: {after['focused']}"
                )
            if after["dirty"]:
                problems.append(f"{where}: the chapter shows as modified")
    return problems


def _digest(path: Path) -> tuple[str, int]:
    """A file's content hash and modification time (ns)."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


# A reader's edit of each exercise's stub, after Run All: the stub's
# ``raise NotImplementedError`` lines become ``return 0`` (a wrong answer), then
# (1) only the check cell runs (the reader forgot to run the stub), then (2)
# the stub and its check. The check must never say the cases passed: in (1)
# the name the check grades is still the stub's first run (not written yet),
# not a solution's object that Run All defined after it; in (2) it is the
# wrong answer.
_STALE_PASS = r"""
async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  const notebook = panel.content;
  const kernel = () => panel.sessionContext.session.kernel;
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const tagsOf = (model) => (model.getMetadata ? model.getMetadata('tags') : model.metadata.tags) || [];
  const run = async (index) => {
    const cell = notebook.widgets[index];
    const before = cell.model.executionCount;
    notebook.activeCellIndex = index;
    notebook.deselectAll();
    await app.commands.execute('notebook:run-cell');
    for (let i = 0; i < 600; i++) {
      if (cell.model.executionCount !== before && kernel().status === 'idle') break;
      await pause(100);
    }
    await pause(300);
    return cell.model.outputs.toJSON().map((o) =>
      o.output_type === 'stream' ? o.text : o.output_type === 'error' ? `${o.ename}: ${o.evalue}` :
      String((o.data || {})['text/plain'] || '')).join('');
  };
  const found = [];
  const widgets = notebook.widgets;
  for (let i = 0; i < widgets.length; i++) {
    const model = widgets[i].model;
    if (model.type !== 'code' || !tagsOf(model).includes('exercise-stub')) continue;
    let check = i + 1;
    while (check < widgets.length && widgets[check].model.type !== 'code') check++;
    const stub = model.sharedModel.getSource();
    const name = (/^(?:def|class)\s+(\w+)/m.exec(stub) || [])[1];
    model.sharedModel.setSource(stub.replace(/raise NotImplementedError\b.*$/gm, 'return 0'));
    const unrun = await run(check);
    await run(i);
    const ran = await run(check);
    model.sharedModel.setSource(stub);
    found.push({stub: i, check, name, unrun, ran});
  }
  return found;
}
"""
PASSED = re.compile(r": all \d+ cases passed")


def _stale_pass_problems(tab) -> list[str]:
    """A check that passes on a stub the reader edited wrong (see _STALE_PASS)."""
    problems = []
    for seen in tab.evaluate(_STALE_PASS):
        where = f"exercise {seen['name']!r} (stub cell {seen['stub']}, check cell {seen['check']})"
        if not seen["unrun"] or PASSED.search(seen["unrun"]):
            problems.append(
                f"{where}: with the stub edited wrong and not run, the check said "
                f"{seen['unrun'].strip()[:200]!r}: it graded an object Run All defined after the stub"
            )
        if "cases failed" not in seen["ran"]:
            problems.append(
                f"{where}: with a wrong answer run, the check said {seen['ran'].strip()[:200]!r}"
            )
    return problems


def _figure_problems(tab, theme: str) -> list[str]:
    """Each checked figure, in JupyterLab's current theme, as a reader sees it."""
    problems = []
    images = tab.locator(_FIGURE_IMAGES).all()[:FIGURES_CHECKED]
    corners = [image.evaluate(_CORNER_ALPHA) for image in images] if theme == "light" else []
    drawn = [alpha for alpha in corners if alpha is not None]
    if drawn and 0 not in drawn:  # a full-bleed image may fill its corner; not every figure
        problems.append(
            f"no figure has a transparent corner (corner alphas {drawn}): "
            "the kernel did not draw in the book's style (binder/start)"
        )
    for index, image in enumerate(images):
        image.scroll_into_view_if_needed()
        name = f"figure {index + 1} in the {theme} theme"
        filtered, backing = image.evaluate(
            "(img) => [getComputedStyle(img).filter, getComputedStyle(img).backgroundColor]"
        )
        if ("invert" in filtered) != (theme == "dark"):
            problems.append(f"{name}: its filter is {filtered!r}")
        if theme == "dark" and backing != "rgba(0, 0, 0, 0)":
            problems.append(f"{name}: JupyterLab puts a backing behind it ({backing})")
        behind = css_rgb(image.evaluate(_BEHIND))
        problems += readability_problems(name, figure_pixels(image.screenshot(), behind))
    return problems


def _use_theme(tab, theme: str) -> None:
    """JupyterLab's own command, as the Settings > Theme menu runs it."""
    name = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}[theme]
    tab.evaluate(
        "(name) => window.jupyterapp.commands.execute('apputils:change-theme', {theme: name})",
        name,
    )
    light = "true" if theme == "light" else "false"
    tab.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{light}'")
    tab.wait_for_timeout(500)  # the theme's style sheet applies


def _settled(tab) -> bool:
    """Wait (30 s at most) until every cell is attached and every book directive drawn."""
    try:
        tab.wait_for_function(_SETTLED, timeout=30_000)
    except PlaywrightTimeout:
        return False
    return True


def _wait_done(tab) -> str:
    deadline = time.monotonic() + CHAPTER_SECONDS
    stable = 0
    while time.monotonic() < deadline:
        state = tab.evaluate(_DONE)
        if state == "dead":
            return "dead"
        stable = stable + 1 if state == "done" else 0
        if stable >= 2:  # idle twice in a row: nothing queued behind
            return "done"
        time.sleep(2)
    return "timeout"


def test_every_notebook_of_the_toc_is_a_chapter() -> None:
    assert len(CHAPTERS) >= 20, CHAPTERS
    for page in CHAPTERS:
        assert (sitecheck.REPO / launch_path(page).removeprefix("lab/tree/")).is_file(), page


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_opens_runs_and_reads_on_binder(jupyterlab, browser, page) -> None:
    expected_figures = site_figures(page)
    if expected_figures is None and os.environ.get("NNFS_FORBID_SKIPS") == "1":
        pytest.fail(f"no built site at {sitecheck.SITE} to count {page}'s figures (make book)")
    path = launch_path(page)
    source = path.removeprefix("lab/tree/")
    jupyterlab.reset()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    expected = FENCE.findall((sitecheck.REPO / source).read_text(encoding="utf-8"))
    start = time.monotonic()
    written = _digest(jupyterlab.root / source)
    counts = None
    try:
        tab = context.new_page()
        tab.goto(f"{jupyterlab.base}/{path}?token={jupyterlab.token}")
        tab.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.context"
            " && window.jupyterapp.shell.currentWidget.context.isReady",
            timeout=120_000,
        )
        opened = tab.evaluate(_INSPECT)
        assert opened["path"] == source, f"{page}: opened {opened['path']}, not {source}"
        assert opened["notebook"], f"{page}: {source} opened as text, not as a notebook"
        tab.wait_for_function(
            "() => { const s = window.jupyterapp.shell.currentWidget.sessionContext;"
            " return s.session && s.session.kernel && s.session.kernel.status === 'idle'; }",
            timeout=120_000,
        )
        tab.wait_for_timeout(1000)
        if tab.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.dirty"):
            problems.append("the chapter shows as modified right after opening")
        shot = REPORT / (page.replace("/", "__").removesuffix(".html") + ".png")
        shot.parent.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(shot))

        # The notebook's own command, from its menu: Run > Run All Cells.
        tab.locator(".lm-MenuBar-item", has_text="Run").first.click()
        tab.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        state = _wait_done(tab)
        if not _settled(tab):
            problems.append(
                "30 s after the run, cells were still unattached or directives not drawn"
            )
        seen = tab.evaluate(_INSPECT)
        # jupyterlab-myst may render a Markdown cell again after the run, and the
        # extension draws it again a moment later (seen once, on the activations
        # page, between the _SETTLED wait and the _INSPECT read): look again, twice
        # at most.
        for _ in range(2):
            if not any(BOOK_UNKNOWN.search(cell.get("checked", "")) for cell in seen["cells"]):
                break
            _settled(tab)
            seen = tab.evaluate(_INSPECT)
        if state == "dead" or seen["kernel"] in ("dead", "none"):
            problems.append(f"the kernel died (status {seen['kernel']})")
        elif state == "timeout":
            problems.append(f"still running after {CHAPTER_SECONDS} s")

        code = [cell for cell in seen["cells"] if cell["type"] == "code"]
        for cell in code:
            for output in cell["outputs"]:
                if output["error"]:
                    problems.append(
                        f"cell {cell['index']} raised:\n{ANSI.sub('', output['error'])[-3000:]}"
                    )
        not_run = [cell["index"] for cell in code if cell["count"] is None]
        if not_run and not any("raised" in p for p in problems):
            problems.append(f"cells {not_run} never ran")

        for cell in seen["cells"]:
            if cell["type"] != "markdown":
                continue
            if not cell["rendered"]:
                problems.append(f"Markdown cell {cell['index']} is not rendered")
                continue
            for match in RAW_MYST.finditer(cell["checked"]):
                problems.append(f"Markdown cell {cell['index']} shows raw MyST: {match.group(0)!r}")
            for match in UNKNOWN.finditer(cell["checked"]):
                problems.append(f"Markdown cell {cell['index']}: {match.group(0)!r}")
            for what in cell["unresolved"]:
                problems.append(f"Markdown cell {cell['index']}: unresolved reference {what!r}")

        # Every labelled thing is numbered as on the site ("Proposition 9.1", "(9.3)").
        site_numbers = sitecheck.numbers(page) if (sitecheck.SITE / page).is_file() else {}
        for cell in seen["cells"]:
            for label, number in cell.get("numbered", {}).items():
                anchor = make_id(label)
                shown = site_numbers.get(anchor, site_numbers.get(make_id(f"equation-{label}")))
                if shown is not None and shown != number:
                    problems.append(f"{label} is numbered {number} here, {shown} on the site")

        problems += _page_text_problems(page, source, seen["cells"])
        markdown = [cell for cell in seen["cells"] if cell["type"] == "markdown"]
        counts = (
            sum(g["state"] == "drawn" for cell in markdown for g in cell["glue"]),
            sum(item["drawn"] for cell in markdown for item in cell["listings"]),
        )
        problems += _number_problems(page, seen["cells"])
        # A solution's code (and output) is collapsed until the reader opens it.
        for cell in code:
            if cell["solution"] and cell["visible"]:
                problems.append(f"solution cell {cell['index']} is in view before it is opened")

        figures = sum(
            1
            for cell in code
            for output in cell["outputs"]
            if output["animation"] or any(m.startswith("image/") for m in output["mimes"])
        )
        if expected_figures is not None and figures < expected_figures:
            problems.append(
                f"the notebook shows {figures} figures, the built page {expected_figures}"
            )

        panel = tab.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first
        drawn = panel.evaluate(_DIRECTIVES)
        problems += _directive_problems(drawn, expected, site_figure_numbers(page))
        problems += _keyboard_problems(tab)
        for n, frame in enumerate(panel.evaluate(_FRAMES)):
            if frame["width"] == 0 or frame["height"] == 0 or frame["natural"] == 0:
                problems.append(f"animation {n + 1}: its frame takes no space ({frame})")
        tab.screenshot(path=str(shot.with_name(shot.stem + "-ran.png")))

        problems += _figure_problems(tab, "light")
        _use_theme(tab, "dark")
        problems += _figure_problems(tab, "dark")
        tab.screenshot(path=str(shot.with_name(shot.stem + "-dark.png")))
        # Reading (opening, running, pressing the figures' keys, changing the
        # theme) leaves the chapter unmodified, so autosave never rewrites its .md.
        if tab.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.dirty"):
            problems.append("the chapter shows as modified after it was read and run")
        if _digest(jupyterlab.root / source) != written:
            problems.append(f"{source} was written while the chapter was read")
        problems += _stale_pass_problems(tab)
    finally:
        context.close()
        jupyterlab.reset()
    seconds = time.monotonic() - start
    summary = f"{page}: {seconds:.0f} s, {len(problems)} problems"
    if counts:
        summary += f" (glued numbers drawn: {counts[0]}, listings drawn: {counts[1]})"
    if expected:
        names = ", ".join(f"{expected.count(name)} {name}" for name in sorted(set(expected)))
        summary += f" (directives drawn by nnfs-binder: {names})"
    print(summary)
    notes = REPORT / (page.replace("/", "__").removesuffix(".html") + ".txt")
    notes.write_text(summary + "\n" + "\n".join(problems) + "\n", encoding="utf-8")
    assert not problems, f"{page} on Binder ({seconds:.0f} s):\n" + "\n".join(problems)


def test_the_suite_reproduces_binders_jupyterlab(jupyterlab) -> None:
    """The server runs the base environment's Jupyter upgraded by the pins, as Binder would."""
    import json
    import urllib.request

    with urllib.request.urlopen(jupyterlab.api("api/status")) as response:
        assert json.loads(response.read())
    pins = (sitecheck.REPO / "requirements.txt").read_text(encoding="utf-8").lower()
    version = Path(jupyterlab.venv / "bin" / "jupyter-lab").exists()
    assert version, "jupyter-lab is missing from the Binder venv"
    for name in ("jupyterlab==", "notebook==", "jupyterlab_myst==", "jupytext=="):
        assert f"\n{name}" in pins, f"requirements.txt pins no {name.rstrip('=')}"
    assert urlsplit(jupyterlab.base).hostname == "127.0.0.1"
