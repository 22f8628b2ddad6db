"""The book's build tooling: Sphinx extensions, the PDF printer, and helpers shared with ``animations``.

Not part of the ``nnfs_lib`` wheel (``pyproject.toml`` packages ``nnfs_lib*`` only).
Jupyter Book imports the extensions by their dotted names (``_config.yml``,
``sphinx.local_extensions`` with the path ``.``, the repository root); the
animations import the helpers the ordinary way, since ``python -m
animations.render`` runs from the root. Each module does one job:

Sphinx extensions

* ``freshness``       re-execute a page when a part of ``nnfs_lib`` it uses changes;
* ``video``           the ``nnfs-video`` directive (the animations of ``animations/``);
* ``mathjax``         serve MathJax from the site itself, not a CDN;
* ``inline_figures``  the executing kernels draw figures as PNG, not as text;
* ``figure_alt``      alt text for the figures a code cell draws;
* ``theme_mode``      the theme's default colour mode (no console error);
* ``unique_scripts``  drop the ``<script>`` entries a page lists twice;
* ``link_contrast``   darker links in theorem, proof and exercise boxes;
* ``citation_roles``  valid ARIA roles in the bibliography;
* ``sitemap``         ``sitemap.xml`` and ``robots.txt``;
* ``root_page``       the site's ``index.html``: forwards to the book's first page, names the icon;
* ``figure_theme``    figures readable in the light and the dark theme (a matplotlib style
  for the kernels, a style sheet for the dark theme);
* ``downloads``       the whole-book PDF and the offline zip, linked from every page;
* ``build_stamp``     each page's footer: when and from which commit it was built, nnfs_lib's version;
* ``clone``           the ``nnfs-clone`` directive: the real ``git clone`` of the configured repository.
* ``interactive``     the ``nnfs-interactive`` directive (figures with controls, ``static/``);
* ``live``            live Python on the pages of ``nnfs_live`` (Pyodide, from ``package.json``).

Shared by the extensions

* ``page_data``  what an extension records about each page (videos, figures, stamps), kept in the
  Sphinx environment and purged and merged with the page;
* ``stylesheets``  a style sheet an extension writes into the site and links from every page.

Commands and helpers (standard library only, so the animations' venv can use them)

* ``imports``   which of the repository's files a piece of code depends on (its imports);
* ``pins``      the versions pinned in the requirements files;
* ``pdf``       ``python -m nnfs_build.pdf``: print the built book to one PDF (``make pdf``;
  needs BeautifulSoup and Playwright).
* ``bundle``    ``python -m nnfs_build.bundle``: the PDF and the offline zip, written into the
  built site (``make book``);
* ``package_check``  ``python -m nnfs_build.package_check``: the wheel in a fresh venv runs the
  README's example (``make package-test``).

For Binder (need the book's pinned set: PyYAML, docutils, pybtex, nnfs_lib)

* ``numbering``  the site's numbers for what a page labels ("Fig. 6.3"), read from the sources;
* ``binder``     ``python -m nnfs_build.binder DIR``: the files Binder's ``nnfs-binder``
  JupyterLab extension reads (``binder/postBuild``).

This file imports nothing, so importing one helper loads no Sphinx.
"""
