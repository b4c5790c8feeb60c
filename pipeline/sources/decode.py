"""Turn the bytes of a raw text source into text, or say exactly why not."""
from __future__ import annotations

import codecs

from pipeline.errors import InputError

MAX_SOURCE_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names, if any."""
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def check_size(data: bytes, path: str) -> None:
    if len(data) > MAX_SOURCE_BYTES:
        raise InputError(f"file is too large ({len(data) // (1024 * 1024)} MiB; the limit is "
                         f"{MAX_SOURCE_BYTES // (1024 * 1024)} MiB)", path,
                         hint="split it into smaller sources")


def decode_text(data: bytes, path: str) -> str:
    """Decode UTF-8 (or UTF-16/32 with a byte-order mark) and normalise line ends.

    Raises InputError, naming the line and column, for empty, binary, oversized or
    wrongly encoded input.
    """
    check_size(data, path)
    encoding = bom_encoding(data) or "utf-8"
    if encoding == "utf-8" and b"\x00" in data[:65536]:
        if _looks_like_utf16(data):
            raise InputError("file looks like UTF-16 without a byte-order mark", path,
                             hint="re-save it as UTF-8")
        raise InputError("file is binary, not text", path,
                         hint="give a text, HTML or data file")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"not valid {encoding.upper()}: byte 0x{data[exc.start]:02x} at column "
                         f"{column}", path, line,
                         hint="re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("file is empty", path, hint="give a file with questions and answers")
    control = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\t\f\v")
    if control > max(8, len(text[:65536]) // 100):
        raise InputError("file is binary, not text (it holds control characters)", path)
    return text


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    return max(even_nuls, odd_nuls) > half * 0.3 and min(even_nuls, odd_nuls) < half * 0.05
