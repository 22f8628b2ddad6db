"""The downloads of the built site: the whole book as a PDF, and the site as an offline zip.

    python -m nnfs_build.bundle [SITE_DIR]

``make book`` runs this after Sphinx. It writes, into the site, the files that
:mod:`nnfs_build.downloads` links from every page:

1. ``downloads/neural-networks-from-scratch.pdf``, printed by headless Chromium
   (:mod:`nnfs_build.pdf`). It is printed again only when a page of the site or
   the printer changed since the last print (their hashes are kept beside the site).
2. ``downloads/neural-networks-from-scratch-offline.zip``: the whole site (the
   PDF, every chapter's executed ``.ipynb`` in ``_sources/``, MathJax, figures
   and videos) in one folder, to unpack anywhere and serve with
   ``python -m http.server``. It needs no network.

Without Chromium the site and the zip are still made, without the PDF, and a
message says so and how to get Chromium; under ``NNFS_FORBID_SKIPS=1`` (CI)
that is an error instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import zipfile
from pathlib import Path

from nnfs_build import pdf
from nnfs_build.downloads import FOLDER, site_path

ZIP_FOLDER = "neural-networks-from-scratch"  # the folder the zip unpacks to
# Already compressed: stored as they are.
STORED_SUFFIXES = (".png", ".mp4", ".jpg", ".woff", ".woff2", ".pdf", ".zip")


def pages_hash(site: Path) -> str:
    """A hash of every HTML page and image of the site: what the PDF is printed from."""
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".png", ".css") and path.is_file():
            rel = path.relative_to(site)
            if rel.parts[0] == FOLDER or rel.name == pdf.PRINT_PAGE:
                continue
            digest.update(rel.as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def printer_hash() -> str:
    """A hash of the printer itself (its module and print style sheet): a new printer prints anew."""
    digest = hashlib.sha256()
    for path in (Path(pdf.__file__), pdf.PRINT_CSS):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def print_record(site: Path) -> Path:
    """Where the last print is described: the pages' hash and what MathJax typeset."""
    return site.parent / "pdf" / "printed.json"


def make_pdf(site: Path) -> Path:
    """Print the book into the site, unless the PDF there was printed from these very pages."""
    target = site / site_path("pdf")
    record = print_record(site)
    current = {"pages_hash": pages_hash(site), "printer_hash": printer_hash()}
    if target.is_file() and record.is_file():
        last = json.loads(record.read_text(encoding="utf-8"))
        if all(last.get(key) == value for key, value in current.items()):
            print(f"[bundle] the PDF is up to date: {target}")
            return target
    typeset = pdf.print_pdf(site, target)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps({**current, "typeset": typeset}), encoding="utf-8")
    print(f"[bundle] printed {target} ({target.stat().st_size // 1024} KiB, "
          f"{typeset['maths']} formulas typeset, in {typeset['seconds']} s)")  # fmt: skip
    return target


def make_zip(site: Path) -> Path:
    """Zip the whole site (the zip itself excepted) into one folder, :data:`ZIP_FOLDER`."""
    target = site / site_path("zip")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site.rglob("*")):
            if not path.is_file() or path in (target, partial) or path.name == pdf.PRINT_PAGE:
                continue
            name = f"{ZIP_FOLDER}/{path.relative_to(site).as_posix()}"
            stored = path.suffix.lower() in STORED_SUFFIXES
            archive.write(path, name, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    partial.replace(target)
    print(f"[bundle] wrote {target} ({target.stat().st_size // 1024} KiB)")
    return target


def main(site: Path) -> int:
    if not (site / "index.html").is_file():
        print(f"[bundle] no built site at {site} (run the book build first)", file=sys.stderr)
        return 1
    missing = pdf.why_cannot_print()
    if missing is None:
        make_pdf(site)
    else:
        (site / site_path("pdf")).unlink(missing_ok=True)
        message = (
            f"\n*** The whole-book PDF was NOT made: {missing}.\n"
            "*** The site and its offline zip were built without it; the PDF links on the\n"
            "*** pages lead nowhere until you install Chromium and run `make book` again.\n"
        )
        print(message, file=sys.stderr)
        if os.environ.get("NNFS_FORBID_SKIPS") == "1":
            print("*** NNFS_FORBID_SKIPS=1: a book without its PDF is an error.", file=sys.stderr)
            return 1
    make_zip(site)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html").resolve()))
