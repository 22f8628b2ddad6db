"""Binder, reproduced on this machine: the environment, the repository, the server.

mybinder.org builds an image with repo2docker: a conda environment with
Python 3.11 and Jupyter (JupyterLab 4.4.9, pinned in ``binder-base.txt``
beside this file), then ``pip install -r binder/requirements.txt`` in it, then
``binder/postBuild`` run from the repository root; it serves a fresh clone
of the repository with ``jupyter lab`` and sends the reader to
``lab/tree/<chapter>.md``. This module does the same with pip in a venv:

- :func:`environment` creates (or reuses) ``_build/binder-venv/<hash>``,
  keyed on the hash of the three requirement files and the Python version;
- :func:`checkout` copies the repository's files (what a clone of the
  current tree would hold: tracked and untracked-but-not-ignored files) to a
  scratch folder, so nothing the reader's JupyterLab writes (autosave,
  checkpoints) reaches this checkout;
- :class:`JupyterLab` runs ``binder/postBuild`` there with a fresh HOME and
  starts ``jupyter lab --no-browser`` on 127.0.0.1, a free port and a random
  token, through ``binder/start`` (the script Binder runs before the server).

What differs from Binder: pip instead of conda for the base packages (the
same versions), no JupyterHub (the single-user server runs by itself), and
``--LabApp.expose_app_in_browser=True`` so the tests can read the notebook's
model; ``--allow-root`` when the tests run as root (as CI does).

Settings: ``NNFS_BINDER_PYTHON`` (the interpreter of the venv, default
``python3.11`` or ``python3``), ``NNFS_BINDER_VENVS`` (where the venvs live).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BASE = HERE / "binder-base.txt"
REQUIREMENT_FILES = (BASE, REPO / "binder" / "requirements.txt", REPO / "requirements.txt")
VENVS = Path(os.environ.get("NNFS_BINDER_VENVS", REPO / "_build" / "binder-venv"))


def interpreter() -> str | None:
    """The Python for the venv: Binder's 3.11 where there is one."""
    wanted = os.environ.get("NNFS_BINDER_PYTHON")
    for name in [wanted] if wanted else ["python3.11", "python3"]:
        found = shutil.which(name)
        if found:
            return found
    return None


def _fingerprint(python: str) -> str:
    digest = hashlib.sha256()
    for path in REQUIREMENT_FILES:
        digest.update(path.read_bytes())
    version = subprocess.run(
        [python, "-c", "import sys; print(sys.version)"], capture_output=True, text=True, check=True
    ).stdout
    digest.update(version.encode())
    return digest.hexdigest()[:16]


def _run(command: list[str], **kwargs) -> None:
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, command))} failed ({done.returncode}):\n{done.stdout[-3000:]}"
            f"\n{done.stderr[-3000:]}"
        )


def environment() -> Path:
    """The venv Binder's image would have, before postBuild: created once per pin set."""
    python = interpreter()
    if python is None:
        raise RuntimeError("no python3.11 or python3 on PATH (set NNFS_BINDER_PYTHON)")
    venv = VENVS / _fingerprint(python)
    stamp = venv / ".nnfs-binder-ready"
    if stamp.is_file():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    _run([python, "-m", "venv", str(venv)])
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    _run([*pip, "--upgrade", "pip"])
    # repo2docker's order: the base environment, then the repository's requirements.
    _run([*pip, "-r", str(BASE)])
    _run([*pip, "-r", str(REPO / "binder" / "requirements.txt")])
    stamp.write_text("ready\n")
    return venv


def checkout(destination: Path) -> Path:
    """Copy the repository's files (not .git, not ignored files) to ``destination``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = REPO / os.fsdecode(name)
        if not source.is_file():  # deleted in the work tree but still tracked
            continue
        target = destination / os.fsdecode(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return destination


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class JupyterLab:
    """postBuild, then ``jupyter lab`` serving ``root``, as Binder does."""

    def __init__(self, venv: Path, root: Path, home: Path, log: Path) -> None:
        self.venv, self.root, self.home, self.log = venv, root, home, log
        self.token = secrets.token_hex(16)
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            # Binder's kernels see no PYTHONPATH and no MPLBACKEND: nnfs_lib comes
            # from postBuild's install, figures from the kernel's inline backend.
            if key not in ("PYTHONPATH", "MPLBACKEND", "VIRTUAL_ENV", "NNFS_SITE_BUILD")
            and not key.startswith(("JUPYTER", "PYTEST"))
        }
        env["HOME"] = str(self.home)
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        env.setdefault("OPENBLAS_NUM_THREADS", "1")
        return env

    def start(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        _run(["bash", "binder/postBuild"], cwd=self.root, env=self.env())
        command = [
            "bash",
            "binder/start",
            str(self.venv / "bin" / "jupyter"),
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            f"--ServerApp.token={self.token}",
            "--LabApp.expose_app_in_browser=True",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                command, cwd=self.root, env=self.env(), stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.api("api/status"), timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(1)
        raise RuntimeError(f"jupyter lab did not answer in 180 s:\n{self.log.read_text()[-3000:]}")

    def api(self, path: str) -> str:
        return f"{self.base}/{path}?token={self.token}"

    def request(self, method: str, path: str, json_body: str | None = None) -> bytes:
        body = None if json_body is None else json_body.encode("utf-8")
        headers = {} if body is None else {"Content-Type": "application/json"}
        request = urllib.request.Request(self.api(path), data=body, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def reset(self) -> None:
        """Shut every kernel down, forget the workspace and the chosen theme: a fresh reader."""
        import json

        for session in json.loads(self.request("GET", "api/sessions")):
            self.request("DELETE", f"api/sessions/{session['id']}")
        try:
            self.request("DELETE", "lab/api/workspaces/default")
        except OSError:
            pass  # no workspace saved yet
        themes = "lab/api/settings/@jupyterlab/apputils-extension:themes"
        self.request("PUT", themes, json_body='{"raw": "{}"}')

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def why_not_runnable(chromium: str) -> str | None:
    """A reason the Binder suite cannot run here, or None."""
    if interpreter() is None:
        return "no python3.11 or python3 on PATH to build the Binder venv (NNFS_BINDER_PYTHON)"
    if not (shutil.which(chromium) or Path(chromium).is_file()):
        return f"no Chromium at {chromium} (Debian: `apt-get install chromium`; or NNFS_CHROMIUM)"
    if shutil.which("git") is None or not (REPO / ".git").exists():
        return "not a git checkout (the suite copies the files a clone would hold)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -r requirements.txt)"
    return None
