"""Local files and directories: kind by extension, gzip transparently, size
refused before reading a file whole."""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import Iterator

from newsledger.errors import DecodeFailed, TooLarge

# Extension (after removing .gz) -> how the file is read.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}
# Decompression reads in chunks this big, stopping as soon as the cap is passed
# (a 1 MB .gz can hold gigabytes: never inflate it whole).
CHUNK_BYTES = 1 << 16


def kind_of(path: Path) -> str | None:
    """'text', 'html', 'jsonl', 'json', 'feed', 'warc' or None, from the file name."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return EXTENSIONS.get(os.path.splitext(name)[1])


def is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def walk(directory: Path) -> Iterator[Path]:
    """Files under ``directory`` with a known extension, recursively, in a stable order."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and kind_of(path) is not None:
                yield path


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes (decompressed if .gz); TooLarge past ``max_bytes``, checked
    from the file size first so an oversize file is never read whole."""
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLarge(f"file is {_mb(size)}, over the {_mb(max_bytes)} input limit")
    if not is_gzip(path):
        return path.read_bytes()
    chunks: list[bytes] = []
    total = 0
    try:
        with gzip.open(path, "rb") as stream:
            while chunk := stream.read(CHUNK_BYTES):
                total += len(chunk)
                if total > max_bytes:
                    raise TooLarge(f"decompressed data is over the {_mb(max_bytes)} input limit")
                chunks.append(chunk)
    except (OSError, EOFError) as err:
        raise DecodeFailed(f"broken gzip file: {err}") from err
    return b"".join(chunks)


def open_stream(path: Path):
    """A binary stream over the file, decompressing .gz (for line/record readers)."""
    return gzip.open(path, "rb") if is_gzip(path) else open(path, "rb")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
