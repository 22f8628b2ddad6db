"""Pure helpers of the book's printer (nnfs_build/pdf.py): no Chromium needed."""

from __future__ import annotations

from nnfs_build import pdf


def test_css_string_escapes_quotes_and_backslashes() -> None:
    assert pdf.css_string("18. Training very deep networks") == '"18. Training very deep networks"'
    assert pdf.css_string('Say "hi" \\ bye') == '"Say \\22 hi\\22  \\5c  bye"'
    assert pdf.css_string("a\nb") == '"a\\a b"'


def test_page_key_is_an_id_prefix_per_page() -> None:
    assert pdf.page_key("book/part1/neuron.html") == "book-part1-neuron"
    assert pdf.page_key("book/part3/very_deep.html") == "book-part3-very_deep"
    assert pdf.page_key("book/intro.html") != pdf.page_key("book/notation.html")


def test_the_text_block_matches_the_print_style_sheet() -> None:
    css = pdf.PRINT_CSS.read_text(encoding="utf-8")
    assert "margin: 20mm 17mm 18mm 17mm;" in css
    assert pdf.TEXT_BLOCK_PX == round(176 / 25.4 * 96)
