"""`faq ingest URL`: fetch a web page safely and within limits, and keep what came
back as a snapshot in raw/ with a record of the response beside it.

Safety first, because a URL in a corpus repository can come from anywhere: only
http and https are fetched, every redirect hop is checked the same way (a
redirect to file:, ftp:, data: or javascript: is refused), the body is read in
chunks and reading stops past the size limit, and the whole fetch of one URL,
redirects and name resolution included, has one deadline. Snapshot file names are
slugs of the host and path, so that no URL can name a file outside raw/.

The standard library's urllib is enough: an opener without its redirect and
error processors hands every response back, so that this module follows
redirects itself and checks each hop, counts hops and maps every failure to a
message that says what happened and what to do.
"""
from __future__ import annotations

import codecs
import glob
import hashlib
import json
import math
import re
import threading
import urllib.parse
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.errors import InputError
from pipeline.ids import slug

if TYPE_CHECKING:  # imported where used, so that importing this module stays cheap
    from http.client import HTTPResponse
    from urllib.request import OpenerDirector

USER_AGENT = f"faq/{__version__} (FAQ content pipeline; Python urllib)"
DEFAULT_TIMEOUT = 20.0
MAX_TIMEOUT = 3600.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 10
SCHEMES = ("http", "https")
# Media types faq reads, and the suffix that picks their reader in raw/.
CONTENT_TYPES = {"text/html": ".html", "application/xhtml+xml": ".xhtml", "text/plain": ".txt"}
SNAPSHOT_SUFFIXES = tuple(sorted(set(CONTENT_TYPES.values())))
SIDECAR_SUFFIX = ".fetch.json"
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
CHUNK_BYTES = 64 * 1024
# Browsers look for <meta charset> in the first 1024 bytes only.
META_PRESCAN_BYTES = 1024

_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
    "Accept-Encoding": "identity",
}
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_QUERY_SAFE = _PATH_SAFE + "?"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")
# Schemes that are URLs even without "//" (file:/x, data:..., javascript:...).
_OPAQUE_SCHEMES = {"http", "https", "file", "ftp", "data", "javascript", "mailto"}
_HOST = re.compile(r"[a-z0-9._-]+|[0-9a-f:.]+")
_PAGE_EXTENSION = re.compile(r"\.(?:html?|xhtml|php|aspx?|jsp|txt)$", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$")
_SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "kib": 1024, "kb": 1000, "m": 1024 ** 2, "mib": 1024 ** 2,
               "mb": 1000 ** 2, "g": 1024 ** 3, "gib": 1024 ** 3, "gb": 1000 ** 3}


class FetchError(InputError):
    """A page that could not be fetched. Its path is the URL, so that the message
    names it; the hint says what to do."""


@dataclass(frozen=True)
class FetchLimits:
    """How far one fetch may go. ``timeout`` bounds the whole fetch of one URL,
    redirects included, not each network operation."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = MAX_REDIRECTS

    @classmethod
    def from_config(cls, table: dict[str, Any], timeout: float | None = None,
                    max_bytes: int | None = None) -> "FetchLimits":
        """The limits of the [ingest] table, overridden by command-line options."""
        return cls(timeout=float(timeout if timeout is not None else table.get("timeout", DEFAULT_TIMEOUT)),
                   max_bytes=max_bytes if max_bytes is not None else parse_size(
                       table.get("max_bytes", DEFAULT_MAX_BYTES)))


@dataclass(frozen=True)
class FetchRecord:
    """The sidecar raw/<snapshot>.fetch.json: where the snapshot came from and what
    the server said. ``content_type`` is the header as sent; ``charset`` is its
    charset under Python's name for it (Latin-1 and ASCII labels as windows-1252,
    as browsers read them), or None when it declared none Python knows."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    fetched_at: str
    sha256: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def same_response(self, other: "FetchRecord") -> bool:
        """Whether two fetches got the same page: everything but the time."""
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(self) if f.name != "fetched_at")

    @classmethod
    def from_json(cls, text: str, display: str) -> "FetchRecord":
        hint = "delete it and fetch the page again with `faq ingest --refresh`"
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise InputError(f"fetch record is not valid JSON: {exc}", display, hint=hint) from None
        if not isinstance(data, dict):
            raise InputError("fetch record is not a JSON object", display, hint=hint)
        record = {}
        for item in fields(cls):
            value = data.get(item.name)
            expected = int if item.name == "status" else str
            if not isinstance(value, expected) and not (item.name == "charset" and value is None):
                raise InputError(f"fetch record has no valid '{item.name}'", display, hint=hint)
            record[item.name] = value
        try:
            scheme = urllib.parse.urlsplit(record["url"]).scheme
        except ValueError:  # "http://[x": urllib refuses it outright
            scheme = ""
        if scheme not in SCHEMES:
            raise InputError("fetch record's url is not an http or https URL", display, hint=hint)
        return cls(**record)


@dataclass(frozen=True)
class Page:
    """A fetched page: its bytes as served, the record of the fetch, and the suffix
    its snapshot gets (which picks the reader)."""

    body: bytes
    record: FetchRecord
    suffix: str


# -- URLs ----------------------------------------------------------------------

def is_url(text: str) -> bool:
    """Whether a SOURCE names a URL rather than a file: it starts with a scheme
    ("https://", "ftp://", "file:", ...). Such a SOURCE is never read as a path,
    so that `faq ingest file:///etc/passwd` is refused rather than read."""
    match = _SCHEME.match(text.strip())
    if not match:
        return False
    return text.strip()[match.end():].startswith("//") or match.group(1).lower() in _OPAQUE_SCHEMES


def normalize_url(url: str) -> str:
    """The URL in the one form faq stores and compares: http or https only, the host
    in lower case (IDNA for other scripts), no default port, no fragment, unsafe
    characters escaped. Raises FetchError for anything else."""
    text = url.strip()
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"not a valid URL ({exc})", url) from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        hint = "give the file's path instead" if scheme == "file" else "save the page and ingest the file"
        raise FetchError(f"only http and https URLs are fetched, not {scheme or 'scheme-less'} URLs", url,
                         hint=hint)
    if not parts.hostname:
        raise FetchError("not a valid URL: it names no host", url)
    if parts.username is not None or parts.password is not None:
        raise FetchError("URLs with a user name or password are not fetched", url,
                         hint="the URL is stored in raw/ and clean/; give a public address")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(f"not a valid host name: {parts.hostname}", url) from None
    if not _HOST.fullmatch(host):
        raise FetchError(f"not a valid host name: {parts.hostname}", url)
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != {"http": 80, "https": 443}[scheme]:
        netloc += f":{port}"
    path = urllib.parse.quote(parts.path or "/", safe=_PATH_SAFE)
    query = urllib.parse.quote(parts.query, safe=_QUERY_SAFE)
    return urllib.parse.urlunsplit((scheme, netloc, path, query, ""))


# -- fetching ------------------------------------------------------------------

def fetch(url: str, limits: FetchLimits = FetchLimits()) -> Page:
    """Fetch one page. Raises FetchError, naming ``url``, for every way it can fail.

    The work runs in a worker thread joined with the deadline: socket timeouts
    alone bound neither name resolution nor a server that sends one byte at a
    time. A worker left behind stops at its next chunk and writes nothing.
    """
    url = normalize_url(url)
    outcome: dict[str, Any] = {}
    stop = threading.Event()

    def work() -> None:
        try:
            outcome["page"] = _fetch(url, limits, stop)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="faq-fetch", daemon=True)
    worker.start()
    worker.join(limits.timeout)
    if worker.is_alive():
        stop.set()
        raise _timed_out(url, limits)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["page"]


def _fetch(url: str, limits: FetchLimits, stop: threading.Event) -> Page:
    opener = _opener()
    current, visited = url, {url}
    for _hop in range(limits.max_redirects + 1):
        response = _open(opener, current, url, limits)
        with response:
            status = response.status
            if status in REDIRECT_CODES:
                current = _redirect_target(response, current, url)
                if current in visited:
                    raise FetchError(f"redirect loop: redirected back to {current}", url,
                                     hint="the site's redirects go in a circle; check the address in a browser")
                visited.add(current)
                continue
            if not 200 <= status < 300:
                raise _http_error(status, response.reason, url)
            content_type = response.headers.get("Content-Type")
            media = (content_type or "").split(";")[0].strip().lower()
            if media not in CONTENT_TYPES:
                raise FetchError(f"not an HTML page ({'content type ' + media if media else 'no content type'})", url,
                                 hint="faq fetches HTML and plain-text pages; save other documents as "
                                      "text and ingest the file")
            encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
            if encoding != "identity":
                raise FetchError(f"the server sent {encoding}-compressed content although faq asked for none",
                                 url, hint="save the page from a browser and ingest the file")
            body = _read_body(response, url, limits, stop)
            charset = _known_encoding(response.headers.get_content_charset()) if content_type else None
            record = FetchRecord(url=url, final_url=current, status=status, content_type=content_type or "",
                                 charset=charset, fetched_at=_now(), sha256=hashlib.sha256(body).hexdigest())
            return Page(body=body, record=record, suffix=CONTENT_TYPES[media])
    raise FetchError(f"redirected more than {limits.max_redirects} times (last to {current})", url,
                     hint="check the address in a browser")


def _opener() -> OpenerDirector:
    """An opener for http and https only, without urllib's redirect handler (this
    module follows redirects itself, checking each hop) and without its error
    processor (an HTTP error status is an answer to report, not an exception)."""
    import ssl
    import urllib.request

    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(),
                    urllib.request.HTTPHandler(),
                    urllib.request.HTTPSHandler(context=ssl.create_default_context())):
        opener.add_handler(handler)
    return opener


def _open(opener: OpenerDirector, address: str, url: str, limits: FetchLimits) -> HTTPResponse:
    import http.client
    import socket
    import ssl
    import urllib.error
    import urllib.request

    parts = urllib.parse.urlsplit(address)
    host = parts.hostname or address
    where = f"{host}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    try:
        return opener.open(urllib.request.Request(address, headers=_HEADERS), timeout=limits.timeout)
    except urllib.error.URLError as exc:
        reason = exc.reason
    except (OSError, http.client.HTTPException) as exc:
        reason = exc
    if isinstance(reason, socket.gaierror):
        raise FetchError(f"could not resolve host {host}", url,
                         hint="check the address, and that this computer is online") from None
    if isinstance(reason, ConnectionRefusedError):
        raise FetchError(f"connection refused by {where}", url,
                         hint="check the address and port; the server may be down") from None
    if isinstance(reason, TimeoutError):
        raise _timed_out(url, limits) from None
    if isinstance(reason, ssl.SSLCertVerificationError):
        raise FetchError(f"the TLS certificate of {host} could not be verified ({reason.verify_message})",
                         url, hint="check the address; faq does not fetch from sites it cannot verify") from None
    if isinstance(reason, http.client.HTTPException):
        raise FetchError(f"{host} sent an invalid HTTP response ({type(reason).__name__})", url,
                         hint="try again later") from None
    text = getattr(reason, "strerror", None) or str(reason)
    raise FetchError(f"could not connect to {where}: {text}", url, hint="try again later") from None


def _redirect_target(response: HTTPResponse, current: str, url: str) -> str:
    location = response.headers.get("Location")
    if not location:
        raise FetchError(f"HTTP {response.status} redirect without a Location header", url,
                         hint="the site is misconfigured; check the address in a browser")
    try:
        target = urllib.parse.urljoin(current, location.strip())
        scheme = urllib.parse.urlsplit(target).scheme.lower()
    except ValueError as exc:  # a server's Location that urllib cannot parse ("http://[x")
        raise FetchError(f"redirected to {location.strip()!r}, which is not a valid URL ({exc})", url,
                         hint="the site is misconfigured; check the address in a browser") from None
    if scheme not in SCHEMES:
        raise FetchError(f"redirected to a {scheme}: URL, refused", url,
                         hint="faq follows redirects to http and https only")
    try:
        return normalize_url(target)
    except FetchError as exc:
        raise FetchError(f"redirected to {target!r}: {exc.message}", url, hint=exc.hint) from None


def _read_body(response: HTTPResponse, url: str, limits: FetchLimits, stop: threading.Event) -> bytes:
    """The body, read a chunk at a time; past the limit reading stops, so that no
    response is ever held in memory beyond it."""
    import http.client

    length = response.headers.get("Content-Length", "").strip()
    if length.isdigit() and int(length) > limits.max_bytes:
        raise _too_large(url, limits)
    chunks: list[bytes] = []
    size = 0
    try:
        while not stop.is_set():
            chunk = response.read1(CHUNK_BYTES)
            if not chunk:
                break
            size += len(chunk)
            if size > limits.max_bytes:
                raise _too_large(url, limits)
            chunks.append(chunk)
    except TimeoutError:
        raise _timed_out(url, limits) from None
    except (http.client.HTTPException, OSError) as exc:
        raise _cut_off(url, type(exc).__name__) from None
    if length.isdigit() and size < int(length) and not stop.is_set():
        raise _cut_off(url, f"{size} of {length} bytes")
    return b"".join(chunks)


def _cut_off(url: str, detail: str) -> FetchError:
    return FetchError(f"the connection broke before the whole page arrived ({detail})", url,
                      hint="try again later")


def _http_error(status: int, reason: str, url: str) -> FetchError:
    if status in (404, 410):
        hint = "check the address; the page may have moved"
    elif status in (401, 403):
        hint = "the page is not public; save it from a browser and ingest the file"
    elif status == 429:
        hint = "the site limits requests; try again later"
    elif status >= 500:
        hint = "the server failed; try again later"
    else:
        hint = None
    try:
        reason = HTTPStatus(status).phrase  # the standard wording, however the server spells it
    except ValueError:
        pass
    return FetchError(f"HTTP {status} {reason}".strip(), url, hint=hint)


def _timed_out(url: str, limits: FetchLimits) -> FetchError:
    return FetchError(f"timed out after {limits.timeout:g} s", url,
                      hint="try again later, or allow more time with --timeout or ingest.timeout")


def _too_large(url: str, limits: FetchLimits) -> FetchError:
    return FetchError(f"larger than {format_size(limits.max_bytes)}", url,
                      hint="raise ingest.max_bytes or --max-bytes, or save the page and ingest the file")


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# -- character sets ------------------------------------------------------------

def detect_charset(body: bytes, header_charset: str | None, html: bool = True) -> tuple[str | None, str]:
    """The encoding of a fetched page and what declared it, decided as browsers
    decide: a byte-order mark first, then the Content-Type header's charset, then
    (HTML only) a <meta> declaration in the first 1024 bytes. Labels Python does
    not know are skipped. Returns (None, "none") when nothing declares one."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name, "bom"
    declared = _known_encoding(header_charset)
    if declared:
        return declared, "header"
    if html:
        for match in _META_CHARSET.finditer(body[:META_PRESCAN_BYTES]):
            declared = _known_encoding(match.group(1).decode("ascii"))
            if declared:
                # A page that reached us as bytes cannot be UTF-16 without a BOM.
                return ("utf-8" if declared.startswith("utf-16") else declared), "meta"
    return None, "none"


def text_for_reader(body: bytes, header_charset: str | None) -> bytes:
    """The bytes the text reader is given for a page served as text/plain. That
    reader reads UTF-8 (or text with a BOM); a page the server declared in another
    charset is re-encoded as UTF-8 in memory. The snapshot keeps the bytes as
    served. Bytes that do not decode are passed on, for the reader to name."""
    encoding, origin = detect_charset(body, header_charset, html=False)
    if origin != "header" or encoding == "utf-8":
        return body
    try:
        return body.decode(encoding).encode("utf-8")
    except UnicodeDecodeError:
        return body


def _known_encoding(label: str | None) -> str | None:
    """Python's name for a charset label, or None when it knows no such charset.
    Latin-1 and ASCII labels mean windows-1252, as they do in every browser."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("'\"")).name
    except LookupError:
        return None
    return "cp1252" if name in ("iso8859-1", "latin-1", "ascii") else name


# -- snapshots in raw/ ---------------------------------------------------------

def sidecar_path(snapshot: Path) -> Path:
    return snapshot.with_name(snapshot.name + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    """Whether a file in raw/ is a fetch record rather than a source."""
    return path.name.endswith(SIDECAR_SUFFIX)


def read_record(snapshot: Path, display: str) -> FetchRecord | None:
    """The fetch record of a file in raw/, or None when it has none (a file that
    was not fetched). ``display`` is the snapshot as messages show it."""
    sidecar = sidecar_path(snapshot)
    try:
        text = sidecar.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the fetch record: {exc}", display + SIDECAR_SUFFIX) from None
    return FetchRecord.from_json(text, display + SIDECAR_SUFFIX)


def snapshot_index(raw_dir: Path) -> dict[str, Path]:
    """The snapshots in raw/ by the URL their records hold, so that a URL fetched
    once is found again wherever its name came to be. Unreadable records are
    skipped here and reported when their snapshot is ingested."""
    index: dict[str, Path] = {}
    if not raw_dir.is_dir():
        return index
    for sidecar in sorted(raw_dir.glob("*" + SIDECAR_SUFFIX)):
        snapshot = sidecar.with_name(sidecar.name[: -len(SIDECAR_SUFFIX)])
        url = _recorded_url(sidecar)
        if url and snapshot.is_file():
            index.setdefault(url, snapshot)
    return index


def snapshot_path(raw_dir: Path, url: str, suffix: str) -> Path:
    """Where the first snapshot of ``url`` goes: raw/<slug of host and path><suffix>
    (https://example.com/help/faq gives raw/example-com-help-faq.html). The slug
    holds only a-z, 0-9 and "-", so no URL can name a path outside raw/. When
    another file of raw/ has that name (a different URL with the same slug, or a
    file that was not fetched), a short hash of the URL is added."""
    base = _slug_of(url)
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
    for name in (base, f"{base}-{digest[:8]}", f"{base}-{digest[:16]}"):
        if _name_is_free(raw_dir, name, url):
            return raw_dir / f"{name}{suffix}"
    return raw_dir / f"{base}-{digest}{suffix}"


def _slug_of(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    path = _PAGE_EXTENSION.sub("", urllib.parse.unquote(parts.path))
    return slug(" ".join(part for part in (parts.netloc, path, urllib.parse.unquote(parts.query)) if part))


def _name_is_free(raw_dir: Path, name: str, url: str) -> bool:
    """No file of raw/ has this name, whatever its suffix (they would share a
    collection), except a record of this very URL whose snapshot was never written."""
    if (raw_dir / name).exists():
        return False
    for path in raw_dir.glob(glob.escape(name) + ".*"):
        if not (is_sidecar(path) and _recorded_url(path) == url):
            return False
    return True


def _recorded_url(sidecar: Path) -> str | None:
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    url = data.get("url") if isinstance(data, dict) else None
    return url if isinstance(url, str) else None


# -- limits --------------------------------------------------------------------

def parse_size(value: int | str) -> int:
    """A size in bytes from a number of bytes or a text such as "10 MiB", "500KiB"
    or "2MB" (K, M and G alone mean KiB, MiB and GiB). Raises ValueError."""
    wanted = "must be a number of bytes or a size such as \"10 MiB\""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(wanted)
    if isinstance(value, int):
        size = value
    else:
        match = _SIZE.match(value)
        unit = match.group(2).lower() if match else None
        if match is None or unit not in _SIZE_UNITS:
            raise ValueError(f"{wanted}, not {value!r}")
        size = int(float(match.group(1)) * _SIZE_UNITS[unit])
    if size < 1:
        raise ValueError("must be at least 1 byte")
    return size


def check_timeout(value: Any) -> float:
    """A timeout in seconds: a number above 0 and at most an hour. Raises ValueError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0 < value <= MAX_TIMEOUT:
        raise ValueError(f"must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}")
    return float(value)


def format_size(size: int) -> str:
    """A size as people read it: "10 MiB", "1.5 KiB", "312 bytes"."""
    for unit, factor in (("GiB", 1024 ** 3), ("MiB", 1024 ** 2), ("KiB", 1024)):
        if size >= factor:
            amount = size / factor
            return f"{amount:g} {unit}" if amount == int(amount) else f"{amount:.1f} {unit}"
    return f"{size} bytes"
