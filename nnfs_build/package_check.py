"""Check ``nnfs_lib`` as a package: build the wheel, install it in a fresh venv, run the README's example.

    python -m nnfs_build.package_check [WORK_DIR]     (make package-test)

1. ``pip wheel . --no-deps`` builds the wheel from ``pyproject.toml``.
2. The wheel holds ``nnfs_lib`` and nothing else of the repository; its version
   is ``nnfs_lib.__version__`` and it requires exactly the ``dependencies`` of
   ``pyproject.toml``.
3. A fresh venv (no PYTHONPATH, outside the checkout) installs the wheel with
   its dependencies at the versions of ``requirements.txt``; none of the book's
   or the tests' tools comes with it, and every module of ``nnfs_lib`` imports.
4. The example between ``<!-- package-example -->`` markers in the README runs
   there, with the installed ``nnfs_lib``.

Standard library only; needs network (or a pip cache) for the dependencies.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = re.compile(
    r"<!-- package-example -->\s*```python\n(.*?)```\s*<!-- /package-example -->", re.DOTALL
)
# Tools of the book and the tests: the library's install must not bring any.
NOT_FOR_THE_LIBRARY = ("jupyter-book", "sphinx", "pytest", "playwright", "ipykernel", "torch")


def source_version(root: Path = ROOT) -> str:
    """``nnfs_lib.__version__`` as written in ``nnfs_lib/__init__.py`` (read, not imported)."""
    tree = ast.parse((root / "nnfs_lib" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise RuntimeError("nnfs_lib/__init__.py sets no __version__")


def readme_example(root: Path = ROOT) -> str:
    """The example of the README between the package-example markers."""
    match = EXAMPLE.search((root / "README.md").read_text(encoding="utf-8"))
    if match is None:
        raise RuntimeError("README.md has no <!-- package-example --> python block")
    return match.group(1)


def _normalise(requirement: str) -> str:
    return re.sub(r"\s+", "", requirement).lower().replace("_", "-")


def check_wheel(wheel: Path, root: Path = ROOT) -> None:
    """The wheel holds only nnfs_lib, at the source's version, requiring pyproject's dependencies."""
    version = source_version(root)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = f"nnfs_lib-{version}.dist-info/"
        foreign = [n for n in names if not n.startswith(("nnfs_lib/", info))]
        if foreign:
            raise SystemExit(f"the wheel holds files that are not nnfs_lib: {foreign[:10]}")
        metadata = archive.read(info + "METADATA").decode("utf-8")
    if f"\nVersion: {version}\n" not in metadata:
        raise SystemExit(f"the wheel's version is not nnfs_lib.__version__ ({version})")
    required = sorted(  # what `pip install nnfs_lib` installs: the requirements without an extra
        _normalise(line.split(":", 1)[1]) for line in metadata.splitlines()
        if line.startswith("Requires-Dist:") and "extra==" not in _normalise(line)
    )  # fmt: skip
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = sorted(_normalise(d) for d in project["dependencies"])
    if required != declared:
        raise SystemExit(f"the wheel requires {required}, pyproject.toml declares {declared}")


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("[package]", " ".join(command), flush=True)
    return subprocess.run(command, check=True, **kwargs)


def main(work: Path) -> int:
    shutil.rmtree(work, ignore_errors=True)
    dist = work / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(ROOT)])
    (wheel,) = dist.glob("nnfs_lib-*.whl")
    check_wheel(wheel)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["MPLBACKEND"] = "Agg"
    venv.create(work / "venv", with_pip=True)
    python = str(work / "venv" / "bin" / "python")
    _run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "-c",
            str(ROOT / "requirements.txt"),
            str(wheel),
        ],
        env=env,
    )
    installed = _run([python, "-m", "pip", "list", "--format=freeze"], env=env,
                     capture_output=True, text=True).stdout.lower()  # fmt: skip
    extra = [tool for tool in NOT_FOR_THE_LIBRARY if f"\n{tool}==" in "\n" + installed]
    if extra:
        raise SystemExit(f"installing the wheel also installed {extra}")
    with tempfile.TemporaryDirectory() as outside:  # not the checkout: no nnfs_lib/ here
        check = (
            "import importlib, pkgutil, sys, nnfs_lib\n"
            f"assert nnfs_lib.__file__.startswith({str(work / 'venv')!r}), nnfs_lib.__file__\n"
            "for m in pkgutil.walk_packages(nnfs_lib.__path__, 'nnfs_lib.'):\n"
            "    importlib.import_module(m.name)\n"
            "print('nnfs_lib', nnfs_lib.__version__, 'installed; every module imports')\n"
        )
        _run([python, "-I", "-c", check], env=env, cwd=outside)
        example = Path(outside) / "example.py"
        example.write_text(readme_example(), encoding="utf-8")
        _run([python, "-I", str(example)], env=env, cwd=outside)
    print(f"[package] {wheel.name}: installed in a fresh venv, the README's example ran")
    return 0


if __name__ == "__main__":
    sys.exit(
        main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "_build" / "package").resolve())
    )
