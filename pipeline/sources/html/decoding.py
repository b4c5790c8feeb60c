"""HTML bytes to text: binary files refused, the declared charset (BOM, HTTP header,
<meta>, XML declaration) trusted when it decodes, else UTF-8, else a guess among the
web's common encodings."""
from __future__ import annotations

import codecs
import re

from pipeline.errors import InputError
from pipeline.sources import ReadOptions
from pipeline.sources.decode import bom_encoding, check_size, guess_encoding


_BINARY_MAGIC = (
    (b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed"),
)


_META_CHARSET_RE = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def _decode(data: bytes, path: str, options: ReadOptions) -> tuple[str, list[str]]:
    """Decode as a browser would: byte-order mark, then the declared charset (HTTP
    header, then <meta>), then UTF-8, then a guess; never fail on bad bytes."""
    _check_bytes(data, path)
    warnings: list[str] = []
    text = None
    encoding = bom_encoding(data)
    if encoding is not None:
        text = _decode_replacing(data, encoding, warnings)
    if text is None:
        text = _decode_declared(data, options, warnings)
    if text is None:
        text = _decode_undeclared(data, warnings)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_text(text, path)
    return text, warnings


def _check_bytes(data: bytes, path: str) -> None:
    check_size(data, path)
    if not data.strip():
        raise InputError("file is empty", path, hint="give an HTML page with questions and answers")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"file is {what}, not HTML", path, hint="give the page's HTML source")
    if b"\x00" in data[:65536] and bom_encoding(data) is None:
        raise InputError("file is binary, not HTML", path,
                         hint="give the page's HTML source (UTF-16 needs a byte-order mark)")


def _check_text(text: str, path: str) -> None:
    sample = text[:65536]
    if not sample.strip():
        raise InputError("file is empty", path, hint="give an HTML page with questions and answers")
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    if control > max(8, len(sample) // 100):
        raise InputError("file is binary, not HTML (it holds control characters)", path)


def _decode_replacing(data: bytes, encoding: str, warnings: list[str]) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        warnings.append(f"the page is not valid {encoding.upper()} (byte 0x{data[exc.start]:02x} at offset "
                        f"{exc.start}); undecodable bytes became replacement characters")
        return data.decode(encoding, errors="replace")


def _declared_charsets(data: bytes, options: ReadOptions) -> list[tuple[str, str]]:
    found = []
    header = str(options.extra.get("charset") or "").strip()
    if header:
        if "charset=" in header.lower():
            header = header[header.lower().index("charset=") + len("charset="):].split(";")[0]
        found.append((header.strip().strip("\"'"), "HTTP header"))
    head = data[:8192]
    for pattern, origin in ((_META_CHARSET_RE, "<meta> tag"), (_XML_ENCODING_RE, "XML declaration")):
        match = pattern.search(head)
        if match:
            found.append((match.group(1).decode("ascii", "replace"), origin))
    return found


def _decode_declared(data: bytes, options: ReadOptions, warnings: list[str]) -> str | None:
    for label, origin in _declared_charsets(data, options):
        try:
            encoding = codecs.lookup(label).name
        except LookupError:
            warnings.append(f"unknown encoding {label!r} in the {origin}; ignored it")
            continue
        if encoding in ("iso8859-1", "ascii", "latin-1"):
            encoding = "cp1252"  # what browsers do with these labels
        if encoding.startswith(("utf-16", "utf-32")) and origin != "HTTP header":
            encoding = "utf-8"  # an ASCII-compatible document cannot really be UTF-16
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            if encoding == "cp1252":
                return data.decode("latin-1")
            if encoding != "utf-8":  # for UTF-8 the fallback below says what it did
                warnings.append(f"the page is not valid {label} as its {origin} says")
    return None


def _decode_undeclared(data: bytes, warnings: list[str]) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = len(re.findall(r"[^\x00-\x7f\ufffd]", replaced))
    if good <= bad:  # hardly any UTF-8 in it: some other encoding, undeclared
        guess = guess_encoding(data)
        if guess is not None:
            text, encoding = guess
            warnings.append(f"the page declares no encoding that fits its bytes; read it as {encoding} "
                            f"(a guess)")
            return text
    warnings.append(f"the page is not valid UTF-8 ({bad} bad byte sequence{'s' if bad != 1 else ''}); "
                    f"they became replacement characters")
    return replaced
