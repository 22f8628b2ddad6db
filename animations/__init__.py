"""Explanatory animations of the book, rendered with Manim Community from nnfs_lib's numbers.

Layout (adding a scene is one module in ``scenes/`` and one entry in ``registry.py``):

* ``registry.py``  every scene: its module, title, caption, text description and page;
* ``style.py``     colours, fonts, sizes and number formats shared by every scene
  (the book's notation);
* ``widgets.py``   drawing helpers shared by the scenes (text, a matrix of numbers,
  a labelled box, a chain of boxes, plot axes, the base ``BookScene``);
* ``scenes/``      one module per scene, each computing its numbers with ``nnfs_lib``;
* ``manifest.py``  what a video is rendered from, the hash of it, and
  ``book/videos/manifest.json`` (``make animations`` writes it, the tests check it);
* ``render.py``    ``make animations``: render scenes to MP4 + poster PNG.

``registry``, ``style`` and ``manifest`` import no Manim, so the book build (the
``nnfs-video`` directive, :mod:`nnfs_build.video`) and the tests can read them on
a machine without Manim's system libraries. The import walk and the pinned Manim
version come from :mod:`nnfs_build.imports` and :mod:`nnfs_build.pins`. Everything
runs from the repository root (``python -m animations.render``).
"""
