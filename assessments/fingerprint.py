"""Fingerprints of the files a cached artefact is made from (templates, stylesheets,
catalogues, code), so a cache key changes whenever a release changes one of them."""

import hashlib
from collections.abc import Iterable
from pathlib import Path

_DIGESTS: dict[tuple[str, int, int], bytes] = {}


def file_digest(path: Path) -> bytes:
    """SHA-256 of a file, remembered while its size and modification time stay the same."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    digest = _DIGESTS.get(key)
    if digest is None:
        digest = hashlib.sha256(path.read_bytes()).digest()
        _DIGESTS[key] = digest
    return digest


def files_digest(paths: Iterable[Path], *, salt: str = "") -> str:
    """One hex digest over the existing files among `paths` (missing ones are skipped)."""
    digest = hashlib.sha256(salt.encode())
    for path in paths:
        if path.exists():
            digest.update(file_digest(path))
    return digest.hexdigest()
