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
        guess = guess_encoding(data) if encoding == "utf-8" else None
        # iconv knows Python's codec names with hyphens ("koi8-r", "euc-jp", "iso-2022-jp")
        label = guess[1].replace("_", "-").replace("iso2022", "iso-2022") if guess else ""
        hint = (f"it may be {label}; re-save it as UTF-8, e.g. with iconv -f {label} -t utf-8" if guess
                else "re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)")
        raise InputError(f"not valid {encoding.upper()}: byte 0x{data[exc.start]:02x} at column "
                         f"{column}", path, line, hint=hint) from None
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


# The legacy encodings browsers know (WHATWG); a guess among all of Python's codecs
# picks DOS and Mac code pages no web page uses.
WEB_ENCODINGS = (
    "cp1252", "iso8859_2", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_10",
    "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "cp1250", "cp1251", "cp1253", "cp1254",
    "cp1255", "cp1256", "cp1257", "cp1258", "cp874", "koi8_r", "koi8_u", "cp866", "gb18030", "big5",
    "euc_jp", "iso2022_jp", "shift_jis", "euc_kr",
)


def guess_encoding(data: bytes) -> tuple[str, str] | None:
    """The text of ``data`` and the name of the web encoding it most likely is in
    (charset-normalizer's guess), or None when there is no guess or no guesser."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(data, cp_isolation=list(WEB_ENCODINGS)).best()
    if best is None:
        return None
    text = str(best)
    try:  # a short text is the same in several; the web's most common names it then
        if data.decode("cp1252") == text:
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    return text, best.encoding
