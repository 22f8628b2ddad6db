"""Explanatory animations of the book, rendered with Manim Community from nnfs_lib's numbers.

Layout (adding a scene is one module in ``scenes/`` and one entry in ``registry.py``):

* ``registry.py``  every scene: its module, title, caption, text description and page;
* ``style.py``     colours, fonts and sizes shared by every scene (the book's notation);
* ``widgets.py``   small drawing helpers (a matrix of numbers, a labelled box);
* ``scenes/``      one module per scene, each computing its numbers with ``nnfs_lib``;
* ``inputs.py``    what a video is rendered from, and the hash of it (the manifest);
* ``render.py``    ``make animations``: render scenes to MP4 + poster PNG.

``registry``, ``style`` and ``inputs`` import no Manim, so the book build and the
tests can read them on a machine without Manim's system libraries.
"""
