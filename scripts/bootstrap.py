"""Set up planmine on a fresh machine: a .venv with the locked packages and the planmine command.

Needs only Python >= 3.11 with pip and access to the package registry. Idempotent: a second
call with an unchanged requirements.lock returns in well under a second.

    python3 scripts/bootstrap.py            # packages + planmine (what `planmine run` needs)
    python3 scripts/bootstrap.py --test     # also the system tools some tests use, where the
                                            # platform allows: Chromium (report rendering) and
                                            # Tesseract with Norwegian (OCR); tests skip without them
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
UV_VERSION = "0.13.9"
STAMP = VENV / ".planmine-lock.sha256"


def _run(cmd: list[str], **kw: object) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)  # type: ignore[arg-type]


def _bin(name: str) -> Path:
    return VENV / "bin" / name


SYSTEM_TOOLS = {"chromium": "chromium", "tesseract": "tesseract-ocr tesseract-ocr-nor"}


def install_system_tools() -> None:
    """Debian/Ubuntu as root: apt-get the missing tools. Elsewhere say what is missing and go on."""
    missing = [pkg for tool, pkg in SYSTEM_TOOLS.items() if shutil.which(tool) is None]
    if not missing:
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        print(f"note: not installing {' '.join(missing)} (needs apt-get as root); the tests that use them skip",
              file=sys.stderr)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        _run(["apt-get", "update", "-qq"], env=env, stdout=subprocess.DEVNULL)
        _run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *" ".join(missing).split()], env=env,
             stdout=subprocess.DEVNULL)
    except subprocess.CalledProcessError as exc:
        print(f"note: apt-get failed ({exc}); the tests that need {' '.join(missing)} skip", file=sys.stderr)


def main() -> int:
    if "--test" in sys.argv[1:]:
        install_system_tools()
    if sys.version_info < (3, 11):
        print(f"planmine needs Python >= 3.11, this is {sys.version.split()[0]}", file=sys.stderr)
        return 2
    digest = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == digest and _bin("planmine").exists():
        return 0
    if not _bin("python").exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not _bin("uv").exists():
        _run([str(_bin("python")), "-m", "pip", "install", "-q", f"uv=={UV_VERSION}"])
    env = dict(os.environ)
    # Prefect starts far too slowly from a venv without .pyc files (PYTHONDONTWRITEBYTECODE is set here).
    env["UV_COMPILE_BYTECODE"] = "1"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    py = str(_bin("python"))
    _run([str(_bin("uv")), "pip", "sync", "-q", "--python", py, str(LOCK)], env=env)
    _run([str(_bin("uv")), "pip", "install", "-q", "--python", py, "--no-deps", "-e", str(ROOT)], env=env)
    STAMP.write_text(digest + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
