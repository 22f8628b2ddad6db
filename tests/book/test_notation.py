"""Every page's mathematics keeps the reserved symbols of book/notation.md to their one meaning.

A pattern cannot read mathematics, but it can catch the uses that the notation
page rules out: ``\\ln`` (the book writes ``\\log`` for the natural logarithm),
``\\sigma`` with a subscript or a square (a standard deviation; ``\\sigma`` is
the sigmoid only), ``m`` as a count or an index (``m`` is an optimizer's first
moment), ``k`` as a summation index (``k`` is the number of classes), classes
counted from 1, ``h`` as a finite-difference step (``h`` is a width), and so on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.book.chapters import ROOT, toc_files

# Reserved symbol -> (what it means, patterns that give it another meaning).
FORBIDDEN: dict[str, tuple[str, list[str]]] = {
    r"\log": (
        "the natural logarithm, written \\log (never \\ln)",
        [r"\\ln(?![a-zA-Z])"],
    ),
    r"\sigma": (
        "the sigmoid only (a standard deviation is s)",
        [
            r"\\sigma\s*_",
            r"\\sigma\s*\^\s*\{?\s*2",
            r"\\hat\s*\{?\s*\\sigma",
            r"\\sigma\s*=\s*\d",
        ],
    ),
    "m": (
        "an optimizer's first moment (the number of examples is n, a width h)",
        [
            r"\\frac\s*\{?\s*\d+\s*\}?\s*\{?\s*m(?![a-zA-Z])",
            r"(?<![a-zA-Z\\])[\^_]\s*\{?\s*m(?![a-zA-Z])",
            r"\[\s*m\s*[\]-]",
            r"(?<![a-zA-Z\\{])m\s*(=|\\in\b)",
            r"\d\s*-\s*m(?![a-zA-Z])",
            r"\\dots\s*,?\s*m(?![a-zA-Z])",
        ],
    ),
    "k": (
        "the number of classes (not a summation index)",
        [r"\\sum_\s*\{?\s*k(?![a-zA-Z])", r"_\s*\{\s*k\s*="],
    ),
    "c": (
        "a class, counted from 0 (not a constant)",
        [
            r"(?<![a-zA-Z\\])c\s*>\s*0",
            r"(?<![a-zA-Z\\])[cj]\s*=\s*1\s*\}?\s*\^\s*\{?\s*k(?![a-zA-Z])",
            r"(?<![a-zA-Z\\])[cj]\s*=\s*1\s*,\s*\\dots\s*,\s*k(?![a-zA-Z])",
        ],
    ),
    "h": (
        "the width of a layer (a finite-difference step is \\Delta\\theta)",
        [
            r"\\pm\s*h(?![a-zA-Z])",
            r"[+-]\s*h\s*\)",
            r"(?<![a-zA-Z\\])2\s*h(?![a-zA-Z])",
            r"(?<![a-zA-Z\\])h\s*\^\s*\{?\s*2",
            r"(?<![a-zA-Z\\])h\s*=\s*10\s*\^",
        ],
    ),
    r"\delta": (
        "the error signal dJ/dZ (a Kronecker delta is written [j = j'])",
        [
            r"\\delta\s*_\s*\{\s*[a-z]\s*[a-z]\s*\}",
            r"\\delta\s*\(",
            r"\\delta\s*(\\ge|\\le|=\s*0)",
        ],
    ),
    r"\gamma": (
        "a normalization layer's scale",
        [r"\\gamma\s*\^", r"\\gamma\s*=\s*\\(sup|tfrac|frac)"],
    ),
    r"\beta": (
        "a normalization layer's shift (Adam's decay factors are \\rho_1, \\rho_2)",
        [r"\\beta\s*_\s*\{?\s*[12]", r"\\beta\s*\^"],
    ),
    r"\rho": (
        "the decay factor of an optimizer's running state",
        [r"\\rho\s*(=\s*\\frac|\\approx)"],
    ),
    r"\mu": (
        "a mean (momentum's coefficient is \\rho)",
        [r"\\mu\s*\^", r"\\mu\s*,?\s*\\mathbf\s*\{?\s*[bm]", r"\\mu\s*[bm](?![a-zA-Z])"],
    ),
    "s": (
        "a standard deviation (RMSProp's average is v, a batch size |B|)",
        [
            r"(?<![a-zA-Z\\])s\s*\\leftarrow",
            r"\\sqrt\s*\{\s*s\s*\}",
            r"\\le\s*s\s*\\le",
            r"(?<![a-zA-Z\\])s\s*=\s*n(?![a-zA-Z])",
            r"(?<![a-zA-Z\\_])s\s*=\s*\(",
        ],
    ),
    "v": (
        "an optimizer's running average of g*g (a variance is s^2)",
        [r"(?<![a-zA-Z\\])v\s*=\s*\\frac", r"\\mathcal\s*\{?\s*N\s*\}?\s*\(\s*0\s*,\s*v\s*\)"],
    ),
    "b": (
        "a bias (momentum's buffer is m)",
        [r"(?<![a-zA-Z\\])b\s*\\leftarrow\s*\\(mu|rho)", r"(?<![a-zA-Z\\])b_\s*\{?\s*t"],
    ),
}

_FENCE_LINE = re.compile(r"^(`{3,}|~{3,})(.*)$")


def _without_code(text: str) -> str:
    """The text with every line of a code cell or a plain code fence blanked."""
    lines, stack = text.split("\n"), []  # stack of (fence, is_code)
    for number, line in enumerate(lines):
        match = _FENCE_LINE.match(line)
        if match and stack and match.group(1) == stack[-1][0] and not match.group(2).strip():
            if stack.pop()[1]:
                lines[number] = ""
        elif match:
            rest = match.group(2).strip()
            is_code = rest.startswith("{code-cell}") or not rest.startswith("{")
            stack.append((match.group(1), is_code))
            if is_code:
                lines[number] = ""
        elif any(is_code for _, is_code in stack):
            lines[number] = ""
    return "\n".join(lines)


_INLINE_CODE = re.compile(r"(?<!`)`[^`\n]+`(?!`)")
_MATH = re.compile(
    r"\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^$\n]+?)\$"
    r"|^(?P<fence>`{3,})\{math\}[^\n]*\n(?P<block>.*?)^(?P=fence)\s*$",
    re.DOTALL | re.MULTILINE,
)


def math_spans(text: str) -> list[tuple[int, str]]:
    """(line, TeX) for every $...$, $$...$$ and {math} block outside code."""

    text = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), _without_code(text))
    spans = []
    for match in _MATH.finditer(text):
        tex = match.group("display") or match.group("inline") or match.group("block") or ""
        spans.append((text.count("\n", 0, match.start()) + 1, " ".join(tex.split())))
    return spans


def violations(text: str) -> list[str]:
    found = []
    for line, tex in math_spans(text):
        for symbol, (meaning, patterns) in FORBIDDEN.items():
            for pattern in patterns:
                hit = re.search(pattern, tex)
                if hit:
                    found.append(
                        f"line {line}: {symbol!r} is reserved for {meaning}; "
                        f"found {hit.group(0)!r} in ${tex[:80]}$"
                    )
    return found


PAGES = [p for p in toc_files() if p.exists()]


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_reserved_symbols_keep_their_meaning(page: Path) -> None:
    found = violations(page.read_text(encoding="utf-8"))
    assert not found, f"{page.relative_to(ROOT)}:\n" + "\n".join(found)


def test_the_notation_page_lists_every_reserved_symbol() -> None:
    tables = " ".join(tex for _, tex in math_spans((ROOT / "book/notation.md").read_text()))
    for symbol in FORBIDDEN:
        assert re.search(re.escape(symbol) + r"(?![a-zA-Z])", tables), symbol


BAD_LINES = [
    r"The cross-entropy is $-\ln p$.",
    r"Each feature has variance $\sigma_j^2$.",
    r"The mean squared error $\frac{1}{m}\sum_{i=1}^{m} e_i^2$.",
    r"$$\hat y_j = e^{z_j} / \sum_{c=1}^{k} e^{z_c}$$",
    r"The step is $h = 10^{-6}$, with error $O(h^2)$.",
    r"RMSProp keeps $s \leftarrow \rho s + (1-\rho) g^2$.",
    r"Step decay $\eta_t = \eta_0 \gamma^{t}$.",
    r"Adam's $\beta_1 = 0.9$.",
    r"$z_{ij} = \sum_k x_{ik} w_{kj}$",
    "```{math}\n\\delta_{jk} = 1\n```",
]


@pytest.mark.parametrize("line", BAD_LINES)
def test_the_check_sees_a_bad_line(line: str) -> None:
    assert violations(line)


def test_the_check_leaves_good_lines_and_code_alone() -> None:
    good = (
        r"The loss $-\log \sigma(z)$, the mean $\frac1n \sum_{i=1}^n \mathcal{L}^{(i)}$, "
        r"Adam's $\hat{\mathbf{m}} = \mathbf{m}/(1-\rho_1^t)$ and $\mathbf{v}$, "
        r"batch norm's $\mu_j$ and $s_j^2$, a width $h = 64$, classes "
        r"$c = 0, \dots, k-1$, the step $(J(\theta + \Delta\theta) - J(\theta - \Delta\theta))/(2\Delta\theta)$."
        "\n```{code-cell} ipython3\nm = 3  # $\\ln x$ in a comment\n```\n`$\\sigma_j$` in code."
    )
    assert violations(good) == []
