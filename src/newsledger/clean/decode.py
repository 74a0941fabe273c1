"""Bytes to text: refuse empty and binary input, detect the real charset.

A declared charset (HTTP header, <meta>, JSONL) is a hint, not a fact: pages
declared as ISO-8859-1 are often UTF-8 and vice versa, so strict UTF-8 is tried
first (valid non-ASCII UTF-8 is almost never another encoding by accident), then
the declared charset if charset_normalizer finds it plausible, then its best guess.
"""

from __future__ import annotations

import codecs
import re

from newsledger.errors import BinaryInput, DecodeFailed, EmptyInput

# Only this many leading bytes are inspected for binary signatures and control
# characters: enough to see a file header, cheap on a 20 MB input.
SNIFF_BYTES = 8192

# Share of control characters (other than tab/newline/CR/FF) in the sniffed
# prefix above which input is binary. Text in any real encoding has ~0; random
# bytes have ~12%. 5% leaves room for stray control codes in old scrapes.
MAX_CONTROL_RATIO = 0.05

# When no charset fits, UTF-8 with replacement is accepted if at most this share
# of characters had to be replaced (a few corrupt bytes in an otherwise UTF-8
# file); beyond that the text would be unreadable and decoding fails.
MAX_REPLACED_RATIO = 0.01

# The declared charset is kept when its reading is at most this much more
# 'chaotic' (charset_normalizer's mess ratio, 0-1) than the best guess: Latin
# code pages often tie on Western text, and then the label decides.
DECLARED_CHAOS_MARGIN = 0.02

_MAGIC = {
    b"%PDF-": "PDF document",
    b"\x89PNG": "PNG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"PK\x03\x04": "ZIP archive (or DOCX/XLSX)",
    b"\x1f\x8b": "gzip data",
    b"\x7fELF": "executable",
    b"\xd0\xcf\x11\xe0": "MS Office document",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def decode(data: bytes, declared: str | None = None) -> str:
    """The text of ``data``; raises EmptyInput, BinaryInput or DecodeFailed."""
    if not data.strip():
        raise EmptyInput("input is empty" if not data else "input holds only whitespace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise DecodeFailed(f"invalid {encoding} after its byte-order mark: {err.reason}") from err
    check_not_binary(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _guess(data, _normalise_name(declared or sniff_meta_charset(data)))


def check_not_binary(data: bytes) -> None:
    head = data[:SNIFF_BYTES]
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise BinaryInput(f"binary input ({what}), not text or HTML")
    if b"\x00" in head:
        raise BinaryInput("binary input (NUL bytes), not text or HTML")
    if len(_CONTROL.findall(head)) > MAX_CONTROL_RATIO * len(head):
        raise BinaryInput("binary input (control characters), not text or HTML")


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if any."""
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    return match.group(1).decode("ascii", "ignore") if match else None


def _normalise_name(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None  # an unknown declared charset is no hint at all


def _guess(data: bytes, declared: str | None) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if declared:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            text = None
        if text is not None and (best is None or _declared_fits(data, declared, best.chaos)):
            return text
    if best is not None:
        return str(best)
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= MAX_REPLACED_RATIO * len(text):
        return text
    hint = f" (declared {declared})" if declared else ""
    raise DecodeFailed(f"could not decode the input: no text encoding fits its bytes{hint}")


def _declared_fits(data: bytes, declared: str, best_chaos: float) -> bool:
    """The declared charset reads the bytes about as cleanly as the best guess
    (a wrong label gives mojibake, which charset_normalizer scores as chaos)."""
    from charset_normalizer import from_bytes

    match = from_bytes(data, cp_isolation=[declared]).best()
    return match is not None and match.chaos <= best_chaos + DECLARED_CHAOS_MARGIN
