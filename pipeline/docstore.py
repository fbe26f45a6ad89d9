"""Content-addressed storage of downloaded bodies: named by sha256, written whole or not at all."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def object_path(root: Path, sha256: str, suffix: str) -> Path:
    """Where a body with this digest lives (file names never come from URLs)."""
    return root / "objects" / sha256[:2] / f"{sha256}{suffix}"


def put(root: Path, data: bytes, suffix: str) -> tuple[str, Path]:
    """Store data once under its sha256; a temp file is renamed into place only when complete."""
    sha = hashlib.sha256(data).hexdigest()
    path = object_path(root, sha, suffix)
    if path.exists() and path.stat().st_size == len(data):
        return sha, path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sha, path
